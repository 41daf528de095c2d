"""The rendered PDF itself: fonts, links, metadata, repeated headers, corrections section."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from cadthkit.api import extract, render
from cadthkit.errors import OutputError, RecordError
from cadthkit.models import Correction
from cadthkit.render import render_to_bytes

from .conftest import extracted
from .render_support import content, differences

SEED = "ivig-offlabel-2017"


@cache
def seed_pdf() -> bytes:
    return render_to_bytes(extracted(SEED))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.mark.parametrize("name", [SEED, "synthetic-s11", "synthetic-s12-reflist-web"])
def test_embedded_dejavu_keeps_every_character_of_the_record(name: str) -> None:
    report = extracted(name)
    with pdfplumber.open(io.BytesIO(render_to_bytes(report))) as pdf:
        fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
        printed = {c["text"] for p in pdf.pages for c in p.chars}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-BoldOblique"}
    wanted = set("".join(_strings(report.model_dump(exclude={"source", "warnings"}))))
    assert "•" in printed and not any("cid:" in t for t in printed)
    missing = {ch for ch in wanted if ch.isalpha() or not ch.isascii()} - printed
    assert missing == set()


def test_metadata() -> None:
    info = pypdf.PdfReader(io.BytesIO(seed_pdf())).metadata
    md = extracted(SEED).metadata
    assert info.title == md.title
    assert info.author == "Michelle Clark, Sarah Visintini"
    assert info.subject == "CADTH Rapid Response Report: Summary of Abstracts"
    assert "Systematic Reviews and Meta-analyses" in info["/Keywords"]


def test_pubmed_lines_are_links() -> None:
    reader = pypdf.PdfReader(io.BytesIO(seed_pdf()))
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots") or []
        if "/URI" in a.get_object().get("/A", {})
    }
    report = extracted(SEED)
    pmids = [r.pmid for r in report.references + [r for g in report.appendix for r in g.references]]
    want = {f"https://www.ncbi.nlm.nih.gov/pubmed/{p}" for p in pmids if p}
    assert len(want) > 20 and want <= uris


def test_cover_running_header_and_page_numbers() -> None:
    pages = _pages_text(seed_pdf())
    assert pages[0].startswith("CADTH RAPID RESPONSE REPORT: SUMMARY OF ABSTRACTS")
    assert "Publication Date: November 7, 2017" in pages[0]
    # the refreshed PDF states its own length, not the source's 10 pages
    assert f"Report Length: {len(pages)} Pages" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        lines = text.splitlines()
        assert lines[0].startswith("SUMMARY OF ABSTRACTS Off-Label Use"), number
        assert lines[-1] == str(number)


def test_table_header_repeats_on_every_page_of_the_table() -> None:
    columns = extracted(SEED).summary_tables[0].columns
    norm = [" ".join(c.split()) for c in columns]
    seen = 0
    with pdfplumber.open(io.BytesIO(seed_pdf())) as pdf:
        for page in pdf.pages:
            for table in page.find_tables({"vertical_strategy": "lines"}):
                rows = table.extract()
                if len(rows[0]) == len(columns):
                    assert [" ".join((c or "").split()) for c in rows[0]] == norm
                    seen += 1
    assert seen >= 3  # the seed's Table 2 runs over at least three pages


def test_no_literature_heading_comes_first_by_design_order() -> None:
    text = "\n".join(_pages_text(seed_pdf()))
    hta = text.index("Health Technology Assessments\nNo literature identified.")
    assert hta < text.index("Systematic Reviews and Meta-analyses\n1.")


def test_corrections_section_only_when_there_are_corrections() -> None:
    report = extracted(SEED)
    assert "Corrections" not in "\n".join(_pages_text(seed_pdf()))
    change = Correction(
        table=report.summary_tables[0].title,
        row="Wong (2014)",
        printed="9",
        corrected=5,
        finding_code="citation_mismatch",
        evidence="reference 5 (Wong, 2014): same first author, same year",
    )
    last = _pages_text(render_to_bytes(report, [change]))[-1]
    assert "Corrections" in last and "Wong (2014) 9 5 reference 5 (Wong, 2014)" in last


def test_missing_output_folder_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        render(extracted(SEED), tmp_path / "nope" / "out.pdf")
    assert not (tmp_path / "nope").exists()


def test_row_with_more_cells_than_columns_is_a_record_error(tmp_path: Path) -> None:
    report = extracted(SEED).model_copy(deep=True)
    report.summary_tables[0].rows[0].cells.append("one too many")
    with pytest.raises(RecordError, match="Zerdes \\(2017\\): 5 cells"):
        render(report, tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def test_six_column_tables_go_landscape_without_blank_pages(tmp_path: Path) -> None:
    report = extracted("synthetic-s35-landscape").model_copy(deep=True)
    assert len(report.summary_tables) == 2  # landscape after landscape, then the references
    for table in report.summary_tables:
        table.columns.append("Design")
        for row in table.rows:
            row.cells.append(["Randomized", "multicentre – Ødegaard’s design"])
    out = render(report, tmp_path / "wide.pdf")
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            assert len((page.extract_text() or "").splitlines()) > 3, page.page_number
            if any(len(t.extract()[0]) == 6 for t in page.find_tables()):
                assert page.width > page.height, page.page_number
        assert pdf.pages[0].width < pdf.pages[0].height
        assert pdf.pages[-1].width < pdf.pages[-1].height
    again = extract(out)
    assert differences(content(report), content(again)) == []
