"""Batch runs over copies and variants of the real fixtures, with broken, hanging, crashing and
memory-hungry files, a run killed with SIGKILL and resumed, and a Dask cluster; every test
checks the store's exact contents afterwards."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.batch import schema
from cadthkit.cli import app
from cadthkit.errors import BatchArgumentError, CadthkitError

FIXTURES = Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures"
PDFS = sorted(FIXTURES.glob("*.pdf"))
SRC = Path(__file__).resolve().parents[1] / "src"


def truth(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".truth.json").read_text())


def n_studies(pdf: Path) -> int:
    return sum(len(s["rows"]) for t in truth(pdf)["summary_tables"] for s in t["sections"])


def n_refs(pdf: Path) -> int:
    t = truth(pdf)
    return len(t["references"]) + sum(len(g["references"]) for g in t.get("appendix", []))


def variant(src: Path, dst: Path, n: int) -> Path:
    """Same report, different bytes (a trailing PDF comment), so a different SHA-256."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes() + f"\n%cadthkit variant {n}\n".encode())
    return dst


def copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def counts(db: Path) -> dict[str, int]:
    return {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in schema.TABLES}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Every fixture in nested folders, 2 byte-different variants, 1 identical copy, a
    truncated PDF, a non-PDF file and a symlink loop."""
    root = tmp_path / "archive"
    for i, pdf in enumerate(PDFS):
        copy(pdf, root / ("2017" if i % 2 else "2019/deep") / pdf.name)
    variant(PDFS[3], root / "variants" / "v1.pdf", 1)
    variant(PDFS[5], root / "variants" / "v2.PDF", 2)
    copy(PDFS[3], root / "copies" / "same-bytes.pdf")
    broken = root / "broken" / "truncated.pdf"
    broken.parent.mkdir()
    broken.write_bytes(PDFS[0].read_bytes()[:20_000])
    (root / "broken" / "notes.txt").write_text("not a PDF, not picked up")
    (root / "2017" / "loop").symlink_to(root, target_is_directory=True)
    return root


EXPECTED_REPORTS = len(PDFS) + 2  # fixtures + 2 variants; the identical copy is the same report
EXPECTED_FILES = EXPECTED_REPORTS + 2  # + the identical copy + the truncated file
EXPECTED_STUDIES = sum(map(n_studies, PDFS)) + n_studies(PDFS[3]) + n_studies(PDFS[5])
EXPECTED_REFS = sum(map(n_refs, PDFS)) + n_refs(PDFS[3]) + n_refs(PDFS[5])


def assert_archive_store(db: Path) -> None:
    """The exact store an archive run must leave, however many runs it took."""
    assert counts(db)["reports"] == EXPECTED_REPORTS
    assert counts(db)["files"] == EXPECTED_FILES
    assert counts(db)["studies"] == EXPECTED_STUDIES
    assert counts(db)["refs"] == EXPECTED_REFS
    assert query(db, "SELECT path, reason, error_class, stage FROM failures") == [
        (str(db.parent / "archive" / "broken" / "truncated.pdf"), "error", "InputError", "extract")
    ]
    # Per report, the child rows agree with the counts and with the truth file.
    for path, studies, refs, n_findings, status, record in query(
        db,
        "SELECT path, n_studies, n_references + n_appendix_references, n_findings, status, "
        "record FROM reports",
    ):
        name = Path(path).name
        pdf = (
            next((p for p in PDFS if p.name == name), None)
            or {"v1.pdf": PDFS[3], "v2.PDF": PDFS[5]}[name]
        )
        assert studies == n_studies(pdf), name
        assert refs == n_refs(pdf), name
        assert json.loads(record)["source"]["path"] == path
        rows = query(
            db,
            f"SELECT count(*) FROM findings f JOIN reports r USING (sha256) "
            f"WHERE r.path = '{path}'",
        )[0][0]
        if hasattr(api, "check"):
            assert rows == n_findings
            assert status == ("findings" if n_findings else "ok"), name
        else:
            assert (status, n_findings, rows) == ("unaudited", None, 0)
    # No duplicates anywhere: every key is unique by construction, so compare with distincts.
    assert query(db, "SELECT count(DISTINCT sha256) FROM reports")[0][0] == EXPECTED_REPORTS
    assert (
        query(
            db, "SELECT count(*) FROM (SELECT DISTINCT sha256, table_index, row_index FROM studies)"
        )[0][0]
        == EXPECTED_STUDIES
    )
    # The identical copy is listed under its own path with the same content hash.
    same = query(db, "SELECT count(*) FROM files GROUP BY sha256 HAVING count(*) > 1")
    assert same == [(2,)]


@pytest.mark.slow
def test_archive_run_then_resume_skips_everything(archive: Path) -> None:
    db = archive.parent / "store.sqlite"
    summary = api.batch(archive, db, workers=2, timeout=30)
    assert (summary.files, summary.to_process, summary.reports) == (
        EXPECTED_FILES,
        EXPECTED_FILES - 1,
        EXPECTED_REPORTS,
    )
    assert (summary.failed, dict(summary.failures_by_reason)) == (1, {"error": 1})
    assert summary.studies == EXPECTED_STUDIES and not summary.ok
    assert 0 < summary.peak_worker_mb < 300
    assert_archive_store(db)
    again = api.batch([archive], db, workers=2, timeout=30)
    assert (again.to_process, again.reports, again.skipped, again.failed_before) == (
        0,
        0,
        EXPECTED_FILES - 1,
        1,
    )
    assert_archive_store(db)
    retried = api.batch([archive], db, workers=1, retry_failed=True)
    assert (retried.to_process, retried.failed, retried.failed_before) == (1, 1, 0)
    assert_archive_store(db)


@pytest.mark.slow
def test_force_and_new_tool_version_redo_without_duplicates(archive: Path) -> None:
    db = archive.parent / "store.sqlite"
    api.batch([archive / "variants"], db, workers=2)
    first = counts(db)
    forced = api.batch([archive / "variants"], db, workers=2, force=True)
    assert forced.reports == first["reports"] == 2
    assert counts(db) == first
    query_db = sqlite3.connect(db)
    query_db.execute("UPDATE reports SET tool_version = '0.0.1' WHERE path LIKE '%v1%'")
    query_db.commit()
    query_db.close()
    upgraded = api.batch([archive / "variants"], db, workers=2)
    assert (upgraded.reports, upgraded.skipped) == (1, 1)
    assert counts(db) == first
    assert query(db, "SELECT DISTINCT tool_version FROM reports") == [(api.__version__,)]


@pytest.mark.slow
def test_hang_crash_and_memory_hog_are_recorded_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    for name in ("hang.pdf", "crash.pdf", "hog.pdf"):
        variant(PDFS[3], folder / name, hash(name) % 1000)
    for pdf in PDFS[3:6]:
        copy(pdf, folder / pdf.name)
    monkeypatch.setenv("CADTHKIT_TEST_HANG_ON", "hang.pdf")
    monkeypatch.setenv("CADTHKIT_TEST_CRASH_ON", "crash.pdf")
    monkeypatch.setenv("CADTHKIT_TEST_MEMORY_ON", "hog.pdf")
    db = tmp_path / "store.sqlite"
    start = time.monotonic()
    summary = api.batch([folder], db, workers=2, timeout=3, max_memory_mb=400)
    assert time.monotonic() - start < 20
    assert summary.reports == 3
    assert dict(summary.failures_by_reason) == {"timeout": 1, "crashed": 1, "memory": 1}
    failures = {
        Path(p).name: (r, c)
        for p, r, c in query(db, "SELECT path, reason, error_class FROM failures")
    }
    assert failures == {
        "hang.pdf": ("timeout", None),
        "crash.pdf": ("crashed", "signal SIGKILL"),
        "hog.pdf": ("memory", "MemoryError"),
    }
    assert counts(db)["reports"] == 3 and counts(db)["files"] == 6


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_loses_and_duplicates_nothing(archive: Path) -> None:
    db = archive.parent / "store.sqlite"
    cmd = [
        sys.executable,
        "-c",
        "from cadthkit.cli import app; app()",
        "batch",
        str(archive),
        "--db",
        str(db),
        "--workers",
        "1",
        "--quiet",
    ]
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                done = query(db, "SELECT count(*) FROM reports")[0][0]
            except sqlite3.OperationalError:
                done = 0
            if done >= 2:
                break
        time.sleep(0.05)
    assert proc.poll() is None and done >= 2, "the run ended before it could be killed"
    helpers = _descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    # Orphaned workers (and the fork server) notice the parent is gone and exit.
    for _ in range(100):
        if not _alive(helpers):
            break
        time.sleep(0.1)
    assert helpers and not _alive(helpers), "worker processes left behind"
    killed_at = counts(db)
    assert 2 <= killed_at["reports"] < EXPECTED_REPORTS
    result = CliRunner().invoke(app, ["batch", str(archive), "--db", str(db), "-w", "2"])
    assert result.exit_code == 1, result.output  # the truncated file failed
    assert "truncated.pdf" in result.output
    assert_archive_store(db)


def test_cli_exit_codes_and_one_line_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    copy(PDFS[4], folder / "a.pdf")
    db = tmp_path / "out" / "store.sqlite"
    cli = CliRunner()
    result = cli.invoke(app, ["batch", str(folder), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "reports" in result.output and counts(db)["reports"] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    for args, problem in [
        ([str(empty)], "no PDF files found"),
        ([str(tmp_path / "missing")], "no such file or folder"),
        ([str(folder), "-w", "0"], "--workers must be 1 or more, got 0"),
        ([str(folder), "--timeout", "0"], "--timeout must be more than 0"),
        ([str(folder), "--executor", "dask"], "needs --scheduler"),
        ([str(folder), "--db", str(folder / "a.pdf" / "x.sqlite")], "cannot create"),
        ([str(folder), "--db", str(folder / "a.pdf")], "not a usable cadthkit store"),
    ]:
        if "--db" not in args:
            args += ["--db", str(db)]
        result = cli.invoke(app, ["batch", *args])
        assert result.exit_code == 2, (args, result.output)
        assert result.output.count("\n") == 1 and problem in result.output, result.output
        assert "Traceback" not in result.output


@pytest.mark.slow
def test_export_writes_one_file_per_table(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    api.batch([archive / "variants"], db, workers=2)
    expected = counts(db)
    for fmt in ("csv", "jsonl"):
        out = tmp_path / fmt
        result = CliRunner().invoke(
            app, ["export", "--db", str(db), "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in schema.TABLES)
        for table, n in expected.items():
            lines = (out / f"{table}.{fmt}").read_text().splitlines()
            if fmt == "jsonl":
                assert len(lines) == n, table
                if n:
                    first = json.loads(lines[0])
                    json_cols = [c.name for c in schema.TABLES[table] if c.kind == "JSON"]
                    assert all(not isinstance(first[c], str) for c in json_cols if first[c])
            else:
                assert lines[0].split(",")[0] == schema.TABLES[table][0].name
    jsonl = tmp_path / "jsonl" / "reports.jsonl"
    record = json.loads(jsonl.read_text().splitlines()[0])["record"]
    assert record["record_type"] == "cadthkit.report"
    bad = CliRunner().invoke(
        app, ["export", "--db", str(db), "--format", "xml", "-o", str(tmp_path)]
    )
    assert bad.exit_code == 2 and "'xml' is not one of 'csv'" in bad.output, bad.output
    with pytest.raises(CadthkitError, match="format must be one of 'csv', 'jsonl'"):
        api.export(db, "xml", tmp_path)
    missing = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "no.sqlite"), "-o", "x"])
    assert missing.exit_code == 2 and missing.output.strip().endswith("no such store")


@pytest.mark.slow
def test_dask_executor_writes_the_same_store(archive: Path, tmp_path: Path) -> None:
    import distributed  # the dask extra; CI installs it

    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    folder = archive / "variants"
    api.batch([folder], local_db, workers=2)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        summary = api.batch([folder], dask_db, executor="dask", scheduler=cluster.scheduler_address)
        assert summary.reports == 2 and summary.ok
        again = api.batch([folder], dask_db, executor="dask", scheduler=cluster.scheduler_address)
        assert (again.skipped, again.reports) == (2, 0)
    assert counts(dask_db) == counts(local_db)
    sql = "SELECT path, n_studies, n_references, n_findings, status FROM reports ORDER BY path"
    assert query(dask_db, sql) == query(local_db, sql)


def test_discovery_follows_symlinks_once_and_expands_globs(archive: Path) -> None:
    from cadthkit.batch.discover import find_pdfs

    found = find_pdfs([archive])
    assert len(found) == EXPECTED_FILES
    assert len({os.path.realpath(p) for p in found}) == EXPECTED_FILES
    globbed = find_pdfs([str(archive / "**" / "v*.pdf")])
    assert [p.name for p in globbed] == ["v1.pdf"]
    assert find_pdfs([archive / "2017", archive / "2017" / "loop" / "2017"]) == find_pdfs(
        [archive / "2017"]
    )


def test_schema_documented_in_readme() -> None:
    readme = Path(__file__).resolve().parents[1] / "docs" / "README-batch.md"
    assert schema.markdown() in readme.read_text(), (
        "docs/README-batch.md schema is stale: paste cadthkit.batch.schema.markdown()"
    )


def test_bad_runner_arguments_raise_library_errors(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(BatchArgumentError, match="--max-memory-mb must be at least 64"):
        api.batch([archive], tmp_path / "x.sqlite", max_memory_mb=10)
    with pytest.raises(BatchArgumentError, match="--scheduler only applies"):
        api.batch([archive], tmp_path / "x.sqlite", scheduler="tcp://x:1")


@pytest.mark.slow
def test_workers_that_cannot_start_stop_the_run_with_one_error() -> None:
    """A worker whose start-up fails (here its memory cap cannot be read) fails every time: the
    run stops with WorkerStartError instead of replacing workers forever."""
    from cadthkit.batch.pool import run_local
    from cadthkit.batch.worker import Task, extract_and_check
    from cadthkit.errors import WorkerStartError

    tasks = [Task(str(p), f"sha-{i}", []) for i, p in enumerate(PDFS[:3])]
    start = time.monotonic()
    with pytest.raises(WorkerStartError, match="worker processes could not start"):
        list(
            run_local(
                tasks,
                workers=2,
                timeout=30,
                max_memory_mb="not a number",  # type: ignore[arg-type]
                work=extract_and_check,
            )
        )
    assert time.monotonic() - start < 30


def test_batch_options_are_the_one_place_for_settings_and_defaults() -> None:
    from dataclasses import fields

    from cadthkit.batch.options import BatchOptions

    defaults = BatchOptions()
    assert defaults.checked().workers == len(os.sched_getaffinity(0))
    assert BatchOptions(workers=3).checked().workers == 3
    with pytest.raises(BatchArgumentError, match="--workers must be 1 or more, got 0"):
        BatchOptions(workers=0).checked()
    # The CLI shows the dataclass's defaults, and api.batch takes its fields by name.
    help_text = CliRunner().invoke(app, ["batch", "--help"], terminal_width=200).output
    assert f"[default: {defaults.timeout}]" in help_text
    assert f"[default: {defaults.max_memory_mb}]" in help_text
    with pytest.raises(TypeError, match="unexpected keyword argument 'wrokers'"):
        api.batch(["x.pdf"], "x.sqlite", wrokers=2)
    assert {f.name for f in fields(BatchOptions)} == {
        "workers",
        "timeout",
        "max_memory_mb",
        "force",
        "retry_failed",
        "executor",
        "scheduler",
    }
