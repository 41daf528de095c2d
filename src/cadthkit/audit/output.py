"""Audit results as text for people (a rich table per severity) or JSON for tools."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..models.findings import AuditFile, AuditResult, Finding

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_TITLE = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def where(f: Finding) -> str:
    """Short place: 'p. 4 · Table 2 · Meng (2016)' or 'p. 9 · ref 19'."""
    loc = f.location
    parts = [f"p. {loc.page}" if loc.page else ""]
    if loc.table:
        parts.append(loc.table.split(":")[0])
    if loc.row:
        parts.append(loc.row)
    elif loc.reference:
        parts.append(f"ref {loc.reference}")
    elif loc.section:
        parts.append(loc.section)
    return " · ".join(p for p in parts if p)


def _printed_expected(f: Finding) -> str:
    printed = f.printed_text or (str(f.printed) if f.printed is not None else "")
    if f.numbers and f.code in ("numbering_gap", "duplicate_reference"):
        printed = ", ".join(map(str, f.numbers))
    if f.expected is None:
        return printed
    sure = f" ({f.confidence:.0%})" if f.confidence is not None and f.confidence < 1 else ""
    return f"{printed} → {f.expected}{sure}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary_line(result: AuditResult) -> str:
    """'file.pdf: 7 errors, 1 warning, 0 info — FAIL' (FAIL when there is an error)."""
    c = result.counts
    counts = ", ".join(
        _plural(n, w) for n, w in ((c.error, "error"), (c.warning, "warning"), (c.info, "info"))
    )
    return f"{result.source}: {counts} — {'FAIL' if c.error else 'ok'}"


def render_text(results: list[AuditResult], *, color: bool = True, width: int = 120) -> str:
    """A readable report: per input, one table per severity, then a one-line summary."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color)
    for result in results:
        console.rule(result.title or result.source)
        for severity in ("error", "warning", "info"):
            group = [f for f in result.findings if f.severity == severity]
            if not group:
                continue
            table = Table(
                title=f"{_TITLE[severity]} ({len(group)})",
                title_justify="left",
                title_style=_STYLE[severity],
                show_lines=False,
                expand=True,
            )
            table.add_column("code", style=_STYLE[severity], no_wrap=True)
            table.add_column("where", no_wrap=True)
            table.add_column("printed → expected", no_wrap=True)
            table.add_column("message and fix", ratio=1)
            for f in group:
                text = escape(f.message)
                if f.suggested_fix:
                    text += f"\n[dim]Fix: {escape(f.suggested_fix)}[/dim]"
                table.add_row(f.code, escape(where(f)), escape(_printed_expected(f)), text)
            console.print(table)
        console.print(
            summary_line(result),
            style="bold red" if result.counts.error else "green",
            highlight=False,
        )
    return buffer.getvalue()


def render_json(file: AuditFile) -> str:
    """The findings file as JSON (validates against schemas/findings.schema.json)."""
    return file.model_dump_json(indent=2) + "\n"
