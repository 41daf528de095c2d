"""Property: a generated record, rendered and read back, keeps every field it was built with.

Records vary column counts (3–6; six go on landscape pages), row counts, cells long enough to
split across pages, bulleted cells, sections, non-ASCII names (Ø, é, ł, ’) and signs (≥, –),
&, < and >, superscript citations in running text. Critical Appraisal records (2017 and 2021
templates) add a body of headed sections with ranges and lists of callouts, abbreviations,
characteristics tables with a country line, spanning-row appraisal and findings tables whose
studies recur across tables, a PRISMA diagram, a flat reference list and unnumbered further
references.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cadthkit.api import extract, render
from cadthkit.models import (
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
)

from .render_support import differences

WORDS = (  # noqa: SIM905 -- a sentence reads better than a list of 33 strings
    "patients treatment effect trial outcome risk rate ≥ 3 cycles live births reduced "
    "significant difference between groups placebo versus dose quality pressure ulcer "
    "régime naïve co-operative follow-up 95% CI 1.2–3.4 women’s adults children A&E P<0.05 >90%"
).split()
SURNAMES = ["Côté", "Ødegaard", "Müller", "Łukasz", "Nuñez", "O’Brien", "Smith", "Zhang", "Åberg"]
DESIGNS = [
    "Systematic Reviews and Meta-analyses",
    "Randomized Controlled Trials",
    "Non-Randomized Studies",
    "Economic Evaluations",
]
TABLE_SECTIONS = ["Systematic Reviews", "Randomized Controlled Trials", "Non-Randomized Studies"]
COLUMNS = ["First Author, Year", "Population", "Intervention", "Results", "Conclusions", "Design"]
REPORT_TYPES = ["Summary of Abstracts", "Reference List", "Summary with Critical Appraisal"]


def words(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi).map(" ".join)


def sentence(lo: int = 4, hi: int = 25) -> st.SearchStrategy[str]:
    return words(lo, hi).map(lambda s: s[0].upper() + s[1:] + ".")


cell = st.one_of(
    words(1, 12).map(str.capitalize),
    words(150, 320).map(str.capitalize),  # taller than a page in a 100 pt column
    st.lists(words(2, 14).map(str.capitalize), min_size=1, max_size=4),
)


@st.composite
def study_rows(draw: st.DrawFn, sectioned: bool, ncols: int) -> list[StudyRow]:
    n = draw(st.integers(1, 9))
    sections = sorted(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    rows = []
    for i in range(n):
        cite = draw(st.integers(1, 60))
        year = draw(st.integers(1995, 2024))
        rows.append(
            StudyRow(
                section=TABLE_SECTIONS[sections[i]] if sectioned else None,
                first_author=draw(st.sampled_from(SURNAMES)),
                year=year,
                year_raw=str(year),
                citation=Citation(raw=str(cite), numbers=[cite]),
                cells=[draw(cell) for _ in range(ncols - 1)],
            )
        )
    return rows


@st.composite
def reference(draw: st.DrawFn, number: int, section: str) -> Reference:
    authors = ", ".join(
        f"{s} {draw(st.sampled_from(['A', 'JM', 'K']))}"
        for s in draw(st.lists(st.sampled_from(SURNAMES), min_size=1, max_size=4))
    )
    year = draw(st.integers(1995, 2024))
    text = f"{authors}. {draw(sentence(4, 16))} J Clin Stud. {year};{number}(2):11-9."
    pmid = draw(st.one_of(st.none(), st.integers(10**7, 4 * 10**7 - 1).map(str)))
    return Reference(number=number, section=section, text=text, pmid=pmid)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    year = draw(st.integers(2010, 2024))
    date = dt.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    authors = [
        f"{f} {s}"
        for f, s in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["Michelle", "Zoë", "José", "Hélène"]),
                    st.sampled_from(SURNAMES),
                ),
                min_size=1,
                max_size=3,
            )
        )
    ]
    designs = sorted(draw(st.sets(st.integers(0, len(DESIGNS) - 1), min_size=1)))
    refs: list[Reference] = []
    for d in designs:
        for _ in range(draw(st.integers(1, 4))):
            refs.append(draw(reference(len(refs) + 1, DESIGNS[d])))
    groups = []
    for heading in draw(
        st.lists(
            st.sampled_from(["Review Articles", "Case Reports – Other"]), unique=True, max_size=2
        )
    ):
        start = len(refs) + sum(len(g.references) for g in groups) + 1
        groups.append(
            ReferenceGroup(
                heading=heading,
                references=[
                    draw(reference(start + i, heading)) for i in range(draw(st.integers(1, 3)))
                ],
            )
        )
    numbers = [r.number for r in refs]
    first, last = numbers[0], numbers[-1]
    summary = f"One study^{{{first}}} and others^{{{first}-{last}}} were found."
    tables = []
    for i in range(draw(st.integers(1, 2))):
        ncols = draw(st.integers(3, len(COLUMNS)))  # 6 columns go on landscape pages
        tables.append(
            SummaryTable(
                number=2 + i,
                title=f"Table {2 + i}: {draw(sentence(2, 5))[:-1]}",
                columns=COLUMNS[:ncols],
                rows=draw(study_rows(sectioned=i == 0, ncols=ncols)),
                footnote=draw(st.one_of(st.none(), st.just("RCT = randomized trial; vs = versus"))),
            )
        )
    return Report(
        tool_version="test",
        source=Source(path="generated", sha256="0" * 64, page_count=0),
        metadata=Metadata(
            title=draw(sentence(3, 14))[:-1],
            report_type=draw(st.sampled_from(REPORT_TYPES)),
            service_line="Rapid Response Service",
            version="1.0",
            publication_date=date,
            publication_date_raw=f"{date:%B} {date.day}, {date.year}",
            report_length_pages=draw(st.integers(1, 40)),
            authors=authors,
            cite_as=draw(sentence(5, 30)),
        ),
        research_questions=draw(st.lists(sentence(), min_size=1, max_size=3)),
        key_findings=draw(sentence()),
        methods=draw(sentence(10, 60)),
        selection_criteria_intro="One reviewer screened citations against Table 1.",
        selection_criteria=[
            CriterionRow(
                label=label,
                text=draw(sentence(2, 12)),
                items=draw(st.lists(words(1, 8).map(str.capitalize), max_size=3)),
            )
            for label in ["Population", "Intervention", "Comparator", "Outcomes"]
        ],
        results_paragraphs=draw(st.lists(sentence(), min_size=1, max_size=3)),
        overall_summary=[summary] if tables else [],
        summary_tables=tables,
        references_heading="References Summarized",
        references=refs,
        reference_sections_empty=["Health Technology Assessments"] if draw(st.booleans()) else [],
        appendix_heading="Appendix — Further Information" if groups else None,
        appendix=groups,
    )


REASONS = ["irrelevant population", "other (review articles, editorials)"]
COUNTRIES = ["Canada", "Denmark", "South Korea", "Côte d’Ivoire", "UK"]
ABBREVIATIONS = {
    "AMSTAR 2": "A MeaSurement Tool to Assess systematic Reviews 2",
    "CI": "confidence interval",
    "RCT": "randomized controlled trial",
    "SR": "systematic review",
    "vs": "versus",
}
CHARACTERISTICS = [
    "First Author, Publication Year, Country",
    "Study Design",
    "Population Characteristics",
    "Intervention and Comparator(s)",
    "Clinical Outcomes, Length of Follow-Up",
]
BODY = [  # heading, level, paragraphs drawn (0: none), where the format-1 copy goes
    ("Context and Policy Issues", 1, 2, None),
    ("Research Questions", 1, 0, None),
    ("Key Findings", 1, 1, "key_findings"),
    ("Methods", 1, 0, None),
    ("Literature Search Methods", 2, 1, "methods"),
    ("Selection Criteria and Methods", 2, 1, "selection_criteria_intro"),
    ("Summary of Evidence", 1, 0, None),
    ("Quantity of Research Available", 2, 1, "results_paragraphs"),
    ("Summary of Findings", 2, 2, "overall_summary"),
    ("Limitations", 1, 1, None),
]


def _label(draw: st.DrawFn, year: int) -> tuple[str, str]:
    first = draw(st.sampled_from(SURNAMES))
    form = draw(st.sampled_from(["{} ({})", "{} et al. ({})", "{} and Smith ({})"]))
    return first, form.format(first, year)


@st.composite
def sca_reports(draw: st.DrawFn, templates: tuple[str, ...], further: bool) -> Report:
    """Critical Appraisal records in `templates`; with `further`, maybe unnumbered further
    references (Appendix 5)."""
    template = draw(st.sampled_from(templates))
    n_refs = draw(st.integers(4, 8))
    refs = [draw(reference(i + 1, "")).model_copy(update={"section": None}) for i in range(n_refs)]
    body: list[BodySection] = []
    copies: dict[str, list[str]] = {}
    for heading, level, count, field in BODY:
        paragraphs = []
        for _ in range(count):
            a = draw(st.integers(1, n_refs - 1))
            callout = draw(st.sampled_from([f"{a}", f"{a},{a + 1}", f"{a}-{a + 1}"]))
            paragraphs.append(f"{draw(sentence(8, 40))[:-1]}.^{{{callout}}} {draw(sentence())}")
        body.append(BodySection(heading=heading, level=level, paragraphs=paragraphs))
        if field:
            copies[field] = paragraphs
    studies = []
    for i in range(draw(st.integers(1, 3))):
        year = draw(st.integers(2005, 2020))
        first, label = _label(draw, year)
        studies.append((first, label, year, n_refs - i))

    def rows(ncells: int, country: bool) -> list[StudyRow]:
        return [
            StudyRow(
                label=label,
                first_author=first,
                year=year,
                year_raw=str(year),
                citation=Citation(raw=str(n), numbers=[n]),
                first_cell_extra=draw(st.sampled_from(COUNTRIES)) if country else None,
                cells=[draw(cell) for _ in range(ncells)],
            )
            for first, label, year, n in studies
        ]

    appendix2 = "Appendix 2: Characteristics of Included Publications"
    tables = [
        SummaryTable(
            number=2,
            title="Table 2: Characteristics of Included Primary Clinical Studies",
            columns=CHARACTERISTICS,
            appendix=appendix2,
            rows=rows(4, country=True),
            footnote="RCT = randomized controlled trial; vs = versus.",
        ),
        SummaryTable(
            number=3,
            title="Table 3: Strengths and Limitations of Clinical Studies using the Downs and "
            "Black Checklist^{1}",
            columns=["Strengths", "Limitations"],
            layout="spanning",
            appendix="Appendix 3: Critical Appraisal of Included Publications",
            rows=rows(2, country=False),
        ),
        SummaryTable(
            number=4,
            title="Table 4: Summary of Findings of Included Primary Clinical Studies",
            columns=["Main Study Findings", "Authors’ Conclusion"],
            layout="spanning",
            appendix="Appendix 4: Main Study Findings and Authors’ Conclusions",
            rows=rows(2, country=False),
        ),
    ]
    identified = draw(st.integers(50, 900))
    excluded = draw(st.integers(10, identified - 10))
    full_text = identified - excluded
    other = draw(st.integers(0, 3))
    relevant = full_text + other
    included = len(studies)
    reasons = [relevant - included - 1, 1] if relevant - included > 1 else [relevant - included]
    reason_lines = [f"-{REASONS[i]} ({c})" for i, c in enumerate(reasons)]
    prisma = Prisma(
        identified=identified,
        excluded_screening=excluded,
        full_text=full_text,
        other_sources=other,
        potentially_relevant=relevant,
        excluded_full_text=relevant - included,
        included=included,
        exclusion_reasons=[
            ExclusionReason(reason=REASONS[i], count=c) for i, c in enumerate(reasons)
        ],
        boxes=[
            f"{identified} citations identified from electronic literature search and screened",
            f"{excluded} citations excluded",
            f"{full_text} potentially relevant articles retrieved for scrutiny (full text, if "
            "available)",
            f"{other} potentially relevant reports retrieved from other sources (grey "
            "literature, hand search)",
            f"{relevant} potentially relevant reports",
            f"{relevant - included} reports excluded:",
            *reason_lines,
            f"{included} reports included in review",
        ],
    )
    further_refs = draw(st.lists(reference(1, ""), max_size=2)) if further else []
    abbreviations = draw(st.sets(st.sampled_from(sorted(ABBREVIATIONS)), min_size=1))
    title = "Appendix 5: Additional References of Potential Interest"
    date = dt.date(draw(st.integers(2015, 2022)), draw(st.integers(1, 12)), 15)
    return Report(
        tool_version="test",
        source=Source(path="generated", sha256="0" * 64, page_count=0),
        metadata=Metadata(
            title=draw(sentence(3, 14))[:-1],
            report_type="Rapid Review" if template == "2021" else "Summary with Critical Appraisal",
            template=template,
            service_line="Rapid Response Service",
            version="1.0",
            publication_date=date,
            publication_date_raw=f"{date:%B} {date.day}, {date.year}",
            report_length_pages=draw(st.integers(1, 40)),
            authors=["Zoë Côté"],
            cite_as=draw(sentence(5, 30)),
        ),
        abbreviations={k: ABBREVIATIONS[k] for k in sorted(abbreviations)},
        research_questions=draw(st.lists(sentence(), min_size=1, max_size=2)),
        body=body,
        key_findings=copies["key_findings"][0],
        methods=copies["methods"][0],
        selection_criteria_intro=copies["selection_criteria_intro"][0],
        selection_criteria=[
            CriterionRow(label=label, text=draw(sentence(2, 12)))
            for label in ["Population", "Intervention", "Comparator", "Outcomes"]
        ],
        results_paragraphs=copies["results_paragraphs"],
        overall_summary=copies["overall_summary"],
        summary_tables=tables,
        prisma=prisma,
        references_heading="References",
        references=refs,
        appendix_heading=title if further_refs else None,
        appendix=[
            ReferenceGroup(
                heading=None,
                references=[
                    r.model_copy(update={"number": None, "section": title}) for r in further_refs
                ],
            )
        ]
        if further_refs
        else [],
    )


def built_fields(report: Report, sca: bool = False) -> dict[str, Any]:
    """The fields the generator sets (the extractor also parses reference parts and callouts).
    The Summary of Abstracts generator draws no template, body, abbreviations or PRISMA; the
    Critical Appraisal one (`sca`) draws them all."""
    data = report.model_dump(mode="json")
    data["metadata"].pop("report_length_pages")  # the rendered cover states its own length
    if not sca:
        data["metadata"].pop("template")  # the extractor names the layout it recognised
        for unset in ("body", "abbreviations", "prisma"):
            data.pop(unset)
    elif data["prisma"] is not None:
        for positional in ("page", "box"):
            data["prisma"].pop(positional)
    data.pop("text_blocks")  # where paragraphs are printed, not what they say
    keep_ref = ("number", "section", "subsection", "text", "pmid")

    def refs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: r[k] for k in keep_ref} for r in items]

    tables = [
        {
            "number": t["number"],
            "title": t["title"],
            "columns": t["columns"],
            "layout": t["layout"],
            "appendix": t["appendix"],
            "footnote": t["footnote"],
            "rows": [
                {
                    k: r[k]
                    for k in (
                        "section",
                        "label",
                        "first_author",
                        "year",
                        "year_raw",
                        "first_cell_extra",
                        "cells",
                    )
                }
                | {"citation": r["citation"]["raw"]}
                for r in t["rows"]
            ],
        }
        for t in data["summary_tables"]
    ]
    skip = {
        "source",
        "tool_version",
        "text_citations",
        "warnings",
        "summary_tables",
        "references",
        "appendix",
    }
    out = {k: v for k, v in data.items() if k not in skip}
    if sca:
        out["body"] = [{k: b[k] for k in ("heading", "level", "paragraphs")} for b in data["body"]]
    out["summary_tables"] = tables
    out["references"] = refs(data["references"])
    out["appendix"] = [
        {"heading": g["heading"], "references": refs(g["references"])} for g in data["appendix"]
    ]
    return out


SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # example count and randomness come from the profile (tests/conftest.py): "ci" by default,
    # the same 15 examples every run; `pytest --hypothesis-profile=explore` draws 100 new ones
    # no shrinking: shrinking a failing PDF round trip takes minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@pytest.mark.slow
@SETTINGS
@given(reports())
def test_generated_record_round_trips(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render(report, Path(tmp) / "generated.pdf")
        again = extract(pdf)
        with pdfplumber.open(pdf) as doc:  # no blank page: more than header and page number
            assert all(len((p.extract_text() or "").splitlines()) > 3 for p in doc.pages)
    assert differences(built_fields(report), built_fields(again)) == []
    assert again.metadata.report_length_pages == again.source.page_count
    # a report without summary tables is warned about, and one whose rows cite numbers its list
    # does not hold (the generator draws them from 1-60); nothing else should be
    expected = set() if report.summary_tables else {"missing_summary_table"}
    listed = {r.number for r in report.references} | {
        r.number for g in report.appendix for r in g.references
    }
    cited = {n for t in report.summary_tables for row in t.rows for n in row.citation.numbers}
    if cited - listed:
        expected.add("missing_references")
    assert {w.code for w in again.warnings} <= expected, again.warnings


def _critical_appraisal_round_trip(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render(report, Path(tmp) / "generated.pdf")
        again = extract(pdf)
        with pdfplumber.open(pdf) as doc:  # no blank page: more than header and page number
            assert all(len((p.extract_text() or "").splitlines()) > 3 for p in doc.pages)
    assert differences(built_fields(report, sca=True), built_fields(again, sca=True)) == []
    assert again.metadata.report_length_pages == again.source.page_count
    assert again.warnings == []


@pytest.mark.slow
@SETTINGS
@given(sca_reports(templates=("2017",), further=False))
def test_generated_critical_appraisal_record_round_trips(report: Report) -> None:
    _critical_appraisal_round_trip(report)


@pytest.mark.slow
@SETTINGS
@given(sca_reports(templates=("2017", "2021"), further=True))
def test_generated_rapid_review_and_further_references_round_trip(report: Report) -> None:
    """2021 Critical Appraisal records ('Rapid Review') and unnumbered further references."""
    _critical_appraisal_round_trip(report)
