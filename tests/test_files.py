"""Outputs are written whole or not at all, with the mode any new file gets (0666 less the
umask), whichever command writes them; the memory cap makes a runaway allocation fail."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadthkit.cli import app
from cadthkit.errors import OutputError
from cadthkit.files import write_atomic, write_bytes_atomic, write_text_atomic

from .conftest import fixture_pdf

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_new_files_get_0666_less_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        text = write_text_atomic(tmp_path / "a.json", "{}\n")
        data = write_bytes_atomic(tmp_path / "b.pdf", b"%PDF-1.7\n")
    finally:
        os.umask(old)
    assert mode(text) == mode(data) == 0o666 & ~umask
    assert text.read_text() == "{}\n" and data.read_bytes() == b"%PDF-1.7\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.pdf"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    target.write_text("the earlier record")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half of a rec")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_atomic(target, half_then_fail)
    assert target.read_text() == "the earlier record"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


def test_missing_folder_and_folder_target_are_output_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "no" / "x.json", "")
    (tmp_path / "dir").mkdir()
    with pytest.raises(OutputError, match="cannot be written"):
        write_text_atomic(tmp_path / "dir", "")
    assert [p.name for p in tmp_path.iterdir()] == ["dir"]


def test_records_and_exports_come_out_with_the_same_mode(tmp_path: Path, umask_027: None) -> None:
    """`export` files used to be 0600 while every other output was 0644."""
    from cadthkit import api

    pdf = fixture_pdf("synthetic-s11")
    cli = CliRunner()
    result = cli.invoke(app, ["extract", str(pdf), "-o", str(tmp_path / "records")])
    assert result.exit_code == 0, result.output
    db = tmp_path / "store.sqlite"
    api.batch([pdf], db, workers=1)
    result = cli.invoke(app, ["export", "--db", str(db), "-f", "csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    outputs = [*(tmp_path / "records").iterdir(), *(tmp_path / "csv").iterdir()]
    assert len(outputs) > 2
    assert {p.name: mode(p) for p in outputs} == {p.name: 0o640 for p in outputs}


def test_memory_cap_turns_a_runaway_allocation_into_memory_error() -> None:
    code = (
        "import resource\n"
        "from cadthkit.memory import limit_memory, peak_rss_mb\n"
        "before = resource.getrlimit(resource.RLIMIT_AS)\n"
        "hard = before[1]\n"
        "limit_memory(None)\n"
        "assert resource.getrlimit(resource.RLIMIT_AS) == before\n"
        "limit_memory(300)\n"
        "cap = 300 * 2**20 if hard == resource.RLIM_INFINITY else min(300 * 2**20, hard)\n"
        "assert resource.getrlimit(resource.RLIMIT_AS) == (cap, hard)\n"
        "try:\n"
        "    hog = bytearray(600 * 2**20)\n"
        "except MemoryError:\n"
        "    print('MemoryError', peak_rss_mb() < 300)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["MemoryError", "True"], out.stderr


def test_peak_memory_of_a_process_started_by_a_large_one_is_its_own() -> None:
    """Linux keeps `ru_maxrss` across exec: a batch worker started by a 300 MB parent would
    report 300 MB. The helper reads the process's own high-water mark instead."""
    code = (
        "import subprocess, sys\n"
        "big = bytearray(300 * 2**20)\n"
        "big[:: 4096] = b'x' * len(big[:: 4096])\n"
        "child = 'from cadthkit.memory import peak_rss_mb; print(round(peak_rss_mb()))'\n"
        "print(subprocess.run([sys.executable, '-c', child], capture_output=True, text=True,"
        " check=True).stdout)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert 0 < int(out.stdout) < 100, out.stdout + out.stderr
