"""`cadthkit render` and `cadthkit fix` through the CLI, checked through the library."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.cli import app
from cadthkit.models import Report

from .conftest import extracted, fixture_pdf
from .render_support import content, differences

runner = CliRunner()
CITATION_CODES = {"citation_mismatch", "citation_out_of_range", "citation_unreadable"}


def test_render_command_renders_a_record(tmp_path: Path) -> None:
    record = tmp_path / "seed.json"
    record.write_text(extracted("synthetic-s11").model_dump_json(indent=2), encoding="utf-8")
    result = runner.invoke(app, ["render", str(record), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 0, result.output
    again = api.extract(tmp_path / "out.pdf")
    assert differences(content(extracted("synthetic-s11")), content(again)) == []


def test_render_command_rejects_a_bad_record_without_writing(tmp_path: Path) -> None:
    record = tmp_path / "bad.json"
    data = json.loads(extracted("synthetic-s11").model_dump_json())
    data["summary_tables"][0]["rows"][0]["year"] = "soon"
    record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = runner.invoke(app, ["render", str(record), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "bad.json: is not a valid cadthkit record" in result.output
    assert "summary_tables.0.rows.0.year" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [record]


def test_render_command_missing_record(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(tmp_path / "no.json"), "-o", str(tmp_path / "o.pdf")]
    )
    assert result.exit_code == 2, result.output
    assert "no.json: no such file" in result.output
    assert list(tmp_path.iterdir()) == []


def test_fix_seed_corrects_seven_citations_and_the_result_checks_clean(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    result = runner.invoke(app, ["fix", str(fixture_pdf("ivig-offlabel-2017")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 citations corrected" in result.output
    assert "Cohen (2015): 1b → 15" in result.output
    log = json.loads((tmp_path / "fixed.corrections.json").read_text(encoding="utf-8"))
    assert {(c["row"], c["printed"], c["corrected"]) for c in log["corrections"]} == {
        ("Wong (2014)", "9", 5),
        ("Meng (2016)", "5", 6),
        ("Nazari (2015)", "6", 8),
        ("Moraru (2012)", "15", 13),
        ("Cohen (2015)", "1b", 15),
        ("Nyborg (2014)", "10", 16),
        ("Coulam (2012)", "11", 17),
    }
    assert all(c["evidence"] for c in log["corrections"])
    summary = (tmp_path / "fixed.corrections.md").read_text(encoding="utf-8")
    assert "| Table 2: Summary of Included Studies | Moraru (2012) | 15 | 13 |" in summary
    record = Report.model_validate_json((tmp_path / "fixed.json").read_text(encoding="utf-8"))
    assert record.edition is not None and len(record.edition.corrections) == 7
    assert record.metadata.version == "1.1"  # a corrected edition is a new version
    again = api.extract(out)
    assert again.metadata.version == "1.1"
    # the edition is the record's own account of the changes; the PDF prints it (below)
    assert differences(content(record.model_copy(update={"edition": None})), content(again)) == []
    assert not [f for f in api.check(again) if f.code in CITATION_CODES]


def test_fix_clean_report_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "clean.pdf"
    result = runner.invoke(
        app, ["fix", str(fixture_pdf("ivig-offlabel-2017-clean")), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "0 citations corrected" in result.output
    log = json.loads((tmp_path / "clean.corrections.json").read_text(encoding="utf-8"))
    assert log["corrections"] == [] and log["skipped"] == []
    original = extracted("ivig-offlabel-2017-clean")
    assert differences(content(original), content(api.extract(out))) == []
    summary = (tmp_path / "clean.corrections.md").read_text(encoding="utf-8")
    assert "No citation needed correcting: the report is unchanged." in summary
    with pdfplumber.open(out) as pdf:
        assert "Corrections" not in (pdf.pages[-1].extract_text() or "")


def test_fix_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(fixture_pdf("synthetic-s11").read_bytes())
    result = runner.invoke(app, ["fix", str(pdf), "-o", str(pdf)])
    assert result.exit_code == 2, result.output
    assert "would overwrite the input" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_fix_bad_input_writes_nothing(tmp_path: Path) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\nnot really a pdf")
    result = runner.invoke(app, ["fix", str(pdf), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code != 0, result.output
    assert result.output.count("\n") == 1 and "broken.pdf" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.pdf"]
