"""`check --annotate` writes annotations a reviewer can use in any PDF viewer: one real PDF
annotation per finding (a highlight on a superscript, a square around a larger item) whose
comment is the finding, a first page that lists the findings with links to their pages, and
notes of 8 pt or more in the Unicode font the renderer ships."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.audit.notes import NOTES_WIDTH
from cadthkit.cli import app

from .conftest import extracted, fixture_pdf
from .test_hostile_annotate import finding_annotations

runner = CliRunner()
SEED = fixture_pdf("ivig-offlabel-2017")


@pytest.fixture(scope="module")
def annotated_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annotated") / "seed.pdf"
    result = runner.invoke(app, ["check", str(SEED), "--annotate", str(out), "-o", "/dev/null"])
    assert result.exit_code == 1, result.output
    return out


def test_one_pdf_annotation_per_finding_on_its_page(annotated_seed: Path) -> None:
    findings = api.check(extracted("ivig-offlabel-2017"))
    annotations = finding_annotations(annotated_seed)
    assert sorted(annotations) == list(range(1, len(findings) + 1))
    reader = PdfReader(annotated_seed)
    for number, f in enumerate(findings, start=1):
        index, annot = annotations[number]
        box = f.location.box
        assert box is not None and index == box.page  # page 1 of the copy is the summary
        assert annot["/Subtype"] in ("/Highlight", "/Square")
        assert str(annot["/Subj"]) == f.code and str(annot["/T"]) == "cadthkit"
        assert f.message in str(annot["/Contents"])
        # the annotation covers the printed item (the seed's pages are stored upright)
        height = float(PdfReader(SEED).pages[box.page - 1].mediabox.height)
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert x0 <= box.x0 and box.x1 <= x1
        assert y0 <= height - box.bottom and height - box.top <= y1
        if annot["/Subtype"] == "/Highlight":
            assert len(annot["/QuadPoints"]) == 8
    # the citation superscripts are highlighted, as a reviewer marks text
    assert {str(a["/Subtype"]) for _, a in annotations.values()} >= {"/Highlight"}
    assert len(reader.pages) == len(PdfReader(SEED).pages) + 1


def test_the_first_page_summarises_the_findings_with_links(annotated_seed: Path) -> None:
    findings = api.check(extracted("ivig-offlabel-2017"))
    reader = PdfReader(annotated_seed)
    summary = reader.pages[0]
    text = summary.extract_text()
    assert text.startswith("Citation audit")
    assert "7 errors, 1 warning, 0 info" in text
    for number, f in enumerate(findings, start=1):
        assert f"{number}. {f.code} ({f.severity})" in text
        assert f.message in text.replace("\n", " ")
    page_refs = [p.indirect_reference for p in reader.pages]
    targets = []
    for ref in summary["/Annots"]:
        link = ref.get_object()
        assert link["/Subtype"] == "/Link"
        targets.append(page_refs.index(link["/Dest"][0]))
    assert targets == [f.location.page for f in findings]  # copy index = report page


def test_notes_are_8_pt_or_more_in_dejavu(annotated_seed: Path) -> None:
    with pdfplumber.open(annotated_seed) as pdf:
        summary = pdf.pages[0].chars
        page = pdf.pages[4]  # the report's page 4: two findings
        width = float(page.width) - NOTES_WIDTH
        notes = [c for c in page.chars if c["x0"] >= width]
        # the numbers in the discs beside the boxes: the only DejaVu on the report's page
        badges = [c for c in page.chars if c["x0"] < width and "DejaVu" in c["fontname"]]
    assert summary and notes and [c["text"] for c in badges] == ["1", "2"]
    for c in [*summary, *notes, *badges]:
        assert c["size"] >= 8 - 1e-6, c
        assert "DejaVu" in c["fontname"], c
    assert "1. citation_mismatch" in "".join(c["text"] for c in notes)


def test_notes_print_any_character(tmp_path: Path) -> None:
    """Helvetica with Latin-1 wrote 'Łukasz' as '?ukasz' and dropped the arrow."""
    report = extracted("synthetic-s11")
    findings = api.check(report)
    first = findings[0]
    findings[0] = first.model_copy(
        update={"message": "Łukasz Nowak (2019) cites reference 9 – see Ødegaard ≥ 2020"}
    )
    out = tmp_path / "marked.pdf"
    api.annotate(fixture_pdf("synthetic-s11"), findings, out, sha256=report.source.sha256)
    assert first.location.page is not None
    text = PdfReader(out).pages[first.location.page].extract_text()
    assert "Łukasz Nowak (2019)" in text and "?ukasz" not in text
    assert f"fix: {first.printed} → {first.expected}" in text
