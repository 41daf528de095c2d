"""typer commands: thin wrappers over cadthkit.api. Errors become one line and an exit code here,
and only here.

Start-up matters (`cadthkit --help` should feel instant), so this module imports only what the
option declarations need; each command imports the API and rich inside its function.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from .batch.options import DEFAULT_STORE, BatchOptions, Executor
from .errors import CadthkitError
from .limits import DEFAULT_LIMITS, Limits
from .version import __version__

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    help="Extract, audit and regenerate CADTH Rapid Response report PDFs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich's help renderer alone costs ~0.1 s CPU
)
BATCH = BatchOptions()  # the defaults the batch options show


@cache
def err() -> Console:
    """The rich stderr console (progress bars), made on first use."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


# Control characters (say, from a hostile file name) are shown as "?", never sent to a terminal.
_CONTROL = {c: "?" for c in [*range(0x20), 0x7F] if c not in (0x09, 0x0A)}


def say(text: str) -> None:
    """One plain message on stderr (rich is not needed, nor imported, for that)."""
    print(text.translate(_CONTROL), file=sys.stderr, flush=True)


def fail(exc: CadthkitError) -> typer.Exit:
    """One line (plus any per-field detail lines) on stderr; the documented exit code."""
    say(f"error: {exc}")
    return typer.Exit(exc.exit_code)


HELP_PAGES = "Refuse PDFs with more pages."
HELP_SIZE = "Refuse larger files (MB)."
HELP_TIME = "Stop reading a file after this many seconds."
HELP_MEMORY = "Cap this process's memory (MB); 0 for no cap."
HELP_CHARS = "Refuse pages with more characters."


def make_limits(
    max_pages: int,
    max_file_mb: float,
    timeout: float,
    max_memory_mb: int,
    max_chars: int = DEFAULT_LIMITS.max_chars_per_page,
) -> Limits:
    """Per-file limits from the common options; the memory cap applies to this process."""
    from .memory import limit_memory

    if min(max_pages, max_file_mb, timeout, max_chars) <= 0 or max_memory_mb < 0:
        say("error: limits must be positive numbers")
        raise typer.Exit(2)
    limit_memory(max_memory_mb or None)
    return replace(
        DEFAULT_LIMITS,
        max_pages=max_pages,
        max_file_mb=max_file_mb,
        timeout_s=timeout,
        max_memory_mb=max_memory_mb or None,
        max_chars_per_page=max_chars,
    )


