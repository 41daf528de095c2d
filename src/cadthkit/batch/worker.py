"""What one worker does with one file: extract, audit, flatten; any error becomes an Outcome.

Shared by the local worker processes (runner.py) and the Dask tasks (dask_executor.py).
"""

from __future__ import annotations

import fnmatch
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import CadthkitError
from .rows import ReportRows, report_rows

Work = Callable[[str], ReportRows]


@dataclass
class Outcome:
    """The result of one file: rows on success, otherwise why it failed."""

    rows: ReportRows | None
    seconds: float
    peak_rss_mb: float
    reason: str | None = None  # error | memory | timeout | crashed
    error_class: str | None = None
    message: str | None = None


def extract_and_check(path: str) -> ReportRows:
    """The real work: `api.extract`, then `api.check`. An audit that raises still keeps the
    extraction (status audit_failed); one that is not installed leaves it unaudited."""
    from .. import api

    start = time.perf_counter()
    report = api.extract(path)
    check = getattr(api, "check", None)
    findings, error, error_class = None, None, None
    if check is not None:
        try:
            findings = check(report)
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as e:
            error, error_class = _one_line(e), type(e).__name__
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
        reason, error_class, message = "error", type(e).__name__, _one_line(e)
    return Outcome(None, time.perf_counter() - start, peak_rss_mb(), reason, error_class, message)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def limit_memory(max_memory_mb: int | None) -> None:
    """Cap this process's address space so a runaway file raises MemoryError, not OOM-kills."""
    if not max_memory_mb:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = max_memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def process_main(
    conn: Connection, work: Work, max_memory_mb: int | None, hooks: dict[str, str]
) -> None:
    """Entry point of a local worker process: receive paths, send Outcomes, until told to stop.

    Ctrl-C reaches the whole process group; the parent alone decides what to do about it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(max_memory_mb)
    conn.send("ready")
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if path is None:
            return
        outcome = run_one(work, path, hooks)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


def _one_line(e: BaseException) -> str:
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
