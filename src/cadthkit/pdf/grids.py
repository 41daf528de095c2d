"""Ruling edges → table grids.

Three shapes of ruling are read:
- lattice tables (every cell bordered): pdfplumber's table algorithm (merge edges,
  intersections, cells, tables) run on edges from either reader. A row that a page break splits
  has no closing border on the page where it stops (browser engines), so the table's vertical
  rules are closed off with horizontal lines where they end; otherwise the open row would be
  dropped.
- lone bordered boxes (a flow-diagram box, a "Key Messages" panel): one-cell grids, so that the
  text inside a box is read apart from text beside it on the same baseline. The parsers decide
  what a box is; it is never a table row.
- rule tables (2021 template): horizontal rules only, no vertical lines, with shaded header
  cells. Columns come from the sides of the shaded cells; a band between two rules that is
  shaded across the whole width with no inner side is a merged section row.
"""

from __future__ import annotations

import itertools

from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from .layout import Cell, Grid

Edge = dict[str, float | str]
TOLERANCE = 3  # pdfplumber's defaults for snapping, joining and intersecting
MIN_BOX = 12.0  # a lone box smaller than this (either side) is an underline or a bullet
MIN_RULE = 100.0  # a table rule is at least this long
SNAP = 2.0  # positions closer than this are one rule or one column side


def make_edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> Edge:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line_edge",
    }


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [
        make_edge(x0, top, x1, top, "h"),
        make_edge(x0, bottom, x1, bottom, "h"),
        make_edge(x0, top, x0, bottom, "v"),
        make_edge(x1, top, x1, bottom, "v"),
    ]


def _closing_lines(edges: list[Edge], width: float) -> list[Edge]:
    verticals = [e for e in edges if e["orientation"] == "v" and float(e["height"]) > 8]
    if not verticals:
        return []
    top = min(float(e["top"]) for e in verticals)
    bottom = max(float(e["bottom"]) for e in verticals)
    return [make_edge(0, y, width, y, "h") for y in (top, bottom)]


def _lattice(edges: list[Edge], page_width: float, number: int) -> list[Grid]:
    merged = merge_edges(
        edges + _closing_lines(edges, page_width), TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE
    )
    merged = filter_edges(merged, min_length=3)
    cells = intersections_to_cells(edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    grids: list[Grid] = []
    in_tables: set[tuple[float, float, float, float]] = set()
    for group in cells_to_tables(cells):
        in_tables.update(group)
        table = Table(None, group)  # type: ignore[arg-type]  # rows and bbox need no page
        rows = [[Cell(*c) if c is not None else None for c in row.cells] for row in table.rows]
        if rows:
            x0, top, x1, bottom = table.bbox
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


def _rule_tables(edges: list[Edge], lattice: list[Grid], number: int) -> list[Grid]:
    """Tables ruled by horizontal lines only; columns from the sides of shaded cells.

    Rules that all lie inside lattice tables are those tables' borders (two bordered tables
    of one width stacked on a page look like one rule table with a gap band), so a rule table
    needs a rule of its own.
    """
    long_h = [e for e in edges if e["orientation"] == "h" and float(e["width"]) >= MIN_RULE]
    verticals = [e for e in edges if e["orientation"] == "v"]
    spans: list[tuple[float, float, list[float]]] = []
    for e in sorted(long_h, key=lambda e: (float(e["x0"]), float(e["x1"]))):
        x0, x1, y = float(e["x0"]), float(e["x1"]), float(e["top"])
        for k, (sx0, sx1, ys) in enumerate(spans):
            if abs(sx0 - x0) <= TOLERANCE and abs(sx1 - x1) <= TOLERANCE:
                ys.append(y)
                spans[k] = (min(sx0, x0), max(sx1, x1), ys)
                break
        else:
            spans.append((x0, x1, [y]))
    grids: list[Grid] = []
    for x0, x1, ys in spans:
        rules = _snap(ys)
        if len(rules) < 3 or all(_in_lattice(x0, x1, y, lattice) for y in rules):
            continue
        grid = _rule_grid(x0, x1, rules, verticals, number)
        if grid is not None:
            grids.append(grid)
    return grids


def _in_lattice(x0: float, x1: float, y: float, lattice: list[Grid]) -> bool:
    return any(
        len(g.rows[0]) > 1
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
        float(v["x0"])
        for v in verticals
        if x0 - SNAP <= float(v["x0"]) <= x1 + SNAP
        and float(v["top"]) <= top + SNAP
        and float(v["bottom"]) >= bottom - SNAP
    ]


def _rule_grid(
    x0: float, x1: float, rules: list[float], verticals: list[Edge], number: int
) -> Grid | None:
    bands = list(itertools.pairwise(rules))
    sides = [_crossing(verticals, x0, x1, top, bottom) for top, bottom in bands]
    inner = _snap([x for xs in sides for x in xs if x0 + 5 < x < x1 - 5])
    closed = [
        any(abs(x - x0) <= SNAP for x in xs) and any(abs(x - x1) <= SNAP for x in xs)
        for xs in sides
    ]
    if not inner or all(closed):
        return None  # no columns (a stack of boxes), or bordered all round (a lattice)
    columns = [x0, *inner, x1]
    rows: list[list[Cell | None]] = []
    for (top, bottom), xs, ends in zip(bands, sides, closed, strict=True):
        if ends and not any(x0 + 5 < x < x1 - 5 for x in xs):
            rows.append([Cell(x0, top, x1, bottom), *[None] * (len(columns) - 2)])
        else:
            rows.append([Cell(a, top, b, bottom) for a, b in itertools.pairwise(columns)])
    return Grid(number, x0, rules[0], x1, rules[-1], rows)


def edges_to_grids(edges: list[Edge], page_width: float, number: int) -> list[Grid]:
    edges = filter_edges(edges, min_length=1)
    if not edges:
        return []
    lattice = _lattice(edges, page_width, number)
    ruled = _rule_tables(edges, lattice, number)
    grids = [
        g for g in lattice if not any(_within((g.x0, g.top, g.x1, g.bottom), r) for r in ruled)
    ]
    grids += ruled
    grids.sort(key=lambda g: g.top)
    return grids
