"""`cadthkit extract` end to end, checked through the library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cadthkit.api import load_record
from cadthkit.cli import app

from .conftest import extracted, fixture_pdf

runner = CliRunner()


def test_extract_writes_one_record_per_pdf(tmp_path: Path) -> None:
    pdfs = [fixture_pdf("ivig-offlabel-2017"), fixture_pdf("synthetic-s13-web")]
    result = runner.invoke(app, ["extract", *map(str, pdfs), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ivig-offlabel-2017.json",
        "synthetic-s13-web.json",
    ]
    record = load_record(tmp_path / "ivig-offlabel-2017.json")
    assert record == extracted("ivig-offlabel-2017")


def test_extract_jsonl(tmp_path: Path) -> None:
    pdfs = [fixture_pdf("synthetic-s11"), fixture_pdf("synthetic-s12-reflist-web")]
    result = runner.invoke(
        app, ["extract", *map(str, pdfs), "-o", str(tmp_path), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert [json.loads(x)["metadata"]["report_type"] for x in lines] == [
        "Summary of Abstracts",
        "Reference List",
    ]


def test_extract_creates_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    result = runner.invoke(app, ["extract", str(fixture_pdf("synthetic-s11")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "synthetic-s11.json").exists()


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    pdf = tmp_path / "rapport été 2017.pdf"
    shutil.copy(fixture_pdf("synthetic-s11"), pdf)
    (tmp_path / "out").mkdir()
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "rapport été 2017.json").exists()


def test_bad_and_good_inputs_mixed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(
        app, ["extract", str(bad), str(fixture_pdf("synthetic-s11")), "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert f"error: {bad}: is not a PDF (no %PDF header)" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["synthetic-s11.json"]


def test_help_for_every_command() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert (command.callback.__doc__ or "").strip(), name  # type: ignore[union-attr]
