"""Every command holds bad input to the same behaviour: one clear line naming the file and the
problem, the documented exit code, no traceback, and no partial or clobbered output; `batch`
records the failure and goes on. Inputs are built at test time (tests/hostile.py)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.cli import app

from . import hostile
from .conftest import extracted, fixture_pdf

runner = CliRunner()
SEED = fixture_pdf("ivig-offlabel-2017")


def _zero(d: Path) -> Path:
    (d / "zero.pdf").write_bytes(b"")
    return d / "zero.pdf"


def _random(d: Path) -> Path:
    (d / "random.pdf").write_bytes(os.urandom(2048).replace(b"%PDF-", b"....."))
    return d / "random.pdf"


def _brace(d: Path) -> Path:
    """Bytes that happen to open with '{' (1 random file in 256): still not a PDF, not a record."""
    (d / "brace.pdf").write_bytes(b"{" + os.urandom(2047).replace(b"%PDF-", b"....."))
    return d / "brace.pdf"


def _html(d: Path) -> Path:
    (d / "page.pdf").write_text("<!doctype html><html><body>report</body></html>")
    return d / "page.pdf"


def _png(d: Path) -> Path:
    (d / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(256))
    return d / "image.pdf"


def _cut(d: Path) -> Path:
    data = SEED.read_bytes()
    (d / "cut.pdf").write_bytes(data[: len(data) // 2])
    return d / "cut.pdf"


def _locked(d: Path) -> Path:
    return hostile.encrypted_copy(SEED, d / "locked.pdf", user_password="u-secret")


def _no_pages(d: Path) -> Path:
    return hostile.no_pages_pdf(d / "nopages.pdf")


def _bomb(d: Path) -> Path:
    return hostile.bomb_pdf(d / "bomb.pdf")


def _letter(d: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(d / "letter.pdf"))
    canvas.drawString(72, 700, "Dear colleague, thank you for your letter.")
    canvas.save()
    return d / "letter.pdf"


def _scan(d: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(d / "scan.pdf"))
    canvas.rect(72, 72, 400, 600, fill=1)
    canvas.save()
    return d / "scan.pdf"


#: the file name each case of BAD was written under, filled in as `bad_inputs` builds them
_BUILT: dict[str, str] = {}

BAD: list[tuple[str, Callable[[Path], Path], str]] = [
    ("zero bytes", _zero, "is empty (0 bytes)"),
    ("random bytes", _random, "is not a PDF (no %PDF header)"),
    ("random bytes opening with a brace", _brace, "is not a PDF (no %PDF header)"),
    ("html named .pdf", _html, "is not a PDF (no %PDF header)"),
    ("png named .pdf", _png, "is not a PDF (no %PDF header)"),
    ("cut half-way", _cut, "is damaged or truncated (PSEOF)"),
    ("user password", _locked, "is encrypted (password protected)"),
    ("no pages", _no_pages, "has no pages"),
    (
        "decompression bomb",
        _bomb,
        "has a compressed stream that inflates past 100 MB (a decompression bomb?); refused",
    ),
    (
        "not a report",
        _letter,
        "is not a CADTH Rapid Response report (no cover band and none of its section headings)",
    ),
    ("no text layer", _scan, "has no text layer (a scanned image?); OCR is not supported"),
]


def _commands(pdf: Path, out: Path) -> dict[str, list[str]]:
    return {
        "extract": ["extract", str(pdf), "-o", str(out)],
        "check": ["check", str(pdf), "-o", str(out / "audit.txt")],
        "check --annotate": ["check", str(pdf), "--annotate", str(out / "marked.pdf")],
        "fix": ["fix", str(pdf), "-o", str(out / "fixed.pdf")],
    }


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for description, build, _ in BAD:
        _BUILT[description] = build(folder).name
    return folder


@pytest.mark.parametrize("command", ["extract", "check", "check --annotate", "fix"])
@pytest.mark.parametrize(
    ("case", "build", "problem"),
    [pytest.param(*b, id=b[0], marks=[pytest.mark.slow] if b[1] is _bomb else []) for b in BAD],
)
def test_pdf_commands_refuse_bad_input_cleanly(
    tmp_path: Path, case: str, build: Callable[[Path], Path], problem: str, command: str
) -> None:
    pdf = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("an earlier result")  # must survive untouched
    result = runner.invoke(app, _commands(pdf, out)[command])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [f"error: {pdf}: {problem}"]
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "an earlier result"


def test_render_refuses_a_record_that_fails_validation(tmp_path: Path) -> None:
    data = json.loads(extracted("synthetic-s11").model_dump_json())
    data["metadata"]["publication_date"] = "the 40th of Smarch"
    data["references"][0]["pmid"] = "PM123"
    data["summary_tables"][0]["rows"][0]["citation"]["numbers"] = [0]
    del data["source"]
    record = tmp_path / "bad.json"
    record.write_text(json.dumps(data))
    out = tmp_path / "out.pdf"
    for argv in (["render", str(record), "-o", str(out)], ["check", str(record)]):
        result = runner.invoke(app, argv)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert lines[0] == f"error: {record}: is not a valid cadthkit record:"
        assert sorted(line.split(":")[0].strip() for line in lines[1:]) == [
            "metadata.publication_date",
            "references.0.pmid",
            "source",
            "summary_tables.0.rows.0.citation.numbers.0",
        ]
        assert not out.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "is empty (0 bytes)"),
        ("[1, 2, 3]", "is not a valid cadthkit record:"),
        ('{"record_type": 5', "is not a valid cadthkit record:"),
    ],
)
def test_render_refuses_bad_json(tmp_path: Path, content: str, problem: str) -> None:
    record = tmp_path / "r.json"
    record.write_text(content)
    result = runner.invoke(app, ["render", str(record), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {record}: {problem}")
    assert not (tmp_path / "o.pdf").exists()


def test_outputs_that_cannot_be_written(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    record.write_text(extracted("synthetic-s11").model_dump_json())
    blocker = tmp_path / "file"
    blocker.write_text("x")
    # one rule for every command (issue 12): a missing output folder is created
    made = runner.invoke(app, ["render", str(record), "-o", str(tmp_path / "missing" / "o.pdf")])
    assert made.exit_code == 0 and (tmp_path / "missing" / "o.pdf").exists(), made.output
    cases = {
        ("render", str(record), "-o", str(blocker / "o.pdf")): (
            f"error: {blocker / 'o.pdf'}: {blocker} is not a folder"
        ),
        ("fix", str(fixture_pdf("synthetic-s11")), "-o", str(tmp_path)): (
            f"error: {tmp_path}: is a folder; give a file name"
        ),
    }
    for argv, message in cases.items():
        result = runner.invoke(app, list(argv))
        assert result.exit_code == 2, result.output
        assert result.output.strip() == message


def test_fix_never_overwrites_its_input(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    shutil.copy(SEED, pdf)
    before = pdf.read_bytes()
    result = runner.invoke(app, ["fix", str(pdf), "-o", str(pdf)])
    assert result.exit_code == 2
    assert "would overwrite the input" in result.output
    assert pdf.read_bytes() == before


def test_existing_output_is_replaced_only_when_the_new_one_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    out.write_bytes(b"previous good output")
    bad = _cut(tmp_path)
    result = runner.invoke(app, ["fix", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_bytes() == b"previous good output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.pdf", "fixed.pdf"]


def test_report_with_empty_reference_list_still_yields_a_record(tmp_path: Path) -> None:
    """A CADTH report whose reference heading lists nothing (rendered by our own renderer)."""
    record = extracted("ivig-offlabel-2017").model_copy(update={"references": []})
    pdf = api.render(record, tmp_path / "norefs.pdf")
    report = api.extract(pdf)
    assert report.references == []
    assert "The reference list has no numbered entries." in [w.message for w in report.warnings]
    assert report.summary_tables  # the rest is still there


def test_batch_records_every_bad_file_and_goes_on(bad_inputs: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive with spaces ü"
    shutil.copytree(bad_inputs, archive)
    shutil.copy(fixture_pdf("synthetic-s11"), archive / "good report.pdf")
    (archive / "loop").symlink_to(archive, target_is_directory=True)
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["batch", str(archive), "--db", str(db), "-q", "-w", "2"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as con:
        reports = [r[0] for r in con.execute("SELECT path FROM reports")]
        failures = dict(con.execute("SELECT path, message FROM failures"))
    assert [Path(p).name for p in reports] == ["good report.pdf"]
    assert len(failures) == len(BAD), failures
    for description, _, problem in BAD:
        name = _BUILT[description]
        path = str(archive / name)
        assert path in failures, (name, failures)
        assert problem in failures[path], (name, failures[path])


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make `denied` unreadable. Tests run as root in CI, where chmod 000 does not stop a
    read, so the operating system's refusal is simulated at the call the code makes."""
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path=".", *args, **kwargs):
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    def path_open(self: Path, *args, **kwargs):
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", path_open)


