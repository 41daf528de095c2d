"""Citation audit: every printed citation number checked against the reference list.

`audit(report)` runs every registered check (`checks/`, one module per thing checked) over a
`Report` and returns its findings, most severe first, in document order within a severity.
`CODES` (code → severity) and the README's codes table (`codes_table()`) come from the same
registry.
"""

from __future__ import annotations

from ..models.findings import Finding
from ..models.report import Report
from . import checks as _checks  # noqa: F401  (registers the checks)
from .context import AuditContext
from .registry import CHECKS, SEVERITY_ORDER, all_codes, codes_table

# Every code the audit can emit, with its severity (the most severe it can have).
CODES: dict[str, str] = {c.name: c.severity for c in all_codes()}


def audit(report: Report) -> list[Finding]:
    """All findings for one record, errors first."""
    ctx = AuditContext(report)
    findings: list[Finding] = []
    for chk in CHECKS:
        found = list(chk.fn(ctx))
        declared = {c.name for c in chk.codes}
        assert all(f.code in declared for f in found), f"{chk.name} emits undeclared codes"
        findings += found
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])  # stable: document order


__all__ = ["CODES", "SEVERITY_ORDER", "audit", "codes_table"]
