"""A full disk and a read-only one: every command says so in one line naming the path (exit 2),
writes nothing half, and leaves the batch store as it was; `export` reads a store on a read-only
disk and refuses an output name that is a folder before writing anything.

A full disk is simulated two ways, each at the lowest level the test can reach without mounting
anything: for the files Python writes, the temporary file of every output is made a link to
/dev/full, so the kernel itself answers each write with ENOSPC; for the SQLite store, SQLite's
own page limit (`PRAGMA max_page_count`) makes it fail with SQLITE_FULL, the code it gives on a
full disk. (The same commands were also run on a real full tmpfs: see the README.)"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadthkit import files
from cadthkit.batch import store as store_module
from cadthkit.cli import app

from .conftest import extracted, fixture_pdf

runner = CliRunner()
S11 = fixture_pdf("synthetic-s11")
SEED = fixture_pdf("ivig-offlabel-2017")


def _store(path: Path) -> Path:
    result = runner.invoke(app, ["batch", str(S11), "--db", str(path), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    return path


def _listing(folder: Path) -> list[str]:
    """What is in `folder`, but for the journal files SQLite keeps beside a store it reads."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if not p.name.endswith(("-wal", "-shm"))
    )


def _one_line(output: str, path: Path) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "Traceback" not in output
    assert lines[0].startswith(f"error: {path}"), lines[0]
    return lines[0]


COMMANDS: dict[str, Callable[[Path], tuple[list[str], Path]]] = {
    "extract": lambda d: (
        ["extract", str(S11), "-o", str(d / "out")],
        d / "out" / "synthetic-s11.json",
    ),
    "check -o": lambda d: (["check", str(S11), "-o", str(d / "audit.txt")], d / "audit.txt"),
    "check --annotate": lambda d: (
        ["check", str(S11), "--annotate", str(d / "marked.pdf")],
        d / "marked.pdf",
    ),
    "fix": lambda d: (["fix", str(S11), "-o", str(d / "fixed.pdf")], d / "fixed"),
    "render": lambda d: (
        ["render", str(d / "rec.json"), "-o", str(d / "again.pdf")],
        d / "again.pdf",
    ),
    "export": lambda d: (["export", "--db", str(d / "s.sqlite"), "-o", str(d / "csv")], d / "csv"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_is_one_line_and_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (tmp_path / "rec.json").write_text(extracted("synthetic-s11").model_dump_json())
    _store(tmp_path / "s.sqlite")
    before = _listing(tmp_path)
    argv, target = COMMANDS[command](tmp_path)
    monkeypatch.setattr(files, "_new_temp", _full_temp)
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    line = _one_line(result.output, target)
    assert line.endswith("cannot be written: no space left on the device; nothing was written")
    after = [p for p in _listing(tmp_path) if p not in before]
    # nothing new but the output folder `extract` makes first (export removes its own)
    assert after == (["out"] if command == "extract" else []), after


def _full_temp(target: Path, folder: Path) -> Path:
    tmp = folder / f".{target.name}.full.tmp"
    os.symlink("/dev/full", tmp)
    return tmp


def _pages_capped(monkeypatch: pytest.MonkeyPatch, pages: int | None) -> None:
    """SQLite may grow the store by no page (None: as big as it is now) or to `pages`."""
    real = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real(*args, **kwargs)  # type: ignore[arg-type]
        cap = pages or conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={cap}")
        return conn

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_leaves_a_healthy_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path / "s.sqlite")
    digest = _digest(db)
    _pages_capped(monkeypatch, None)
    result = runner.invoke(app, ["batch", str(SEED), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 2, result.output
    line = _one_line(result.output, db)
    assert "no space left on the device" in line and "not a usable" not in line
    monkeypatch.undo()
    assert _digest(db) == digest
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_leaves_no_empty_store_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "new.sqlite"
    _pages_capped(monkeypatch, 1)
    result = runner.invoke(app, ["batch", str(S11), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 2, result.output
    assert "no space left on the device" in _one_line(result.output, db)
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_an_output_name_that_is_a_folder_before_writing(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.sqlite")
    out = tmp_path / "csv"
    (out / "studies.csv").mkdir(parents=True)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert _one_line(result.output, out / "studies.csv").endswith(
        "is a folder; nothing was exported"
    )
    assert _listing(out) == ["studies.csv"]


@pytest.mark.parametrize("store", ["missing", "not a store"])
def test_a_failed_export_creates_no_output_folder(tmp_path: Path, store: str) -> None:
    db = tmp_path / "s.sqlite"
    if store == "not a store":
        shutil.copy(S11, db)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 2, result.output
    _one_line(result.output, db)
    assert not (tmp_path / "csv").exists()


def _read_only_disk(db: Path) -> None:
    """What a read-only mount does to a store in WAL mode: SQLite can neither create nor open
    its shared-memory file. A link to a folder that does not exist does the same as root."""
    shm = db.with_name(db.name + "-shm")
    shm.unlink(missing_ok=True)
    shm.symlink_to(db.parent / "no such folder" / "x")


def test_export_reads_a_store_on_a_read_only_disk(tmp_path: Path) -> None:
    db = _store(tmp_path / "s #1?.sqlite")  # '?' and '#' must not end the file name
    _read_only_disk(db)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "csv" / "reports.csv").read_text().splitlines()
    assert len(rows) == 2 and "synthetic-s11.pdf" in rows[1]


def test_export_refuses_unfolded_writes_on_a_read_only_disk(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.sqlite")
    db.with_name("s.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    _read_only_disk(db)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 2, result.output
    assert "holds writes not yet folded in (s.sqlite-wal)" in _one_line(result.output, db)
    assert not (tmp_path / "csv").exists()
