"""The settings of a batch run, with their defaults, in one place: the API, the runner and the
CLI's option defaults all read them from `BatchOptions`."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Literal

from ..errors import BatchArgumentError

DEFAULT_STORE = "output/archive.sqlite"
Executor = Literal["local", "dask"]
EXECUTORS: tuple[Executor, ...] = ("local", "dask")


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch.

    workers: local worker processes (None: one per core this process may run on).
    timeout: seconds one file may take before it is recorded as a timeout.
    max_memory_mb: address-space cap per local worker (None: no cap).
    force: redo files the store already holds for this version.
    retry_failed: retry files that failed in an earlier run.
    executor: "local" worker processes, or "dask" on the cluster at `scheduler`.
    follow_links: follow symbolic links that lead out of the folders given.
    """

    workers: int | None = None
    timeout: float = 60.0
    max_memory_mb: int | None = 1024
    force: bool = False
    retry_failed: bool = False
    executor: Executor = "local"
    scheduler: str | None = None
    follow_links: bool = False

    def checked(self) -> BatchOptions:
        """These options with `workers` resolved; `BatchArgumentError` for one that cannot
        work."""
        workers = self.workers
        if workers is None:
            has_affinity = hasattr(os, "sched_getaffinity")
            workers = len(os.sched_getaffinity(0)) if has_affinity else os.cpu_count() or 1
        if workers < 1:
            raise BatchArgumentError(None, f"--workers must be 1 or more, got {workers}")
        if not self.timeout > 0:
            raise BatchArgumentError(
                None, f"--timeout must be more than 0 seconds, got {self.timeout}"
            )
        if self.max_memory_mb is not None and self.max_memory_mb < 64:
            raise BatchArgumentError(
                None, f"--max-memory-mb must be at least 64, got {self.max_memory_mb}"
            )
        if self.executor not in EXECUTORS:
            raise BatchArgumentError(
                None, f"executor must be one of 'local', 'dask', got {self.executor!r}"
            )
        if self.executor == "dask" and not self.scheduler:
            raise BatchArgumentError(None, "--executor dask needs --scheduler ADDRESS")
        if self.executor == "local" and self.scheduler:
            raise BatchArgumentError(None, "--scheduler only applies with --executor dask")
        return replace(self, workers=workers)
