"""Text that is no text: a lone UTF-16 surrogate, from a font's ToUnicode map (`<DB00>`) or from
a file name that is not UTF-8, cannot be written as UTF-8 or JSON. It must never crash a command
at its end nor cost batch a report: the reader drops such glyphs, and the models replace any
surrogate left (a file name) with U+FFFD."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from cadthkit import api
from cadthkit.cli import app
from cadthkit.models import Finding, Report
from cadthkit.models.findings import AuditFile, AuditResult

from . import hostile
from .conftest import extracted, fixture_pdf

runner = CliRunner()
S11 = fixture_pdf("synthetic-s11")


def _surrogate_free(text: str) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_a_tounicode_surrogate_never_crashes_extract_or_batch(tmp_path: Path) -> None:
    pdf = hostile.surrogate_glyphs(S11, tmp_path / "surrogate.pdf", "z")
    lone = hostile.surrogate_glyphs(S11, tmp_path / "pair.pdf", "k", "006BDB00")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(pdf), str(lone), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("surrogate", "pair"):
        text = (out / f"{name}.json").read_text(encoding="utf-8")
        assert _surrogate_free(text)
        report = Report.model_validate_json(text)
        assert report.references, name  # the rest of the report is read
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["batch", str(pdf), str(lone), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 0


def test_a_file_name_that_is_not_utf8_is_recorded_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    pdf = Path(os.fsdecode(bytes(folder) + b"/r\xff\xfe.pdf"))  # decodes to surrogates
    shutil.copy(S11, pdf)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [record] = out.iterdir()
    assert record.name == "r__.json"
    report = Report.model_validate_json(record.read_text(encoding="utf-8"))
    assert report.source.path == str(folder / "r\ufffd\ufffd.pdf")

    audit = tmp_path / "audit.json"
    result = runner.invoke(app, ["check", str(pdf), "--format", "json", "-o", str(audit)])
    assert result.exit_code == 1, result.output  # s11 has errors; the output is written
    assert json.loads(audit.read_text(encoding="utf-8"))["results"][0]["source"].endswith(
        "r\ufffd\ufffd.pdf"
    )
    fixed = tmp_path / "fixed.pdf"
    result = runner.invoke(app, ["fix", str(pdf), "-o", str(fixed)])
    assert "Traceback" not in result.output
    assert fixed.exists()
    assert _surrogate_free((tmp_path / "fixed.corrections.json").read_text(encoding="utf-8"))

    db = tmp_path / "store.sqlite"
    for _ in range(2):  # the second run finds the report stored and skips it
        summary = api.batch([folder], db, workers=1)
        assert summary.ok
    assert (summary.reports, summary.skipped) == (0, 1)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT path FROM reports").fetchall() == [
            (str(folder / "r\ufffd\ufffd.pdf"),)
        ]


def test_models_replace_lone_surrogates_wherever_they_are() -> None:
    data = json.loads(extracted("synthetic-s11").model_dump_json())
    data["source"]["path"] = "x\udcff.pdf"
    data["metadata"]["title"] = "Title \udb00"
    data["abbreviations"] = {"R\udc80CT": "randomized \ud800 trial"}
    data["summary_tables"][0]["rows"][0]["cells"][0] = ["bullet \udfff"]
    report = Report.model_validate(data)
    text = report.model_dump_json()
    assert _surrogate_free(text)
    assert report.metadata.title == "Title \ufffd"
    assert report.abbreviations == {"R\ufffdCT": "randomized \ufffd trial"}
    finding = Finding(code="x", severity="info", message="row \udc00", evidence="\ud801")
    result = AuditResult(source="a\udcff.pdf", findings=[finding])
    assert _surrogate_free(AuditFile(tool_version="t", results=[result]).model_dump_json())
    assert (result.source, finding.message) == ("a\ufffd.pdf", "row \ufffd")
