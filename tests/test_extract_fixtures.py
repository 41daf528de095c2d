"""Every fixture PDF (the public ones, and the project's own in tests/data) against its ground
truth, field by field, compared as the fixtures README says (truth formats 1 and 2)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .conftest import FIXTURE_NAMES, OWN_NAMES, extracted, truth
from .truth_compare import (
    all_record_refs,
    all_truth_refs,
    match_rows,
    match_tables,
    ref_tuple,
    row_problems,
    table_problems,
    truth_ref_tuple,
    truth_rows,
    truth_value,
)

pytestmark = pytest.mark.parametrize("name", FIXTURE_NAMES + OWN_NAMES)


def test_metadata(name: str) -> None:
    report, want = extracted(name), truth(name)
    meta = report.metadata
    assert meta.template == truth_value(want, "template")
    assert meta.title == want["title"]
    assert meta.report_type == want["report_type"]
    assert meta.service_line == want["service_line"]
    assert meta.version == want["version"]
    assert meta.publication_date == dt.date.fromisoformat(want["publication_date"])
    assert meta.report_length_pages == want["report_length_pages"]
    assert meta.authors == want["authors"]
    assert meta.cite_as == want["cite_as"]
    if "page_count" in want:
        assert report.source.page_count == want["page_count"]


def test_front_matter_and_running_text(name: str) -> None:
    report, want = extracted(name), truth(name)
    assert report.research_questions == want["research_questions"]
    assert report.key_findings == want["key_findings"]
    assert report.methods == want["methods"]
    assert report.selection_criteria_intro == want["selection_criteria_intro"]
    assert report.results_paragraphs == want["results_paragraphs"]
    assert report.overall_summary == want["overall_summary"]


def test_abbreviations_and_body(name: str) -> None:
    """Format 2: the abbreviations list and the running text heading by heading (Critical
    Appraisal reports); reports without them have none."""
    report, want = extracted(name), truth(name)
    assert report.abbreviations == want.get("abbreviations", {})
    got = [
        {"heading": s.heading, "level": s.level, "paragraphs": s.paragraphs} for s in report.body
    ]
    assert got == want.get("body", [])
    assert all(s.page for s in report.body)


def test_prisma(name: str) -> None:
    """The flow diagram's numbers and boxes; none of its text leaks into paragraphs or rows."""
    report, want = extracted(name), truth(name)
    if want.get("prisma") is None:
        assert report.prisma is None
        return
    prisma = report.prisma
    assert prisma is not None
    got = prisma.model_dump(exclude={"page", "box", "exclusion_reasons"})
    assert got == {k: v for k, v in want["prisma"].items() if k != "exclusion_reasons"}
    reasons = [f"-{r.reason} ({r.count})" for r in prisma.exclusion_reasons]
    assert reasons == [b for b in want["prisma"]["boxes"] if b.startswith("-")]
    assert sum(r.count for r in prisma.exclusion_reasons) == prisma.excluded_full_text
    texts = [p for s in report.body for p in s.paragraphs] + report.results_paragraphs
    cells = [str(c) for t in report.summary_tables for r in t.rows for c in r.cells]
    for box in want["prisma"]["boxes"]:
        assert not any(t == box or t.startswith(box + " ") for t in texts + cells), box


def test_selection_criteria(name: str) -> None:
    got = {r.label: {"lead": r.text, "items": r.items} for r in extracted(name).selection_criteria}
    assert got == truth(name)["selection_criteria"]
    assert list(got) == list(truth(name)["selection_criteria"])  # row order too


def test_summary_tables(name: str) -> None:
    """Tables matched by number, rows in order by first author and year; every cell, the
    printed label and the first cell's extra line (format 2) equal to the truth."""
    tables, want = extracted(name).summary_tables, truth(name)["summary_tables"]
    assert [t.title for t in tables] == [t["title"] for t in want]
    for wt, table in match_tables(tables, want):
        assert table_problems(table, wt) == [], wt["title"]
        assert table is not None
        want_rows = truth_rows(wt)
        assert len(table.rows) == len(want_rows), table.title
        for section, wr, row in match_rows(table.rows, want_rows):
            label = f"{wr['first_author']} ({wr['year']})"
            assert row_problems(section, wr, row) == [], (table.title, label)
            assert row is not None
            assert row.first_author == wr["first_author"], label
            assert row.cells == wr["cells"], label
            assert row.pages and row.box is not None, label


