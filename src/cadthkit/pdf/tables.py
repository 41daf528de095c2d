"""The optional camelot table engine: cell geometry from camelot's lattice flavor.

A row that a page break splits has no closing border on the page where it stops (browser
engines), so the table's vertical rules are closed off with explicit horizontal lines where
they end; otherwise pdfplumber drops the open row.
"""

from __future__ import annotations

from .layout import Cell, Grid


def camelot_grids(path: str) -> dict[int, list[Grid]]:
    """Cell geometry from camelot's lattice flavor (line detection on the rendered page).

    Only the grid is taken from camelot; cell text is read from our own glyph lines, which keeps
    superscripts and bullets (camelot's own cell text loses both).
    """
    try:
        import camelot
    except ImportError:
        from ..errors import CadthkitError

        raise CadthkitError(
            None, "the camelot table engine needs the extra: pip install 'cadthkit[camelot]'"
        ) from None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # camelot warns on every page without a table
        tables = camelot.read_pdf(path, pages="all", flavor="lattice")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        heights = {i + 1: doc[i].get_height() for i in range(len(doc))}
    finally:
        doc.close()
    out: dict[int, list[Grid]] = {}
    for table in tables:
        number = int(table.page)
        height = heights[number]
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
