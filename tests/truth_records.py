"""Build a `Report` from a fixture's truth file, so the audit can be tested apart from the
extractor: what the audit finds on a record that is exactly right must be the truth's list."""

from __future__ import annotations

import json
import re

from cadthkit.models.report import (
    Citation,
    Metadata,
    Reference,
    ReferenceGroup,
    Report,
    Source,
    StudyRow,
    SummaryTable,
    TextCitation,
)
from cadthkit.parse.citations import SUPERSCRIPT, parse_callout

from .conftest import FIXTURE_NAMES, FIXTURES

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _reference(raw: dict, section: str | None = None) -> Reference:
    text = raw["text"]
    head = text.split(". ", 1)[0]
    authors = [a.strip() for a in head.split(",")] if "," in head or len(head) < 40 else []
    year = _YEAR.search(re.sub(r"\[cited[^\]]*\]", "", text))
    return Reference(
        number=raw["number"],
        section=raw.get("section", section),
        subsection=raw.get("subsection"),
        text=text,
        authors=[a for a in authors if a and a.lower() != "et al"],
        year=int(year.group(1)) if year else None,
        pmid=raw.get("pmid"),
        url=raw.get("url"),
    )


def _text_citations(section: str, paragraphs: list[str]) -> list[TextCitation]:
    out = []
    for i, text in enumerate(paragraphs):
        for m in SUPERSCRIPT.finditer(text):
            out.append(
                TextCitation(
                    raw=m.group(1),
                    numbers=parse_callout(m.group(1)) or [],
                    section=section,
                    paragraph=i,
                    sentence=text,
                    page=1,
                )
            )
    return out


def truth_report(name: str) -> tuple[Report, dict]:
    """The truth of fixture NAME as a Report, and the truth itself."""
    truth = json.loads((FIXTURES / f"{name}.truth.json").read_text())
    tables = []
    for t in truth["summary_tables"]:
        rows = [
            StudyRow(
                section=s["name"],
                first_author=r["first_author"],
                year=int(r["year"]) if str(r["year"]).isdigit() else None,
                year_raw=str(r["year"]),
                citation=Citation(
                    raw=r["printed_citation"], numbers=parse_callout(r["printed_citation"]) or []
                ),
            )
            for s in t["sections"]
            for r in s["rows"]
        ]
        tables.append(SummaryTable(title=t["title"], columns=t["columns"], rows=rows))
    report = Report(
        tool_version="truth",
        source=Source(path=f"{name}.pdf", sha256="0" * 64, page_count=1),
        metadata=Metadata(report_type=truth["report_type"], title=truth["title"]),
        key_findings=truth["key_findings"],
        results_paragraphs=truth["results_paragraphs"],
        overall_summary=truth["overall_summary"],
        summary_tables=tables,
        text_citations=_text_citations("Results", truth["results_paragraphs"])
        + _text_citations("Overall Summary of Findings", truth["overall_summary"]),
        references=[_reference(r) for r in truth["references"]],
        appendix=[
            ReferenceGroup(
                heading=g["heading"],
                references=[_reference(r, g["heading"]) for r in g["references"]],
            )
            for g in truth["appendix"]
        ],
    )
    return report, truth


STANDARD_CODES = (
    "citation_mismatch",
    "citation_out_of_range",
    "citation_unreadable",
    "numbering_gap",
    "duplicate_reference",
    "uncited_reference",
    "count_mismatch",
)


def _number(value: object) -> object:
    return int(value) if isinstance(value, str) and value.isdigit() else value


def truth_keys(expected: list[dict]) -> list[tuple]:
    """The truth's expected findings as comparable tuples."""
    keys = []
    for e in expected:
        kind = e["kind"]
        if kind == "numbering_gap":
            keys.append((kind, tuple(e["missing"])))
        elif kind == "duplicate_reference":
            keys.append((kind, tuple(e["numbers"])))
        elif kind == "uncited_reference":
            keys.append((kind, e["number"]))
        elif kind == "count_mismatch":
            keys.append((kind, e["where"], e["stated"], e["actual"]))
        else:
            keys.append((kind, e["row"], _number(e["printed"]), e["expected"]))
    return sorted(keys, key=repr)


def finding_keys(findings: list) -> list[tuple]:
    """Our findings of the standard codes as the same tuples."""
    keys = []
    for f in findings:
        if f.code not in STANDARD_CODES:
            continue
        if f.code in ("numbering_gap", "duplicate_reference"):
            keys.append((f.code, tuple(f.numbers)))
        elif f.code == "uncited_reference":
            keys.append((f.code, f.location.reference))
        elif f.code == "count_mismatch":
            keys.append((f.code, f.location.section, f.printed, f.expected))
        else:
            keys.append((f.code, f.location.row, f.printed, f.expected))
    return sorted(keys, key=repr)


def fixture_names() -> list[str]:
    return FIXTURE_NAMES
