"""Commands for analysts and archives: export-refs, export-tables, batch and export."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import cast

import typer

from ..batch.options import DEFAULT_STORE, BatchOptions, Executor
from ..errors import CadthkitError, OutputError
from ..version import __version__
from .app import (
    DEFAULT_OUTPUT,
    STDIO,
    TALK,
    command,
    detail,
    err,
    expand_inputs,
    fail,
    info,
    output_file,
    output_folder,
    quiet_option,
    say,
    set_talk,
    verbose_option,
)

BATCH = BatchOptions()  # the defaults the batch options show
INPUTS_HELP = (
    "Report PDFs, record JSONs written by `cadthkit extract`, folders of PDFs, or - for "
    "standard input."
)


class RefFormat(StrEnum):
    ris = "ris"
    bibtex = "bibtex"
    csljson = "csljson"


@command("export-refs")
def export_refs(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT", help=INPUTS_HELP),
    fmt: RefFormat = typer.Option(
        RefFormat.ris,
        "--format",
        "-f",
        help="ris (EndNote, Covidence, Zotero), bibtex, or csljson (Zotero, pandoc).",
    ),
    output: Path = typer.Option(
        Path(STDIO), "-o", "--output", metavar="FILE", help="File to write; - for standard output."
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Write the references of reports for reference managers: RIS, BibTeX or CSL-JSON.

    Every reference of the main list, then the further references of the appendix, from the
    parsed fields (authors, title, journal, year, volume, issue, pages, PMID, DOI, URL); all
    inputs go into one file.
    """
    from .. import api
    from ..files import write_text_atomic

    set_talk(quiet, verbose)
    try:
        if str(output) != STDIO:
            output_file(output)
        reports = [api.read_report(path) for path in expand_inputs(inputs)]
        text = api.references(reports, fmt.value)
        n = sum(len(r.references) + sum(len(g.references) for g in r.appendix) for r in reports)
        if str(output) == STDIO:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_text_atomic(output, text)
            info(f"{n} references → {output}")
    except CadthkitError as exc:
        raise fail(exc) from None


@command("export-tables")
def export_tables(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT", help=INPUTS_HELP),
    output: Path = typer.Option(
        DEFAULT_OUTPUT,
        "-o",
        "--output",
        metavar="DIR",
        help="Output folder (created if missing).",
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Write one CSV per summary table, as the table reads in the PDF.

    A row per study: table, section, label, first author, year, citation, then the table's own
    columns under their printed headers; a bulleted cell has one '• ' line per bullet. UTF-8
    with a byte-order mark, so Excel opens it as it is. A cell longer than a spreadsheet holds
    (32,767 characters) is cut, with a marker that says so.
    """
    from .. import api

    set_talk(quiet, verbose)
    failures = 0
    try:
        folder = output_folder(output)
        paths = expand_inputs(inputs)
    except CadthkitError as exc:
        raise fail(exc) from None
    names = api.record_names([p if str(p) != STDIO else Path("stdin.pdf") for p in paths])
    for path, name in zip(paths, names, strict=True):
        try:
            report = api.read_report(path)
            written, cut = api.export_tables(report, folder, name.removesuffix(".json"))
        except CadthkitError as exc:
            failures += 1
            say(f"error: {exc}")
            continue
        info(f"{path} → {len(written)} table{'' if len(written) == 1 else 's'} in {folder}")
        for target in written:
            detail(f"  {target}")
        if cut:
            say(f"note: {path}: {cut} cell(s) longer than 32,767 characters were cut (marked)")
    if failures:
        raise typer.Exit(2 if failures == len(paths) else 1)


# --- batch and export ------------------------------------------------------------------------
class BatchExecutor(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


@command("batch")
def batch_command(
    paths: list[str] = typer.Argument(
        ...,
        metavar="PATH",
        help="PDF files, folders (searched recursively) or globs.",
        show_default=False,
    ),
    db: Path = typer.Option(
        Path(DEFAULT_STORE), "--db", metavar="FILE", help="SQLite store to fill."
    ),
    workers: int | None = typer.Option(
        BATCH.workers,
        "--workers",
        "-w",
        metavar="N",
        help="Worker processes (default: one per core).",
    ),
    timeout: float = typer.Option(
        BATCH.timeout, "--timeout", metavar="SECONDS", help="Seconds per file before it fails."
    ),
    max_memory_mb: int = typer.Option(
        BATCH.max_memory_mb or 0,
        "--max-memory-mb",
        metavar="MB",
        help="Memory cap per worker (MB).",
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
        None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786."
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Extract and audit every report PDF into a queryable SQLite store (resumable).

    Exit code 0 when every file has a result, 1 when some failed, 2 for unusable arguments,
    130 when interrupted (run the same command again to resume). Failures are listed on stderr,
    also with --quiet.
    """
    from rich.console import Console

    from .. import api
    from ..batch.progress import RichReporter, summary_table
    from ..batch.store import Store

    set_talk(quiet, verbose)
    reporter = RichReporter(err()) if err().is_terminal and TALK.level >= 0 else None
    options = BatchOptions(
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        force=force,
        retry_failed=retry_failed,
        executor=cast(Executor, executor.value),
        scheduler=scheduler,
    )
    try:
        summary = api.batch(paths, db, options, progress=reporter)  # the store makes its folder
    except CadthkitError as e:
        raise fail(e) from None
    except KeyboardInterrupt:
        say(
            f"interrupted: finished reports are saved in {db}; run the same command again to resume"
        )
        raise typer.Exit(130) from None
    if TALK.level >= 0:
        with Store(db, __version__) as store:
            totals = store.totals()
        Console(stderr=False).print(summary_table(summary, totals))
    shown = summary.failures if TALK.level >= 1 else summary.failures[:20]
    for f in shown:
        say(f"failed: {f.path}: {f.reason}: {f.message}")
    if len(summary.failures) > len(shown):
        say(f"... and {len(summary.failures) - len(shown)} more (see the failures table)")
    if summary.failed_before:
        say(
            f"{summary.failed_before} file(s) failed in an earlier run and were not retried "
            "(see --retry-failed)"
        )
    raise typer.Exit(0 if summary.ok else 1)


@command("export")
def export_command(
    db: Path = typer.Option(
        ..., "--db", metavar="FILE", help="SQLite store written by `cadthkit batch`."
    ),
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="File format."),
    out: Path = typer.Option(
        ...,
        "--out",
        "-o",
        metavar="DIR",
        help="Folder for one file per table (created if missing).",
    ),
    tables: bool = typer.Option(
        False,
        "--tables",
        help="Also one CSV per summary table of every report, in DIR/tables/.",
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Export every table of a batch store, one file per table (with --tables, also one CSV per
    summary table of every report, in DIR/tables/).

    No CSV cell holds more than a spreadsheet takes (32,767 characters): a longer one is cut
    with a marker, and the whole value is in the jsonl export.
    """
    from .. import api

    set_talk(quiet, verbose)
    notes: list[str] = []
    try:
        if not db.is_file():
            raise OutputError(db, "no such store")
        output_folder(out)
        written = api.export(db, fmt.value, out, notes=notes, tables=tables)
    except CadthkitError as e:
        raise fail(e) from None
    for path in written:
        info(str(path))
    for note in notes:
        say(f"note: {note}")
