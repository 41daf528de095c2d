"""Open a PDF and turn every page into text lines and table grids."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfplumber.page import Page as PlumberPage

from ..errors import CadthkitError, InputError, LimitError
from ..limits import DEFAULT_LIMITS, Deadline, Limits, check_file
from . import pdfium_reader
from .grids import edges_to_grids
from .layout import Glyph, Grid, Line, Page
from .lines import glyphs_to_lines
from .pdfium_reader import PageSource
from .superscripts import mark_superscripts
from .tables import camelot_grids


def _glyphs(page: PlumberPage) -> list[Glyph]:
    glyphs = [
        Glyph(
            text=c["text"],
            x0=c["x0"],
            x1=c["x1"],
            top=c["top"],
            bottom=c["bottom"],
            size=round(c["size"], 2),
            bold="bold" in c["fontname"].lower(),
            stream=i,
        )
        for i, c in enumerate(page.chars)
        if c.get("upright", True)
    ]
    # Browser engines draw list bullets as small filled discs, not glyphs.
    n = len(glyphs)
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


def _inside(g: Glyph, grid: Grid | None = None, box: tuple[float, ...] | None = None) -> bool:
    x0, top, x1, bottom = box if box else (grid.x0, grid.top, grid.x1, grid.bottom)  # type: ignore[union-attr]
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _plumber_source(page: PlumberPage, number: int, limits: Limits) -> PageSource:
    if len(page.chars) > limits.max_chars_per_page:
        raise _too_many_chars(number, len(page.chars), limits)
    edges = list(page.edges) if (page.rects or page.lines) else []
    return PageSource(number, float(page.width), float(page.height), _glyphs(page), edges)


def _too_many_chars(number: int, count: int, limits: Limits) -> LimitError:
    return LimitError(
        None,
        f"page {number} has {count:,} characters "
        f"(limit {limits.max_chars_per_page:,}; see --max-chars-per-page)",
    )


def _fill_cells(grid: Grid, glyphs: list[Glyph]) -> None:
    """Read the lines of every cell; glyphs are bucketed by row band first (cells × glyphs
    containment tests were a fifth of the run time)."""
    glyphs = sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2)
    centres = [(g.top + g.bottom) / 2 for g in glyphs]
    for row in grid.rows:
        for cell in row:
            if cell is None:
                continue
            lo = bisect.bisect_left(centres, cell.top)
            hi = bisect.bisect_right(centres, cell.bottom)
            box = (cell.x0, cell.top, cell.x1, cell.bottom)
            mine = [g for g in glyphs[lo:hi] if _inside(g, box=box)]
            mine.sort(key=lambda g: g.stream)
            cell.lines = glyphs_to_lines(mine, grid.page)


def _build_page(source: PageSource, grids: list[Grid] | None) -> Page:
    """Mark superscripts, find the grids, and read lines inside each cell and outside tables."""
    number = source.number
    glyphs = mark_superscripts(source.glyphs)
    if grids is None:
        grids = edges_to_grids(source.edges, source.width, number, glyphs, source.height)
    outside = glyphs
    for grid in grids:
        inside = [g for g in outside if _inside(g, grid)]
        outside = [g for g in outside if not _inside(g, grid)]
        _fill_cells(grid, inside)
    return Page(number, source.width, source.height, glyphs_to_lines(outside, number), grids)


_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+of\s+\d+)?$", re.I)


def _in_margin(line: Line, page: Page) -> bool:
    return line.top < 60 or line.bottom > page.height - 50


def _strip_furniture(pages: list[Page]) -> None:
    """Drop running headers and page numbers: short lines in the margins that repeat.

    A header is recognised line by line, or as a whole block when a page wraps it differently
    (a landscape page fits the same header on fewer lines).
    """
    if len(pages) < 3:
        return
    counts: Counter[str] = Counter()
    blocks: Counter[str] = Counter()
    for page in pages:
        top = [ln.text for ln in page.lines if ln.top < 60]
        blocks[" ".join(top)] += bool(top)
        for line in page.lines:
            if _in_margin(line, page):
                counts[line.text] += 1
    least = max(2, len(pages) // 3)
    repeated = {t for t, n in counts.items() if n >= least}
    headers = {t for t, n in blocks.items() if t and n >= least}
    for page in pages:
        top_block = " ".join(ln.text for ln in page.lines if ln.top < 60)
        page.lines = [
            ln
            for ln in page.lines
            if not (
                _in_margin(ln, page)
                and (
                    ln.text in repeated
                    or _PAGE_NUMBER.match(ln.text)
                    or (ln.top < 60 and top_block in headers)
                )
            )
        ]


def _cause_name(exc: BaseException) -> str:
    while exc.__cause__ is not None or (exc.args and isinstance(exc.args[0], BaseException)):
        exc = exc.__cause__ or exc.args[0]
    return type(exc).__name__


def _is_encrypted(path: Path, exc: BaseException) -> bool:
    text = f"{type(exc).__name__} {exc} {_cause_name(exc)}".lower()
    if "password" in text or "encrypt" in text:
        return True
    try:
        return b"/Encrypt" in path.read_bytes()
    except OSError:
        return False


def _check_input(path: Path, limits: Limits) -> None:
    """Clear errors for the ways a path can fail to be a usable PDF, before any parser runs."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a PDF file")
    if not path.is_file():
        raise InputError(path, "is not a regular file (device, pipe or socket)")
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise InputError(path, "is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise InputError(path, "is not a PDF (no %PDF header)")
    check_file(path, limits)


def open_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _is_encrypted(path, exc):
            raise InputError(path, "is encrypted (password protected)") from None
        raise InputError(path, f"is damaged or truncated ({_cause_name(exc)})") from None
    return pdf


READERS = ("pdfium", "pdfplumber")


def read_document(
    path: str | Path,
    limits: Limits = DEFAULT_LIMITS,
    table_engine: str = "pdfplumber",
    reader: str = "pdfium",
) -> list[Page]:
    """Read every page of the PDF at `path` into lines and grids.

    `reader` picks who reads characters and ruling lines: PDFium (fast, default) or pdfplumber
    (pdfminer); both feed the same pdfplumber table algorithm and the same parsers.
    """
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(map(repr, READERS))}, not {reader!r}")
    path = Path(path)
    deadline = Deadline(path, limits.timeout_s)
    _check_input(path, limits)
    doc = None
    if reader == "pdfium":
        try:
            doc = pdfium_reader.open_document(path)
        except InputError as exc:
            if "encrypted" in exc.problem:
                raise
            # PDFium refuses some damaged files that pdfminer recovers: fall back to it.
    if doc is not None:
        try:
            sources = _pdfium_sources(doc, path, limits)
            pages = _build_pages(path, sources, len(doc), limits, deadline, table_engine)
        finally:
            doc.close()
    else:
        pdf = open_pdf(path, limits)
        with pdf:
            try:
                n = len(pdf.pages)
            except Exception as exc:
                raise InputError(path, f"is damaged ({type(exc).__name__})") from None
            sources = _plumber_sources(pdf, limits)
            pages = _build_pages(path, sources, n, limits, deadline, table_engine)
    _strip_furniture(pages)
    return pages


