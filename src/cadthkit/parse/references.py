"""The numbered reference list: headings, 'N. text' entries and 'PubMed: PM…' lines; each
entry's fields are parsed by `vancouver`."""

from __future__ import annotations

import re

from ..models import Box, ParseWarning, Reference
from .flow import Item
from .text import join_reference
from .vancouver import parse_fields

_ENTRY = re.compile(r"^(\d{1,4})\.\s+(.*)$")
_PUBMED = re.compile(r"^PubMed\s*:?\s*(?:PMID\s*:?\s*|PM)?\s*(\S+)\s*$", re.I)
_EMPTY = re.compile(r"^No literature identified\.?$", re.I)


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
        m = _ENTRY.match(text)
        last = (refs[-1].number or 0) if refs else 0
        number = int(m.group(1)) if m else 0
        at = (current.number or 0) if current else 0
        if m and (current is None or at < number <= max(last, at) + 20):
            close()
            if number < 1:
                continue
            line = item.line
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
    close()
    return refs, empty, groups
