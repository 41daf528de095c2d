"""Page furniture: running headers and page numbers, dropped before parsing."""

from __future__ import annotations

import re
from collections import Counter

from .layout import Line, Page

_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+of\s+\d+)?$", re.I)


def _in_margin(line: Line, page: Page) -> bool:
    return line.top < 60 or line.bottom > page.height - 50


def strip_furniture(pages: list[Page]) -> None:
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
