"""Cover and front matter: 'Label: value' blocks on the first pages."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Metadata, ParseWarning
from ..pdf import Line
from .text import join_lines

LABELS = (
    "Service Line",
    "Version",
    "Publication Date",
    "Report Length",
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
_TYPE_LINE = re.compile(r"^CADTH\s+RAPID\s+RESPONSE\s+REPORT\s*:\s*(.+)$", re.I)
REPORT_TYPES = {
    "summary of abstracts": "Summary of Abstracts",
    "reference list": "Reference List",
    "summary with critical appraisal": "Summary with Critical Appraisal",
}


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


def parse_metadata(cover: list[Line], front: list[Line], warnings: list[ParseWarning]) -> Metadata:
    """Cover page lines (page 1) and front matter lines (page 2, before the first heading)."""
    meta = Metadata()
    title_lines: list[str] = []
    seen_type = False
    for line in cover:
        m = _TYPE_LINE.match(line.text)
        if m and not seen_type:
            raw = m.group(1).strip()
            meta.report_type = REPORT_TYPES.get(raw.lower(), raw.title())
            seen_type = True
            continue
        if _LABEL.match(line.text):
            break
        if seen_type or line.size >= 14:
            title_lines.append(line.text)
    meta.title = join_lines(title_lines) or None
    fields = key_values(cover + front)
    meta.service_line = fields.get("Service Line") or None
    meta.version = fields.get("Version") or None
    if raw := fields.get("Publication Date"):
        meta.publication_date_raw = raw
        meta.publication_date = parse_date(raw)
        if meta.publication_date is None:
            warnings.append(
                ParseWarning(
                    code="unreadable_date",
                    page=1,
                    message=f"Publication date '{raw}' is not a date.",
                )
            )
    if raw := fields.get("Report Length"):
        m = re.search(r"(\d+)", raw)
        if m:
            meta.report_length_pages = int(m.group(1))
    if raw := fields.get("Authors"):
        meta.authors = [a.strip() for a in re.split(r",|\band\b", raw) if a.strip()]
    meta.cite_as = fields.get("Cite As") or None
    if meta.report_type is None:
        warnings.append(
            ParseWarning(
                code="missing_report_type",
                page=1,
                message="No 'CADTH Rapid Response Report: <type>' band on "
                "the cover; report type unknown.",
            )
        )
    return meta
