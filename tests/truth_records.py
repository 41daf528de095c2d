"""Build a `Report` from a fixture's truth file, so the audit can be tested apart from the
extractor: what the audit finds on a record that is exactly right must be the truth's list.

Truth formats 1 and 2 (../shared/fixtures/README.md): format 2 adds printed row labels, table
numbers, layouts and appendices, the body of a Critical Appraisal report (its callouts become
the record's text citations, as the extractor lists them), the PRISMA numbers and unnumbered
appendix references.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from cadthkit.models.report import (
    BodySection,
    Citation,
    CriterionRow,
    ExclusionReason,
    Metadata,
    Prisma,
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
_REASON = re.compile(r"^-\s*(?P<reason>.+?)\s*\((?P<count>\d+)\)$")
PRISMA_FIELDS = (
    "identified",
    "excluded_screening",
    "full_text",
    "other_sources",
    "potentially_relevant",
    "excluded_full_text",
    "included",
)


def _reference(raw: dict, section: str | None = None) -> Reference:
    text = raw["text"]
    fields = raw.get("fields")
    if fields:
        authors, year = fields["authors"], fields["year"]
    else:
        head = text.split(". ", 1)[0]
        authors = [a.strip() for a in head.split(",")] if "," in head or len(head) < 40 else []
        found = _YEAR.search(re.sub(r"\[cited[^\]]*\]", "", text))
        year = int(found.group(1)) if found else None
    return Reference(
        number=raw["number"],
        section=raw.get("section", section),
        subsection=raw.get("subsection"),
        text=text,
        authors=[a for a in authors if a and a.lower() != "et al"],
        year=year,
        pmid=raw.get("pmid"),
        doi=(fields or {}).get("doi"),
        url=raw.get("url"),
    )


def _is_heterogeneity(text: str, start: int) -> bool:
    """'I^{2}' is the heterogeneity statistic, not a citation."""
    return text[start - 1 : start] == "I" and not text[start - 2 : start - 1].isalpha()


def _text_citations(section: str, paragraphs: list[str]) -> list[TextCitation]:
    out = []
    for i, text in enumerate(paragraphs):
        for m in SUPERSCRIPT.finditer(text):
            if _is_heterogeneity(text, m.start()):
                continue
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


def _row(raw: dict, section: str | None) -> StudyRow:
    year = str(raw["year"])
    return StudyRow(
        section=section,
        label=raw.get("label", ""),
        first_author=raw["first_author"],
        year=int(year) if year.isdigit() else None,
        year_raw=year,
        citation=Citation(
            raw=raw["printed_citation"], numbers=parse_callout(raw["printed_citation"]) or []
        ),
        first_cell_extra=raw.get("first_cell_extra"),
        cells=raw.get("cells", []),
    )


def _table(raw: dict) -> SummaryTable:
    rows = [_row(r, s["name"]) for s in raw["sections"] for r in s["rows"]]
    return SummaryTable(
        number=raw.get("number"),
        title=raw["title"],
        columns=raw["columns"],
        layout=raw.get("layout", "rows"),
        appendix=raw.get("appendix"),
        rows=rows,
        footnote=raw.get("footnote"),
    )


def _prisma(raw: dict | None) -> Prisma | None:
    if raw is None:
        return None
    reasons = [
        ExclusionReason(reason=m.group("reason"), count=int(m.group("count")))
        for box in raw.get("boxes", [])
        if (m := _REASON.match(box))
    ]
    numbers = {k: raw.get(k) for k in PRISMA_FIELDS}
    return Prisma(**numbers, exclusion_reasons=reasons, boxes=raw.get("boxes", []))


def _criteria(raw: dict) -> list[CriterionRow]:
    return [
        CriterionRow(label=label, text=value["lead"], items=value["items"])
        for label, value in raw.items()
    ]


def truth_report(name: str) -> tuple[Report, dict]:
    """The truth of fixture NAME as a Report, and the truth itself."""
    truth = json.loads((FIXTURES / f"{name}.truth.json").read_text())
    body = [
        BodySection(heading=b["heading"], level=b["level"], paragraphs=b["paragraphs"])
        for b in truth.get("body", [])
    ]
    if body:
        text_citations = [tc for b in body for tc in _text_citations(b.heading, b.paragraphs)]
    else:
        text_citations = _text_citations("Results", truth["results_paragraphs"])
        text_citations += _text_citations("Overall Summary of Findings", truth["overall_summary"])
    date = truth.get("publication_date")
    report = Report(
        tool_version="truth",
        source=Source(path=f"{name}.pdf", sha256="0" * 64, page_count=truth.get("page_count", 1)),
        metadata=Metadata(
            report_type=truth["report_type"],
            title=truth["title"],
            template=truth.get("template", "2017"),
            service_line=truth.get("service_line"),
            version=truth.get("version"),
            publication_date=dt.date.fromisoformat(date) if date else None,
            report_length_pages=truth.get("report_length_pages"),
            authors=truth.get("authors", []),
            cite_as=truth.get("cite_as"),
        ),
        abbreviations=truth.get("abbreviations", {}),
        research_questions=truth.get("research_questions", []),
        body=body,
        key_findings=truth["key_findings"],
        methods=truth.get("methods"),
        selection_criteria_intro=truth.get("selection_criteria_intro"),
        selection_criteria=_criteria(truth.get("selection_criteria", {})),
        results_paragraphs=truth["results_paragraphs"],
        overall_summary=truth["overall_summary"],
        summary_tables=[_table(t) for t in truth["summary_tables"]],
        prisma=_prisma(truth.get("prisma")),
        text_citations=text_citations,
        references_heading=truth.get("references_heading"),
        references=[_reference(r) for r in truth["references"]],
        reference_sections_empty=truth.get("reference_sections_empty", []),
        appendix_heading=truth.get("appendix_heading"),
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
ROW_CODES = ("citation_mismatch", "citation_out_of_range", "citation_unreadable")


def _number(value: object) -> object:
    return int(value) if isinstance(value, str) and value.isdigit() else value


def truth_keys(expected: list[dict]) -> list[tuple]:
    """The truth's expected findings as comparable tuples (a row finding names its table where
    the truth does: format 2)."""
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
            keys.append((kind, e["row"], _number(e["printed"]), e["expected"], e.get("table")))
    return sorted(keys, key=repr)


def finding_keys(findings: list, expected: list[dict]) -> list[tuple]:
    """Our findings of the standard codes as the same tuples; the table is compared where the
    truth's row findings name one."""
    tables = any("table" in e for e in expected if e["kind"] in ROW_CODES)
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
            table = f.location.table if tables else None
            keys.append((f.code, f.location.row, f.printed, f.expected, table))
    return sorted(keys, key=repr)


def fixture_names() -> list[str]:
    return FIXTURE_NAMES
