"""What a command reads: a report PDF, a record JSON written by `extract`, or either on standard
input (`-`); and, for a record, the PDF it was extracted from."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from . import pipeline
from .errors import InputError, RecordError
from .limits import DEFAULT_LIMITS, Limits
from .models import Report

STDIN = "-"
STDIN_NAME = "<stdin>"


def is_stdin(path: str | Path) -> bool:
    return str(path) == STDIN


def parse_record(name: str | Path, data: str) -> Report:
    """Validate record JSON text; every field that fails is named on its own line."""
    from pydantic import ValidationError

    if not data.strip():
        raise InputError(name, "is empty (0 bytes)" if not data else "is empty (only spaces)")
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise RecordError(name, "is not a valid cadthkit record:\n" + "\n".join(lines)) from None


def load_record(path: str | Path) -> Report:
    """Load and validate a record JSON written by `extract` (`-`: from standard input)."""
    if is_stdin(path):
        return parse_record(STDIN_NAME, _stdin().decode("utf-8", errors="replace"))
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
    return parse_record(path, data)


def _stdin() -> bytes:
    try:
        return sys.stdin.buffer.read()
    except (OSError, AttributeError, ValueError) as exc:
        raise InputError(STDIN_NAME, f"cannot be read ({exc})") from None


@contextlib.contextmanager
def stdin_file(data: bytes) -> Iterator[Path]:
    """Standard input's bytes as a temporary file (the PDF readers need a file), removed after."""
    fd, name = tempfile.mkstemp(prefix="cadthkit-stdin-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def extract_file(
    path: str | Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
    reader: str = "pdfium",
    data: bytes | None = None,
) -> Report:
    """Extract a PDF; the record names it by its absolute path, so a record read from another
    folder still finds its PDF (`-`: standard input, named '-')."""
    if is_stdin(path):
        with stdin_file(_stdin() if data is None else data) as tmp:
            try:
                report = pipeline.extract(
                    tmp, table_engine=table_engine, limits=limits, reader=reader
                )
            except InputError as exc:
                raise InputError(STDIN_NAME, exc.problem) from None
        report.source.path = STDIN
        return report
    report = pipeline.extract(Path(path), table_engine=table_engine, limits=limits, reader=reader)
    report.source.path = os.path.abspath(path)
    return report


def read_report(
    path: str | Path, *, table_engine: str = "pdfplumber", limits: Limits = DEFAULT_LIMITS
) -> Report:
    """A record from a PDF (extracted) or from a record JSON written by `extract`; `-` reads
    either from standard input."""
    if is_stdin(path):
        data = _stdin()
        if data.lstrip()[:1] == b"{":
            return parse_record(STDIN_NAME, data.decode("utf-8", errors="replace"))
        return extract_file(STDIN, table_engine=table_engine, limits=limits, data=data)
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
    if magic.lstrip().startswith(b"{") and path.suffix.lower() != ".pdf":
        return load_record(path)  # a record saved under another name (never one named .pdf)
    return extract_file(path, table_engine=table_engine, limits=limits)


def is_record(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".json"


def source_pdf(record: str | Path, report: Report) -> Path:
    """The PDF a record was extracted from: its recorded path, else a file of that name beside
    the record or in the current folder; only one whose SHA-256 is the record's."""
    recorded = Path(report.source.path)
    folder = Path(record).parent
    candidates = [recorded, folder / recorded, folder / recorded.name, Path(recorded.name)]
    if report.source.path == STDIN:
        raise InputError(record, "was extracted from standard input; give the PDF instead")
    tried: list[str] = []
    other: Path | None = None
    for candidate in candidates:
        if str(candidate) in tried or not candidate.is_file():
            continue
        tried.append(str(candidate))
        if pipeline.sha256_of(candidate) == report.source.sha256:
            return candidate
        other = other or candidate
    if other is not None:
        raise InputError(other, "is not the PDF the record was extracted from (SHA-256 differs)")
    raise InputError(
        record,
        f"cannot find the PDF it was extracted from ({report.source.path}; looked beside the "
        "record and in the current folder); give the PDF instead",
    )
