"""The optional camelot grid engine reads the same table rows as the default engine."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cadthkit import extract
from cadthkit.cli import app

from .conftest import extracted, fixture_pdf


def _rows(report) -> list[tuple]:
    return [
        (t.title, r.section, r.first_author, r.year, r.citation.raw, r.cells)
        for t in report.summary_tables
        for r in t.rows
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ivig-offlabel-2017", "synthetic-s13-web"])
def test_camelot_engine_matches_default(name: str) -> None:
    report = extract(fixture_pdf(name), table_engine="camelot")
    assert _rows(report) == _rows(extracted(name))
    assert report.selection_criteria == extracted(name).selection_criteria


def test_unknown_engine_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="table_engine must be one of 'pdfplumber', 'camelot'"):
        extract(fixture_pdf("synthetic-s11"), table_engine="tabula")
    result = CliRunner().invoke(
        app, ["extract", str(fixture_pdf("synthetic-s11")), "--table-engine", "tabula"]
    )
    assert result.exit_code == 2
