"""Public functions; the CLI is a thin wrapper over these."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import InputError, OutputError
from .limits import DEFAULT_LIMITS, Limits
from .models import Report, Source
from .parse.build import build_report
from .pdf import read_document

TABLE_ENGINES = ("pdfplumber", "camelot")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def extract(
    path: str | Path, *, table_engine: str = "pdfplumber", limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Read one CADTH report PDF into a validated `Report` record.

    Raises `InputError` (unusable file), `NotAReportError`, or `LimitError`; anything odd but
    readable becomes a `ParseWarning` in the record instead.
    """
    path = Path(path)
    if table_engine not in TABLE_ENGINES:
        raise ValueError(
            f"table_engine must be one of {', '.join(map(repr, TABLE_ENGINES))}, "
            f"not {table_engine!r}"
        )
    pages = read_document(path, limits=limits, table_engine=table_engine)
    source = Source(path=str(path), sha256=_sha256(path), page_count=len(pages))
    return build_report(pages, source, __version__)


def record_name(pdf: str | Path) -> str:
    """A safe file name for the record of `pdf`: its stem, with path and control characters
    replaced, so a hostile input name cannot write outside the output folder."""
    stem = Path(pdf).stem
    safe = "".join(c if c.isprintable() and c not in '/\\:*?"<>|' else "_" for c in stem)
    safe = safe.strip(" .") or "record"
    return safe[:200] + ".json"


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file in the target folder, then rename: never a partial file."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(target, f"output folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(target, f"cannot write to {folder} ({exc.strerror or exc})") from None
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs should read like any file
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_text_atomic(path: str | Path, text: str) -> Path:
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def load_record(path: str | Path) -> Report:
    """Load and validate a record JSON written by `extract`."""
    from pydantic import ValidationError

    from .errors import RecordError

    path = Path(path)
    try:
        data = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise RecordError(path, "is not a valid cadthkit record:\n" + "\n".join(lines)) from None


# --- batch: archive → SQLite store (issue 5) ---
from collections.abc import Sequence  # noqa: E402
from typing import Any  # noqa: E402

from .batch.runner import BatchSummary, Executor  # noqa: E402


def batch(
    paths: Sequence[str | Path] | str | Path,
    store: str | Path = "output/archive.sqlite",
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    max_memory_mb: int | None = 1024,
    force: bool = False,
    retry_failed: bool = False,
    executor: Executor = "local",
    scheduler: str | None = None,
    progress: Any = None,
) -> BatchSummary:
    """Extract and audit every PDF under `paths` (files, folders searched recursively, globs)
    into the SQLite store `store`, `workers` processes at a time (default: one per core).

    Resumable: content already stored by this cadthkit version is skipped unless `force`, and
    a file that failed before is skipped unless `retry_failed`. A file that raises, runs past
    `timeout` seconds or past `max_memory_mb` is recorded in the `failures` table and the run
    goes on. `executor="dask"` runs the work on the Dask cluster at `scheduler`. `progress`
    receives start/advance/stop calls (see batch.runner.Reporter).
    """
    from .batch.runner import run

    return run(
        [paths] if isinstance(paths, str | Path) else list(paths),
        store,
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        force=force,
        retry_failed=retry_failed,
        executor=executor,
        scheduler=scheduler,
        reporter=progress,
    )


def export(store: str | Path, format: str, out_dir: str | Path) -> list[Path]:
    """Write every table of the batch store to `out_dir` as TABLE.csv or TABLE.jsonl."""
    from .batch.store import export as export_store

    return export_store(store, format, out_dir)  # type: ignore[arg-type]
