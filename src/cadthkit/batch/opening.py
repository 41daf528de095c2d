"""The store's file as SQLite sees it: what SQLite says went wrong, in one line (a full disk is
not "not a usable store"), whether opening it or in a write's transaction; and opening a store
for reading only, also on a read-only disk."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ..errors import OutputError

# SQLite's result codes (primary: the low byte of sqlite_errorcode) that have a plain meaning.
_FULL = "cannot be written: no space left on the device (the store keeps what it held)"
_SQLITE_WHY = {
    13: _FULL,  # SQLITE_FULL
    4874: _FULL,  # SQLITE_IOERR_SHMSIZE: its shared-memory file cannot grow
    8: "cannot be written: the store is read-only",  # SQLITE_READONLY
    14: "cannot be opened (is its folder on a read-only or missing disk?)",  # SQLITE_CANTOPEN
    5: "is locked by another process for too long",  # SQLITE_BUSY
    6: "is locked by another process for too long",  # SQLITE_LOCKED
    10: "a disk input/output error stopped the write",  # SQLITE_IOERR
}


def store_error(path: Path | str, exc: sqlite3.Error) -> OutputError:
    """One line for what SQLite said went wrong with the store at `path`."""
    code = getattr(exc, "sqlite_errorcode", None)
    why = None
    if isinstance(code, int):
        why = _SQLITE_WHY.get(code) or _SQLITE_WHY.get(code & 0xFF)
        if code & 0xFF in (10, 14) and _no_room_at(Path(path)):
            why = _FULL  # an I/O error on a full disk: say what it is
    if why is None and "disk is full" in str(exc):
        why = _FULL
    return OutputError(path, why or f"not a usable cadthkit store ({exc})")


def _no_room_at(path: Path) -> bool:
    try:
        return os.statvfs(path.parent if str(path.parent) else ".").f_bavail == 0
    except OSError:
        return False


def store_files(path: Path) -> list[Path]:
    """The store and the journal files SQLite keeps beside it."""
    return [path] + [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def open_read_only(db: Path) -> sqlite3.Connection:
    """The store at `db`, for reading only (export). A store in WAL mode needs a shared-memory
    file beside it, which SQLite cannot create on a read-only disk: there the store is opened
    as immutable, which is exact unless writes wait in its `-wal` file (then it says so). A full
    disk, where that file cannot grow, is met the same way."""
    uri = db.resolve().as_uri()  # quoted: a path may hold '?' or '#'
    try:
        return _checked(sqlite3.connect(f"{uri}?mode=ro", uri=True))
    except sqlite3.DatabaseError as e:
        # CANTOPEN, READONLY, IOERR: no shared-memory file could be made (a read-only or a
        # full disk); anything else is no store
        if getattr(e, "sqlite_errorcode", 0) & 0xFF not in (8, 10, 14):
            raise OutputError(db, f"not a cadthkit store ({e})") from e
    wal = db.with_name(db.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise OutputError(
            db,
            f"cannot be read where it is: it holds writes not yet folded in ({wal.name}) on a "
            "read-only disk; copy the store with its -wal file to a writable folder",
        )
    try:
        return _checked(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True))
    except sqlite3.DatabaseError as e:
        raise OutputError(db, f"not a cadthkit store ({e})") from e


def _checked(conn: sqlite3.Connection) -> sqlite3.Connection:
    try:
        conn.execute("SELECT 1 FROM reports LIMIT 1")
    except BaseException:
        conn.close()
        raise
    return conn


class Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (KeyboardInterrupt included).
    A write SQLite refuses (a full disk) leaves the store as it was and says so in one line."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path

    def __enter__(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise store_error(self.path, e) from e

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as e:
                self._rollback()
                raise store_error(self.path, e) from e
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise store_error(self.path, exc) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
