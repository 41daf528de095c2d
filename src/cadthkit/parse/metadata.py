"""Cover and front matter: 'Label: value' blocks on the first pages."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Metadata, ParseWarning
from ..models.report import Template
from ..pdf import Line
from .template import BAND_2017, BAND_2021, REPORT_TYPES, TITLE_2013, canonical_type
from .text import join_lines

LABELS = (
    "Service Line",
    "Version",
    "Publication Date",
    "Report Length",
    "Corrected",  # a corrected edition's cover (cadthkit fix)
    "Authors",
    "Cite As",
    "Acknowledgments",
    "Acknowledgements",
    "Disclaimer",
    "About CADTH",
    "Funding",
    "Questions or comments",
)
_LABEL = re.compile(r"^(" + "|".join(re.escape(x) for x in LABELS) + r")\s*:\s*(.*)$", re.I)


def key_values(lines: list[Line]) -> dict[str, str]:
    """Collect 'Label: value' fields; a value continues on following unlabelled lines."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    prev: Line | None = None
    for line in lines:
        m = _LABEL.match(line.text)
        if m:
            current = m.group(1).title()
            fields.setdefault(current, [])
            if m.group(2):
                fields[current].append(m.group(2))
        elif (
            current is not None
            and prev is not None
            and line.page == prev.page
            and line.top - prev.bottom < 0.75 * line.size
        ):
            fields[current].append(line.text)
        else:
            current = None
        prev = line
    return {k: join_lines(v) for k, v in fields.items()}


def parse_date(raw: str) -> dt.date | None:
    for fmt in ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y", "%B %Y"):
        try:
            return dt.datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _cover_2017(cover: list[Line]) -> tuple[str | None, list[str]]:
    """Report type from the band, and the title: the large lines after it (2017 and 2021)."""
    report_type: str | None = None
    title_lines: list[str] = []
    seen_band = False
    for line in cover:
        if not seen_band:
            if m := BAND_2017.match(line.text):
                report_type, seen_band = canonical_type(m.group(1)), True
                continue
            if BAND_2021.match(line.text):
                seen_band = True  # the report type is the next line
                continue
        if _LABEL.match(line.text):
            break
        if seen_band and report_type is None and line.text.lower().strip(" .") in REPORT_TYPES:
            report_type = canonical_type(line.text)
        elif seen_band or line.size >= 14:
            title_lines.append(line.text)
    return report_type, title_lines


_DATE_2013 = re.compile(r"^DATE\s*:\s*(.*)$")
_CITED_TYPE = re.compile(r"\(CADTH\s+rapid\s+response\s+report\s*:\s*([^)]+)\)", re.I)


def _cover_2013(cover: list[Line]) -> tuple[list[str], str | None]:
    """'TITLE: …' (wrapping until 'DATE:') and the 'DATE: …' value."""
    title: list[str] = []
    date: str | None = None
    for line in cover:
        if m := _DATE_2013.match(line.text):
            date = m.group(1).strip()
            break
        if m := TITLE_2013.match(line.text):
            title = [m.group(1)]
        elif title:
            title.append(line.text)
    return title, date


def parse_metadata(
    cover: list[Line],
    front: list[Line],
    warnings: list[ParseWarning],
    template: Template | None = None,
) -> Metadata:
    """Cover page lines (page 1) and front matter lines (before the first heading).

    Fields a template does not print stay null: the 2013 template has no cover block (no
    service line, version or report length) and names its type only in the cite-as line.
    """
    fields = key_values(cover + front)
    if template == "2013":
        title_lines, date_raw = _cover_2013(cover)
        report_type = None
    else:
        report_type, title_lines = _cover_2017(cover)
        date_raw = fields.get("Publication Date")
    cite_as = fields.get("Cite As") or None
    if report_type is None and cite_as and (m := _CITED_TYPE.search(cite_as)):
        report_type = canonical_type(m.group(1))
    date = parse_date(date_raw) if date_raw else None
    if date_raw and date is None:
        warnings.append(
            ParseWarning(
                code="unreadable_date",
                page=1,
                message=f"Publication date '{date_raw}' is not a date.",
            )
        )
    length = re.search(r"(\d+)", fields.get("Report Length", ""))
    if report_type is None:
        warnings.append(
            ParseWarning(
                code="missing_report_type",
                page=1,
                message="No 'CADTH Rapid Response Report: <type>' band on "
                "the cover; report type unknown.",
            )
        )
    authors = re.split(r",|\band\b", fields.get("Authors", ""))
    return Metadata(
        title=join_lines(title_lines) or None,
        report_type=report_type,
        template=template,
        service_line=fields.get("Service Line") or None,
        version=fields.get("Version") or None,
        publication_date=date,
        publication_date_raw=date_raw or None,
        report_length_pages=int(length.group(1)) if length else None,
        authors=[a.strip() for a in authors if a.strip()],
        cite_as=cite_as,
    )
