"""The front matter's labelled blocks (Acknowledgments, Disclaimer, About CADTH; 2013: Copyright,
Links), so a re-rendered or corrected edition keeps them. The cover fields and Authors / Cite As
are `metadata` (parse.metadata); here they only end the block before them."""

from __future__ import annotations

import re

from ..models import FrontMatterBlock
from ..pdf import Line
from .flow import Item
from .text import join_lines

BLOCK_LABELS = (
    "Acknowledgments",
    "Acknowledgements",
    "Disclaimer",
    "About CADTH",
    "Copyright",
    "Links",
    "Funding",
    "Conflicts of Interest",
    "Questions or comments",
)
# Labels read into `metadata`: they end a block and start none.
METADATA_LABELS = (
    "Authors",
    "Cite As",
    "Service Line",
    "Version",
    "Publication Date",
    "Report Length",
    "TITLE",
    "DATE",
    "Corrected",
)
_LABEL = re.compile(
    r"^(" + "|".join(re.escape(x) for x in BLOCK_LABELS + METADATA_LABELS) + r")\s*:\s*(.*)$",
    re.I,
)
_BLOCK = {label.lower() for label in BLOCK_LABELS}
# A gap between two lines wider than this share of the text size starts a new paragraph: the
# fixtures leave 1.8-3.2 pt inside a paragraph and 5.6-8.5 pt between paragraphs, at 7.5-8 pt.
PARAGRAPH_GAP = 0.55


# Small print is set well below running text (7-8 pt under 10-11 pt).
SMALL_PRINT = 0.9
_OPENS = {x.lower() for x in ("Cite As", "Authors", *BLOCK_LABELS)}


def first_page_footer(items: list[Item], body_pt: float) -> tuple[list[Item], list[Line]]:
    """2013: the small-print block (cite as, disclaimer, copyright, links) printed as the
    first page's footer, under the running text: taken out of the stream, its lines to be read
    as front matter. It must open with one of its labels and fill the rest of the page, bar a
    page number (the browser layout prints the block under the date instead)."""
    first = items[0].page if items else 1
    small = SMALL_PRINT * body_pt
    for i, it in enumerate(items):
        if it.page != first:
            break
        m = _LABEL.match(it.text)
        if it.line is None or it.line.size >= small or not m or m.group(1).lower() not in _OPENS:
            continue
        end = next((j for j in range(i, len(items)) if items[j].page != first), len(items))
        tail = [t.line for t in items[i:end]]
        footer = [ln for ln in tail if ln is not None and ln.size < small]
        if len(footer) == len(tail) - sum(1 for ln in tail if ln and ln.text.isdigit()):
            return items[:i] + items[end:], footer
        break
    return items, []


def parse_front_matter(lines: list[Line]) -> list[FrontMatterBlock]:
    """Every labelled block in `lines` (the lines before the first heading), in printed order."""
    blocks: list[tuple[str, list[list[str]]]] = []
    current: list[list[str]] | None = None
    prev: Line | None = None
    for line in lines:
        if m := _LABEL.match(line.text):
            label, rest = m.group(1), m.group(2).strip()
            current = None
            if label.lower() in _BLOCK:
                current = [[rest]] if rest else []
                blocks.append((label, current))
        elif current is not None:
            new_paragraph = (
                not current
                or prev is None
                or prev.page != line.page
                or line.top - prev.bottom > PARAGRAPH_GAP * line.size
            )
            if new_paragraph:
                current.append([line.text])
            else:
                current[-1].append(line.text)
        prev = line
    return [
        FrontMatterBlock(label=label, paragraphs=[join_lines(p) for p in paragraphs])
        for label, paragraphs in blocks
    ]
