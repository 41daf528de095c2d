"""The numbered reference list: headings, 'N. text' entries and 'PubMed: PM…' lines; each
entry's fields are parsed by `vancouver`.

A number at the start of a line opens an entry only when it continues the numbering and the line
is not indented like the entry's wrapped lines: the next number, or a larger one (printed lists
skip numbers) where the list shows where entries start (a hanging indent, white space or a
finished sentence above). Any other number is text: the wrapped line '3. J Clin Stud. 2001;…'
of entry 1 stays in entry 1.
"""

from __future__ import annotations

import re

from ..models import Box, ParseWarning, Reference
from ..pdf import Line
from .flow import Item
from .text import join_reference
from .vancouver import parse_fields

_ENTRY = re.compile(r"^(\d+)\.\s+(.*)$")
_PUBMED = re.compile(r"^PubMed\s*:?\s*(?:PMID\s*:?\s*|PM)?\s*(\S+)\s*$", re.I)
_EMPTY = re.compile(r"^No literature identified\.?$", re.I)
_MAX_SKIP = 20  # numbers a printed list may skip at once
_MARGIN = 1.5  # pt: a line further right than its entry's first line is a wrapped line


def parse_reference_items(
    items: list[Item], warnings: list[ParseWarning], default_section: str | None = None
) -> tuple[list[Reference], list[str], list[tuple[str, list[Reference]]]]:
    """References, headings with 'No literature identified', and references per top heading."""
    refs: list[Reference] = []
    empty: list[str] = []
    groups: list[tuple[str, list[Reference]]] = []
    section, subsection = default_section, None
    texts: list[str] = []
    current: Reference | None = None

    def close() -> None:
        nonlocal current, texts
        if current is not None:
            current.text = join_reference(texts)
            refs.append(parse_fields(current))
            if groups:
                groups[-1][1].append(refs[-1])
        current, texts = None, []

    prev: Line | None = None  # the line before this one in the list
    hanging = False  # wrapped lines are indented (a hanging indent has been seen)

    for item in items:
        text = item.text
        if item.kind in ("h1", "h2"):
            close()
            section, subsection = text, None
            groups.append((text, []))
            continue
        if item.kind == "h3":
            close()
            subsection = text
            continue
        if item.kind != "text" or item.line is None:
            continue
        if _EMPTY.match(text):
            close()
            if section:
                empty.append(section)
            continue
        if m := _PUBMED.match(text):
            pmid = m.group(1)
            if current is not None:
                if re.fullmatch(r"\d{1,8}", pmid):
                    current.pmid = pmid
                else:
                    warnings.append(
                        ParseWarning(
                            code="bad_pmid",
                            page=item.page,
                            message=f"Reference {current.number}: PubMed "
                            f"ID '{pmid}' is not 1-8 digits; dropped.",
                        )
                    )
                close()
            continue
        line = item.line
        m = _ENTRY.match(text)
        if m and _opens_entry(int(m.group(1)), line, current, refs, prev, hanging):
            close()
            number = int(m.group(1))
            if number < 1:
                continue
            current = Reference(
                number=number,
                section=section,
                subsection=subsection,
                text="",
                box=Box(page=item.page, x0=line.x0, top=line.top, x1=line.x1, bottom=line.bottom),
            )
            texts = [m.group(2)]
        elif current is not None:
            texts.append(text)
            if current.box is not None and line.x0 > current.box.x0 + _MARGIN:
                hanging = True
        prev = line
    close()
    return refs, empty, groups


def _opens_entry(
    number: int,
    line: Line,
    current: Reference | None,
    refs: list[Reference],
    prev: Line | None,
    hanging: bool,
) -> bool:
    """Whether 'N. …' at the start of `line` opens entry N (see the module's docstring)."""
    if current is None:  # the list starts, or a PubMed line or heading closed the last entry
        return True
    at = max(current.number or 0, (refs[-1].number or 0) if refs else 0)
    if not at < number <= at + _MAX_SKIP:
        return False
    if current.box is not None and line.x0 > current.box.x0 + _MARGIN:
        return False  # indented like the entry's wrapped lines
    if number == at + 1 or hanging or prev is None:
        return True
    # a skipped number in a flush-left list: the entry starts after white space or a sentence
    if prev.page == line.page and line.top - prev.bottom > 0.5 * line.size:
        return True
    return prev.text.rstrip().endswith(".")