def _plumber_sources(pdf: pdfplumber.PDF, limits: Limits) -> Iterator[PageSource]:
    for i, page in enumerate(pdf.pages, start=1):
        try:
            yield _plumber_source(page, i, limits)
        finally:
            page.close()


def _pdfium_sources(doc, path: Path, limits: Limits) -> Iterator[PageSource]:
    for index in range(len(doc)):
        yield pdfium_reader.read_page(doc, index, limits.max_chars_per_page)


def _build_pages(
    path: Path,
    sources: Iterator[PageSource],
    n: int,
    limits: Limits,
    deadline: Deadline,
    table_engine: str,
) -> list[Page]:
    if n == 0:
        raise InputError(path, "has no pages")
    if n > limits.max_pages:
        raise LimitError(path, f"has {n} pages (limit {limits.max_pages}; see --max-pages)")
    external: dict[int, list[Grid]] | None = None
    pages: list[Page] = []
    i = 0
    try:
        for i, source in enumerate(sources, start=1):
            if table_engine == "camelot" and external is None:
                external = camelot_grids(str(path))
            grids = None if external is None else external.get(i, [])
            pages.append(_build_page(source, grids))
            deadline.check(f"stopped after page {i} of {n}")
    except pdfium_reader.TooManyChars as exc:
        raise LimitError(path, _too_many_chars(exc.page, exc.count, limits).problem) from None
    except LimitError as exc:
        raise LimitError(path, exc.problem) from None
    except CadthkitError:
        raise
    except MemoryError:
        raise LimitError(path, f"ran out of memory on page {i + 1}; see --max-memory-mb") from None
    except RecursionError:
        raise InputError(path, f"page {i + 1} nests too deeply to read (damaged?)") from None
    except Exception as exc:
        raise InputError(path, f"page {i + 1} cannot be read ({_cause_name(exc)})") from None
    return pages


def all_lines(pages: list[Page]) -> list[Line]:
    return [line for page in pages for line in page.lines]
