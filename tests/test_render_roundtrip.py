"""Round trip: extract(render(extract(fixture))) == extract(fixture), field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadthkit.api import correct, extract, render

from .conftest import FIXTURE_NAMES, extracted
from .render_support import content, differences
from .test_correct import truth_findings


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_round_trips(name: str, tmp_path: Path) -> None:
    record = extracted(name)
    out = render(record, tmp_path / "out.pdf")
    again = extract(out)
    assert differences(content(record), content(again)) == []
    # sanity: the comparison saw real content, not two empty records
    assert record.references and again.metadata.title == record.metadata.title


def test_round_trip_with_a_corrections_section(tmp_path: Path) -> None:
    name = "ivig-offlabel-2017"
    report = extracted(name)
    fixed, changes = correct(report, truth_findings(name, report))
    assert len(changes) == 7
    again = extract(render(fixed, tmp_path / "fixed.pdf", changes))
    assert differences(content(fixed), content(again)) == []
