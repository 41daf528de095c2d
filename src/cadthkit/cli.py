"""Typer commands: thin wrappers over cadthkit.api; library errors become one line + exit code."""

from __future__ import annotations

from pathlib import Path

import typer

from . import api
from .errors import CadthkitError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _fail(exc: CadthkitError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


@app.command("render")
def render_cmd(
    record: Path = typer.Argument(..., help="Record JSON written by `cadthkit extract`."),
    out: Path = typer.Option(..., "-o", "--output", help="PDF to write."),
) -> None:
    """Render a record as a CADTH Rapid Response PDF."""
    try:
        path = api.render(api.load_record(record), out)
    except CadthkitError as exc:
        raise _fail(exc) from None
    typer.echo(f"wrote {path}")


@app.command("fix")
def fix_cmd(
    pdf: Path = typer.Argument(..., help="CADTH report PDF to correct."),
    out: Path = typer.Option(..., "-o", "--output", help="Corrected PDF to write."),
) -> None:
    """Correct wrong or unreadable table citations and re-render the report.

    Writes OUT.pdf, the corrected record OUT.json, and the corrections log
    OUT.corrections.json and OUT.corrections.md.
    """
    try:
        result = api.fix(pdf, out)
    except CadthkitError as exc:
        raise _fail(exc) from None
    n = len(result.corrections)
    typer.echo(f"{n} citation{'s' if n != 1 else ''} corrected")
    for c in result.corrections:
        typer.echo(f"  {c.row}: {c.printed} -> {c.corrected} ({c.evidence})")
    for s in result.skipped:
        typer.echo(f"  left as printed: {s.finding.location.row}: {s.reason}")
    typer.echo(f"wrote {result.pdf}, {result.record}, {result.log_json}, {result.log_text}")
