"""Vancouver (NLM/ICMJE) fields of one printed reference."""

from __future__ import annotations

import re

from ..models import Reference

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
