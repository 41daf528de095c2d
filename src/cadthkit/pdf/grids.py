"""Ruling edges → table grids.

Three shapes of ruling are read:
- lattice tables (every cell bordered): pdfplumber's table algorithm (merge edges,
  intersections, cells, tables; our copy of it in `lattice`) run on edges from either reader.
  A row that a page break splits has no closing border on the page where it stops (browser
  engines), so the table's vertical rules are closed off with horizontal lines where they end;
  otherwise the open row would be dropped.
- lone bordered boxes (a flow-diagram box, a "Key Messages" panel): one-cell grids, so that the
  text inside a box is read apart from text beside it on the same baseline. The parsers decide
  what a box is; it is never a table row.
- rule tables (2021 template): horizontal rules only, no vertical lines, with shaded header
  cells. Columns come from the sides of the shaded cells; a band between two rules that is
  shaded across the whole width with no inner side is a merged section row.
"""

from __future__ import annotations

import itertools

from .lattice import (
    bbox,
    cells_to_tables,
    find_cells,
    long_enough,
    make_edge,
    merge_edges,
    table_rows,
)
from .layout import Cell, Edge, Glyph, Grid

__all__ = ["Edge", "edges_to_grids", "make_edge", "rect_edges"]

TOLERANCE = 3  # pdfplumber's defaults for snapping, joining and intersecting
MIN_BOX = 12.0  # a lone box smaller than this (either side) is an underline or a bullet
MIN_RULE = 100.0  # a table rule is at least this long
SNAP = 2.0  # positions closer than this are one rule or one column side


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [
        make_edge(x0, top, x1, top, "h"),
        make_edge(x0, bottom, x1, bottom, "h"),
        make_edge(x0, top, x0, bottom, "v"),
        make_edge(x1, top, x1, bottom, "v"),
    ]


def _closing_lines(edges: list[Edge], width: float) -> list[Edge]:
    verticals = [e for e in edges if e.orientation == "v" and e.length > 8]
    if not verticals:
        return []
    top = min(e.top for e in verticals)
    bottom = max(e.bottom for e in verticals)
    return [make_edge(0, y, width, y, "h") for y in (top, bottom)]


def _lattice(edges: list[Edge], page_width: float, number: int) -> list[Grid]:
    merged = long_enough(merge_edges(edges + _closing_lines(edges, page_width), TOLERANCE), 3)
    cells = find_cells(merged, TOLERANCE)
    grids: list[Grid] = []
    in_tables: set[tuple[float, float, float, float]] = set()
    for group in cells_to_tables(cells):
        in_tables.update(group)
        rows = [[Cell(*c) if c is not None else None for c in row] for row in table_rows(group)]
        if rows:
            x0, top, x1, bottom = bbox(group)
            grids.append(Grid(number, x0, top, x1, bottom, rows))
    for c in cells:  # pdfplumber drops one-cell tables: keep them as lone boxes
        x0, top, x1, bottom = c
        lone = c not in in_tables and x1 - x0 >= MIN_BOX and bottom - top >= MIN_BOX
        if lone and not any(_within((x0, top, x1, bottom), g) for g in grids):
            grids.append(Grid(number, x0, top, x1, bottom, [[Cell(x0, top, x1, bottom)]]))
    return grids


def _within(box: tuple[float, float, float, float], grid: Grid) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 >= grid.x0 - SNAP
        and x1 <= grid.x1 + SNAP
        and top >= grid.top - SNAP
        and bottom <= grid.bottom + SNAP
    )


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _rule_tables(
    edges: list[Edge], lattice: list[Grid], number: int
) -> tuple[list[Grid], list[Grid]]:
    """Tables ruled by horizontal lines only; columns from the sides of shaded cells. Also the
    lone shaded header rows, which are rule tables only if a row cut by the page break follows.

    Rules that all lie inside lattice tables are those tables' borders (two bordered tables
    of one width stacked on a page look like one rule table with a gap band), so a rule table
    needs a rule of its own.
    """
    # Browser engines draw a rule as one thin filled rectangle per cell: join the pieces.
    edges = merge_edges(edges, TOLERANCE)
    long_h = [e for e in edges if e.orientation == "h" and e.length >= MIN_RULE]
    verticals = [e for e in edges if e.orientation == "v"]
    spans: list[tuple[float, float, list[float]]] = []
    for e in sorted(long_h, key=lambda e: (e.x0, e.x1)):
        x0, x1, y = e.x0, e.x1, e.top
        for k, (sx0, sx1, ys) in enumerate(spans):
            if abs(sx0 - x0) <= TOLERANCE and abs(sx1 - x1) <= TOLERANCE:
                ys.append(y)
                spans[k] = (min(sx0, x0), max(sx1, x1), ys)
                break
        else:
            spans.append((x0, x1, [y]))
    grids: list[Grid] = []
    headers: list[Grid] = []
    for x0, x1, ys in spans:
        rules = _snap(ys)
        if len(rules) < 2 or all(_in_lattice(x0, x1, y, lattice) for y in rules):
            continue
        tables, heads = _rule_grids(x0, x1, rules, verticals, number)
        grids += tables
        headers += heads
    return grids, headers


def _in_lattice(x0: float, x1: float, y: float, lattice: list[Grid]) -> bool:
    return any(
        len(g.rows) > 1
        and len(g.rows[0]) > 1
        and g.x0 - SNAP <= x0
        and x1 <= g.x1 + SNAP
        and g.top - SNAP <= y <= g.bottom + SNAP
        for g in lattice
    )


