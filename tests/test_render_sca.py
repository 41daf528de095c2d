"""Rendering Critical Appraisal records and the three templates, read back as page text and
drawing: every part of the record is printed where its report type and template print it
(the round trip through the extractor is tests/test_render_roundtrip.py)."""

from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
import pytest

from cadthkit.models import Report
from cadthkit.parse.citations import strip_marks
from cadthkit.render import render_to_bytes

from .truth_records import truth_report


@cache
def rendered(name: str, template: str | None = None) -> tuple[Report, list[str], bytes]:
    report, _ = truth_report(name)
    if template:
        report.metadata.template = template  # type: ignore[assignment]
    data = render_to_bytes(report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    return report, pages, data


def _flat(text: str) -> str:
    """Words in order, without superscripts: ^{…} marks in the record, and the lines a reader
    splits superscripts into when a centred caption wraps."""
    lines = [ln for ln in strip_marks(text).splitlines() if not re.fullmatch(r"[\d,\-–]+", ln)]
    return " ".join(" ".join(lines).split())


def _page_of(pages: list[str], text: str) -> int:
    return next(i for i, p in enumerate(pages) if text in p)


@pytest.mark.parametrize("name", ["synthetic-s41-sca", "synthetic-s42-sca-web"])
def test_sca_body_abbreviations_tables_and_references_are_printed_in_order(name: str) -> None:
    report, pages, _ = rendered(name)
    flat = _flat(" ".join(pages))
    for k, v in report.abbreviations.items():
        assert f"{k} {v}" in flat
    order = [_flat(s.heading) for s in report.body]
    positions = [flat.index(h) for h in order]
    assert positions == sorted(positions), "headings out of reading order"
    for section in report.body:
        for paragraph in section.paragraphs:
            assert _flat(paragraph)[:60] in flat
    for question in report.research_questions:
        assert _flat(question) in flat
    # references come before the appendices; the flow diagram opens them
    refs = _page_of(pages, "References")
    assert refs < _page_of(pages, "Appendix 1: Selection of Included Studies")
    for table in report.summary_tables:
        assert table.appendix and table.appendix in flat
        assert _flat(table.title) in flat
        for row in table.rows:
            assert f"{row.label}{row.citation.raw}" in flat.replace(" ", "") or row.label in flat
            if row.first_cell_extra:
                assert row.first_cell_extra in flat
    for ref in report.references:
        assert f"{ref.number}. {_flat(ref.text)[:50]}" in flat


def test_sca_table_titles_print_their_callout_as_a_superscript() -> None:
    _, _, data = rendered("synthetic-s41-sca")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            title = [w for w in words if w["text"].startswith("2") and w["size"] < 8]
            if "Table 4:" in (page.extract_text() or ""):
                assert title, "AMSTAR 2^{7}: the 7 is smaller, raised"
                break
        else:
            pytest.fail("Table 4 not printed")


def test_spanning_tables_print_each_study_as_a_full_width_row() -> None:
    report, _, data = rendered("synthetic-s41-sca")
    spanning = next(t for t in report.summary_tables if t.layout == "spanning")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        head = spanning.title.split(":")[0] + ":"
        page = next(p for p in pdf.pages if head in (p.extract_text() or ""))
        label = spanning.rows[0].label.split(" (")[0]
        word = next(w for w in page.extract_words() if w["text"] == label.split()[0])
        # the spanning row's shaded background runs the full table width
        shades = [r for r in page.rects if r["top"] <= word["top"] <= r["bottom"]]
        assert any(r["x1"] - r["x0"] > 400 for r in shades)


def test_prisma_diagram_prints_every_box_with_arrows() -> None:
    report, pages, data = rendered("synthetic-s41-sca")
    assert report.prisma is not None
    page = _page_of(pages, "Appendix 1: Selection of Included Studies")
    assert "↓" in pages[page] and "→" in pages[page]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = pdf.pages[page]
        assert len(sheet.lines) >= 4 * 7  # seven bordered boxes
        middle = sheet.width / 2
        columns = [
            _flat(sheet.crop((0, 0, middle, sheet.height)).extract_text() or ""),
            _flat(sheet.crop((middle, 0, sheet.width, sheet.height)).extract_text() or ""),
        ]
    for box in report.prisma.boxes:
        assert any(_flat(box) in column for column in columns), box


def test_2021_template_band_rules_and_key_messages_box() -> None:
    _, pages, data = rendered("synthetic-s44-2021")
    assert pages[0].splitlines()[0] == "CADTH Health Technology Review"
    assert "Summary of Abstracts" in pages[0]
    assert "Key Messages" in pages[2]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        band = [r for r in pdf.pages[0].rects if r["x1"] - r["x0"] > 400]
        assert band and band[0]["non_stroking_color"] != (0, 0, 0)
        table_page = next(p for p in pdf.pages if "Table 2:" in (p.extract_text() or ""))
        vertical = [ln for ln in table_page.lines if abs(ln["x0"] - ln["x1"]) < 0.5]
        horizontal = [ln for ln in table_page.lines if abs(ln["top"] - ln["bottom"]) < 0.5]
        assert vertical == [] and len(horizontal) > 5, "horizontal rules only"
        shaded = [r for r in table_page.rects if r["non_stroking_color"] not in ((1, 1, 1), None)]
        assert shaded, "a shaded header row"


def test_2017_tables_are_a_grid() -> None:
    _, _, data = rendered("synthetic-s41-sca")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if "Table 2:" in (p.extract_text() or ""))
        assert any(abs(ln["x0"] - ln["x1"]) < 0.5 for ln in page.edges)


def test_2013_template_run_in_title_date_and_capital_headings() -> None:
    report, pages, _ = rendered("synthetic-s41-sca", "2013")
    first = pages[0].splitlines()
    assert first[0] == f"TITLE: {report.metadata.title}"
    assert re.fullmatch(r"DATE: \d{1,2} [A-Z][a-z]+ \d{4}", first[1])
    assert "CADTH RAPID RESPONSE REPORT" not in pages[0] and "Service Line" not in " ".join(pages)
    assert "CONTEXT AND POLICY ISSUES:" in " ".join(pages)
    assert report.metadata.cite_as and _flat(report.metadata.cite_as)[:40] in _flat(pages[0])
