"""The SQLite store: one writer, WAL mode, one transaction per report so a killed run loses at
most the report in flight and never leaves half of one."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .rows import ReportRows, now
from .schema import CHILD_TABLES, STORE_VERSION, TABLES, ddl


@dataclass(frozen=True)
class SeenFile:
    """A PDF found by a run: where it is and what it contains."""

    path: str
    sha256: str | None
    size: int | None


@dataclass(frozen=True)
class Failure:
    """Why one file produced no complete result."""

    path: str
    sha256: str | None
    stage: str  # read | extract | audit
    reason: str  # error | timeout | memory | crashed | unreadable
    error_class: str | None
    message: str
    seconds: float | None = None


class Store:
    """An open store. Only the process that runs the batch writes to it."""

    def __init__(self, path: str | Path, tool_version: str) -> None:
        self.path = Path(path)
        self.tool_version = tool_version
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(folder, f"cannot create the store's folder ({e.strerror})") from e
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(folder, "the store's folder is not writable")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._create()
        except sqlite3.DatabaseError as e:
            raise OutputError(self.path, f"not a usable cadthkit store ({e})") from e

    def _create(self) -> None:
        found = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='store_info'"
        ).fetchone()
        if found:
            row = self.conn.execute(
                "SELECT value FROM store_info WHERE key='store_version'"
            ).fetchone()
            if row and int(row[0]) != STORE_VERSION:
                raise OutputError(self.path, f"store version {row[0]}, expected {STORE_VERSION}")
        with self._transaction():
            for statement in ddl():
                self.conn.execute(statement)
            self.conn.execute(
                "INSERT OR REPLACE INTO store_info VALUES ('store_version', ?)", (STORE_VERSION,)
            )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    # Reads used to decide what a run can skip.
    def done_versions(self) -> dict[str, str]:
        """sha256 → tool_version of every stored report."""
        return dict(self.conn.execute("SELECT sha256, tool_version FROM reports"))

    def failed_files(self) -> dict[str, tuple[str | None, str]]:
        """path → (sha256, tool_version) of every recorded failure."""
        rows = self.conn.execute("SELECT path, sha256, tool_version FROM failures")
        return {path: (sha, version) for path, sha, version in rows}

    # Writes: each is one transaction.
    def write_report(self, rows: ReportRows, files: Iterable[SeenFile]) -> None:
        """Replace whatever the store holds for this content with `rows`, atomically."""
        files = list(files)
        report = dict(rows.report, processed_at=now())
        with self._transaction():
            self.conn.execute("DELETE FROM reports WHERE sha256 = ?", (rows.sha256,))
            self._insert("reports", [report])
            for table in CHILD_TABLES:
                self._insert(table, rows.children.get(table, []))
            self._seen(files)
            self.conn.executemany("DELETE FROM failures WHERE path = ?", [(f.path,) for f in files])
            if report["status"] == "audit_failed":
                self._failures(
                    Failure(
                        f.path,
                        rows.sha256,
                        "audit",
                        "error",
                        rows.audit_error_class,
                        report["audit_error"],
                    )
                    for f in files
                )

    def note_files(self, files: list[SeenFile]) -> None:
        """Remember paths seen whose content needs no work."""
        with self._transaction():
            self._seen(files)

    def write_failure(self, failure: Failure, files: Iterable[SeenFile]) -> None:
        """Record a failure for every path holding the failed content."""
        files = list(files)
        with self._transaction():
            self._seen(files)
            self._failures(replace(failure, path=f.path) for f in files)

    def _failures(self, failures: Iterable[Failure]) -> None:
        at = now()
        self._insert(
            "failures",
            [
                {
                    "path": f.path,
                    "sha256": f.sha256,
                    "stage": f.stage,
                    "reason": f.reason,
                    "error_class": f.error_class,
                    "message": f.message,
                    "tool_version": self.tool_version,
                    "seconds": f.seconds,
                    "failed_at": at,
                }
                for f in failures
            ],
            replace=True,
        )

    def _seen(self, files: list[SeenFile]) -> None:
        at = now()
        self._insert(
            "files",
            [{"path": f.path, "sha256": f.sha256, "size": f.size, "seen_at": at} for f in files],
            replace=True,
        )

    def _insert(self, table: str, rows: list[dict[str, Any]], replace: bool = False) -> None:
        if not rows:
            return
        names = [c.name for c in TABLES[table]]
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        sql = (
            f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        )
        self.conn.executemany(sql, rows)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def totals(self) -> dict[str, Any]:
        """What the whole store holds, for the end-of-run summary."""
        one = self.conn.execute(
            "SELECT count(*), coalesce(sum(page_count), 0) FROM reports"
        ).fetchone()
        return {
            "reports": one[0],
            "pages": one[1],
            "studies": self.conn.execute("SELECT count(*) FROM studies").fetchone()[0],
            "references": self.conn.execute("SELECT count(*) FROM refs").fetchone()[0],
            "findings_by_code": dict(
                self.conn.execute("SELECT code, count(*) FROM findings GROUP BY code ORDER BY 1")
            ),
            "failures_by_reason": dict(
                self.conn.execute(
                    "SELECT CASE stage WHEN 'audit' THEN 'audit_error' ELSE reason END AS r,"
                    " count(*) FROM failures GROUP BY r ORDER BY r"
                )
            ),
        }

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (KeyboardInterrupt included)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
