"""The corrections log: JSON for tools, Markdown for people. Both come from the record's
`edition`, as the PDF's Corrections section does, so the three never disagree."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..models import Edition

LOG_TYPE = "cadthkit.corrections"


def corrections_json(
    source: str, output: str, edition: Edition, outputs: Mapping[str, str] | None = None
) -> str:
    """Every change, and every finding left as printed with why. `outputs` (file name →
    SHA-256 of the files written with this log) lets a later run tell a complete set."""
    data = {
        "record_type": LOG_TYPE,
        "source": source,
        "output": output,
        "tool_version": edition.tool_version,
        "corrected": edition.corrected.isoformat(),
        "errors_remaining": edition.errors_left,
        "corrections": [c.model_dump(mode="json") for c in edition.corrections],
        "skipped": [
            {"reason": s.reason, "finding": s.finding.model_dump(mode="json", exclude_none=True)}
            for s in edition.left_as_printed
        ],
        "outputs": dict(outputs or {}),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def corrections_markdown(source: str, output: str, edition: Edition) -> str:
    """A short summary a person can read or paste into an e-mail."""
    lines = [f"# Corrections to {source}", "", f"Corrected report: {output}", ""]
    corrections = edition.corrections
    if corrections:
        lines += [
            f"{_plural(len(corrections), 'citation')} corrected:",
            "",
            "| Table | Row | Printed | Corrected | Evidence |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_md(c.table)} | {_md(c.row)} | {_md(c.printed)} | {c.corrected} "
            f"| {_md(c.evidence)} |"
            for c in corrections
        ]
    else:
        lines.append("No citation needed correcting: the report is unchanged.")
    left = edition.left_as_printed
    if left:
        lines += [
            "",
            f"{_plural(len(left), 'finding')} left as printed, "
            f"{_plural(edition.errors_left, 'error')} among them:",
            "",
            "| Severity | Code | Row or place | Finding | Why left |",
            "|---|---|---|---|---|",
        ]
        for item in left:
            f = item.finding
            place = (
                f.location.row
                or f.location.section
                or (f"reference {f.location.reference}" if f.location.reference else "")
            )
            lines.append(
                f"| {f.severity} | {f.code} | {_md(place)} | {_md(f.message)} "
                f"| {_md(item.reason)} |"
            )
    return "\n".join(lines) + "\n"
