"""Pages → one reading-order stream of classified lines and table grids."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..pdf import Grid, Line, Page

# A bold line up to 8 % above the running-text size is a sub-heading (h3), not a new level:
# exports set sub-headings at 10-10.5 pt over 10 pt text, section headings at 11.5 pt and up.
SUBHEADING_MAX = 1.08
CAPTION = re.compile(r"^Table\s+(\d+)\s*[:.–-]\s*(.*)$")


@dataclass(slots=True)
class Item:
    """A line (with its role) or a grid, in reading order."""

    kind: str  # 'h1' | 'h2' | 'h3' | 'caption' | 'text' | 'grid'
    page: int
    line: Line | None = None
    grid: Grid | None = None

    @property
    def text(self) -> str:
        return self.line.text if self.line else ""


def body_size(pages: list[Page]) -> float:
    """The most common text size after the cover: the yardstick for headings."""
    counts: Counter[float] = Counter()
    for page in pages[2:] or pages:
        for line in page.lines:
            counts[line.size] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _candidate(line: Line) -> bool:
    text = line.text
    return line.bold and "^{" not in text and len(text) <= 140 and not CAPTION.match(text)


def heading_sizes(pages: list[Page], body: float) -> dict[float, str]:
    """Rank the sizes of bold heading lines above body size: the largest is h1, the rest h2.

    Ranking (not fixed ratios) because engines differ: 14/11.5 pt over 10 pt body in one
    export, 13/10.5 over 9.5 in another.
    """
    shares: Counter[float] = Counter()
    for p in pages[2:] or pages:
        for ln in p.lines:
            if not ln.bold:
                shares[ln.size] += len(ln.text)
    total = sum(shares.values()) or 1
    text_top = max([s for s, n in shares.items() if n / total >= 0.1] or [body])
    sizes = sorted(
        {
            ln.size
            for p in pages[1:]
            for ln in p.lines
            if _candidate(ln) and ln.size > text_top * SUBHEADING_MAX
        },
        reverse=True,
    )
    return {size: ("h1" if i == 0 else "h2") for i, size in enumerate(sizes)}


def _kind(line: Line, body: float, levels: dict[float, str]) -> str:
    text = line.text
    if line.bold and CAPTION.match(text):
        return "caption"
    if not _candidate(line):
        return "text"
    if line.size in levels:
        return levels[line.size]
    if line.size >= body * 0.95 and not text.endswith((".", ":", ",")) and not text[0].isdigit():
        return "h3"
    return "text"


def build_flow(pages: list[Page], first_page: int = 1) -> list[Item]:
    body = body_size(pages)
    levels = heading_sizes(pages, body)
    items: list[Item] = []
    for page in pages:
        if page.number < first_page:
            continue
        entries: list[tuple[float, Item]] = []
        for line in page.lines:
            entries.append((line.top, Item(_kind(line, body, levels), page.number, line=line)))
        for grid in page.grids:
            entries.append((grid.top, Item("grid", page.number, grid=grid)))
        entries.sort(key=lambda e: e[0])
        items.extend(item for _, item in entries)
    return _merge_wrapped_headings(items)


def _merge_wrapped_headings(items: list[Item]) -> list[Item]:
    """A heading printed over two lines is one heading."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and item.kind in ("h1", "h2", "h3")
            and prev.kind == item.kind
            and prev.line is not None
            and item.line is not None
            and prev.page == item.page
            and item.line.top - prev.line.bottom < 0.5 * item.line.size
        ):
            merged = replace(
                prev.line, text=prev.line.text + " " + item.line.text, bottom=item.line.bottom
            )
            out[-1] = Item(prev.kind, prev.page, line=merged)
            continue
        out.append(item)
    return out
