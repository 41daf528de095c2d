"""`batch` and special files: FIFOs, devices, broken links and links out of the archive are each
recorded, never skipped silently, never read (a FIFO would block, /dev/zero never ends), and a
link to `/` does not take the run across the machine."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from cadthkit.batch.discover import NOT_REGULAR, Skipped, find_pdfs
from cadthkit.cli import app

from .conftest import fixture_pdf

runner = CliRunner()
S11 = fixture_pdf("synthetic-s11")


def _failures(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT path, reason, message FROM failures WHERE stage = 'read'")
        return {path: (reason, message) for path, reason, message in rows}


def _reports(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return sorted(Path(p).name for (p,) in con.execute("SELECT path FROM reports"))


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    shutil.copy(S11, root / "sub" / "good.pdf")
    os.mkfifo(root / "pipe.pdf")
    (root / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (root / "zero.pdf").symlink_to("/dev/zero")
    (root / "everything").symlink_to("/", target_is_directory=True)
    (root / "again").symlink_to(root / "sub", target_is_directory=True)  # inside: followed
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "notes.txt").write_text("not a PDF: not a candidate, not recorded")
    return root


def test_special_files_and_links_in_a_folder_are_recorded(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["batch", str(root), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert _reports(db) == ["good.pdf"]
    assert _failures(db) == {
        str(root / "pipe.pdf"): ("unreadable", NOT_REGULAR),
        str(root / "dangling.pdf"): (
            "unreadable",
            f"is a broken link (to {tmp_path / 'gone.pdf'}, which does not exist)",
        ),
        str(root / "zero.pdf"): (
            "skipped",
            "links to /dev/zero, outside the folders given; not followed (see --follow-links)",
        ),
        str(root / "everything"): (
            "skipped",
            "links to /, outside the folders given; not followed (see --follow-links)",
        ),
    }


def test_follow_links_follows_them_out_of_the_folders_given(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(S11, elsewhere / "outside.pdf")
    root = tmp_path / "archive"
    root.mkdir()
    (root / "shelf").symlink_to(elsewhere, target_is_directory=True)
    (root / "zero.pdf").symlink_to("/dev/zero")
    skipped: list[Skipped] = []
    assert find_pdfs([root], skipped) == []
    assert sorted(s.path.name for s in skipped) == ["shelf", "zero.pdf"]

    db = tmp_path / "s.sqlite"
    argv = ["batch", str(root), "--db", str(db), "-q", "-w", "1", "--follow-links"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert _reports(db) == ["outside.pdf"]
    # followed, the device is still never read: it is not a regular file
    assert _failures(db) == {str(root / "zero.pdf"): ("unreadable", NOT_REGULAR)}


def test_a_fifo_given_as_an_argument_is_not_no_such_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    good = tmp_path / "good.pdf"
    shutil.copy(S11, good)
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "gone.pdf")
    db = tmp_path / "s.sqlite"
    argv = ["batch", str(fifo), str(good), str(dangling), "--db", str(db), "-q", "-w", "1"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert _reports(db) == ["good.pdf"]
    failures = _failures(db)
    assert failures[str(fifo)] == ("unreadable", NOT_REGULAR)
    assert failures[str(dangling)][1].startswith("is a broken link")
    # only a path that is not there at all is "no such file"
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope.pdf"), "--db", str(db), "-q"])
    assert missing.exit_code == 2
    assert missing.output.strip() == f"error: {tmp_path / 'nope.pdf'}: no such file or folder"


def test_links_inside_the_folders_given_are_followed_once(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    found = find_pdfs([root])
    assert found == [root / "again" / "good.pdf"]  # 'again' sorts before 'sub': one copy
