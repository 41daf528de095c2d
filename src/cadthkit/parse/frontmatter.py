"""The front matter's labelled blocks (Acknowledgments, Disclaimer, About CADTH; 2013: Copyright,
Links), so a re-rendered or corrected edition keeps them. The cover fields and Authors / Cite As
are `metadata` (parse.metadata); here they only end the block before them."""

from __future__ import annotations

import re

from ..models import FrontMatterBlock
from ..pdf import Line
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
