"""Public functions; the CLI is a thin wrapper over these.

They check arguments and write outputs (atomically, `cadthkit.files`); the work on one file is
`cadthkit.pipeline`, which the batch workers call too. Heavy stages (audit, fix, render, batch)
are imported inside the functions that need them, so `extract` does not pay for the renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pipeline
from .batch.options import DEFAULT_STORE, BatchOptions
from .errors import InputError, OutputError
from .files import check_output_folder, write_atomic, write_bytes_atomic, write_text_atomic
from .limits import DEFAULT_LIMITS, Limits
from .models import Correction, Report
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
    "extract",
    "fix",
    "load_record",
    "read_report",
    "record_name",
    "render",
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
    return pipeline.extract(Path(path), table_engine=table_engine, limits=limits, reader=reader)


def record_name(pdf: str | Path) -> str:
    """A safe file name for the record of `pdf`: its stem, with path and control characters
    replaced, so a hostile input name cannot write outside the output folder."""
    stem = Path(pdf).stem
    safe = "".join(c if c.isprintable() and c not in '/\\:*?"<>|' else "_" for c in stem)
    safe = safe.strip(" .") or "record"
    return safe[:200] + ".json"


def load_record(path: str | Path) -> Report:
    """Load and validate a record JSON written by `extract`."""
    from pydantic import ValidationError

    from .errors import RecordError

    path = Path(path)
    try:
        data = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a record file") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not a record JSON (not UTF-8 text)") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "is empty (0 bytes)" if not data else "is empty (only spaces)")
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise RecordError(path, "is not a valid cadthkit record:\n" + "\n".join(lines)) from None


# --- citation audit (check) -------------------------------------------------------------------


SEVERITIES = ("error", "warning", "info")


def read_report(path: str | Path) -> Report:
    """A record from a PDF (extracted) or from a record JSON written by `extract`."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "is not a file")
    if path.suffix.lower() == ".json":
        return load_record(path)
    try:
        with path.open("rb") as fh:
            magic = fh.read(1024)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if magic.lstrip().startswith(b"{"):
        return load_record(path)  # a record saved under another name
    return extract(path)  # says precisely why a non-PDF is not one


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


def render(
    report: Report,
    path: str | Path,
    corrections: Iterable[Correction] = (),
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Path:
    """Render `report` as a CADTH-style PDF at `path`, atomically; any `corrections` are
    listed in a final section. Held to the time and page limits of `limits`."""
    from .render import render_to_bytes

    check_output_folder(path)
    data = render_to_bytes(report, corrections, limits, name=path)
    return write_bytes_atomic(path, data)


@dataclass(frozen=True)
class FixResult:
    """What `fix` wrote and changed."""

    pdf: Path
    record: Path
    log_json: Path
    log_text: Path
    corrections: list[Correction]
    skipped: list[Skipped]


def fix_outputs(out: str | Path) -> tuple[Path, Path, Path, Path]:
    """OUT.pdf → (OUT.pdf, OUT.json, OUT.corrections.json, OUT.corrections.md)."""
    pdf = Path(out)
    stem = pdf.with_suffix("") if pdf.suffix.lower() == ".pdf" else pdf
    return (
        pdf,
        stem.with_name(stem.name + ".json"),
        stem.with_name(stem.name + ".corrections.json"),
        stem.with_name(stem.name + ".corrections.md"),
    )


def fix(
    pdf: str | Path,
    out: str | Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
) -> FixResult:
    """Extract, audit (`check`), correct and re-render `pdf` as `out`; write the corrected
    record and the corrections log beside it. Nothing is written if any step fails."""
    from .fix import corrections_json, corrections_markdown, plan_corrections
    from .render import render_to_bytes

    targets = fix_outputs(out)
    if any(t.resolve() == Path(pdf).resolve() for t in targets):
        raise OutputError(out, f"would overwrite the input {pdf}")
    check_output_folder(out)
    report = extract(pdf, table_engine=table_engine, limits=limits)
    findings = check(report)
    fixed, corrections, skipped = plan_corrections(report, findings)
    data = render_to_bytes(fixed, corrections, limits, name=targets[0])
    texts = (
        fixed.model_dump_json(indent=2) + "\n",
        corrections_json(str(pdf), str(targets[0]), corrections, skipped),
        corrections_markdown(str(pdf), str(targets[0]), corrections, skipped),
    )
    for target, text in zip(targets[1:], texts, strict=True):
        write_text_atomic(target, text)
    write_bytes_atomic(targets[0], data)
    return FixResult(*targets, corrections=corrections, skipped=skipped)


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


def export(store: str | Path, format: str, out_dir: str | Path) -> list[Path]:
    """Write every table of the batch store to `out_dir` as TABLE.csv or TABLE.jsonl."""
    from .batch.store import export as export_store

    return export_store(store, format, out_dir)  # type: ignore[arg-type]
