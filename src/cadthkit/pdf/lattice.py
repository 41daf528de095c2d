"""The lattice table algorithm: ruling edges → snapped and joined lines → intersections → cells
→ tables of rows. It is pdfplumber's algorithm (its `merge_edges`, `edges_to_intersections`,
`intersections_to_cells`, `cells_to_tables` and `Table.rows`, default tolerances), written again
on plain tuples, so that reading a PDF through PDFium never imports pdfplumber and pdfminer
(a tenth to a quarter of a second of start-up) and runs faster per page.

It must give pdfplumber's cells exactly, so the float arithmetic follows pdfplumber's step for
step: a snapped position is `x + (mean - x)`, not `mean`; a joined vertical line's height is its
old height plus the extension. tests/test_lattice.py compares the two on every page of every
fixture and variant.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from .layout import Edge

Box = tuple[float, float, float, float]  # (x0, top, x1, bottom)
Point = tuple[float, float]  # (x, top)


def make_edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> Edge:
    """A horizontal ("h", top == bottom) or vertical ("v", x0 == x1) ruling line."""
    return Edge(x0, top, x1, bottom, orientation, x1 - x0 if orientation == "h" else bottom - top)


def long_enough(edges: Iterable[Edge], min_length: float) -> list[Edge]:
    return [e for e in edges if e.length >= min_length]


def _top(e: Edge) -> float:
    return e.top


def _x0(e: Edge) -> float:
    return e.x0


def _bottom(e: Edge) -> float:
    return e.bottom


def _x1(e: Edge) -> float:
    return e.x1


def _snap(edges: list[Edge], tolerance: float, horizontal: bool) -> list[Edge]:
    """Move lines whose positions chain within `tolerance` of each other to their mean."""
    at = _top if horizontal else _x0
    cluster: dict[float, int] = {}
    last, k = None, -1
    for value in sorted({at(e) for e in edges}):
        if last is None or value > last + tolerance:
            k += 1
        cluster[value] = k
        last = value
    snapped: list[Edge] = []
    ordered = sorted(edges, key=lambda e: cluster[at(e)])
    for _, group in itertools.groupby(ordered, key=lambda e: cluster[at(e)]):
        members = list(group)
        mean = sum(at(e) for e in members) / len(members)
        for e in members:
            d = mean - at(e)
            if horizontal:
                snapped.append(e._replace(top=e.top + d, bottom=e.bottom + d))
            else:
                snapped.append(e._replace(x0=e.x0 + d, x1=e.x1 + d))
    return snapped


def _join(edges: list[Edge], tolerance: float, horizontal: bool) -> list[Edge]:
    """Join the pieces of one line (same position) that touch or overlap within `tolerance`."""
    start, end = (_x0, _x1) if horizontal else (_top, _bottom)
    pieces = sorted(edges, key=start)
    joined = [pieces[0]]
    for e in pieces[1:]:
        last = joined[-1]
        if start(e) <= end(last) + tolerance:
            if end(e) > end(last):
                if horizontal:
                    joined[-1] = last._replace(x1=e.x1, length=e.x1 - last.x0)
                else:
                    grown = last.length + (e.bottom - last.bottom)
                    joined[-1] = last._replace(bottom=e.bottom, length=grown)
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge], tolerance: float) -> list[Edge]:
    """Snap and join: horizontal lines first (by top), then vertical ones (by x0)."""
    merged: list[Edge] = []
    for orientation in ("h", "v"):
        horizontal = orientation == "h"
        mine = [e for e in edges if e.orientation == orientation]
        if not mine:
            continue
        at = _top if horizontal else _x0
        snapped = sorted(_snap(mine, tolerance, horizontal), key=at)
        for _, line in itertools.groupby(snapped, key=at):
            merged += _join(list(line), tolerance, horizontal)
    return merged


def _intersections(edges: list[Edge], tolerance: float) -> dict[Point, tuple[set[Box], set[Box]]]:
    """Every point where a vertical line meets a horizontal one (within `tolerance`), with the
    lines through it (as boxes: pdfplumber tells lines apart by their boxes)."""
    verticals = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontals = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    tops = [h.top for h in horizontals]
    points: dict[Point, tuple[set[Box], set[Box]]] = {}
    for v in verticals:
        # A superset of the candidates by bisection; the exact test below decides.
        lo = bisect.bisect_left(tops, v.top - tolerance - 1)
        hi = bisect.bisect_right(tops, v.bottom + tolerance + 1)
        for h in horizontals[lo:hi]:
            if (
                v.top <= h.top + tolerance
                and v.bottom >= h.top - tolerance
                and v.x0 >= h.x0 - tolerance
                and v.x0 <= h.x1 + tolerance
            ):
                at = points.setdefault((v.x0, h.top), (set(), set()))
                at[0].add((v.x0, v.top, v.x1, v.bottom))
                at[1].add((h.x0, h.top, h.x1, h.bottom))
    return points


def _cells(points: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """For each point (in order), the smallest cell it is the top-left corner of: a point below
    on a shared vertical line, a point to the right on a shared horizontal line, and the corner
    opposite joined to both."""
    ordered = sorted(points)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for p in ordered:
        columns.setdefault(p[0], []).append(p)  # each top to bottom
        rows.setdefault(p[1], []).append(p)  # each left to right
    place = {p: (columns[p[0]].index(p), rows[p[1]].index(p)) for p in ordered}
    cells: list[Box] = []
    for p in ordered:
        down, across = place[p]
        vertical, horizontal = points[p]
        right = [r for r in rows[p[1]][across + 1 :] if not horizontal.isdisjoint(points[r][1])]
        if not right:
            continue
        cell = None
        for b in columns[p[0]][down + 1 :]:
            if vertical.isdisjoint(points[b][0]):
                continue
            for r in right:
                corner = points.get((r[0], b[1]))
                if (
                    corner is not None
                    and not corner[0].isdisjoint(points[r][0])
                    and not corner[1].isdisjoint(points[b][1])
                ):
                    cell = (p[0], p[1], r[0], b[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def find_cells(edges: list[Edge], tolerance: float) -> list[Box]:
    """The cells the (merged) edges enclose, by their top-left corners in order."""
    return _cells(_intersections(edges, tolerance))


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells that share corners, transitively, form a table; tables of two cells or more, top
    to bottom then left to right by their top-left cell."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def table_rows(cells: list[Box]) -> list[list[Box | None]]:
    """Rows top to bottom; in each, one slot per column start in the table (None where no cell
    of the row starts there)."""
    starts = sorted({c[0] for c in cells})
    rows: list[list[Box | None]] = []
    ordered = sorted(cells, key=lambda c: (c[1], c[0]))
    for _, row in itertools.groupby(ordered, key=lambda c: c[1]):
        by_start = {c[0]: c for c in row}
        rows.append([by_start.get(x) for x in starts])
    return rows


def bbox(cells: list[Box]) -> Box:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
