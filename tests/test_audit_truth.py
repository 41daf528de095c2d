"""The audit alone: on a record built from each fixture's truth (so extraction cannot be the
cause), the findings must be exactly the truth's expected findings."""

from __future__ import annotations

import re

import pytest

from cadthkit.audit import audit

from .conftest import BASE_FIXTURE_NAMES, FIXTURES
from .truth_records import finding_keys, truth_keys, truth_report


# A truth record does not depend on the PDF writer: the variants add nothing here.
@pytest.mark.parametrize("name", BASE_FIXTURE_NAMES)
def test_audit_of_truth_record_gives_expected_findings(name: str) -> None:
    report, truth = truth_report(name)
    findings = audit(report)
    assert finding_keys(findings, truth["expected_findings"]) == truth_keys(
        truth["expected_findings"]
    )
    listed = {e["kind"] for e in truth["expected_findings"]}
    extra = [f for f in findings if f.code not in listed and f.severity != "info"]
    assert extra == []


def test_every_listed_fixture_is_present() -> None:
    """The fixtures README's table lists every fixture; none may go missing unnoticed."""
    listed = re.findall(r"^\| `([^`]+)\.pdf` \|", (FIXTURES / "README.md").read_text(), re.M)
    assert len(listed) >= 11
    assert sorted(listed) == BASE_FIXTURE_NAMES
