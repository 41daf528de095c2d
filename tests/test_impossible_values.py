"""Values a record cannot hold (year outside 1900-2100, PMID not 1-8 digits, a date that is not
a date, citation number 0) are kept raw with a warning when a PDF prints them; never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from cadthkit import api
from cadthkit.models import Citation, Reference, StudyRow

from .conftest import extracted


def test_models_refuse_impossible_values() -> None:
    with pytest.raises(ValidationError):
        StudyRow(first_author="A", year=1850, year_raw="1850", citation=Citation(raw="1"))
    with pytest.raises(ValidationError):
        Reference(number=1, text="x", pmid="123456789")
    with pytest.raises(ValidationError):
        Citation(raw="0", numbers=[0])
    with pytest.raises(ValidationError):
        Reference(number=0, text="x")


def test_printed_impossible_values_become_warnings(tmp_path: Path) -> None:
    seed = extracted("ivig-offlabel-2017")
    table = seed.summary_tables[0]
    rows = list(table.rows)
    rows[0] = rows[0].model_copy(update={"year": None, "year_raw": "1850"})
    rows[1] = rows[1].model_copy(update={"citation": Citation(raw="0")})
    meta = seed.metadata.model_copy(
        update={"publication_date": None, "publication_date_raw": "Smarch 40, 2017"}
    )
    odd = seed.model_copy(
        update={
            "metadata": meta,
            "summary_tables": [table.model_copy(update={"rows": rows})],
        }
    )
    pdf = api.render(odd, tmp_path / "odd.pdf")
    report = api.extract(pdf)
    first, second = report.summary_tables[0].rows[:2]
    assert (first.year, first.year_raw) == (None, "1850")
    assert (second.citation.raw, second.citation.numbers) == ("0", [])
    assert report.metadata.publication_date is None
    assert report.metadata.publication_date_raw == "Smarch 40, 2017"
    codes = [w.code for w in report.warnings]
    assert codes.count("unreadable_year") == 1
    assert "unreadable_date" in codes


def test_pubmed_line_that_is_not_an_id_is_a_warning() -> None:
    from cadthkit.parse.flow import Item
    from cadthkit.parse.references import parse_reference_items
    from cadthkit.pdf import Line

    def line(text: str, top: float) -> Item:
        return Item("text", 7, line=Line(text, 7, 60, top, 500, top + 10, 10, False))

    warnings: list = []
    refs, _, _ = parse_reference_items(
        [line("1. Meng L. A title. J Med. 2016;2(1):1-9.", 100), line("PubMed: PM123456789", 112)],
        warnings,
    )
    assert refs[0].pmid is None
    assert [w.code for w in warnings] == ["bad_pmid"]
