"""Glyphs and ruling edges through pdfplumber (pdfminer): the fallback reader.

It is used when PDFium refuses a damaged file that pdfminer recovers, when PDFium meets glyph
codes that its fonts cannot map to text (pdfminer reads an embedded TrueType font's cmap and an
embedded Type 1 font's glyph names to recover them), and on request. pdfminer applies /Rotate
itself, so its coordinates are already as displayed; unlike the PDFium reader, it does not turn
a page whose text runs sideways without /Rotate (such text is left out, as before).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfplumber.page import Page as PlumberPage

from ..errors import InputError
from ..limits import Limits
from .grids import Edge, make_edge
from .layout import Glyph, PageSource, TooManyChars
from .pages import cause_name
from .textfix import clean, repair


def _glyphs(page: PlumberPage) -> list[Glyph]:
    glyphs: list[Glyph] = []
    for i, c in enumerate(page.chars):
        if not c.get("upright", True):
            continue
        g = Glyph(
            text=repair(c["text"]),
            x0=c["x0"],
            x1=c["x1"],
            top=c["top"],
            bottom=c["bottom"],
            size=round(c["size"], 2),
            bold="bold" in c["fontname"].lower(),
            stream=i,
        )
        glyphs.append(g)
    # Browser engines draw list bullets as small filled discs, not glyphs.
    n = len(page.chars)
    for k, curve in enumerate(page.curves):
        w, h = curve["x1"] - curve["x0"], curve["bottom"] - curve["top"]
        if curve.get("fill") and 1 < w < 5 and 1 < h < 5 and abs(w - h) < 0.5:
            size = h / 0.3
            mid = (curve["top"] + curve["bottom"]) / 2
            glyphs.append(
                Glyph(
                    "•",
                    curve["x0"],
                    curve["x1"],
                    mid - size * 0.7,
                    mid + size * 0.3,
                    round(size, 2),
                    False,
                    n + k,
                )
            )
    return glyphs


def _edges(page: PlumberPage) -> list[Edge]:
    """The page's horizontal and vertical edges. On a page with /Rotate, pdfminer's rotated
    coordinates carry float noise (a top 5e-14 above its bottom), which pdfplumber takes for a
    vertical or a diagonal line: edges within half a point of level or plumb are snapped."""
    if not (page.rects or page.lines):
        return []
    edges: list[Edge] = []
    for e in page.edges:
        x0, x1, top, bottom = e["x0"], e["x1"], e["top"], e["bottom"]
        if bottom - top < 0.5 <= x1 - x0:
            y = (top + bottom) / 2
            edges.append(make_edge(x0, y, x1, y, "h"))
        elif x1 - x0 < 0.5:
            x = (x0 + x1) / 2
            edges.append(make_edge(x, top, x, bottom, "v"))
    return edges


def read_page(page: PlumberPage, number: int, limits: Limits) -> PageSource:
    if len(page.chars) > limits.max_chars_per_page:
        raise TooManyChars(number, len(page.chars))
    edges = _edges(page)
    glyphs = _glyphs(page)
    total = len(glyphs)
    bad = clean(glyphs)
    return PageSource(number, float(page.width), float(page.height), glyphs, edges, bad, total)


def open_pdf(path: Path, data: bytes) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        text = f"{type(exc).__name__} {exc} {cause_name(exc)}".lower()
        if "password" in text or "encrypt" in text or b"/Encrypt" in data:
            raise InputError(path, "is encrypted (password protected)") from None
        raise InputError(path, f"is damaged or truncated ({cause_name(exc)})") from None
    return pdf


def page_count(pdf: pdfplumber.PDF, path: Path) -> int:
    try:
        return len(pdf.pages)
    except Exception as exc:
        raise InputError(path, f"is damaged ({type(exc).__name__})") from None


def sources(pdf: pdfplumber.PDF, limits: Limits) -> Iterator[PageSource]:
    for i, page in enumerate(pdf.pages, start=1):
        try:
            yield read_page(page, i, limits)
        finally:
            page.close()
