"""Ruling edges and bullet discs from a page's path objects, through PDFium, as displayed."""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Callable, Container
from ctypes import c_float
from typing import Any

from . import pdfium_calls as C
from .frame import Frame
from .grids import Edge, make_edge, rect_edges
from .layout import Glyph

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 3  # form XObjects nested deeper than this are not searched for rules


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t,
            e * q + f * s + u)  # fmt: skip


class _Reader:
    def __init__(self, frame: Frame, first_stream: int, skip: Container[int]) -> None:
        self.frame, self.first_stream, self.skip = frame, first_stream, skip
        self.edges: list[Edge] = []
        self.discs: list[Glyph] = []
        self._m = C.FS_MATRIX()
        self._f = [c_float() for _ in range(4)]
        self._at = [ctypes.addressof(f) for f in self._f]

    def matrix(self, obj: int) -> Matrix:
        m = self._m
        if not C.object_matrix(obj, ctypes.addressof(m)):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def objects(
        self, parent: int, count: int, get: Callable[..., Any], outer: Matrix, depth: int
    ) -> None:
        for i in range(count):
            obj = get(parent, i)
            if not obj or obj in self.skip:
                continue
            kind = C.object_type(obj)
            if kind == C.PATH:
                self.path(obj, outer)
            elif kind == C.FORM and depth < MAX_DEPTH:
                inner = _times(self.matrix(obj), outer)
                self.objects(obj, C.form_count(obj), C.form_object, inner, depth + 1)

    def bounds(self, obj: int, outer: Matrix) -> tuple[float, float, float, float]:
        """Display (x0, top, x1, bottom) of the object's bounds."""
        at = self._at
        C.object_bounds(obj, at[0], at[1], at[2], at[3])
        left, bottom, right, top = (f.value for f in self._f)
        if outer is not _IDENTITY:
            xs, ys = [], []
            for x, y in ((left, bottom), (right, top), (left, top), (right, bottom)):
                a, b, c, d, e, f = outer
                xs.append(a * x + c * y + e)
                ys.append(b * x + d * y + f)
            left, bottom, right, top = min(xs), min(ys), max(xs), max(ys)
        return self.frame.box(left, bottom, right, top)

    def path(self, obj: int, outer: Matrix) -> None:
        x0, top, x1, bottom = self.bounds(obj, outer)
        w, h = x1 - x0, bottom - top
        a, b, c, d, e, f = _times(self.matrix(obj), outer)
        point = self.frame.point
        px, py = self._f[0], self._f[1]
        points: list[tuple[int, float, float]] = []
        curved = False
        for k in range(C.count_segments(obj)):
            segment = C.get_segment(obj, k)
            C.segment_point(segment, self._at[0], self._at[1])
            kind = C.segment_type(segment)
            curved = curved or kind == C.BEZIER
            x, y = px.value, py.value
            points.append((kind, *point(a * x + c * y + e, b * x + d * y + f)))
        if curved or not points:
            # Browser engines draw list bullets as small filled discs, not glyphs.
            if 1 < w < 5 and 1 < h < 5 and abs(w - h) < 0.5:
                size = h / 0.3
                mid = (top + bottom) / 2
                stream = self.first_stream + len(self.discs)
                self.discs.append(
                    Glyph("•", x0, x1, mid - size * 0.7, mid + size * 0.3, size, False, stream)
                )
            elif not points:
                self.edges.extend(rect_edges(x0, top, x1, bottom))
            return
        subpaths: list[list[tuple[float, float]]] = []
        for kind, x, y in points:
            if kind == C.MOVETO or not subpaths:
                subpaths.append([])
            subpaths[-1].append((x, y))
        for sub in subpaths:
            xs, ys = {round(p[0], 1) for p in sub}, {round(p[1], 1) for p in sub}
            if len(sub) in (4, 5) and len(xs) == 2 and len(ys) == 2:
                self.edges.extend(rect_edges(min(xs), min(ys), max(xs), max(ys)))
                continue
            for (sx0, sy0), (sx1, sy1) in itertools.pairwise(sub):
                if abs(sy0 - sy1) < 0.5:
                    self.edges.append(make_edge(min(sx0, sx1), sy0, max(sx0, sx1), sy0, "h"))
                elif abs(sx0 - sx1) < 0.5:
                    self.edges.append(make_edge(sx0, min(sy0, sy1), sx0, max(sy0, sy1), "v"))


def edges_and_discs(
    page: int, frame: Frame, first_stream: int, text_objects: Container[int] = ()
) -> tuple[list[Edge], list[Glyph]]:
    """Ruling edges (line segments and rectangle sides) and vector bullet discs of the page.

    `text_objects` are objects known to be text (the glyph reader met them), which need no
    type query: Chromium's pages hold some 2,000 text objects and only dozens of paths."""
    reader = _Reader(frame, first_stream, text_objects)
    reader.objects(page, C.count_objects(page), C.get_object, _IDENTITY, 0)
    return reader.edges, reader.discs
