"""What one worker does with one file: extract, audit, flatten; any error becomes an Outcome.

Shared by the local worker processes (pool.py) and the Dask tasks (dask_executor.py). It calls
the pipeline, never the public API, so the batch sits beside `cadthkit.api`, not under it.
"""

from __future__ import annotations

import fnmatch
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CadthkitError
from ..memory import peak_rss_mb
from .rows import ReportRows, report_rows

Work = Callable[[str], ReportRows]


@dataclass
class Task:
    """One distinct file content to process; `files` are all paths holding it."""

    path: str
    sha256: str
    files: list[Any]


@dataclass
class Outcome:
    """The result of one file: rows on success, otherwise why it failed."""

    rows: ReportRows | None
    seconds: float | None
    peak_rss_mb: float
    reason: str | None = None  # error | memory | timeout | crashed
    error_class: str | None = None
    message: str | None = None


def extract_and_check(path: str) -> ReportRows:
    """The real work: extract, then audit. An audit that raises still keeps the extraction
    (status audit_failed)."""
    from .. import pipeline  # here, so the parent process never loads the PDF libraries

    start = time.perf_counter()
    with pipeline.few_collections():  # the audit and the rows too
        report = pipeline.extract(Path(path))
        findings, error, error_class = None, None, None
        try:
            findings = pipeline.check(report)
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as e:
            error, error_class = one_line(e), type(e).__name__
        return report_rows(
            report,
            findings,
            audit_error=error,
            audit_error_class=error_class,
            seconds=time.perf_counter() - start,
        )


def run_one(work: Work, path: str, hooks: dict[str, str] | None = None) -> Outcome:
    """Run `work` on `path`, turning every exception into a failed Outcome."""
    start = time.perf_counter()
    try:
        if hooks:
            _test_hooks(path, hooks)
        rows = work(path)
        return Outcome(rows, time.perf_counter() - start, peak_rss_mb())
    except MemoryError:
        reason, error_class, message = "memory", "MemoryError", "ran out of memory"
    except CadthkitError as e:
        reason, error_class, message = "error", type(e).__name__, e.problem
    except Exception as e:
        reason, error_class, message = "error", type(e).__name__, one_line(e)
    return Outcome(None, time.perf_counter() - start, peak_rss_mb(), reason, error_class, message)


def one_line(e: BaseException) -> str:
    """The first line of the error's message (at most 500 characters), or its class name."""
    text = str(e).strip().splitlines()
    return text[0][:500] if text else type(e).__name__


# Test-only hooks: make a worker misbehave on files whose name matches a pattern, so tests can
# exercise the runner's isolation on real files. Each variable holds an fnmatch pattern; the
# parent reads them when the run starts (hooks_from_env()) and hands them to its workers.
HANG_ON = "CADTHKIT_TEST_HANG_ON"  # sleep forever (a hung parser)
CRASH_ON = "CADTHKIT_TEST_CRASH_ON"  # die by SIGKILL (a segfault, the OOM killer)
MEMORY_ON = "CADTHKIT_TEST_MEMORY_ON"  # allocate until the memory limit bites


def hooks_from_env() -> dict[str, str]:
    """The test hooks set in this process's environment."""
    return {v: os.environ[v] for v in (HANG_ON, CRASH_ON, MEMORY_ON) if os.environ.get(v)}


def _test_hooks(path: str, hooks: dict[str, str]) -> None:
    name = Path(path).name

    def hit(var: str) -> bool:
        return var in hooks and fnmatch.fnmatch(name, hooks[var])

    if hit(HANG_ON):
        while True:
            time.sleep(3600)
    if hit(CRASH_ON):
        os.kill(os.getpid(), signal.SIGKILL)
    if hit(MEMORY_ON):
        hog = []
        while True:
            hog.append(bytearray(64 * 2**20))
