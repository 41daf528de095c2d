"""Ruled tables on one page, via pdfplumber's lines strategy (it got every bordered cell right
on both layout engines; see FIELD-NOTES)."""

from __future__ import annotations

from pdfplumber.page import Page as PlumberPage

from .layout import Cell, Grid


def find_grids(page: PlumberPage, number: int) -> list[Grid]:
    grids: list[Grid] = []
    for table in page.find_tables():
        rows: list[list[Cell | None]] = []
        for row in table.rows:
            rows.append([Cell(*c) if c is not None else None for c in row.cells])
        if not rows:
            continue
        x0, top, x1, bottom = table.bbox
        grids.append(Grid(number, x0, top, x1, bottom, rows))
    grids.sort(key=lambda g: g.top)
    return grids
