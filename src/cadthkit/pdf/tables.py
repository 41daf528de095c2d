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


def camelot_grids(path: str, page_heights: dict[int, float]) -> dict[int, list[Grid]]:
    """Cell geometry from camelot's lattice flavor (line detection on the rendered page).

    Only the grid is taken from camelot; cell text is read from our own glyph lines, which keeps
    superscripts and bullets (camelot's own cell text loses both).
    """
    try:
        import camelot  # type: ignore[import-untyped]
    except ImportError:
        from ..errors import CadthkitError

        raise CadthkitError(
            None, "the camelot table engine needs the extra: pip install 'cadthkit[camelot]'"
        ) from None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # camelot warns on every page without a table
        tables = camelot.read_pdf(path, pages="all", flavor="lattice")
    out: dict[int, list[Grid]] = {}
    for table in tables:
        number = int(table.page)
        height = page_heights[number]
        rows: list[list[Cell | None]] = []
        for crow in table.cells:
            row: list[Cell | None] = []
            for c in crow:
                prev = next((x for x in reversed(row) if x is not None), None)
                if prev is not None and not c.left:
                    prev.x1 = c.x2  # no rule between: a merged (spanning) cell
                    row.append(None)
                else:
                    row.append(Cell(c.x1, height - c.y2, c.x2, height - c.y1))
            rows.append(row)
        x0, y0, x1, y1 = table._bbox
        out.setdefault(number, []).append(Grid(number, x0, height - y1, x1, height - y0, rows))
    for grids in out.values():
        grids.sort(key=lambda g: g.top)
    return out
