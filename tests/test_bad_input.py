"""Unusable input: one clear line naming the file and the problem, exit 2, no output file."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from cadthkit import extract
from cadthkit.cli import app
from cadthkit.errors import InputError, NotAReportError

from .conftest import fixture_pdf

runner = CliRunner()


def _run(tmp_path: Path, pdf: Path) -> tuple[int, str, list[str]]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(out)])
    return result.exit_code, result.output, sorted(p.name for p in out.iterdir())


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty (0 bytes)"),
        (b"<html><body>hi</body></html>", "is not a PDF (no %PDF header)"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "is not a PDF (no %PDF header)"),
    ],
)
def test_not_pdf(tmp_path: Path, content: bytes, problem: str) -> None:
    pdf = tmp_path / "input.pdf"
    pdf.write_bytes(content)
    code, output, files = _run(tmp_path, pdf)
    assert code == 2
    assert output.strip() == f"error: {pdf}: {problem}"
    assert files == []


def test_truncated_pdf(tmp_path: Path) -> None:
    data = fixture_pdf("ivig-offlabel-2017").read_bytes()
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(data[: len(data) // 2])
    code, output, files = _run(tmp_path, pdf)
    assert code in (0, 2)  # pdfminer may recover some pages; never a traceback
    assert "Traceback" not in output
    if code == 2:
        assert output.startswith(f"error: {pdf}: ") and files == []


def test_missing_file(tmp_path: Path) -> None:
    code, output, _files = _run(tmp_path, tmp_path / "nope.pdf")
    assert code == 2
    assert output.strip() == f"error: {tmp_path / 'nope.pdf'}: no such file"


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "locked.pdf"
    canvas = Canvas(str(pdf), encrypt="secret")
    canvas.drawString(72, 700, "Secret report")
    canvas.save()
    with pytest.raises(InputError, match="encrypted"):
        extract(pdf)
    code, output, _ = _run(tmp_path, pdf)
    assert code == 2 and "is encrypted" in output


def test_pdf_that_is_not_a_report(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 700, "Dear colleague, thank you for your letter.")
    canvas.save()
    with pytest.raises(NotAReportError, match="not a CADTH Rapid Response report"):
        extract(pdf)


def test_scanned_pdf_says_ocr_is_not_supported(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    canvas = Canvas(str(pdf))
    canvas.rect(72, 72, 300, 500, fill=1)
    canvas.save()
    with pytest.raises(NotAReportError, match="OCR is not supported"):
        extract(pdf)
