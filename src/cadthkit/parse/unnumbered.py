"""References printed without numbers ('Additional References of Potential Interest'): an
entry starts at the top of the list, after a 'PubMed:' line, or after a paragraph gap."""

from __future__ import annotations

import re

from ..models import Box, Reference
from ..pdf import Line
from .flow import Item
from .references import parse_fields
from .text import join_reference

_PUBMED = re.compile(r"^PubMed\s*:?\s*(?:PMID\s*:?\s*|PM)?\s*(\d{1,8})\s*$", re.I)
_GAP = 0.5  # of the font size: more white space than this above a line starts an entry


def parse_unnumbered(items: list[Item], section: str) -> list[Reference]:
    entries: list[tuple[list[Line], str | None]] = []
    prev: Line | None = None
    closed = True
    for item in items:
        line = item.line
        if item.kind != "text" or line is None:
            continue
        if m := _PUBMED.match(line.text):
            if entries:
                entries[-1] = (entries[-1][0], m.group(1))
            closed, prev = True, line
            continue
        if prev is None or closed:
            starts = True
        elif line.page != prev.page:
            starts = prev.text.endswith(".")
        else:
            starts = line.top - prev.bottom > _GAP * line.size
        if starts:
            entries.append(([line], None))
            closed = False
        else:
            entries[-1][0].append(line)
        prev = line
    refs: list[Reference] = []
    for lines, pmid in entries:
        first = lines[0]
        ref = Reference(
            number=None,
            section=section,
            text=join_reference([ln.text for ln in lines]),
            pmid=pmid,
            box=Box(page=first.page, x0=first.x0, top=first.top, x1=first.x1, bottom=first.bottom),
        )
        refs.append(parse_fields(ref))
    return refs
