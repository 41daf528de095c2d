"""Turn citation findings into corrected table citations.

A row's citation changes only when the audit names the reference that matches the row
(expected == matched_reference, with evidence), that reference is in the main list, and the
finding points at exactly one row that still prints what the finding says. Anything else is
left as printed and reported as skipped, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Citation, Correction, Finding, Report, StudyRow, SummaryTable

CITATION_CODES = frozenset({"citation_mismatch", "citation_out_of_range", "citation_unreadable"})


@dataclass(frozen=True)
class Skipped:
    """A citation finding that was not applied, and why."""

    finding: Finding
    reason: str


def _prints(row: StudyRow, printed: int | str | None) -> bool:
    """Does the row still print what the finding says it prints?"""
    if printed is None:
        return True
    if isinstance(printed, int):
        return row.citation.raw.strip() == str(printed) or row.citation.numbers == [printed]
    return row.citation.raw.strip() == printed.strip()


def _rows(report: Report, finding: Finding) -> list[tuple[SummaryTable, StudyRow]]:
    loc = finding.location
    return [
        (table, row)
        for table in report.summary_tables
        if loc.table is None or table.title == loc.table
        for row in table.rows
        if row.label == loc.row
        and (loc.section is None or row.section == loc.section)
        and _prints(row, finding.printed)
    ]


def _why_not(report: Report, finding: Finding) -> str | None:
    """The reason a finding cannot be applied, or None when it can."""
    n = finding.expected
    if not finding.location.row:
        return "the finding names no table row"
    if n is None:
        return "no reference matches the row"
    if finding.matched_reference is not None and finding.matched_reference != n:
        return f"expected {n} is not the matched reference {finding.matched_reference}"
    if not (finding.evidence or "").strip():
        return "the finding gives no evidence"
    if report.reference(n) is None:
        return f"reference {n} is not in the main reference list"
    return None


def plan_corrections(
    report: Report, findings: Iterable[Finding]
) -> tuple[Report, list[Correction], list[Skipped]]:
    """Apply what the evidence supports to a copy of `report`; say why the rest was skipped."""
    fixed = report.model_copy(deep=True)
    done: set[int] = set()
    corrections: list[Correction] = []
    skipped: list[Skipped] = []
    for finding in findings:
        if finding.code not in CITATION_CODES:
            continue
        reason = _why_not(fixed, finding)
        rows = [] if reason else [tr for tr in _rows(fixed, finding) if id(tr[1]) not in done]
        if reason is None and len(rows) != 1:
            reason = (
                "no table row matches the finding's table, row and printed citation"
                if not rows
                else f"{len(rows)} rows match the finding; the row is ambiguous"
            )
        if reason is not None:
            skipped.append(Skipped(finding, reason))
            continue
        table, row = rows[0]
        n = finding.expected
        assert n is not None  # checked by _why_not
        corrections.append(
            Correction(
                table=table.title,
                row=row.label,
                printed=row.citation.raw,
                corrected=n,
                finding_code=finding.code,
                evidence=(finding.evidence or "").strip(),
            )
        )
        row.citation = Citation(raw=str(n), numbers=[n], box=row.citation.box)
        done.add(id(row))
    return fixed, corrections, skipped


def correct(report: Report, findings: Iterable[Finding]) -> tuple[Report, list[Correction]]:
    """A corrected copy of `report` and the list of changes; the input is not modified."""
    fixed, corrections, _ = plan_corrections(report, findings)
    return fixed, corrections
