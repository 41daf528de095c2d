"""Vancouver (NLM/ICMJE) fields of one printed reference.

The reference is read from the right, where its form is most regular: first the notes that are
no field (a "[cited …]" date, "Epub ahead of print", "Erratum in: …", "Available from:"), then
the source — a journal's `Journal. Year Mon Day;Volume(Issue):Pages`, a publisher's
`Place: Publisher; Year`, or a chapter's `In: … p. Pages` — and only then the author list and
the title, which are whatever precedes the source. A field the text does not print stays null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Reference, ReferenceType
from .authors import split_authors

_URL = re.compile(r"\bAvailable (?:from|at)\s*:?\s*<?((?:https?://|www\.)[^\s<>]+)", re.I)
_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:\s*)(10\.\d{4,9}/[^\s\"<>]+)", re.I)
# Notes that are no field: cut where they start (the rest of the text is theirs).
_TAIL_NOTE = re.compile(
    r"(?<=[.\]])\s+(?:Available (?:from|at)\b|doi\s*:|https?://|PubMed\b|PMID\b|PMCID\b"
    r"|(?:Erratum|Errata|Retraction|Retracted|Comment|Correction|Update|Expression of concern)"
    r"\s+(?:in|on|of|for)\s*:|(?:Corrected and )?republished (?:in|from)\s*:)",
    re.I,
)
# Bracketed notes inside the text: dates of citing or updating, and retraction/erratum flags.
_BRACKET_NOTE = re.compile(
    r"\s*\[(?:cited|updated|accessed|modified|revised|retracted|retraction|erratum|corrected"
    r"|epub ahead of print)\b[^\]]*\]",
    re.I,
)
_EPUB = re.compile(r"\s*\bEpub ahead of print\b\.?", re.I)
_INTERNET = re.compile(r"\s*\[Internet\]", re.I)
_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:[A-Z][a-z]{2,8}\.?(?:\s*-\s*[A-Z][a-z]{2,8}\.?)?)"
_DATE = rf"(?P<year>{_YEAR})(?:\s*{_MONTH}(?:\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?)?)?"
# A journal source: the journal is one sentence (abbreviations carry no '. '), then its date,
# then `;Volume(Issue):Pages` in any partial form. It starts a sentence: at the text's start or
# after '. ', '? ' or '! ' (a title may end with a question).
_JOURNAL = re.compile(
    r"(?:^|(?<=[.?!]\s))(?P<journal>[^.?!:;\[\]]+?)(?P<internet>\s*\[Internet\])?\.\s+"
    rf"(?:Epub\s+)?{_DATE}(?P<tail>\s*;[^.]*?)?(?=\.(?:\s|$)|$)"
)
_TAIL = re.compile(
    r"^;\s*(?P<volume>[^():]*?)\s*(?:\((?P<issue>[^)]*)\))?\s*(?::\s*(?P<pages>.+?))?\s*$"
)
# A publisher source: `Place: Publisher; Year` ("St. Louis" is the one place with a period).
_PUBLISHER = re.compile(
    r"(?:^|(?<=[.?!\]]\s))(?P<place>(?:St\.\s)?[^.:;?]+?)\s*:\s*(?P<publisher>[^:;]+?)\s*;\s*"
    rf"\[?c?(?P<year>{_YEAR})(?:-\d{{2,4}})?(?:\s+{_MONTH}(?:\s+\d{{1,2}})?)?(?=\s*[.;\[(]|$)"
)
_CONFERENCE = re.compile(
    r"(?<=[.?!])\s+(?:(?:Paper|Poster|Abstract|Presentation)s?\s+)?presented at\s*:?\s+", re.I
)
_CONFERENCE_YEAR = re.compile(rf";\s*(?P<year>{_YEAR})\b")
_THESIS = re.compile(r"\s*\[(?:dissertation|(?:master'?s |doctoral )?thesis)\]", re.I)
_CHAPTER = re.compile(r"(?<=[.?!])\s+In\s*:\s+")
_CHAPTER_PAGES = re.compile(
    r"\bp\.\s*(?P<pages>[A-Za-z]*\d+[A-Za-z0-9]*(?:\s*-\s*[A-Za-z]*\d+\w*)?)"
)
_EDITION = re.compile(r"\.\s+\d+(?:st|nd|rd|th)\s+ed\.?$|\.\s+Rev(?:ised)? ed\.?$", re.I)
_BARE_DATE = re.compile(rf"(?:^|(?<=[.?!\]]\s))(?:Epub\s+)?{_DATE}(?=\.(?:\s|$)|$)")
_REPORT_CUE = re.compile(
    r"\breport\b|\bReport No\b|technology assessment|\bHTA\b|rapid response|\bguidance\b"
    r"|\bwhite paper\b|\bworking paper\b|\btechnical\b",
    re.I,
)
_PAGES_LIKE = re.compile(r"[-–,]|^[A-Za-z]")


@dataclass
class Fields:
    """The parts of one reference as printed; None (or []) where the text prints none."""

    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    type: ReferenceType = "other"


def _clean(text: str | None) -> str | None:
    """Strip spaces and a closing period (a closing '?' or '!' is part of a title)."""
    if text is None:
        return None
    text = text.strip()
    while text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text or None


def _body(text: str) -> str:
    """The text without the notes that hold no field, with single spaces."""
    body = re.sub(r"\s+", " ", text).strip()
    if m := _TAIL_NOTE.search(body):
        body = body[: m.start()]
    body = _BRACKET_NOTE.sub("", body)
    body = _EPUB.sub("", body)
    body = re.sub(r"\.(?:\s*\.)+", ".", body)  # "2017 Nov 1. . (Series)" after a cut note
    return body.strip()


def _volume_issue_pages(tail: str | None) -> tuple[str | None, str | None, str | None]:
    """`;76(1):8-28`, `;358:j4008`, `;(10):CD000112`, `;21(1)`, `;161-70` → the parts printed."""
    if not tail:
        return None, None, None
    m = _TAIL.match(tail.strip())
    if not m:
        return None, None, None
    volume, issue, pages = (_clean(m.group(g)) for g in ("volume", "issue", "pages"))
    if volume and issue is None and pages is None and _PAGES_LIKE.search(volume):
        volume, pages = None, volume  # "2014;161-70": pages without a volume
    return volume, issue, pages


def _head(fields: Fields, head: str) -> None:
    """Authors and title from the text before the source."""
    head = _THESIS.sub("", _INTERNET.sub("", head.strip()))
    head = _EDITION.sub("", head.strip())
    fields.authors, fields.et_al, title = split_authors(head)
    fields.title = _clean(title)


def _journal(fields: Fields, body: str, m: re.Match[str]) -> None:
    head = body[: m.start("journal")]
    journal = m.group("journal").strip()
    fields.year = int(m.group("year"))
    fields.volume, fields.issue, fields.pages = _volume_issue_pages(m.group("tail"))
    _head(fields, head)
    if m.group("internet") and not m.group("tail") and fields.title is None:
        # "Organisation. Page title [Internet]. 2018." — a web page, not a journal.
        fields.title, fields.type = journal, "web page"
        return
    if fields.title is None and fields.authors == [] and not head.strip():
        # "Page title [Internet]. 2018 [cited …]." with nothing before it.
        fields.title, fields.type = journal, "web page"
        return
    fields.journal, fields.type = journal, "journal article"


def _published(fields: Fields, body: str, m: re.Match[str], text: str) -> None:
    """A report, web document or book: `[Authors.] Title [Internet]. Place: Publisher; Year`."""
    head = body[: m.start()]
    fields.year = int(m.group("year"))
    internet = bool(_INTERNET.search(head))
    _head(fields, head)
    if _THESIS.search(head):
        fields.type = "other"
    elif _REPORT_CUE.search(text):
        fields.type = "report"
    elif internet:
        fields.type = "web page"
    else:
        fields.type = "book"


def _chapter(fields: Fields, body: str, m: re.Match[str]) -> None:
    """`Authors. Chapter. In: Editors, editors. Book. Place: Publisher; Year. p. 93-113.`"""
    _head(fields, body[: m.start()])
    book = body[m.end() :]
    if pm := _PUBLISHER.search(book):
        fields.year = int(pm.group("year"))
    if pp := _CHAPTER_PAGES.search(book):
        fields.pages = pp.group("pages")
    fields.type = "book"


def parse_vancouver(text: str) -> Fields:
    """Every field of one reference printed in Vancouver style."""
    fields = Fields()
    if m := _URL.search(text):
        fields.url = m.group(1).rstrip(".,;>)")
    if m := _DOI.search(text):
        fields.doi = m.group(1).rstrip(".,;>)")
    body = _body(text)
    if chapter := _CHAPTER.search(body):
        _chapter(fields, body, chapter)
        return fields
    if conference := _CONFERENCE.search(body):
        _head(fields, body[: conference.start()])
        if ym := _CONFERENCE_YEAR.search(body, conference.end()):
            fields.year = int(ym.group("year"))
        return fields  # type "other": a paper or poster presented at a meeting
    journal = _JOURNAL.search(body)
    publisher = _PUBLISHER.search(body)
    if publisher and (journal is None or publisher.start() < journal.start()):
        _published(fields, body, publisher, text)
    elif journal:
        _journal(fields, body, journal)
    else:
        _undated(fields, body, text)
    return fields


def _undated(fields: Fields, body: str, text: str) -> None:
    """No journal and no publisher: a web page ('[Internet]', a link) or something else."""
    internet = _INTERNET.search(body)
    head = body[: internet.start()] if internet else body
    if not internet and (date := _BARE_DATE.search(body)):
        head = body[: date.start()]
    if internet:
        after = body[internet.end() :]
        if date := _BARE_DATE.search(after.lstrip(". ")):
            fields.year = int(date.group("year"))
    elif date := _BARE_DATE.search(body):
        fields.year = int(date.group("year"))
    _head(fields, head)
    fields.type = "web page" if internet or fields.url else "other"
    if fields.type == "other" and _REPORT_CUE.search(text):
        fields.type = "report"


def parse_fields(ref: Reference) -> Reference:
    """Fill `ref`'s parsed fields from its printed text."""
    f = parse_vancouver(ref.text)
    ref.authors, ref.et_al, ref.title, ref.journal = f.authors, f.et_al, f.title, f.journal
    ref.year, ref.volume, ref.issue, ref.pages = f.year, f.volume, f.issue, f.pages
    ref.doi, ref.url, ref.type = f.doi, f.url, f.type
    return ref
