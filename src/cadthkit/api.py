"""Public functions; the CLI is a thin wrapper over these."""

# --- batch: archive → SQLite store (issue 5) ---
from pathlib import Path
from typing import Any

from .batch.runner import BatchSummary, Executor


def batch(
    paths: list[str] | list[Path] | str | Path,
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

    if isinstance(paths, str | Path):
        paths = [paths]
    return run(
        list(paths), store, workers=workers, timeout=timeout, max_memory_mb=max_memory_mb,
        force=force, retry_failed=retry_failed, executor=executor, scheduler=scheduler,
        reporter=progress,
    )


def export(store: str | Path, format: str, out_dir: str | Path) -> list[Path]:
    """Write every table of the batch store to `out_dir` as TABLE.csv or TABLE.jsonl."""
    from .batch.store import export as export_store

    return export_store(store, format, out_dir)  # type: ignore[arg-type]
