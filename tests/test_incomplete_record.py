"""A damaged PDF that still reads loses rows and references silently unless the record says so
(issue 13, item 3): each damage is made at test time on a copy of a fixture, and the record must
carry a warning naming what is missing, and `check` an `incomplete_record` error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, RectangleObject
from typer.testing import CliRunner

from cadthkit import check, extract
from cadthkit.cli import app
from cadthkit.models import Report

from .conftest import extracted, fixture_pdf

SEED = "ivig-offlabel-2017"  # Table 2 on pages 4-6 (17 rows), references 1-17 on pages 7-8

Change = Callable[[PdfWriter], None]


def damaged(tmp_path: Path, name: str, change: Change) -> Path:
    writer = PdfWriter(clone_from=PdfReader(fixture_pdf(name)))
    change(writer)
    out = tmp_path / f"{name}.damaged.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def no_contents(page: int) -> Change:
    """The page's /Contents deleted: the page is there, with nothing drawn on it."""

    def change(writer: PdfWriter) -> None:
        del writer.pages[page - 1][NameObject("/Contents")]

    return change


def huge_box(page: int) -> Change:
    """A 14400 x 14400 pt page box around the unchanged content."""

    def change(writer: PdfWriter) -> None:
        target = writer.pages[page - 1]
        target.mediabox = RectangleObject([0, 0, 14400, 14400])
        for box in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
            if box in target:
                del target[NameObject(box)]

    return change


def flipped_byte(page: int) -> Change:
    """One byte of the page's (compressed) content stream inverted, a third of the way in: the
    stream inflates only up to there, so the page loses whatever is drawn after it."""

    def change(writer: PdfWriter) -> None:
        contents = writer.pages[page - 1]["/Contents"]
        stream = (contents[0] if isinstance(contents, ArrayObject) else contents).get_object()
        data = bytearray(stream._data)
        data[len(data) // 3] ^= 0xFF
        stream._data = bytes(data)

    return change


def without_page(page: int) -> Change:
    def change(writer: PdfWriter) -> None:
        writer.remove_page(page - 1)

    return change


def blank_page_after(page: int) -> Change:
    def change(writer: PdfWriter) -> None:
        writer.insert_blank_page(index=page)

    return change


def codes(report: Report) -> list[tuple[str, int | None]]:
    return [(w.code, w.page) for w in report.warnings]


def incomplete(report: Report) -> list[str]:
    return [f.message for f in check(report) if f.code == "incomplete_record"]


def test_deleted_contents_of_a_table_page(tmp_path: Path) -> None:
    report = extract(damaged(tmp_path, SEED, no_contents(5)))
    assert len(report.summary_tables[0].rows) == 10  # 7 of 17 rows were on page 5
    assert codes(report) == [("unreadable_page", 5)]
    assert incomplete(report) == [report.warnings[0].message]
    message = report.warnings[0].message
    assert "Page 5 has no readable text, but a table runs on across it" in message


def test_deleted_contents_of_a_reference_page(tmp_path: Path) -> None:
    report = extract(damaged(tmp_path, SEED, no_contents(8)))
    assert [r.number for r in report.references] == list(range(1, 10))
    assert codes(report) == [("missing_references", None)]
    assert "cite 10-17" in report.warnings[0].message
    assert "the list ends at 9" in report.warnings[0].message


def test_deleted_contents_above_a_table_title(tmp_path: Path) -> None:
    """Page 3 holds the Results heading: Table 2's title is printed, its table never read."""
    report = extract(damaged(tmp_path, SEED, no_contents(3)))
    assert report.summary_tables == []
    assert ("table_cut_short", 4) in codes(report)


def test_page_box_that_the_content_no_longer_fits(tmp_path: Path) -> None:
    """s11's Table 2 runs over pages 3-5; on a 14400 pt page 4 the running header is no longer
    in the margin, and stands between the table and its continuation."""
    report = extract(damaged(tmp_path, "synthetic-s11", huge_box(4)))
    assert len(report.summary_tables[0].rows) == 1  # of 10
    assert codes(report) == [("table_cut_short", 4)]
    assert "after Table 2: Summary of Included Studies stops on page 3" in (
        report.warnings[0].message
    )


@pytest.mark.parametrize(
    ("name", "page", "expected"),
    [
        (SEED, 4, ("table_cut_short", 4)),  # the rules of Table 2 drawn, its text not
        (SEED, 7, ("missing_references", None)),  # references 3-9 lost
        ("synthetic-s41-sca", 16, ("table_cut_short", 16)),  # two studies of Table 5
    ],
)
def test_flipped_byte_in_a_content_stream(
    tmp_path: Path, name: str, page: int, expected: tuple[str, int | None]
) -> None:
    clean = extracted(name)
    report = extract(damaged(tmp_path, name, flipped_byte(page)))
    lost = [len(t.rows) for t in report.summary_tables] != [
        len(t.rows) for t in clean.summary_tables
    ] or len(report.references) < len(clean.references)
    assert lost
    assert expected in codes(report)
    assert incomplete(report)


def test_table_numbers_that_jump(tmp_path: Path) -> None:
    """Page 10 of the 2021 report holds all of Tables 4 and 5 (title, rows and footnote)."""
    report = extract(damaged(tmp_path, "rapid-review-2021-web", no_contents(10)))
    assert [t.number for t in report.summary_tables] == [2, 3, 6]
    assert codes(report) == [("missing_tables", None)]
    assert "Table 3 is followed by Table 6: Tables 4-5 are missing" in report.warnings[0].message


def test_fewer_pages_than_the_cover_states(tmp_path: Path) -> None:
    report = extract(damaged(tmp_path, SEED, without_page(10)))
    assert report.source.page_count == 9
    assert ("missing_pages", None) in codes(report)
    assert "The cover states 10 pages, but the PDF has 9" in report.warnings[0].message


def test_a_blank_page_between_sections_is_no_gap(tmp_path: Path) -> None:
    """Word processors leave blank pages between sections (s35 has one): page 6 ends Table 2
    with its footnote, and page 7 opens with the reference list's heading."""
    report = extract(damaged(tmp_path, SEED, blank_page_after(6)))
    assert report.source.page_count == 11
    assert report.warnings == []
    assert [(f.code, f.message) for f in check(report)] == [
        (f.code, f.message) for f in check(extracted(SEED))
    ]


def test_a_blank_page_inside_a_table_is_a_gap(tmp_path: Path) -> None:
    report = extract(damaged(tmp_path, SEED, blank_page_after(4)))
    assert len(report.summary_tables[0].rows) == 17  # nothing lost, but nothing to tell so
    assert codes(report) == [("unreadable_page", 5)]


def test_extract_and_check_say_so(tmp_path: Path) -> None:
    pdf = damaged(tmp_path, SEED, no_contents(5))
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "(1 warnings)" in result.output
    assert "Page 5 has no readable text" in result.output
    result = runner.invoke(app, ["check", str(pdf), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"incomplete_record"' in result.output
    record = tmp_path / "out" / f"{pdf.stem}.json"
    result = runner.invoke(app, ["check", str(record)])  # a record read back says so too
    assert result.exit_code == 1, result.output
    assert "incomplete_record" in result.output