def test_batch_records_a_folder_it_cannot_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    (archive / "locked").mkdir(parents=True)
    shutil.copy(fixture_pdf("synthetic-s11"), archive / "locked" / "hidden.pdf")
    shutil.copy(fixture_pdf("synthetic-s11"), archive / "visible.pdf")
    _deny(monkeypatch, archive / "locked")
    summary = api.batch([archive], tmp_path / "s.sqlite", workers=1)
    assert summary.reports == 1
    assert [(f.path, f.reason, f.message) for f in summary.failures] == [
        (str(archive / "locked"), "unreadable", "cannot list the folder (Permission denied)")
    ]
    assert not summary.ok


def test_unreadable_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = tmp_path / "secret.pdf"
    shutil.copy(fixture_pdf("synthetic-s11"), pdf)
    _deny(monkeypatch, pdf)
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {pdf}: cannot be read (Permission denied)"


def test_report_missing_table_1_still_yields_a_record(tmp_path: Path) -> None:
    record = extracted("ivig-offlabel-2017").model_copy(update={"selection_criteria": []})
    report = api.extract(api.render(record, tmp_path / "no-table-1.pdf"))
    assert report.selection_criteria == []
    assert "Selection Criteria has no Table 1 grid." in [w.message for w in report.warnings]
    assert report.summary_tables and report.references
