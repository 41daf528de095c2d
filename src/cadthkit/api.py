"""Public functions; the CLI is a thin wrapper over these.

They check arguments and write outputs (atomically, `cadthkit.files`); the work on one file is
`cadthkit.pipeline`, which the batch workers call too. Heavy stages (audit, fix, render, batch)
are imported inside the functions that need them, so `extract` does not pay for the renderer.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pipeline
from .batch.options import DEFAULT_STORE, BatchOptions
from .errors import InputError, OutputError
from .files import check_output_folder, write_atomic, write_bytes_atomic
from .inputs import extract_file, is_stdin, load_record, read_report, source_pdf
from .limits import DEFAULT_LIMITS, Limits
from .models import Correction, LeftAsPrinted, Report
from .models.findings import AuditResult, Finding, SeverityCounts
from .version import __version__

if TYPE_CHECKING:
    from .batch.runner import BatchSummary
    from .fix import Skipped

__all__ = [
    "BatchOptions",
    "FixResult",
    "__version__",
    "annotate",
    "audit_result",
    "batch",
    "check",
    "correct",
    "export",
    "export_tables",
    "extract",
    "fix",
    "load_record",
    "read_report",
    "record_name",
    "record_names",
    "references",
    "render",
    "source_pdf",
]

TABLE_ENGINES = ("pdfplumber", "camelot")


def extract(
    path: str | Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
    reader: str = "pdfium",
) -> Report:
    """Read one CADTH report PDF into a validated `Report` record.

    Raises `InputError` (unusable file), `NotAReportError`, or `LimitError`; anything odd but
    readable becomes a `ParseWarning` in the record instead.
    """
    if table_engine not in TABLE_ENGINES:
        raise ValueError(
            f"table_engine must be one of {', '.join(map(repr, TABLE_ENGINES))}, "
            f"not {table_engine!r}"
        )
    return extract_file(path, table_engine=table_engine, limits=limits, reader=reader)


def record_name(pdf: str | Path) -> str:
    """A safe file name for the record of `pdf`: its stem, with path and control characters
    replaced, so a hostile input name cannot write outside the output folder."""
    stem = Path(pdf).stem
    safe = "".join(c if c.isprintable() and c not in '/\\:*?"<>|' else "_" for c in stem)
    safe = safe.strip(" .") or "record"
    return safe[:200] + ".json"


def _safe(text: str) -> str:
    return record_name(text + ".x").removesuffix(".json")


def record_names(pdfs: Sequence[str | Path]) -> list[str]:
    """A distinct record name for each of `pdfs`: `record_name`, and where two PDFs share a
    stem (c1/report.pdf, c2/report.pdf) the names of their folders in front (c1_report.json,
    c2_report.json), or a number where those are the same too; no record overwrites another."""
    names = [record_name(p) for p in pdfs]
    paths = [Path(os.path.abspath(p)) for p in pdfs]
    for _ in range(3):
        clashes = {n for n in names if names.count(n) > 1}
        if not clashes:
            return names
        for i, path in enumerate(paths):
            if names[i] in clashes:
                depth = names[i].count("_") - record_name(path).count("_") + 1
                parents = [_safe(p.name) for p in path.parents][:depth][::-1]
                names[i] = "_".join([*parents, record_name(path).removesuffix(".json")]) + ".json"
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name.removesuffix('.json')}-{seen[name]}.json")
    return out


# --- citation audit (check) -------------------------------------------------------------------


SEVERITIES = ("error", "warning", "info")


def check(report: Report | str | Path) -> list[Finding]:
    """Audit every citation number against the reference list; findings, errors first.

    `report` is a `Report`, or the path of a PDF or of a record JSON. An inconsistency is a
    `Finding`, never an exception; unusable input raises a `CadthkitError`.
    """
    return pipeline.check(report if isinstance(report, Report) else read_report(report))


def audit_result(source: str | Path, report: Report, findings: list[Finding]) -> AuditResult:
    """Findings of one input with the counts and identity tools need beside them."""
    counts = SeverityCounts(**{s: sum(f.severity == s for f in findings) for s in SEVERITIES})
    return AuditResult(
        source=str(source),
        pdf_sha256=report.source.sha256,
        title=report.metadata.title,
        report_type=report.metadata.report_type,
        counts=counts,
        findings=findings,
    )


def annotate(
    pdf: str | Path, findings: list[Finding], out: str | Path, *, sha256: str | None = None
) -> Path:
    """Write a copy of `pdf` with every finding boxed on its page and explained in the margin.

    `sha256`, when given, must be the PDF's: boxes from one PDF are meaningless on another.
    """
    from .audit.annotate import annotate_pdf

    source = Path(pdf)
    if not source.is_file():
        raise InputError(source, "no such file (the PDF to annotate)")
    if sha256 is not None and pipeline.sha256_of(source) != sha256:
        raise InputError(source, "is not the PDF the record was extracted from (SHA-256 differs)")
    return write_atomic(out, lambda tmp: annotate_pdf(source, findings, tmp))


# --- correct / render / fix ------------------------------------------------------------------


def correct(report: Report, findings: Iterable[Finding]) -> tuple[Report, list[Correction]]:
    """Corrected copy of `report`: a wrong or unreadable table citation becomes the number of
    the reference the audit matched to the row; nothing changes without that evidence."""
    from .fix import correct as _correct

    return _correct(report, findings)


def render(report: Report, path: str | Path, corrections: Iterable[Correction] = ()) -> Path:
    """Render `report` as a CADTH-style PDF at `path`, atomically; any `corrections` are
    listed in a final section."""
    from .render import render_to_bytes

    check_output_folder(path)
    data = render_to_bytes(report, corrections)
    return write_bytes_atomic(path, data)


@dataclass(frozen=True)
class FixResult:
    """What `fix` wrote, changed and left as printed."""

    pdf: Path
    record: Path
    log_json: Path
    log_text: Path
    corrections: list[Correction]
    skipped: list[Skipped]  # citation findings the evidence did not support changing
    left: list[LeftAsPrinted] = field(default_factory=list)  # every finding that remains
    replaced_incomplete: bool = False  # the outputs of an interrupted run were replaced

    @property
    def errors_left(self) -> int:
        return sum(item.finding.severity == "error" for item in self.left)

    @property
    def warnings_left(self) -> int:
        return sum(item.finding.severity == "warning" for item in self.left)


def fix_outputs(out: str | Path) -> tuple[Path, Path, Path, Path]:
    """OUT.pdf → (OUT.pdf, OUT.json, OUT.corrections.json, OUT.corrections.md)."""
    from .fix import FixOutputs

    return FixOutputs.of(out).all


def fix(
    source: str | Path,
    out: str | Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
    today: dt.date | None = None,
) -> FixResult:
    """Extract (or load: `source` may be a record JSON), audit, correct and re-render as `out`:
    a corrected edition whose record, log and Corrections section list every change and every
    finding left as printed, with the reason. The four outputs are written as one set (see
    `cadthkit.fix.outputs`); nothing is written if any step fails."""
    from .fix import (
        FixOutputs,
        corrections_json,
        corrections_markdown,
        left_as_printed,
        make_edition,
        plan_corrections,
        set_is_complete,
        write_set,
    )
    from .render import render_to_bytes

    outputs = FixOutputs.of(out)
    if not is_stdin(source) and any(t.resolve() == Path(source).resolve() for t in outputs.all):
        raise OutputError(out, f"would overwrite the input {source}")
    for target in outputs.all:
        check_output_folder(target)
    report = read_report(source, table_engine=table_engine, limits=limits)
    fixed, corrections, skipped = plan_corrections(report, check(report))
    left = left_as_printed(check(fixed), skipped)
    fixed = make_edition(report, fixed, corrections, left, tool_version=__version__, today=today)
    assert fixed.edition is not None
    edition = fixed.edition
    data = render_to_bytes(fixed)
    name, written = str(source), str(outputs.pdf)
    files = {
        outputs.pdf: data,
        outputs.record: (fixed.model_dump_json(indent=2) + "\n").encode("utf-8"),
        outputs.log_text: corrections_markdown(name, written, edition).encode("utf-8"),
    }
    incomplete = any(t.exists() for t in outputs.all) and not set_is_complete(outputs)
    write_set(
        outputs,
        files,
        lambda digests: corrections_json(name, written, edition, digests).encode("utf-8"),
    )
    return FixResult(
        *outputs.all,
        corrections=corrections,
        skipped=skipped,
        left=list(edition.left_as_printed),
        replaced_incomplete=incomplete,
    )


# --- formats for analysts: references and tables ---------------------------------------------


def references(reports: Report | Sequence[Report], format: str) -> str:
    """Every reference of `reports` (main list, then further references) as one RIS
    (`"ris"`), BibTeX (`"bibtex"`) or CSL-JSON (`"csljson"`) text, from the parsed fields."""
    from .export import write_refs

    return write_refs(reports, format)  # type: ignore[arg-type]


def export_tables(report: Report, out_dir: str | Path, stem: str) -> tuple[list[Path], int]:
    """One CSV per summary table, `OUT_DIR/STEM.table-N.csv`, with the printed column headers;
    returns the files and how many cells were cut to the 32,767-character spreadsheet limit."""
    from .export import table_csvs

    folder = Path(out_dir)
    if not folder.is_dir():
        raise OutputError(
            folder, "output folder does not exist" if not folder.exists() else "is not a folder"
        )
    texts, cut = table_csvs(report, stem)
    # utf-8-sig: the byte-order mark makes Excel read the file as UTF-8 (é, ≥, Ø intact)
    written = [
        write_bytes_atomic(folder / name, ("\ufeff" + text).encode("utf-8"))
        for name, text in texts.items()
    ]
    return written, cut


# --- batch: archive → SQLite store ------------------------------------------------------------


def batch(
    paths: Sequence[str | Path] | str | Path,
    store: str | Path = DEFAULT_STORE,
    options: BatchOptions | None = None,
    *,
    progress: Any = None,
    **settings: Any,
) -> BatchSummary:
    """Extract and audit every PDF under `paths` (files, folders searched recursively, globs)
    into the SQLite store `store`; see `BatchOptions` for the settings and their defaults.

    `settings` are `BatchOptions` fields given one by one (`workers=2, timeout=30`), applied
    over `options`. Resumable: content already stored by this cadthkit version is skipped
    unless `force`, and a file that failed before is skipped unless `retry_failed`. A file that
    raises, runs past `timeout` seconds or past `max_memory_mb` is recorded in the `failures`
    table and the run goes on. `progress` receives start/advance/stop calls (see
    batch.runner.Reporter).
    """
    from .batch.runner import run

    chosen = replace(options or BatchOptions(), **settings)
    return run(
        [paths] if isinstance(paths, str | Path) else list(paths),
        store,
        chosen,
        reporter=progress,
    )


def export(
    store: str | Path,
    format: str,
    out_dir: str | Path,
    *,
    notes: list[str] | None = None,
    tables: bool = False,
) -> list[Path]:
    """Write every table of the batch store to `out_dir` as TABLE.csv or TABLE.jsonl; with
    `tables`, also one CSV per summary table of every report under `out_dir/tables/`. A CSV
    cell longer than a spreadsheet holds is cut with a marker, and `notes` says how many were."""
    from .batch.export import export as export_store

    return export_store(store, format, out_dir, notes=notes, tables=tables)  # type: ignore[arg-type]
