"""Hostile and broken input to `extract`: a clear line, the documented exit code, no traceback,
and nothing written to the output folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadthkit import extract
from cadthkit.cli import app
from cadthkit.errors import InputError, LimitError

from . import hostile
from .conftest import extracted, fixture_pdf

runner = CliRunner()
SEED = fixture_pdf("ivig-offlabel-2017")


def run_extract(tmp_path: Path, pdf: Path, *extra: str) -> tuple[int, str, list[str]]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(out), *extra])
    return result.exit_code, result.output, sorted(p.name for p in out.iterdir())


def assert_refused(tmp_path: Path, pdf: Path, problem: str, *extra: str) -> None:
    code, output, files = run_extract(tmp_path, pdf, *extra)
    assert code == 2, output
    assert output.strip().splitlines() == [f"error: {pdf}: {problem}"]
    assert files == []


def test_random_bytes(tmp_path: Path) -> None:
    pdf = tmp_path / "noise.pdf"
    pdf.write_bytes(os.urandom(4096).replace(b"%PDF-", b"-----"))
    assert_refused(tmp_path, pdf, "is not a PDF (no %PDF header)")


def test_pdf_cut_off_half_way(tmp_path: Path) -> None:
    pdf = tmp_path / "cut.pdf"
    data = SEED.read_bytes()
    pdf.write_bytes(data[: len(data) // 2])
    assert_refused(tmp_path, pdf, "is damaged or truncated (PSEOF)")


def test_broken_cross_reference_table_is_recovered(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    cut = data.rfind(b"startxref")
    pdf = tmp_path / "xref.pdf"
    pdf.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    report = extract(pdf)
    assert report.summary_tables == extracted("ivig-offlabel-2017").summary_tables
    assert report.references == extracted("ivig-offlabel-2017").references


def test_pdf_with_no_pages(tmp_path: Path) -> None:
    assert_refused(tmp_path, hostile.no_pages_pdf(tmp_path / "empty.pdf"), "has no pages")


def test_encrypted_with_user_password(tmp_path: Path) -> None:
    pdf = hostile.encrypted_copy(SEED, tmp_path / "locked.pdf", user_password="u-secret")
    assert_refused(tmp_path, pdf, "is encrypted (password protected)")


def test_encrypted_without_user_password_reads(tmp_path: Path) -> None:
    """Owner-password-only encryption restricts editing, not reading: extract as usual."""
    pdf = hostile.encrypted_copy(SEED, tmp_path / "owner-only.pdf", user_password="")
    report = extract(pdf)
    assert report.summary_tables == extracted("ivig-offlabel-2017").summary_tables


@pytest.mark.slow
def test_decompression_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    pdf = hostile.bomb_pdf(tmp_path / "bomb.pdf")
    assert pdf.stat().st_size < 1_000_000
    assert_refused(
        tmp_path,
        pdf,
        "has a compressed stream that inflates past 100 MB (a decompression bomb?); refused",
    )


def test_two_thousand_pages(tmp_path: Path) -> None:
    pdf = hostile.many_pages_pdf(tmp_path / "long.pdf", 2000)
    assert_refused(tmp_path, pdf, "has 2000 pages (limit 1000; see --max-pages)")
    # With the page limit raised, the time limit stops the work instead.
    code, output, files = run_extract(tmp_path, pdf, "--max-pages", "5000", "--timeout", "0.05")
    assert code == 2
    assert output.startswith(f"error: {pdf}: took longer than 0.05 s (stopped after page ")
    assert output.rstrip().endswith("of 2000); see --timeout")
    assert files == []


def test_page_with_100000_tiny_characters(tmp_path: Path) -> None:
    pdf = hostile.dense_page_pdf(tmp_path / "dense.pdf")
    with pytest.raises(
        LimitError,
        match=r"page 1 has 100,\d{3} characters \(limit 60,000; see --max-chars-per-page\)",
    ):
        extract(pdf)


def test_file_size_limit(tmp_path: Path) -> None:
    pdf = tmp_path / "big.pdf"
    shutil.copy(SEED, pdf)
    assert_refused(
        tmp_path, pdf, "is 0 MB (limit 0.01 MB; see --max-file-mb)", "--max-file-mb", "0.01"
    )


def test_scripts_and_launch_actions_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "launched"
    pdf = hostile.with_actions(SEED, tmp_path / "actions.pdf", marker)
    report = extract(pdf)
    assert not marker.exists()
    assert report.summary_tables == extracted("ivig-offlabel-2017").summary_tables


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is not a regular file"):
        extract(fifo)


def test_folder_given_as_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "reports.pdf"
    folder.mkdir()
    assert_refused(tmp_path, folder, "is a folder, not a PDF file")


def test_output_names_are_derived_safely(tmp_path: Path) -> None:
    pdf = tmp_path / "evil\nname\t..pdf"
    shutil.copy(fixture_pdf("synthetic-s11"), pdf)
    code, output, files = run_extract(tmp_path, pdf)
    assert code == 0, output
    assert files == ["evil_name_.json"]


def test_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(
        app, ["extract", str(fixture_pdf("synthetic-s11")), "-o", str(blocker / "out")]
    )
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {blocker / 'out'}: cannot create output folder")


@pytest.mark.parametrize(
    ("drop", "warning"),
    [
        ({4, 5, 6}, "No 'Table N: Summary of ...' table found."),
        ({7, 8}, "No reference list section found."),
    ],
)
def test_report_missing_a_section_still_yields_a_record(
    tmp_path: Path, drop: set[int], warning: str
) -> None:
    pdf = hostile.without_pages(SEED, tmp_path / "partial.pdf", drop)
    report = extract(pdf)
    assert warning in [w.message for w in report.warnings]
    assert report.metadata.title == extracted("ivig-offlabel-2017").metadata.title
