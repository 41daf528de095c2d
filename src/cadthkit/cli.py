"""Command line: thin typer wrappers over cadthkit.api; errors become one line + exit code here."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from . import __version__, api
from .errors import CadthkitError

app = typer.Typer(
    help="Extract, audit and regenerate CADTH Rapid Response report PDFs.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Extract, audit and regenerate CADTH Rapid Response report PDFs."""


# --- check ------------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("check")
def check_command(
    inputs: list[Path] = typer.Argument(
        ..., help="Report PDFs, or record JSONs written by `cadthkit extract`."
    ),
    output_format: CheckFormat = typer.Option(
        CheckFormat.text, "--format", "-f", help="text: tables for people; json: for tools."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (atomically) instead of stdout."
    ),
    annotate: Path | None = typer.Option(
        None, "--annotate", help="Write a copy of the (single) input PDF with findings drawn on it."
    ),
) -> None:
    """Audit every citation number against the reference list.

    Exit code 0: no error-severity finding; 1: at least one; 2: unusable input.
    """
    from .audit.output import render_json, render_text
    from .models.findings import AuditFile

    try:
        if annotate is not None and len(inputs) != 1:
            raise CadthkitError(annotate, "--annotate takes exactly one input")
        loaded = [(path, api.read_report(path)) for path in inputs]
        results = [api.audit_result(path, report, api.check(report)) for path, report in loaded]
        if annotate is not None:
            path, report = loaded[0]
            pdf = path if path.suffix.lower() != ".json" else Path(report.source.path)
            api.annotate(pdf, results[0].findings, annotate, sha256=report.source.sha256)
        if output_format is CheckFormat.json:
            text = render_json(AuditFile(tool_version=__version__, results=results))
        else:
            text = render_text(results, color=output is None and sys.stdout.isatty())
        if output is not None:
            api.write_text_atomic(output, text)
        else:
            typer.echo(text, nl=False)
    except CadthkitError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    raise typer.Exit(1 if any(r.counts.error for r in results) else 0)
