"""Round trip: extract(render(extract(fixture))) == extract(fixture), field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadthkit.api import extract, render

from .conftest import FIXTURE_NAMES, extracted
from .render_support import content, differences


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_round_trips(name: str, tmp_path: Path) -> None:
    record = extracted(name)
    out = render(record, tmp_path / "out.pdf")
    again = extract(out)
    assert differences(content(record), content(again)) == []
    # sanity: the comparison saw real content, not two empty records
    assert record.references and again.metadata.title == record.metadata.title
