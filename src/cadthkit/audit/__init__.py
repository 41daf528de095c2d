"""Citation audit: every printed citation number checked against the reference list.

`audit(report)` runs each check in `checks.py` over a `Report` and returns its findings, most
severe first, in document order within a severity.
"""

from __future__ import annotations

from ..models.findings import Finding
from ..models.report import Report
from . import checks
from .rows import resolve_rows

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# Every code the audit can emit, with its severity (year_mismatch is info when one year apart).
CODES: dict[str, str] = {
    "citation_mismatch": "error",
    "citation_out_of_range": "error",
    "citation_unreadable": "error",
    "count_mismatch": "error",
    "text_citation_unreadable": "error",
    "text_citation_out_of_range": "error",
    "numbering_gap": "warning",
    "repeated_number": "warning",
    "duplicate_reference": "warning",
    "uncited_reference": "warning",
    "section_mismatch": "warning",
    "text_count_mismatch": "warning",
    "text_design_mismatch": "warning",
    "year_mismatch": "warning",
}


def audit(report: Report) -> list[Finding]:
    """All findings for one record, errors first."""
    rows = resolve_rows(report)
    findings = [
        *checks.citation_mismatch(report, rows),
        *checks.citation_out_of_range(report, rows),
        *checks.citation_unreadable(report, rows),
        *checks.year_mismatch(report, rows),
        *checks.section_mismatch(report, rows),
        *checks.text_citations(report),
        *checks.text_callouts(report),
        *checks.count_mismatch(report, rows),
        *checks.numbering_gap(report),
        *checks.repeated_number(report),
        *checks.duplicate_reference(report),
        *checks.uncited_reference(report, rows),
    ]
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])  # stable: document order


__all__ = ["CODES", "audit"]
