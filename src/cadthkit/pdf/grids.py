"""Ruling edges → table grids, with pdfplumber's table algorithm (merge edges, intersections,
cells, tables) run on edges from either reader.

A row that a page break splits has no closing border on the page where it stops (browser
engines), so the table's vertical rules are closed off with horizontal lines where they end;
otherwise the open row would be dropped.
"""

from __future__ import annotations

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


def edges_to_grids(edges: list[Edge], page_width: float, number: int) -> list[Grid]:
    edges = filter_edges(edges, min_length=1)
    if not edges:
        return []
    merged = merge_edges(
        edges + _closing_lines(edges, page_width), TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE
    )
    merged = filter_edges(merged, min_length=3)
    cells = intersections_to_cells(edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    grids: list[Grid] = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]  # rows and bbox need no page
        rows = [[Cell(*c) if c is not None else None for c in row.cells] for row in table.rows]
        if rows:
            x0, top, x1, bottom = table.bbox
            grids.append(Grid(number, x0, top, x1, bottom, rows))
    grids.sort(key=lambda g: g.top)
    return grids
