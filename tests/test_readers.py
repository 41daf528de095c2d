"""The two character readers (PDFium, default; pdfplumber/pdfminer) give the same record."""

from __future__ import annotations

import pytest

from cadthkit import extract

from .conftest import FIXTURE_NAMES, extracted, fixture_pdf


def _content(report) -> dict:
    data = report.model_dump(exclude={"source"})
    for table in data["summary_tables"]:
        for row in table["rows"]:
            row.pop("box")
            row["citation"].pop("box")
    for c in data["text_citations"]:
        c.pop("box")
    for block in data["text_blocks"]:
        block.pop("boxes")
    if data["prisma"]:
        data["prisma"].pop("box")
    for ref in data["references"] + [r for g in data["appendix"] for r in g["references"]]:
        ref.pop("box")
    return data


@pytest.mark.slow
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_pdfplumber_reader_matches_pdfium_reader(name: str) -> None:
    assert _content(extract(fixture_pdf(name), reader="pdfplumber")) == _content(extracted(name))


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="reader must be one of 'pdfium', 'pdfplumber'"):
        extract(fixture_pdf("synthetic-s11"), reader="ocr")
