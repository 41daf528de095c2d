"""Open a PDF and turn every page into text lines and table grids."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber
from pdfplumber.page import Page as PlumberPage

from ..errors import InputError, LimitError
from ..limits import DEFAULT_LIMITS, Deadline, Limits, check_file
from .layout import Glyph, Grid, Line, Page
from .lines import glyphs_to_lines
from .superscripts import mark_superscripts
from .tables import camelot_grids, find_grids


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


def _read_page(
    page: PlumberPage, number: int, limits: Limits, grids: list[Grid] | None = None
) -> Page:
    if len(page.chars) > limits.max_chars_per_page:
        raise LimitError(
            None,
            f"page {number} has {len(page.chars):,} characters "
            f"(limit {limits.max_chars_per_page:,}; see --max-chars-per-page)",
        )
    glyphs = mark_superscripts(_glyphs(page))
    if grids is None:
        grids = find_grids(page, number) if (page.rects or page.lines) else []
    outside = glyphs
    for grid in grids:
        inside = [g for g in outside if _inside(g, grid)]
        outside = [g for g in outside if not _inside(g, grid)]
        for row in grid.rows:
            for cell in row:
                if cell is not None:
                    box = (cell.x0, cell.top, cell.x1, cell.bottom)
                    cell.lines = glyphs_to_lines([g for g in inside if _inside(g, box=box)], number)
    return Page(
        number, float(page.width), float(page.height), glyphs_to_lines(outside, number), grids
    )


_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+of\s+\d+)?$", re.I)


def _strip_furniture(pages: list[Page]) -> None:
    """Drop running headers and page numbers: short lines in the margins that repeat."""
    if len(pages) < 3:
        return
    counts: Counter[str] = Counter()
    for page in pages:
        for line in page.lines:
            if line.top < 60 or line.bottom > page.height - 50:
                counts[line.text] += 1
    repeated = {t for t, n in counts.items() if n >= max(2, len(pages) // 3)}
    for page in pages:
        page.lines = [
            ln
            for ln in page.lines
            if not (
                (ln.top < 60 or ln.bottom > page.height - 50)
                and (ln.text in repeated or _PAGE_NUMBER.match(ln.text))
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


def open_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> pdfplumber.PDF:
    """Open with clear errors for the ways a file can fail to be a usable PDF."""
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
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _is_encrypted(path, exc):
            raise InputError(path, "is encrypted (password protected)") from None
        raise InputError(path, f"is damaged or truncated ({_cause_name(exc)})") from None
    return pdf


def read_document(
    path: str | Path, limits: Limits = DEFAULT_LIMITS, table_engine: str = "pdfplumber"
) -> list[Page]:
    """Read every page of the PDF at `path` into lines and grids."""
    path = Path(path)
    deadline = Deadline(path, limits.timeout_s)
    pdf = open_pdf(path, limits)
    with pdf:
        try:
            n = len(pdf.pages)
        except Exception as exc:
            raise InputError(path, f"is damaged ({type(exc).__name__})") from None
        if n == 0:
            raise InputError(path, "has no pages")
        if n > limits.max_pages:
            raise LimitError(path, f"has {n} pages (limit {limits.max_pages}; see --max-pages)")
        external: dict[int, list[Grid]] | None = None
        if table_engine == "camelot":
            heights = {i: float(p.height) for i, p in enumerate(pdf.pages, start=1)}
            external = camelot_grids(str(path), heights)
        pages: list[Page] = []
        for i, page in enumerate(pdf.pages, start=1):
            try:
                grids = None if external is None else external.get(i, [])
                pages.append(_read_page(page, i, limits, grids))
                deadline.check(f"stopped after page {i} of {n}")
            except LimitError as exc:
                raise LimitError(path, exc.problem) from None
            except MemoryError:
                raise LimitError(
                    path, f"ran out of memory on page {i}; see --max-memory-mb"
                ) from None
            except RecursionError:
                raise InputError(path, f"page {i} nests too deeply to read (damaged?)") from None
            except Exception as exc:
                raise InputError(path, f"page {i} cannot be read ({type(exc).__name__})") from None
            finally:
                page.close()
    _strip_furniture(pages)
    return pages


def all_lines(pages: list[Page]) -> list[Line]:
    return [line for page in pages for line in page.lines]
