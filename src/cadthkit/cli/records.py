"""Commands on one report at a time: extract, check, render, fix, schema."""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path

import typer

from ..errors import CadthkitError, InputError, OutputError
from ..limits import DEFAULT_LIMITS
from ..version import __version__
from .app import (
    DEFAULT_OUTPUT,
    HELP_CHARS,
    HELP_MEMORY,
    HELP_PAGES,
    HELP_SIZE,
    HELP_TIME,
    STDIO,
    TALK,
    TableEngine,
    command,
    detail,
    expand_inputs,
    fail,
    info,
    make_limits,
    output_file,
    output_folder,
    quiet_option,
    say,
    set_talk,
    verbose_option,
)


class RecordFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


INPUTS_HELP = "Report PDFs, folders of them, or - for standard input."


@command()
def extract(
    pdfs: list[Path] = typer.Argument(..., metavar="PDF", help=INPUTS_HELP, show_default=False),
    output: Path = typer.Option(
        DEFAULT_OUTPUT,
        "-o",
        "--output",
        metavar="DIR",
        help="Output folder (created if missing), or - for standard output.",
    ),
    fmt: RecordFormat = typer.Option(
        RecordFormat.json,
        "--format",
        help="json: one DIR/<name>.json per PDF; jsonl: all records in DIR/records.jsonl.",
    ),
    table_engine: TableEngine = typer.Option(
        TableEngine.pdfplumber, "--table-engine", help="Table engine (camelot needs the extra)."
    ),
    max_pages: int = typer.Option(
        DEFAULT_LIMITS.max_pages, "--max-pages", metavar="N", help=HELP_PAGES
    ),
    max_file_mb: float = typer.Option(
        DEFAULT_LIMITS.max_file_mb, "--max-file-mb", metavar="MB", help=HELP_SIZE
    ),
    timeout: float = typer.Option(
        DEFAULT_LIMITS.timeout_s, "--timeout", metavar="SECONDS", help=HELP_TIME
    ),
    max_memory_mb: int = typer.Option(0, "--max-memory-mb", metavar="MB", help=HELP_MEMORY),
    max_chars: int = typer.Option(
        DEFAULT_LIMITS.max_chars_per_page, "--max-chars-per-page", metavar="N", help=HELP_CHARS
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Extract each report PDF into a validated JSON record.

    Two PDFs with the same name (c1/report.pdf, c2/report.pdf) get distinct records
    (c1_report.json, c2_report.json). Exit code 0: all extracted; 1: some failed; 2: all
    failed or unusable arguments.
    """
    from .. import api
    from ..files import write_text_atomic
    from .progress import ProgressBar

    set_talk(quiet, verbose)
    to_stdout = str(output) == STDIO
    limits = make_limits(max_pages, max_file_mb, timeout, max_memory_mb, max_chars)
    try:
        pdfs = expand_inputs(pdfs)
        if to_stdout and fmt == RecordFormat.json and len(pdfs) > 1:
            raise InputError(None, "several records on standard output need --format jsonl")
    except CadthkitError as exc:
        raise fail(exc) from None
    names = api.record_names([p if str(p) != STDIO else Path("stdin.pdf") for p in pdfs])
    failures = 0
    records: list[str] = []
    show_bar = sys.stderr.isatty() and len(pdfs) > 1 and TALK.level >= 0
    bar = ProgressBar("extract", len(pdfs)) if show_bar else None
    note = bar.say if bar else say
    with bar or nullcontext():
        for pdf, name in zip(pdfs, names, strict=True):
            if bar:
                bar.working_on(pdf.name)
            started = time.perf_counter()
            try:
                report = api.extract(pdf, table_engine=table_engine.value, limits=limits)
                pretty = fmt == RecordFormat.json
                text = report.model_dump_json(indent=2 if pretty else None)
                if to_stdout:
                    sys.stdout.write(text + "\n")
                    sys.stdout.flush()
                elif pretty:
                    target = write_text_atomic(output_folder(output) / name, text + "\n")
                    if TALK.level >= 0:
                        note(f"{pdf} → {target} ({len(report.warnings)} warnings)")
                else:
                    records.append(text)
                if TALK.level >= 0:
                    for w in report.warnings:
                        note(f"  warning: {pdf.name}: {w.message}")
                if TALK.level >= 1:
                    seconds = time.perf_counter() - started
                    note(f"  {pdf.name}: {report.source.page_count} pages in {seconds:.2f} s")
            except OutputError as exc:  # the output folder: nothing more can be written
                raise fail(exc) from None
            except CadthkitError as exc:
                failures += 1
                note(f"error: {exc}")
            if bar:
                bar.advance()
    if fmt == RecordFormat.jsonl and records and not to_stdout:
        try:
            folder = output_folder(output)
            target = write_text_atomic(folder / "records.jsonl", "\n".join(records) + "\n")
        except CadthkitError as exc:
            raise fail(exc) from None
        info(f"{len(records)} records → {target}")
    if failures:
        raise typer.Exit(2 if failures == len(pdfs) else 1)


@command()
def schema(
    output: Path = typer.Option(
        Path("schemas"), "-o", "--output", metavar="DIR", help="Output folder."
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Export the JSON Schemas of the record and findings formats."""
    from ..schema import write_schemas

    set_talk(quiet, verbose)
    try:
        output_folder(output)  # a path through a file: one line, not a traceback
        for path in write_schemas(output):
            info(str(path))
    except CadthkitError as exc:
        raise fail(exc) from None


# --- check ------------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


@command("check")
def check_command(
    inputs: list[Path] = typer.Argument(
        ...,
        metavar="INPUT",
        help="Report PDFs, record JSONs written by `cadthkit extract`, folders of PDFs, or - "
        "for standard input.",
    ),
    output_format: CheckFormat = typer.Option(
        CheckFormat.text, "--format", "-f", help="text: tables for people; json: for tools."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically); - or nothing for standard output.",
    ),
    annotate: Path | None = typer.Option(
        None,
        "--annotate",
        metavar="OUT.pdf",
        help="Write a copy of the (single) input PDF with the findings marked on it.",
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Audit every citation number against the reference list.

    Exit code 0: no error-severity finding; 1: at least one; 2: unusable input.
    """
    from .. import api
    from ..audit.output import render_json, render_text
    from ..files import write_text_atomic
    from ..models.findings import AuditFile

    set_talk(quiet, verbose)
    to_file = output is not None and str(output) != STDIO
    try:
        inputs = expand_inputs(inputs)
        if annotate is not None and len(inputs) != 1:
            raise InputError(annotate, "--annotate takes exactly one input")
        if annotate is not None and str(inputs[0]) == STDIO:
            raise InputError(STDIO, "--annotate needs the PDF or record as a file")
        for target in (output if to_file else None, annotate):
            if target is not None:
                output_file(target)  # before any work: a folder or a missing folder fails here
        loaded = [(path, api.read_report(path)) for path in inputs]
        results = [api.audit_result(path, report, api.check(report)) for path, report in loaded]
        if annotate is not None:
            path, report = loaded[0]
            pdf = api.source_pdf(path, report) if path.suffix.lower() == ".json" else path
            api.annotate(pdf, results[0].findings, annotate, sha256=report.source.sha256)
            info(f"{pdf} → {annotate}")
        if output_format is CheckFormat.json:
            text = render_json(AuditFile(tool_version=__version__, results=results))
        else:
            text = render_text(results, color=not to_file and sys.stdout.isatty())
        if to_file:
            assert output is not None
            write_text_atomic(output, text)
            detail(f"wrote {output}")
        else:
            typer.echo(text, nl=False)
    except CadthkitError as exc:
        raise fail(exc) from None
    errors = sum(r.counts.error for r in results)
    detail(f"{len(results)} input(s): {errors} error(s) in all")
    raise typer.Exit(1 if errors else 0)


@command("render")
def render_cmd(
    record: Path = typer.Argument(
        ...,
        metavar="RECORD.json",
        help="Record JSON written by `cadthkit extract` or `fix`; - for standard input.",
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="OUT.pdf", help="PDF to write; - for standard output."
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Render a record as a CADTH Rapid Response PDF (a corrected edition with its
    Corrections section)."""
    from .. import api

    set_talk(quiet, verbose)
    try:
        if str(output) == STDIO:
            from ..render import render_to_bytes

            data = render_to_bytes(api.load_record(record))
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        output_file(output)
        path = api.render(api.load_record(record), output)
    except CadthkitError as exc:
        raise fail(exc) from None
    info(f"{record} → {path}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@command("fix")
def fix_cmd(
    source: Path = typer.Argument(
        ...,
        metavar="INPUT",
        help="Report PDF to correct, or its record JSON (from `extract`); - for standard input.",
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="OUT.pdf", help="Corrected PDF to write."
    ),
    table_engine: TableEngine = typer.Option(
        TableEngine.pdfplumber, "--table-engine", help="Table engine (camelot needs the extra)."
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Correct wrong or unreadable table citations and re-render the report as a corrected
    edition.

    Writes OUT.pdf, the corrected record OUT.json and the corrections log OUT.corrections.json
    and OUT.corrections.md, as one set (the JSON log is written last and lists the others). A
    citation changes only when the audit matched the row to a reference; every other finding
    is listed, with the reason, as left as printed. Exit code 0: no error remains; 1: errors
    remain; 2: unusable input.
    """
    from .. import api

    set_talk(quiet, verbose)
    try:
        output_file(output)
        result = api.fix(source, output, table_engine=table_engine.value)
    except CadthkitError as exc:
        raise fail(exc) from None
    if result.replaced_incomplete:
        info(f"note: replaced the incomplete outputs of an interrupted earlier run at {output}")
    if TALK.level >= 0:
        typer.echo(f"{source}: {_plural(len(result.corrections), 'citation')} corrected")
        for c in result.corrections:
            typer.echo(f"  {c.table} | {c.row}: {c.printed} → {c.corrected} ({c.evidence})")
        for item in result.left:
            f = item.finding
            place = f.location.row or f.location.section or f.code
            typer.echo(f"  left as printed: {f.severity} {f.code} ({place}): {item.reason}")
            detail(f"    {f.message}")
        for path in (result.pdf, result.record, result.log_json, result.log_text):
            info(f"wrote {path}")
    errors, warnings = result.errors_left, result.warnings_left
    remain = f"{_plural(errors, 'error')} remain{'s' if errors == 1 else ''}"
    tail = f" ({_plural(warnings, 'warning')})" if warnings else ""
    if errors:
        say(f"{source}: {remain}{tail}; see {result.log_text}")
        raise typer.Exit(1)
    info(f"{source}: {remain}{tail}")
