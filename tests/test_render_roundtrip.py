"""Round trip: extract(render(extract(fixture))) == extract(fixture), field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadthkit.api import extract, render
from render_support import FIXTURE_PDFS, content, differences, extracted


@pytest.mark.parametrize("pdf", FIXTURE_PDFS, ids=lambda p: p.stem)
def test_fixture_round_trips(pdf: Path, tmp_path: Path) -> None:
    record = extracted(pdf)
    out = render(record, tmp_path / "out.pdf")
    again = extract(out)
    assert differences(content(record), content(again)) == []
    # sanity: the comparison saw real content, not two empty records
    assert record.references and again.metadata.title == record.metadata.title


def test_fixtures_found() -> None:
    assert len(FIXTURE_PDFS) >= 7
