"""The numbered reference list: headings, 'N. text' entries, 'PubMed: PM…' lines, and the
Vancouver fields of each entry."""

from __future__ import annotations

import re

from ..models import Box, ParseWarning, Reference
from .flow import Item
from .text import join_reference

_ENTRY = re.compile(r"^(\d{1,4})\.\s+(.*)$")
_PUBMED = re.compile(r"^PubMed\s*:?\s*(?:PMID\s*:?\s*|PM)?\s*(\S+)\s*$", re.I)
_EMPTY = re.compile(r"^No literature identified\.?$", re.I)
_URL = re.compile(r"https?://\S+")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_SOURCE = re.compile(
    r"(?P<year>(?:19|20)\d{2})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?"
    r"(?:\s*\[[^\]]*\])?"
    r"\s*;\s*(?P<volume>[^(:;]*)?(?:\((?P<issue>[^)]*)\))?\s*:\s*(?P<pages>[^.\s]+)"
)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_NAME = re.compile(r"^[\w'’\-. ]+$")


def _split_authors(text: str) -> tuple[list[str], str]:
    """Vancouver author list up to the first '. ', else no authors (corporate or titled)."""
    head, sep, rest = text.partition(". ")
    if not sep:
        return [], text
    names = [n.strip() for n in head.split(",") if n.strip()]
    if not names or any(len(n.split()) > 6 for n in names):
        return [], text
    initials = sum(1 for n in names if re.search(r"\s[A-Z]{1,3}$", n) or n == "et al")
    if initials == 0 and len(names) > 1:
        return [], text
    if initials == 0 and not re.search(
        r"(Group|Collaboration|Consortium|Committee|Network|"
        r"Association|Society|Agency|Organization)",
        head,
    ):
        return [], text
    return names, rest


def parse_fields(ref: Reference) -> Reference:
    text = ref.text
    if m := _URL.search(text):
        ref.url = m.group(0).rstrip(".,;")
    if m := _DOI.search(text):
        ref.doi = m.group(1).rstrip(".,;")
    authors, rest = _split_authors(text)
    ref.authors = [a for a in authors if a.lower() != "et al"]
    if m := _SOURCE.search(rest):
        # Journal abbreviations carry no '. ', so the journal is the last sentence before the
        # source; the title is everything before it (titles may hold '?' sentences).
        head = rest[: m.start()].strip()
        cut = max(head.rfind(". ", 0, len(head) - 1), head.rfind("? ", 0, len(head) - 1))
        title, journal = (head[: cut + 1], head[cut + 2 :]) if cut >= 0 else ("", head)
        journal = re.sub(r"\s*\[Internet\]\.?$", "", journal.strip().rstrip("."))
        ref.title = title.strip().rstrip(".") or None
        ref.journal = journal or None
        ref.year = int(m.group("year"))
        ref.volume = (m.group("volume") or "").strip() or None
        ref.issue = m.group("issue")
        ref.pages = m.group("pages").rstrip(".")
    else:
        parts = re.split(r"(?<=[.?!])\s+", rest, maxsplit=1)
        ref.title = parts[0].rstrip(".") or None
        after = parts[1] if len(parts) > 1 else ""
        jm = re.match(r"^([^.]+?)(?:\s*\[Internet\])?\.\s", after)
        if jm and ref.authors:
            ref.journal = jm.group(1).strip()
        if ym := _YEAR.search(after):
            ref.year = int(ym.group(1))
    return ref


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