class _ProgressBar:
    """A rich progress bar on stderr, for runs over many files at a terminal; messages printed
    through it appear above the bar."""

    def __init__(self, verb: str, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn(f"[bold]{verb}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err(),
        )
        self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def working_on(self, name: str) -> None:
        self.progress.update(self.task, description=name)

    def advance(self) -> None:
        self.progress.advance(self.task)

    def say(self, text: str) -> None:
        self.progress.console.print(text.translate(_CONTROL), markup=False)


class RecordFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class TableEngine(StrEnum):
    pdfplumber = "pdfplumber"
    camelot = "camelot"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cadthkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Extract, audit and regenerate CADTH Rapid Response report PDFs."""


@app.command()
def extract(
    pdfs: list[Path] = typer.Argument(..., help="Report PDF files.", show_default=False),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Output folder."),
    fmt: RecordFormat = typer.Option(
        RecordFormat.json,
        "--format",
        help="json: one DIR/<stem>.json per PDF; jsonl: all records in DIR/records.jsonl.",
    ),
    table_engine: TableEngine = typer.Option(
        TableEngine.pdfplumber, "--table-engine", help="Table engine (camelot needs the extra)."
    ),
    max_pages: int = typer.Option(DEFAULT_LIMITS.max_pages, "--max-pages", help=HELP_PAGES),
    max_file_mb: float = typer.Option(DEFAULT_LIMITS.max_file_mb, "--max-file-mb", help=HELP_SIZE),
    timeout: float = typer.Option(DEFAULT_LIMITS.timeout_s, "--timeout", help=HELP_TIME),
    max_memory_mb: int = typer.Option(0, "--max-memory-mb", help=HELP_MEMORY),
    max_chars: int = typer.Option(
        DEFAULT_LIMITS.max_chars_per_page, "--max-chars-per-page", help=HELP_CHARS
    ),
) -> None:
    """Extract each report PDF into a validated JSON record."""
    from . import api
    from .files import write_text_atomic

    limits = make_limits(max_pages, max_file_mb, timeout, max_memory_mb, max_chars)
    if not output.exists():
        try:
            output.mkdir(parents=True)
        except OSError as exc:
            say(f"error: {output}: cannot create output folder ({exc.strerror})")
            raise typer.Exit(2) from None
    failures = 0
    records: list[str] = []
    bar = _ProgressBar("extract", len(pdfs)) if sys.stderr.isatty() and len(pdfs) > 1 else None
    note = bar.say if bar else say
    with bar or nullcontext():
        for pdf in pdfs:
            if bar:
                bar.working_on(pdf.name)
            try:
                report = api.extract(pdf, table_engine=table_engine.value, limits=limits)
                text = report.model_dump_json(indent=2 if fmt == RecordFormat.json else None)
                if fmt == RecordFormat.json:
                    target = write_text_atomic(output / api.record_name(pdf), text + "\n")
                    note(f"{pdf} → {target} ({len(report.warnings)} warnings)")
                else:
                    records.append(text)
                for w in report.warnings:
                    note(f"  warning: {pdf.name}: {w.message}")
            except CadthkitError as exc:
                failures += 1
                note(f"error: {exc}")
            if bar:
                bar.advance()
    if fmt == RecordFormat.jsonl and records:
        try:
            target = write_text_atomic(output / "records.jsonl", "\n".join(records) + "\n")
        except CadthkitError as exc:
            raise fail(exc) from None
        say(f"{len(records)} records → {target}")
    if failures:
        raise typer.Exit(2 if failures == len(pdfs) else 1)


@app.command()
def schema(
    output: Path = typer.Option(Path("schemas"), "-o", "--output", help="Output folder."),
) -> None:
    """Export the JSON Schemas of the record and findings formats."""
    from .schema import write_schemas

    try:
        for path in write_schemas(output):
            typer.echo(str(path))
    except CadthkitError as exc:
        raise fail(exc) from None


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
    from . import api
    from .audit.output import render_json, render_text
    from .files import write_text_atomic
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
            write_text_atomic(output, text)
        else:
            typer.echo(text, nl=False)
    except CadthkitError as exc:
        raise fail(exc) from None
    raise typer.Exit(1 if any(r.counts.error for r in results) else 0)


@app.command("render")
def render_cmd(
    record: Path = typer.Argument(..., help="Record JSON written by `cadthkit extract`."),
    output: Path = typer.Option(..., "-o", "--output", help="PDF to write."),
    max_pages: int = typer.Option(
        DEFAULT_LIMITS.max_pages, "--max-pages", help="Stop past this many pages."
    ),
    timeout: float = typer.Option(
        DEFAULT_LIMITS.timeout_s, "--timeout", help="Stop rendering after this many seconds."
    ),
    max_memory_mb: int = typer.Option(0, "--max-memory-mb", help=HELP_MEMORY),
) -> None:
    """Render a record as a CADTH Rapid Response PDF."""
    from . import api

    limits = make_limits(max_pages, DEFAULT_LIMITS.max_file_mb, timeout, max_memory_mb)
    try:
        path = api.render(api.load_record(record), output, limits=limits)
    except CadthkitError as exc:
        raise fail(exc) from None
    say(f"{record} → {path}")


@app.command("fix")
def fix_cmd(
    pdf: Path = typer.Argument(..., help="CADTH report PDF to correct."),
    output: Path = typer.Option(..., "-o", "--output", help="Corrected PDF to write."),
    table_engine: TableEngine = typer.Option(
        TableEngine.pdfplumber, "--table-engine", help="Table engine (camelot needs the extra)."
    ),
) -> None:
    """Correct wrong or unreadable table citations and re-render the report.

    Writes OUT.pdf, the corrected record OUT.json and the corrections log OUT.corrections.json
    and OUT.corrections.md. A citation changes only when the audit matched the row to a
    reference; other citation findings are listed as left unchanged.
    """
    from . import api

    try:
        result = api.fix(pdf, output, table_engine=table_engine.value)
    except CadthkitError as exc:
        raise fail(exc) from None
    n = len(result.corrections)
    typer.echo(f"{pdf}: {n} citation{'' if n == 1 else 's'} corrected")
    for c in result.corrections:
        typer.echo(f"  {c.table} | {c.row}: {c.printed} → {c.corrected} ({c.evidence})")
    for s in result.skipped:
        typer.echo(f"  left as printed: {s.finding.location.row}: {s.reason}")
    for path in (result.pdf, result.record, result.log_json, result.log_text):
        say(f"wrote {path}")


# --- batch and export ------------------------------------------------------------------------
class BatchExecutor(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


@app.command("batch")
def batch_command(
    paths: list[str] = typer.Argument(
        ..., help="PDF files, folders (searched recursively) or globs.", show_default=False
    ),
    db: Path = typer.Option(Path(DEFAULT_STORE), "--db", help="SQLite store to fill."),
    workers: int | None = typer.Option(
        BATCH.workers, "--workers", "-w", help="Worker processes (default: one per core)."
    ),
    timeout: float = typer.Option(
        BATCH.timeout, "--timeout", help="Seconds per file before it fails."
    ),
    max_memory_mb: int = typer.Option(
        BATCH.max_memory_mb or 0, "--max-memory-mb", help="Memory cap per worker (MB)."
    ),
    force: bool = typer.Option(BATCH.force, "--force", help="Redo files the store already holds."),
    retry_failed: bool = typer.Option(
        BATCH.retry_failed, "--retry-failed", help="Retry files that failed in an earlier run."
    ),
    executor: BatchExecutor = typer.Option(
        BatchExecutor(BATCH.executor),
        "--executor",
        help="Where the work runs: this machine or Dask.",
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    follow_links: bool = typer.Option(
        BATCH.follow_links, "--follow-links", help="Follow links out of the folders given."
    ),
) -> None:
    """Extract and audit every report PDF into a queryable SQLite store (resumable).

    Exit code 0 when every file has a result, 1 when some failed, 2 for unusable arguments,
    130 when interrupted (run the same command again to resume).
    """
    from rich.console import Console

    from . import api
    from .batch.progress import RichReporter, summary_table
    from .batch.store import Store

    reporter = RichReporter(err()) if err().is_terminal and not quiet else None
    options = BatchOptions(
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        force=force,
        retry_failed=retry_failed,
        executor=cast(Executor, executor.value),
        scheduler=scheduler,
        follow_links=follow_links,
    )
    try:
        summary = api.batch(paths, db, options, progress=reporter)
    except CadthkitError as e:
        raise fail(e) from None
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
            say(f"failed: {f.path}: {f.reason}: {f.message}")
        if len(summary.failures) > 20:
            typer.echo(
                f"... and {len(summary.failures) - 20} more (see the failures table)", err=True
            )
    raise typer.Exit(0 if summary.ok else 1)


@app.command("export")
def export_command(
    db: Path = typer.Option(..., "--db", help="SQLite store written by `cadthkit batch`."),
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="File format."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for one file per table."),
) -> None:
    """Export every table of a batch store, one file per table."""
    from . import api

    try:
        written = api.export(db, fmt.value, out)
    except CadthkitError as e:
        raise fail(e) from None
    for path in written:
        typer.echo(str(path))
