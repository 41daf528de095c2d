"""Ruled tables on one page, via pdfplumber's lines strategy (it got every bordered cell right
on both layout engines; see FIELD-NOTES).

A row that a page break splits has no closing border on the page where it stops (browser
engines), so the table's vertical rules are closed off with explicit horizontal lines where
they end; otherwise pdfplumber drops the open row.
"""

from __future__ import annotations

from pdfplumber.page import Page as PlumberPage

from .layout import Cell, Grid


def _rule_ends(page: PlumberPage) -> list[float]:
    """Top and bottom of the longest-running vertical rules on the page."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 8]
    if not verticals:
        return []
    return [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]


def find_grids(page: PlumberPage, number: int) -> list[Grid]:
    settings = {"explicit_horizontal_lines": _rule_ends(page)}
    grids: list[Grid] = []
    for table in page.find_tables(table_settings=settings):
        rows: list[list[Cell | None]] = []
        for row in table.rows:
            rows.append([Cell(*c) if c is not None else None for c in row.cells])
        if not rows:
            continue
        x0, top, x1, bottom = table.bbox
        grids.append(Grid(number, x0, top, x1, bottom, rows))
    grids.sort(key=lambda g: g.top)
    return grids
