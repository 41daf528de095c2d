"""Command line: thin typer wrappers over cadthkit.api; library errors become one line and an
exit code here, and only here."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from . import __version__, api
from .errors import CadthkitError

app = typer.Typer(
    help="Extract, audit and regenerate CADTH Rapid Response report PDFs.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(e: CadthkitError) -> typer.Exit:
    typer.echo(f"error: {e}", err=True)
    return typer.Exit(e.exit_code)


# --- batch (issue 5) ---
@app.command("batch")
def batch_command(
    paths: list[str] = typer.Argument(
        ..., help="PDF files, folders (searched recursively) or globs.", show_default=False
    ),
    db: Path = typer.Option(Path("output/archive.sqlite"), "--db", help="SQLite store to fill."),
    workers: int | None = typer.Option(
        None, "--workers", "-w", help="Worker processes [default: one per core]."
    ),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per file before it fails."),
    max_memory_mb: int = typer.Option(1024, "--max-memory-mb", help="Memory cap per worker."),
    force: bool = typer.Option(False, "--force", help="Redo files the store already holds."),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Retry files that failed in an earlier run."
    ),
    executor: str = typer.Option("local", "--executor", help="local or dask."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Extract and audit every report PDF into a queryable SQLite store (resumable).

    Exit code 0 when every file has a result, 1 when some failed, 2 for unusable arguments,
    130 when interrupted (run the same command again to resume).
    """
    from .batch.progress import RichReporter, summary_table
    from .batch.store import Store

    err = Console(stderr=True)
    reporter = RichReporter(err) if err.is_terminal and not quiet else None
    try:
        summary = api.batch(
            paths,
            db,
            workers=workers,
            timeout=timeout,
            max_memory_mb=max_memory_mb,
            force=force,
            retry_failed=retry_failed,
            executor=executor,  # type: ignore[arg-type]
            scheduler=scheduler,
            progress=reporter,
        )
    except CadthkitError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        typer.echo(
            f"interrupted: finished reports are saved in {db}; "
            "run the same command again to resume",
            err=True,
        )
        raise typer.Exit(130) from None
    if not quiet:
        with Store(db, __version__) as store:
            totals = store.totals()
        Console().print(summary_table(summary, totals))
        for f in summary.failures[:20]:
            typer.echo(f"failed: {f.path}: {f.reason}: {f.message}", err=True)
        if len(summary.failures) > 20:
            typer.echo(
                f"... and {len(summary.failures) - 20} more (see the failures table)", err=True
            )
    raise typer.Exit(0 if summary.ok else 1)


@app.command("export")
def export_command(
    db: Path = typer.Option(..., "--db", help="SQLite store written by `cadthkit batch`."),
    format: str = typer.Option("csv", "--format", "-f", help="csv or jsonl."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for one file per table."),
) -> None:
    """Export every table of a batch store, one file per table."""
    try:
        written = api.export(db, format, out)
    except CadthkitError as e:
        raise _fail(e) from None
    for path in written:
        typer.echo(str(path))
