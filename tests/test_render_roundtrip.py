"""Round trip: extract(render(extract(fixture))) == extract(fixture), field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadthkit.api import extract, fix, render
from cadthkit.models import Report

from .conftest import BASE_FIXTURE_NAMES, FIXTURE_NAMES, OWN_NAMES, extracted, fixture_pdf, truth
from .render_support import content, differences
from .test_correct import CODES, truth_findings

# Fixtures whose truth has table-citation findings: `fix` makes a corrected edition of each.
CORRECTABLE = [
    n
    for n in BASE_FIXTURE_NAMES + OWN_NAMES
    if any(f["kind"] in CODES for f in truth(n)["expected_findings"])
]


@pytest.mark.parametrize("name", FIXTURE_NAMES + OWN_NAMES)
def test_fixture_round_trips(name: str, tmp_path: Path) -> None:
    record = extracted(name)
    out = render(record, tmp_path / "out.pdf")
    again = extract(out)
    assert differences(content(record), content(again)) == []
    # sanity: the comparison saw real content, not two empty records
    assert record.references and again.metadata.title == record.metadata.title


@pytest.mark.parametrize("name", CORRECTABLE)
def test_corrected_edition_round_trips(name: str, tmp_path: Path) -> None:
    """`fix` writes a corrected edition (a Corrections section, the corrected date; 2013: a
    CORRECTED: run-in line); the PDF reads back as the corrected record, bar the edition's
    account of itself, which only the record keeps."""
    result = fix(fixture_pdf(name), tmp_path / "fixed.pdf")
    record = Report.model_validate_json(result.record.read_text(encoding="utf-8"))
    assert record.edition is not None
    assert len(record.edition.corrections) == len(truth_findings(name, extracted(name))) > 0
    again = extract(result.pdf)
    assert differences(content(record.model_copy(update={"edition": None})), content(again)) == []
