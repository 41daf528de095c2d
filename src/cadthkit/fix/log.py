"""The corrections log: JSON for tools, Markdown for people."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Correction
from .correct import Skipped


def corrections_json(
    source: str, output: str, corrections: Sequence[Correction], skipped: Sequence[Skipped]
) -> str:
    """Machine-readable log: every change, and every citation finding left alone (with why)."""
    data = {
        "record_type": "cadthkit.corrections",
        "source": source,
        "output": output,
        "corrections": [c.model_dump(mode="json") for c in corrections],
        "skipped": [
            {"reason": s.reason, "finding": s.finding.model_dump(mode="json", exclude_none=True)}
            for s in skipped
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def corrections_markdown(
    source: str, output: str, corrections: Sequence[Correction], skipped: Sequence[Skipped]
) -> str:
    """A short summary a person can read or paste into an e-mail."""
    lines = [f"# Corrections to {source}", "", f"Corrected report: {output}", ""]
    if corrections:
        lines += [
            f"{len(corrections)} citation(s) corrected:",
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
    if skipped:
        lines += ["", f"{len(skipped)} citation finding(s) left as printed:", ""]
        lines += [f"- {_md(s.finding.location.row or '?')}: {_md(s.reason)}" for s in skipped]
    return "\n".join(lines) + "\n"