def _crossing(
    verticals: list[Edge], x0: float, x1: float, top: float, bottom: float
) -> list[float]:
    """x of the vertical edges inside [x0, x1] that cover the band [top, bottom]."""
    return [
        v.x0
        for v in verticals
        if x0 - SNAP <= v.x0 <= x1 + SNAP and v.top <= top + SNAP and v.bottom >= bottom - SNAP
    ]


def _inner(xs: list[float], x0: float, x1: float) -> list[float]:
    return [x for x in xs if x0 + 5 < x < x1 - 5]


def _rule_grids(
    x0: float, x1: float, rules: list[float], verticals: list[Edge], number: int
) -> tuple[list[Grid], list[Grid]]:
    """The rule tables of one width on a page. A band shaded all round with inner sides (a
    header) below the first band starts another table: the band above it is the gap between
    the two (a footnote and the next caption), not a row."""
    bands = list(itertools.pairwise(rules))
    sides = [_crossing(verticals, x0, x1, top, bottom) for top, bottom in bands]
    closed = [
        any(abs(x - x0) <= SNAP for x in xs) and any(abs(x - x1) <= SNAP for x in xs)
        for xs in sides
    ]
    runs: list[list[int]] = [[]]
    for k in range(len(bands)):
        if k > 1 and closed[k] and _inner(sides[k], x0, x1) and runs[-1]:
            runs[-1].pop()
            runs.append([])
        runs[-1].append(k)
    grids: list[Grid] = []
    headers: list[Grid] = []
    for run in runs:
        inner = _snap([x for k in run for x in _inner(sides[k], x0, x1)])
        header = len(run) == 1 and closed[run[0]] and bool(inner)
        if not header and (len(run) < 2 or not inner or all(closed[k] for k in run)):
            continue  # no columns (a stack of boxes), or bordered all round (a lattice)
        columns = [x0, *inner, x1]
        rows: list[list[Cell | None]] = []
        for k in run:
            top, bottom = bands[k]
            if closed[k] and not _inner(sides[k], x0, x1):
                rows.append([Cell(x0, top, x1, bottom), *[None] * (len(columns) - 2)])
            else:
                rows.append([Cell(a, top, b, bottom) for a, b in itertools.pairwise(columns)])
        grid = Grid(number, x0, bands[run[0]][0], x1, bands[run[-1]][1], rows)
        (headers if header else grids).append(grid)
    return grids, headers


FOOTER = 50.0  # page furniture (page numbers) lives this close to the bottom edge
NEAR_BOTTOM = 110.0  # a row cut by the page break runs to within this of the bottom edge


def _lines_below(grid: Grid, glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs under the grid and within its width, grouped by baseline, top to bottom."""
    below = sorted(
        (
            g
            for g in glyphs
            if g.text.strip() and g.top >= grid.bottom - 1 and grid.x0 <= g.x0 and g.x1 <= grid.x1
        ),
        key=lambda g: g.bottom,
    )
    lines: list[list[Glyph]] = []
    for g in below:
        if lines and g.bottom - lines[-1][-1].bottom <= 1.0:
            lines[-1].append(g)
        else:
            lines.append([g])
    return lines


def _close_cut_row(grid: Grid, glyphs: list[Glyph], page_height: float) -> None:
    """A rule table's row that a page break cuts has no rule under it (browser engines draw
    none): its text runs on below the last rule to the bottom of the page. Take that text in
    as a last row when it sits in the table's columns (nothing straddles a column side, as a
    footnote would) and is the last text on the page."""
    lines = _lines_below(grid, glyphs)
    if not lines or lines[0][0].top - grid.bottom > 1.5 * lines[0][0].size:
        return
    block = [lines[0]]
    for line in lines[1:]:
        if line[0].top - block[-1][-1].bottom > 0.8 * line[0].size:
            break
        block.append(line)
    bottom = max(g.bottom for line in block for g in line)
    rest = lines[len(block) :]
    if bottom < page_height - NEAR_BOTTOM or any(
        g.bottom < page_height - FOOTER for line in rest for g in line
    ):
        return
    cells = next((row for row in reversed(grid.rows) if all(c is not None for c in row)), None)
    if cells is None:
        return
    sides = [c.x0 for c in cells[1:] if c is not None]
    used = set()
    for g in (g for line in block for g in line):
        if any(g.x0 < x - 1 and g.x1 > x + 1 for x in sides):
            return
        used.add(sum(g.x0 >= x for x in sides))
    if used == {0}:
        return  # one block under the first column only: a footnote as likely as a row
    top = grid.bottom
    grid.bottom = bottom + 2
    grid.rows.append([Cell(c.x0, top, c.x1, grid.bottom) for c in cells if c is not None])


def edges_to_grids(
    edges: list[Edge],
    page_width: float,
    number: int,
    glyphs: list[Glyph] | None = None,
    page_height: float | None = None,
) -> list[Grid]:
    """Grids of a page from its ruling edges; with its glyphs and height, a rule table's row
    cut by the page break is closed too."""
    edges = long_enough(edges, 1)
    if not edges:
        return []
    lattice = _lattice(edges, page_width, number)
    ruled, headers = _rule_tables(edges, lattice, number)
    if glyphs is not None and page_height is not None:
        for grid in ruled + headers:
            _close_cut_row(grid, glyphs, page_height)
    ruled += [h for h in headers if len(h.rows) > 1]
    grids = [
        g for g in lattice if not any(_within((g.x0, g.top, g.x1, g.bottom), r) for r in ruled)
    ]
    grids += ruled
    grids.sort(key=lambda g: g.top)
    return grids