def test_row_citation_numbers(name: str) -> None:
    """A readable printed callout parses to its numbers; an unreadable one to none."""
    for table in extracted(name).summary_tables:
        for row in table.rows:
            raw = row.citation.raw
            expected = [int(raw)] if raw.isdigit() else []
            assert row.citation.numbers == expected, row.label
            assert row.citation.box is not None, row.label


def test_references(name: str) -> None:
    report, want = extracted(name), truth(name)
    assert report.references_heading == want["references_heading"]
    assert report.reference_sections_empty == want["reference_sections_empty"]
    assert [ref_tuple(r) for r in report.references] == [
        truth_ref_tuple(r) for r in want["references"]
    ]


def test_appendix(name: str) -> None:
    """Further references: numbered under design headings (format 1), or printed unnumbered
    under the appendix title with `number` and group heading null (format 2)."""
    report, want = extracted(name), truth(name)
    assert [g.heading for g in report.appendix] == [g["heading"] for g in want["appendix"]]
    for group, wg in zip(report.appendix, want["appendix"], strict=True):
        assert [ref_tuple(r) for r in group.references] == [
            truth_ref_tuple(r, wg["heading"]) for r in wg["references"]
        ]
    if want["appendix"]:
        # The generated fixtures name an appendix heading in their truth but print none.
        assert report.appendix_heading == want["appendix_heading"]
    assert sorted(map(repr, all_record_refs(report))) == sorted(map(repr, all_truth_refs(want)))


def _running_paragraphs(report) -> list[str]:
    if report.body:
        return [p for s in report.body for p in s.paragraphs]
    return report.results_paragraphs + report.overall_summary


def test_text_citations_match_marks(name: str) -> None:
    """Every ^{...} in the running text is listed once, parsed, with its page and sentence;
    I^{2} (the heterogeneity statistic) is not a citation."""
    report = extracted(name)
    marks = [
        m.group(1)
        for para in _running_paragraphs(report)
        for m in re.finditer(r"\^\{([^}]*)\}", para)
        if not re.search(r"(?:^|\W)I$", para[: m.start()])
    ]
    assert [c.raw for c in report.text_citations] == marks
    for c in report.text_citations:
        assert c.numbers, c.raw
        assert f"^{{{c.raw}}}" in c.sentence
        assert c.box is not None and c.box.page == c.page


def test_source_and_no_warnings(name: str) -> None:
    report = extracted(name)
    assert len(report.source.sha256) == 64
    printed = report.metadata.report_length_pages
    assert printed is None or report.source.page_count >= printed - 1
    assert report.warnings == []


def test_text_blocks_locate_every_paragraph(name: str) -> None:
    """Each paragraph of running text has a box per page it spans; its citations fall inside
    (a superscript may rise a few points above the first line)."""
    report = extracted(name)
    fields = {
        "key_findings": [report.key_findings] if report.key_findings else [],
        "methods": [report.methods] if report.methods else [],
        "results_paragraphs": report.results_paragraphs,
        "overall_summary": report.overall_summary,
        "body": [p for s in report.body for p in s.paragraphs],
    }
    for field, paras in fields.items():
        for i in range(len(paras)):
            box = report.text_box(field, i)
            assert box is not None, (field, i)
            assert box.x1 > box.x0 and box.bottom > box.top
    offsets: dict[str, int] = {}
    count = 0
    for s in report.body:
        offsets.setdefault(s.heading, count)
        count += len(s.paragraphs)
    for c in report.text_citations:
        if report.body:
            field, index = "body", offsets[c.section] + c.paragraph
        else:
            field = "overall_summary" if c.section.startswith("Overall") else "results_paragraphs"
            index = c.paragraph
        block = next(b for b in report.text_blocks if b.field == field and b.index == index)
        assert any(
            b.page == c.box.page and b.top - 6 <= c.box.top <= b.bottom for b in block.boxes
        ), c
