"""Page building: one page's glyphs and edges → text lines outside tables and ruled grids with
the lines of every cell. Everything here works from geometry alone, never the order in which the
writer emitted glyphs."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path

from ..errors import CadthkitError, InputError, LimitError
from ..limits import Deadline, Limits
from .grids import edges_to_grids
from .layout import Glyph, Grid, Page, PageSource, TooManyChars
from .lines import glyphs_to_lines
from .superscripts import mark_superscripts
from .tables import camelot_grids

# More unreadable glyphs than this share of all glyphs: the text layer cannot be read.
MAX_UNREADABLE = 0.05


class UnmappedText(Exception):
    """PDFium met glyph codes that its fonts cannot map to text."""


def cause_name(exc: BaseException) -> str:
    """Name of the innermost exception behind `exc` (a reader's error wraps the real one)."""
    while exc.__cause__ is not None or (exc.args and isinstance(exc.args[0], BaseException)):
        exc = exc.__cause__ or exc.args[0]
    return type(exc).__name__


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
            x0, x1 = cell.x0, cell.x1
            mine = [g for g in glyphs[lo:hi] if x0 <= (g.x0 + g.x1) / 2 <= x1]
            cell.lines = glyphs_to_lines(mine, grid.page)


def build_page(source: PageSource, grids: list[Grid] | None) -> Page:
    """Mark superscripts, find the grids, and read lines inside each cell and outside tables."""
    number = source.number
    glyphs = mark_superscripts(source.glyphs)
    if grids is None:
        grids = edges_to_grids(source.edges, source.width, number, glyphs, source.height)
    outside = glyphs
    if grids:
        boxes = [(grid.x0, grid.top, grid.x1, grid.bottom) for grid in grids]
        inside: list[list[Glyph]] = [[] for _ in grids]
        outside = []
        for g in glyphs:
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            for i, (x0, top, x1, bottom) in enumerate(boxes):
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    inside[i].append(g)  # the first grid that holds it, as drawn top-down
                    break
            else:
                outside.append(g)
        for grid, mine in zip(grids, inside, strict=True):
            _fill_cells(grid, mine)
    return Page(number, source.width, source.height, glyphs_to_lines(outside, number), grids)


def too_many_chars(page: int, count: int, limits: Limits) -> str:
    return (
        f"page {page} has {count:,} characters "
        f"(limit {limits.max_chars_per_page:,}; see --max-chars-per-page)"
    )


def build_pages(
    path: Path,
    sources: Iterator[PageSource],
    n: int,
    limits: Limits,
    deadline: Deadline,
    table_engine: str,
) -> list[Page]:
    """Build every page, within the page, character, time and memory limits; raise
    `UnmappedText` as soon as a PDFium page has codes its fonts cannot map."""
    if n == 0:
        raise InputError(path, "has no pages")
    if n > limits.max_pages:
        raise LimitError(path, f"has {n} pages (limit {limits.max_pages}; see --max-pages)")
    external: dict[int, list[Grid]] | None = None
    pages: list[Page] = []
    unreadable = total = 0
    i = 0
    try:
        for i, source in enumerate(sources, start=1):
            if source.unmapped:
                raise UnmappedText
            unreadable += source.unreadable
            total += source.total
            if table_engine == "camelot" and external is None:
                external = camelot_grids(str(path))
            grids = None if external is None else external.get(i, [])
            pages.append(build_page(source, grids))
            deadline.check(f"stopped after page {i} of {n}")
    except TooManyChars as exc:
        raise LimitError(path, too_many_chars(exc.page, exc.count, limits)) from None
    except LimitError as exc:
        raise LimitError(path, exc.problem) from None
    except (CadthkitError, UnmappedText):
        raise
    except MemoryError:
        raise LimitError(path, f"ran out of memory on page {i + 1}; see --max-memory-mb") from None
    except RecursionError:
        raise InputError(path, f"page {i + 1} nests too deeply to read (damaged?)") from None
    except Exception as exc:
        raise InputError(path, f"page {i + 1} cannot be read ({cause_name(exc)})") from None
    if unreadable > MAX_UNREADABLE * total:
        raise InputError(
            path,
            f"text layer cannot be read: its fonts map {unreadable:,} of {total:,} characters "
            "to no text (the PDF writer left no text mapping, and the embedded fonts name no "
            "characters); OCR is not supported",
        )
    return pages
