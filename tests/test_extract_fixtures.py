"""Every fixture PDF, both layout engines, against its ground truth, field by field."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import FIXTURE_NAMES, extracted, truth

pytestmark = pytest.mark.parametrize("name", FIXTURE_NAMES)


def test_metadata(name: str) -> None:
    meta, want = extracted(name).metadata, truth(name)
    assert meta.title == want["title"]
    assert meta.report_type == want["report_type"]
    assert meta.service_line == want["service_line"]
    assert meta.version == want["version"]
    assert meta.publication_date == dt.date.fromisoformat(want["publication_date"])
    assert meta.report_length_pages == want["report_length_pages"]
    assert meta.authors == want["authors"]
    assert meta.cite_as == want["cite_as"]


def test_front_matter_and_running_text(name: str) -> None:
    report, want = extracted(name), truth(name)
    assert report.research_questions == want["research_questions"]
    assert report.key_findings == want["key_findings"]
    assert report.methods == want["methods"]
    assert report.selection_criteria_intro == want["selection_criteria_intro"]
    assert report.results_paragraphs == want["results_paragraphs"]
    assert report.overall_summary == want["overall_summary"]


def test_selection_criteria(name: str) -> None:
    got = {r.label: {"lead": r.text, "items": r.items} for r in extracted(name).selection_criteria}
    assert got == truth(name)["selection_criteria"]
    assert list(got) == list(truth(name)["selection_criteria"])  # row order too


def test_summary_tables(name: str) -> None:
    tables, want = extracted(name).summary_tables, truth(name)["summary_tables"]
    assert [t.title for t in tables] == [t["title"] for t in want]
    for table, wt in zip(tables, want, strict=True):
        assert table.columns == wt["columns"]
        assert table.footnote == wt["footnote"]
        want_rows = [(s["name"], r) for s in wt["sections"] for r in s["rows"]]
        assert len(table.rows) == len(want_rows), table.title
        for row, (section, wr) in zip(table.rows, want_rows, strict=True):
            label = f"{wr['first_author']} ({wr['year']})"
            assert row.section == section, label
            assert row.first_author == wr["first_author"], label
            assert row.year == wr["year"], label
            assert row.citation.raw == wr["printed_citation"], label
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


def _ref_tuple(ref) -> tuple:
    return (ref.number, ref.section, ref.subsection, ref.text, ref.pmid, ref.url)


def _truth_tuple(ref: dict) -> tuple:
    return (
        ref["number"],
        ref["section"],
        ref.get("subsection"),
        ref["text"],
        ref["pmid"],
        ref["url"],
    )


def test_references(name: str) -> None:
    report, want = extracted(name), truth(name)
    assert report.references_heading == want["references_heading"]
    assert report.reference_sections_empty == want["reference_sections_empty"]
    assert [_ref_tuple(r) for r in report.references] == [
        _truth_tuple(r) for r in want["references"]
    ]


def test_appendix(name: str) -> None:
    report, want = extracted(name), truth(name)
    assert [g.heading for g in report.appendix] == [g["heading"] for g in want["appendix"]]
    for group, wg in zip(report.appendix, want["appendix"], strict=True):
        assert [_ref_tuple(r) for r in group.references] == [
            _truth_tuple(r) for r in wg["references"]
        ]
    if want["appendix"]:
        # The generated fixtures name an appendix heading in their truth but print none.
        assert report.appendix_heading == want["appendix_heading"]


def test_text_citations_match_marks(name: str) -> None:
    """Every ^{...} in the running text is listed once, parsed, with its page and sentence."""
    report = extracted(name)
    marks = [
        m
        for para in report.results_paragraphs + report.overall_summary
        for m in __import__("re").findall(r"\^\{([^}]*)\}", para)
    ]
    assert [c.raw for c in report.text_citations] == marks
    for c in report.text_citations:
        assert c.numbers, c.raw
        assert f"^{{{c.raw}}}" in c.sentence
        assert c.box is not None and c.box.page == c.page


def test_source_and_no_warnings(name: str) -> None:
    report = extracted(name)
    assert len(report.source.sha256) == 64
    assert report.source.page_count >= report.metadata.report_length_pages - 1
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
    }
    for field, paras in fields.items():
        for i in range(len(paras)):
            box = report.text_box(field, i)
            assert box is not None, (field, i)
            assert box.x1 > box.x0 and box.bottom > box.top
    for c in report.text_citations:
        field = "overall_summary" if c.section.startswith("Overall") else "results_paragraphs"
        block = next(b for b in report.text_blocks if b.field == field and b.index == c.paragraph)
        assert any(
            b.page == c.box.page and b.top - 6 <= c.box.top <= b.bottom for b in block.boxes
        ), c
