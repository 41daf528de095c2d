"""Pages → one reading-order stream of classified lines and table grids."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..pdf import Grid, Line, Page

# A bold line up to 8 % above the running-text size is a sub-heading (h3), not a new level:
# exports set sub-headings at 10-10.5 pt over 10 pt text, section headings at 11.5 pt and up.
SUBHEADING_MAX = 1.08
# A line this much larger than running text is a heading even when not bold (the 2021
# template prints its section headings in a light coloured face).
LARGE_HEADING = 1.3
CAPTION = re.compile(r"^Table\s+(\d+)\s*[:.–-]\s*(.*)$")
_WORD = re.compile(r"[^\W\d_]{2}")
# 2013: level-1 headings in capitals ('CONTEXT AND POLICY ISSUES:', 'APPENDIX 1: SELECTION …')
_CAPS_HEADING = re.compile(r"^[^a-z]*[A-Z]{3}[^a-z]*$")


@dataclass(slots=True)
class Item:
    """A line (with its role) or a grid, in reading order."""

    kind: str  # 'h1' | 'h2' | 'h3' | 'caption' | 'text' | 'grid'
    page: int
    line: Line | None = None
    grid: Grid | None = None
    box: int | None = None  # the lone bordered box the line is printed in, if any

    @property
    def text(self) -> str:
        return self.line.text if self.line else ""


def is_box(grid: Grid) -> bool:
    """A one-cell grid is a bordered box (a panel, a flow-diagram box), not a table."""
    return len(grid.rows) == 1 and len(grid.rows[0]) == 1 and grid.rows[0][0] is not None


def page_lines(page: Page) -> list[Line]:
    """The page's lines outside tables, with the lines inside lone boxes, top to bottom."""
    lines = list(page.lines)
    for grid in page.grids:
        if is_box(grid):
            lines += grid.rows[0][0].lines  # type: ignore[union-attr]
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def body_size(pages: list[Page]) -> float:
    """The most common text size after the cover: the yardstick for headings."""
    counts: Counter[float] = Counter()
    for page in pages[2:] or pages:
        for line in page.lines:
            counts[line.size] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _candidate(line: Line, body: float) -> bool:
    text = line.text
    if "^{" in text or len(text) > 140 or CAPTION.match(text) or not _WORD.search(text):
        return False  # (arrows of a flow diagram are large, but not headings)
    if line.bold:
        return True
    return line.size >= body * LARGE_HEADING and len(text) <= 100 and not text.endswith(".")


def heading_sizes(pages: list[Page], body: float) -> dict[float, str]:
    """Rank the sizes of heading lines above body size: the largest is h1, the rest h2.

    Ranking (not fixed ratios) because engines differ: 14/11.5 pt over 10 pt body in one
    export, 13/10.5 over 9.5 in another, 16/12 in the 2021 template.
    """
    shares: Counter[float] = Counter()
    for p in pages[2:] or pages:
        for ln in p.lines:
            # light large headings are not running text, however short the report
            if not ln.bold and not _candidate(ln, body):
                shares[ln.size] += len(ln.text)
    total = sum(shares.values()) or 1
    text_top = max([s for s, n in shares.items() if n / total >= 0.1] or [body])
    sizes = sorted(
        {
            ln.size
            for p in pages[1:]
            for ln in page_lines(p)
            if _candidate(ln, body) and ln.size > text_top * SUBHEADING_MAX
        },
        reverse=True,
    )
    return {size: ("h1" if i == 0 else "h2") for i, size in enumerate(sizes)}


def _kind(line: Line, body: float, levels: dict[float, str], template: str | None) -> str:
    text = line.text
    if line.bold and CAPTION.match(text):
        return "caption"
    if not _candidate(line, body):
        return "text"
    if template == "2013" and line.bold and line.size >= body * 0.95:
        # One size for all: lines in capitals are sections, other bold lines subsections.
        if _CAPS_HEADING.match(text):
            return "h1"
        if not text.endswith((".", ":", ",")) and not text[0].isdigit():
            return "h2"
        return "text"
    if line.size in levels:
        return levels[line.size]
    if (
        line.bold
        and line.size >= body * 0.95
        and not text.endswith((".", ":", ","))
        and not text[0].isdigit()
    ):
        return "h3"
    return "text"


def build_flow(pages: list[Page], first_page: int = 1, template: str | None = None) -> list[Item]:
    body = body_size(pages)
    levels = heading_sizes(pages, body)
    items: list[Item] = []
    boxes = 0
    for page in pages:
        if page.number < first_page:
            continue
        entries: list[tuple[float, float, Item]] = []
        for line in page.lines:
            kind = _kind(line, body, levels, template)
            entries.append((line.top, line.x0, Item(kind, page.number, line=line)))
        for grid in page.grids:
            if is_box(grid):
                boxes += 1
                for line in grid.rows[0][0].lines:  # type: ignore[union-attr]
                    kind = _kind(line, body, levels, template)
                    item = Item(kind, page.number, line=line, box=boxes)
                    entries.append((line.top, line.x0, item))
            else:
                entries.append((grid.top, grid.x0, Item("grid", page.number, grid=grid)))
        entries.sort(key=lambda e: (e[0], e[1]))
        items.extend(item for _, _, item in entries)
    return _merge_wrapped(items)


def _merge_wrapped(items: list[Item]) -> list[Item]:
    """A heading or a table caption printed over two lines is one line."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.line is not None
            and item.line is not None
            and prev.page == item.page
            and prev.box == item.box
            and item.line.top - prev.line.bottom < 0.5 * item.line.size
            and (
                (item.kind in ("h1", "h2", "h3") and prev.kind == item.kind)
                or (
                    prev.kind == "caption"
                    and item.kind != "caption"
                    and item.line.bold
                    and item.line.size == prev.line.size
                )
            )
        ):
            merged = replace(
                prev.line, text=prev.line.text + " " + item.line.text, bottom=item.line.bottom
            )
            merged.sups = prev.line.sups + item.line.sups
            out[-1] = Item(prev.kind, prev.page, line=merged, box=prev.box)
            continue
        out.append(item)
    return out
