"""Run a batch: find the PDFs, skip what the store already holds, hand the rest to an executor
(local processes or Dask) and write each result in its own transaction as it arrives."""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ..errors import InputError, OutputError
from ..version import __version__
from .discover import find_pdfs, fingerprint
from .options import BatchOptions
from .store import Failure, SeenFile, Store
from .worker import Outcome, Task, Work, extract_and_check


@dataclass
class BatchSummary:
    """What one run did. Reports count distinct file contents; the other counts are paths, so
    that every PDF found is in exactly one of them (see `accounts`)."""

    db: str
    files: int = 0  # PDFs found
    to_process: int = 0  # distinct contents this run had to extract
    skipped: int = 0  # paths whose report the store already held (same SHA-256 and version)
    failed_before: int = 0  # paths skipped because they failed in an earlier run
    reports: int = 0  # reports written by this run
    duplicates: int = 0  # further paths of a report written by this run (identical copies)
    failed: int = 0  # paths that failed in this run (audit failures included)
    audit_failed: int = 0  # of those, paths whose report was written but its audit failed
    pages: int = 0
    studies: int = 0
    references: int = 0
    findings_by_code: Counter[str] = field(default_factory=Counter)
    failures_by_reason: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    peak_worker_mb: float = 0.0
    interrupted: bool = False
    failures: list[Failure] = field(default_factory=list)  # this run's, one per path

    @property
    def unfinished(self) -> int:
        """Paths found but not done: the run was interrupted first."""
        return self.files - sum(self.accounts().values())

    def accounts(self) -> dict[str, int]:
        """Where each PDF found went; the values add up to `files` once the run is over."""
        return {
            "reports written": self.reports,
            "identical copies of those": self.duplicates,
            "already in the store": self.skipped,
            "failed": self.failed - self.audit_failed,  # an audit failure's report is stored
            "failed in an earlier run (not retried)": self.failed_before,
        }

    @property
    def ok(self) -> bool:
        """True when every file found has a complete result."""
        return self.failed == 0 and self.failed_before == 0 and not self.interrupted


class Reporter(Protocol):
    """Receives progress; the CLI's rich progress bar is one."""

    def start(self, total: int, summary: BatchSummary) -> None: ...
    def advance(self, path: str, outcome: Outcome, summary: BatchSummary) -> None: ...
    def stop(self, summary: BatchSummary) -> None: ...


def run(
    paths: Sequence[str | Path],
    db: str | Path,
    options: BatchOptions | None = None,
    *,
    work: Work = extract_and_check,
    reporter: Reporter | None = None,
) -> BatchSummary:
    """Extract and audit every PDF under `paths` into the store at `db`; see api.batch."""
    opts = (options or BatchOptions()).checked()
    assert opts.workers is not None
    unlisted: list[tuple[Path, str]] = []
    pdfs = find_pdfs(paths, unlisted)
    if not pdfs and not unlisted:
        raise InputError(", ".join(str(p) for p in paths), "no PDF files found")
    started = time.perf_counter()
    summary = BatchSummary(db=str(db), files=len(pdfs))
    with Store(db, __version__) as store:
        for folder, why in unlisted:  # recorded like an unreadable file; the run goes on
            seen = SeenFile(os.path.abspath(folder), None, None)
            _record_failure(
                store, Failure(seen.path, None, "read", "unreadable", None, why), [seen], summary
            )
        tasks = _plan(pdfs, store, summary, force=opts.force, retry_failed=opts.retry_failed)
        summary.to_process = len(tasks)
        results: Iterator[tuple[Task, Outcome]]
        if opts.executor == "dask":
            from .dask_executor import run_dask

            assert opts.scheduler is not None
            results = run_dask(tasks, scheduler=opts.scheduler, timeout=opts.timeout, work=work)
        else:
            from .pool import run_local

            results = run_local(
                tasks,
                workers=opts.workers,
                timeout=opts.timeout,
                max_memory_mb=opts.max_memory_mb,
                work=work,
            )
        if reporter:
            reporter.start(len(tasks), summary)
        try:
            for task, outcome in results:
                _record(store, task, outcome, summary)
                summary.seconds = time.perf_counter() - started
                if reporter:
                    reporter.advance(task.path, outcome, summary)
        except KeyboardInterrupt:
            summary.interrupted = True
            raise
        except sqlite3.Error as e:  # disk full, store deleted under us, ...
            raise OutputError(db, f"cannot write the store ({e})") from e
        finally:
            close = getattr(results, "close", None)
            if close:
                close()  # stop the workers now, also on Ctrl-C
            summary.seconds = time.perf_counter() - started
            if reporter:
                reporter.stop(summary)
    return summary


def _plan(
    pdfs: list[Path], store: Store, summary: BatchSummary, *, force: bool, retry_failed: bool
) -> list[Task]:
    """Hash every file, record unreadable ones, and keep one task per content still to do."""
    done = store.done_versions()
    failed = store.failed_files()
    tasks: dict[str, Task] = {}
    skipped: list[SeenFile] = []
    for pdf in pdfs:
        seen, problem = fingerprint(pdf)
        if problem is not None or seen.sha256 is None:
            failure = Failure(seen.path, None, "read", "unreadable", None, problem or "unreadable")
            _record_failure(store, failure, [seen], summary)
            continue
        if seen.sha256 in tasks:
            tasks[seen.sha256].files.append(seen)
            continue
        if not force and done.get(seen.sha256) == __version__:
            skipped.append(seen)
            if seen.path in failed:  # the report is stored but its audit failed
                summary.failed_before += 1
            else:
                summary.skipped += 1
            continue
        if not (force or retry_failed) and failed.get(seen.path) == (seen.sha256, __version__):
            summary.failed_before += 1
            continue
        tasks[seen.sha256] = Task(seen.path, seen.sha256, [seen])
    store.note_files(skipped)  # a copy of stored content found at a new path
    return list(tasks.values())


def _record(store: Store, task: Task, outcome: Outcome, summary: BatchSummary) -> None:
    summary.peak_worker_mb = max(summary.peak_worker_mb, outcome.peak_rss_mb)
    rows = outcome.rows
    if rows is None:
        failure = Failure(
            task.path,
            task.sha256,
            "extract",
            outcome.reason or "error",
            outcome.error_class,
            outcome.message or "failed",
            outcome.seconds,
        )
        _record_failure(store, failure, task.files, summary)
        return
    store.write_report(rows, task.files)
    if rows.report["status"] == "audit_failed":
        summary.audit_failed += len(task.files)
        for f in task.files:
            summary.failures.append(
                Failure(
                    f.path,
                    task.sha256,
                    "audit",
                    "error",
                    rows.audit_error_class,
                    rows.report["audit_error"],
                )
            )
        summary.failed += len(task.files)
        summary.failures_by_reason["audit_error"] += len(task.files)
    summary.reports += 1
    summary.duplicates += len(task.files) - 1
    summary.pages += rows.page_count
    summary.studies += len(rows.children.get("studies", []))
    summary.references += len(rows.children.get("refs", []))
    summary.findings_by_code.update(rows.findings_by_code)


def _record_failure(
    store: Store, failure: Failure, files: list[SeenFile], summary: BatchSummary
) -> None:
    store.write_failure(failure, files)
    summary.failures += [replace(failure, path=f.path) for f in files]
    summary.failed += len(files)
    summary.failures_by_reason[failure.reason] += len(files)
