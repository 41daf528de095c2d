"""The record itself: what the extractor could not read. A record that misses rows or
references passes every other check on what it holds, so its gaps are findings too."""

from __future__ import annotations

from collections.abc import Iterator

from ...models.findings import Finding, Location
from ...models.report import INCOMPLETE_WARNINGS
from ..context import AuditContext
from ..registry import Code, check, finding


@check(
    Code(
        "incomplete_record",
        ("error",),
        "the PDF prints more than the record holds, so part of it went unchecked: a page with no "
        "readable text inside a table, table rows or titles not read, table numbers that jump, "
        "numbers cited that the reference list read lacks, fewer pages than the cover states",
        "a page whose content is lost: Table 2 read with 10 of its 17 rows",
    )
)
def incomplete_record(ctx: AuditContext) -> Iterator[Finding]:
    """Each extraction warning that says part of the report is missing from the record."""
    for warning in ctx.report.warnings:
        if warning.code in INCOMPLETE_WARNINGS:
            yield finding(
                "incomplete_record",
                message=warning.message,
                location=Location(page=warning.page),
                evidence=f"extraction warning {warning.code}",
                suggested_fix="Check the PDF against the report it should be (a damaged or "
                "re-written file?) and audit an intact copy.",
            )
