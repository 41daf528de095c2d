"""A corrected edition: the fixed record carries what fix changed and every finding it left as
printed, with the reason, so the log, the PDF's Corrections section and a later `render` all
say the same thing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from ..models import Correction, Edition, Finding, LeftAsPrinted, Report
from .correct import Skipped

# Why fix leaves a finding of each code as printed (citation codes: the plan's own reason).
WHY_LEFT: dict[str, str] = {
    "year_mismatch": "fix changes citation numbers only; a year that differs from the "
    "reference's needs an editor's check",
    "section_mismatch": "fix does not move rows between sections",
    "count_mismatch": "fix does not rewrite running text; the count needs an editor",
    "text_count_mismatch": "fix does not rewrite running text; the count needs an editor",
    "text_design_mismatch": "fix does not rewrite running text; the wording needs an editor",
    "text_citation_unreadable": "fix corrects table citations only; a citation in running "
    "text needs an editor",
    "text_citation_out_of_range": "fix corrects table citations only; a citation in running "
    "text needs an editor",
    "numbering_gap": "fix never renumbers the reference list",
    "repeated_number": "fix never renumbers the reference list",
    "duplicate_reference": "fix never removes references",
    "uncited_reference": "fix never removes references or adds citations",
    "prisma_arithmetic": "fix does not change the flow diagram's numbers",
    "prisma_included_mismatch": "fix does not change the flow diagram's numbers",
    "prisma_text_mismatch": "fix does not change the flow diagram's numbers",
}
DEFAULT_WHY = "fix corrects only table citations that the audit matched to a reference"
_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?$")


def _key(f: Finding) -> tuple[str, str | None, str | None]:
    return (f.code, f.location.table, f.location.row)


def left_as_printed(
    remaining: Iterable[Finding], skipped: Sequence[Skipped]
) -> list[LeftAsPrinted]:
    """Every finding of the corrected record's audit, with why fix left it: the plan's reason
    for a citation finding it could not apply, else the reason for its code."""
    planned = {_key(s.finding): s.reason for s in skipped}
    return [
        LeftAsPrinted(finding=f, reason=planned.get(_key(f)) or WHY_LEFT.get(f.code, DEFAULT_WHY))
        for f in remaining
    ]


def next_version(version: str | None) -> str | None:
    """'1.0' → '1.1', '2' → '2.1'; a version printed otherwise (or none) stays as it is."""
    m = _VERSION.match((version or "").strip())
    if not m:
        return version
    return f"{m.group(1)}.{int(m.group(2) or 0) + 1}"


def make_edition(
    original: Report,
    fixed: Report,
    corrections: Sequence[Correction],
    left: Sequence[LeftAsPrinted],
    *,
    tool_version: str,
    today: dt.date | None = None,
) -> Report:
    """`fixed` as a corrected edition of `original`: a new version when anything changed, the
    corrections (added to any an earlier fix made) and the findings left as printed."""
    earlier = original.edition
    changed = bool(corrections)
    edition = Edition(
        corrected=earlier.corrected if earlier and not changed else today or dt.date.today(),
        based_on_version=earlier.based_on_version if earlier else original.metadata.version,
        based_on_sha256=earlier.based_on_sha256 if earlier else original.source.sha256,
        tool_version=tool_version,
        corrections=[*(earlier.corrections if earlier else []), *corrections],
        left_as_printed=list(left),
    )
    version = next_version(original.metadata.version) if changed else original.metadata.version
    metadata = fixed.metadata.model_copy(update={"version": version})
    return fixed.model_copy(update={"edition": edition, "metadata": metadata})
