"""Property: a generated record, rendered and read back, keeps every field it was built with.

Records vary column counts (3–6; six go on landscape pages), row counts, cells long enough to
split across pages, bulleted cells, sections, non-ASCII names (Ø, é, ł, ’) and signs (≥, –),
&, < and >, superscript citations in running text.
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
    Citation,
    CriterionRow,
    Metadata,
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


def built_fields(report: Report) -> dict[str, Any]:
    """The fields the generator sets (the extractor also parses reference parts and callouts)."""
    data = report.model_dump(mode="json")
    data["metadata"].pop("report_length_pages")  # the rendered cover states its own length
    data.pop("text_blocks")  # where paragraphs are printed, not what they say
    keep_ref = ("number", "section", "subsection", "text", "pmid")

    def refs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: r[k] for k in keep_ref} for r in items]

    tables = [
        {
            "number": t["number"],
            "title": t["title"],
            "columns": t["columns"],
            "footnote": t["footnote"],
            "rows": [
                {k: r[k] for k in ("section", "first_author", "year", "year_raw", "cells")}
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
    out["summary_tables"] = tables
    out["references"] = refs(data["references"])
    out["appendix"] = [
        {"heading": g["heading"], "references": refs(g["references"])} for g in data["appendix"]
    ]
    return out


@pytest.mark.slow
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # example count and randomness come from the profile (tests/conftest.py): "ci" by default,
    # the same 15 examples every run; `pytest --hypothesis-profile=explore` draws 100 new ones
    # no shrinking: shrinking a failing PDF round trip takes minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(reports())
def test_generated_record_round_trips(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render(report, Path(tmp) / "generated.pdf")
        again = extract(pdf)
        with pdfplumber.open(pdf) as doc:  # no blank page: more than header and page number
            assert all(len((p.extract_text() or "").splitlines()) > 3 for p in doc.pages)
    assert differences(built_fields(report), built_fields(again)) == []
    assert again.metadata.report_length_pages == again.source.page_count
    # a report without summary tables is warned about; nothing else should be
    expected = set() if report.summary_tables else {"missing_summary_table"}
    assert {w.code for w in again.warnings} <= expected, again.warnings
