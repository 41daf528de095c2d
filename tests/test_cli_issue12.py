"""What analysts and information specialists expect (issue 12): one test per numbered bug, each
failing before its fix, and the shell conventions every command follows."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.cli import app
from cadthkit.export import EXCEL_CELL_LIMIT, fit_cell
from cadthkit.export.tables import cell_value, table_rows
from cadthkit.fix import FixOutputs, set_is_complete

from .conftest import BASE_FIXTURE_NAMES, OWN_NAMES, extracted, fixture_pdf

runner = CliRunner()
SEED = fixture_pdf("ivig-offlabel-2017")
S11 = fixture_pdf("synthetic-s11")
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def record_file(tmp_path: Path, name: str = "synthetic-s11") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(extracted(name).model_dump_json(), encoding="utf-8")
    return path


# --- bug 1: an output that names an existing folder ----------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--annotate"])
def test_bug1_check_output_naming_a_folder_fails_cleanly_before_any_work(
    tmp_path: Path, option: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    monkeypatch.setattr(api, "read_report", lambda *a, **k: pytest.fail("read before checking"))
    result = runner.invoke(app, ["check", str(SEED), option, str(folder)])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"error: {folder}: is a folder; give a file name"
    assert list(folder.iterdir()) == []


# --- bug 2: two PDFs with the same name ----------------------------------------------------------


def test_bug2_extract_two_reports_with_one_name_keeps_both(tmp_path: Path) -> None:
    for folder, name in (("c1", "synthetic-s11"), ("c2", "synthetic-s13-web")):
        (tmp_path / folder).mkdir()
        shutil.copy(fixture_pdf(name), tmp_path / folder / "report.pdf")
    out = tmp_path / "out"
    out.mkdir()
    args = ["extract", str(tmp_path / "c1" / "report.pdf"), str(tmp_path / "c2" / "report.pdf")]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["c1_report.json", "c2_report.json"]
    titles = {api.load_record(p).metadata.title for p in out.iterdir()}
    assert titles == {extracted(n).metadata.title for n in ("synthetic-s11", "synthetic-s13-web")}


# --- bug 3: an honest fix ------------------------------------------------------------------------


def test_bug3_fix_lists_what_it_left_and_exits_1_when_errors_remain(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    result = runner.invoke(app, ["fix", str(S11), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "2 citations corrected" in result.stdout
    assert f"{S11}: 1 error remains (1 warning)" in result.stderr
    log = json.loads((tmp_path / "fixed.corrections.json").read_text(encoding="utf-8"))
    assert [(c["row"], c["printed"], c["corrected"]) for c in log["corrections"]] == [
        ("Côté (2014)", "8", 4),
        ("Ødegaard (2020)", "16", 1),
    ]
    assert [s["finding"]["code"] for s in log["skipped"]] == ["count_mismatch", "numbering_gap"]
    assert all(s["reason"] for s in log["skipped"]) and log["errors_remaining"] == 1
    markdown = (tmp_path / "fixed.corrections.md").read_text(encoding="utf-8")
    assert "2 findings left as printed, 1 error among them" in markdown
    assert "| error | count_mismatch | Key Findings |" in markdown
    text = pdf_text(out)
    corrections = text[text.rindex("Corrections") :]
    for words in (
        "Côté (2014)",
        "Ødegaard (2020)",
        "Findings left as printed",
        "count",
        "numbering",
    ):
        assert words in corrections, words
    assert "fix never renumbers the" in corrections
    cover = text[: text.index("Authors")]
    assert "Version: 1.1" in cover and "Corrected: " in cover


def test_fix_on_the_seed_leaves_only_the_numbering_gap_and_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["fix", str(SEED), "-o", str(tmp_path / "f.pdf")])
    assert result.exit_code == 0, result.output
    assert f"{SEED}: 0 errors remain (1 warning)" in result.stderr
    log = json.loads((tmp_path / "f.corrections.json").read_text(encoding="utf-8"))
    assert [s["finding"]["code"] for s in log["skipped"]] == ["numbering_gap"]


def test_fix_keeps_the_front_matter(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    runner.invoke(app, ["fix", str(S11), "-o", str(out)])
    again = api.extract(out)
    assert again.front_matter == extracted("synthetic-s11").front_matter
    labels = [b.label for b in again.front_matter]
    assert labels == ["Acknowledgments", "Disclaimer", "About CADTH"]


def test_fix_accepts_a_record(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    result = runner.invoke(app, ["fix", str(record_file(tmp_path)), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "2 citations corrected" in result.stdout and out.exists()


# --- bug 4: render keeps the corrections ---------------------------------------------------------


def test_bug4_render_of_a_fixed_record_keeps_its_corrections(tmp_path: Path) -> None:
    runner.invoke(app, ["fix", str(SEED), "-o", str(tmp_path / "fixed.pdf")])
    again = tmp_path / "again.pdf"
    result = runner.invoke(app, ["render", str(tmp_path / "fixed.json"), "-o", str(again)])
    assert result.exit_code == 0, result.output
    text = pdf_text(again)
    assert "Corrections" in text[text.index("References") :]
    assert "Cohen (2015)" in text[text.rindex("Corrections") :]
    assert "Findings left as printed" in text and "Corrected: " in text


# --- bug 5: a record read from another folder ----------------------------------------------------


def test_bug5_annotate_from_a_record_read_in_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / "pdfs").mkdir(parents=True)
    shutil.copy(SEED, work / "pdfs" / "seed.pdf")
    monkeypatch.chdir(work)
    (work / "out").mkdir()
    assert runner.invoke(app, ["extract", "pdfs/seed.pdf", "-o", "out"]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    record = work / "out" / "seed.json"
    result = runner.invoke(app, ["check", str(record), "--annotate", "marked.pdf"])
    assert result.exit_code == 1, result.output  # the seed's errors, not "no such file"
    assert (elsewhere / "marked.pdf").exists()


def test_a_moved_record_finds_its_pdf_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "moved"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.pdf")
    report = api.extract(folder / "seed.pdf")
    report.source.path = "/nowhere/seed.pdf"
    (folder / "seed.json").write_text(report.model_dump_json(), encoding="utf-8")
    assert api.source_pdf(folder / "seed.json", report) == folder / "seed.pdf"
    (folder / "seed.pdf").write_bytes(S11.read_bytes())
    with pytest.raises(Exception, match="SHA-256 differs"):
        api.source_pdf(folder / "seed.json", report)


# --- bug 6: the store export in a spreadsheet ----------------------------------------------------


@pytest.mark.slow
def test_bug6_store_export_cells_fit_a_spreadsheet_and_name_their_columns(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    api.batch([fixture_pdf("synthetic-s43-longcells"), SEED], db, workers=1)
    out = tmp_path / "export"
    out.mkdir()
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(out), "--tables"])
    assert result.exit_code == 0, result.output
    csv.field_size_limit(10**7)
    longest = 0
    for path in [*out.glob("*.csv"), *(out / "tables").glob("*.csv")]:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            longest = max([longest, *(len(c) for row in csv.reader(fh) for c in row)])
    assert 30_000 < longest <= EXCEL_CELL_LIMIT
    assert "cut (marked)" in result.stderr
    with (out / "studies.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seed = next(r for r in rows if r["label"] == "Meng (2016)")
    assert set(json.loads(seed["cells"])) == set(
        extracted("ivig-offlabel-2017").summary_tables[0].columns[1:]
    )
    reports = {p.name.split(".table-")[0] for p in (out / "tables").glob("*.csv")}
    assert len(reports) == 2


def test_fit_cell_cuts_visibly() -> None:
    value, cut = fit_cell("x" * 40_000, "reports.jsonl")
    assert cut and len(value) == EXCEL_CELL_LIMIT  # type: ignore[arg-type]
    assert value.endswith("[…cut by cadthkit: 40,000 characters in all; whole in reports.jsonl]")  # type: ignore[union-attr]
    assert fit_cell("short") == ("short", False) and fit_cell(7) == (7, False)


# --- per-table CSVs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BASE_FIXTURE_NAMES + OWN_NAMES)
def test_table_csvs_read_back_equal_to_the_rows(name: str, tmp_path: Path) -> None:
    report = extracted(name)
    written, cut = api.export_tables(report, tmp_path, name)
    assert cut == 0 and len(written) == len(report.summary_tables)
    for path, table in zip(written, report.summary_tables, strict=True):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows == table_rows(table)
        header, *body = rows
        assert header[:6] == ["Table", "Section", "Label", "First author", "Year", "Citation"]
        heads = table.columns if table.layout == "spanning" else table.columns[1:]
        assert header[-len(heads) :] == heads
        assert len(body) == len(table.rows)
        for line, row in zip(body, table.rows, strict=True):
            assert (line[0], line[2], line[4], line[5]) == (
                table.title,
                row.label,
                row.year_raw,
                row.citation.raw,
            )
            cells = [cell_value(c) for c in line[-len(heads) :]][: len(row.cells)]
            assert cells == [c if c != [] else "" for c in row.cells]


def test_export_tables_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export-tables", str(SEED), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["ivig-offlabel-2017.table-2.csv"]
    raw = (tmp_path / "ivig-offlabel-2017.table-2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the byte-order mark


# --- shell conventions ---------------------------------------------------------------------------


def test_extract_from_stdin_to_stdout() -> None:
    result = runner.invoke(app, ["extract", "-", "-o", "-"], input=S11.read_bytes())
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["metadata"]["title"] == extracted("synthetic-s11").metadata.title
    assert record["source"]["path"] == "-"


def test_check_record_from_stdin_and_output_to_stdout(tmp_path: Path) -> None:
    data = record_file(tmp_path).read_bytes()
    result = runner.invoke(app, ["check", "-", "-o", "-", "--format", "json"], input=data)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["results"][0]["counts"]["error"] == 3


def test_render_from_stdin_to_stdout(tmp_path: Path) -> None:
    data = record_file(tmp_path).read_bytes()
    result = runner.invoke(app, ["render", "-", "-o", "-"], input=data)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-")
    (tmp_path / "piped.pdf").write_bytes(result.stdout_bytes)
    assert (
        api.extract(tmp_path / "piped.pdf").metadata.title
        == extracted("synthetic-s11").metadata.title
    )


def test_folders_are_read_like_batch_reads_them(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "deeper"
    folder.mkdir(parents=True)
    shutil.copy(S11, folder / "a.pdf")
    shutil.copy(fixture_pdf("synthetic-s13-web"), tmp_path / "in" / "b.pdf")
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    checked = runner.invoke(app, ["check", str(tmp_path / "in"), "--format", "json"])
    assert len(json.loads(checked.stdout)["results"]) == 2


def test_quiet_prints_nothing_but_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ok = runner.invoke(app, ["extract", "-q", str(S11), "-o", str(out)])
    assert ok.exit_code == 0 and ok.output == ""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    failed = runner.invoke(app, ["extract", "--quiet", str(bad), "-o", str(out)])
    assert failed.exit_code == 2 and failed.stderr.startswith(f"error: {bad}")
    verbose = runner.invoke(app, ["-v", "extract", str(S11), "-o", str(out)])
    assert " pages in " in verbose.stderr


@pytest.mark.slow
def test_batch_quiet_still_reports_failures_on_stderr(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    shutil.copy(S11, archive / "good.pdf")
    for copy in ("a", "b", "c"):
        shutil.copy(S11, archive / f"copy-{copy}.pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cadthkit.cli import app; app(prog_name='cadthkit')",
            "batch",
            "-q",
            str(archive),
            "--db",
            str(tmp_path / "s.sqlite"),
            "-w",
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"failed: {archive / 'broken.pdf'}" in result.stderr
    summary = api.batch([archive], tmp_path / "t.sqlite", workers=1)
    assert summary.files == 5 and summary.duplicates == 3 and summary.reports == 1
    assert sum(summary.accounts().values()) == summary.files and summary.unfinished == 0
    again = api.batch([archive], tmp_path / "t.sqlite", workers=1)
    assert again.accounts()["already in the store"] == 4
    assert sum(again.accounts().values()) == again.files


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_quiet_verbose_and_plain_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--quiet" in result.stdout and "--verbose" in result.stdout
    for noise in ("<bool>", "<path>", "<str>", "<int>", "<float>", "<list", "{"):
        assert noise not in result.stdout, (command, noise)


def test_shell_completion_is_on() -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_the_same_missing_output_folder_rule_for_every_command(tmp_path: Path) -> None:
    """Every command creates a missing output folder (with its parents); a path through a
    file fails with one line, exit 2, before any work."""
    record = record_file(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")

    def cases(folder: Path) -> dict[str, tuple[list[str], Path]]:
        return {
            "extract": (
                ["extract", str(S11), "-o", str(folder / "x")],
                folder / "x" / "synthetic-s11.json",
            ),
            "export-tables": (
                ["export-tables", str(record), "-o", str(folder / "t")],
                folder / "t",
            ),
            "export-refs": (
                ["export-refs", str(record), "-o", str(folder / "r.ris")],
                folder / "r.ris",
            ),
            "check": (["check", str(record), "-o", str(folder / "a.txt")], folder / "a.txt"),
            "render": (["render", str(record), "-o", str(folder / "r.pdf")], folder / "r.pdf"),
            "fix": (["fix", str(record), "-o", str(folder / "f.pdf")], folder / "f.pdf"),
            "schema": (["schema", "-o", str(folder / "s")], folder / "s" / "report.schema.json"),
        }

    for command, (argv, made) in cases(tmp_path / "new" / "deeper").items():
        result = runner.invoke(app, argv)
        assert result.exit_code in (0, 1), (command, result.output)  # check, fix: errors found
        assert made.exists(), command
    for command, (argv, _) in cases(blocker).items():
        result = runner.invoke(app, argv)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.count("\n") == 1 and str(blocker) in result.stderr, command


# --- fix writes its outputs as one set -----------------------------------------------------------


def test_fix_interrupted_between_moves_leaves_a_set_known_incomplete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadthkit.fix import outputs as fix_outputs

    out = tmp_path / "fixed.pdf"
    assert runner.invoke(app, ["fix", str(SEED), "-o", str(out)]).exit_code == 0
    targets = FixOutputs.of(out)
    assert set_is_complete(targets)
    real = fix_outputs.move
    moved: list[Path] = []

    def interrupted(source: Path, target: Path) -> None:
        if len(moved) == 2:
            raise KeyboardInterrupt
        real(source, target)
        moved.append(target)

    monkeypatch.setattr(fix_outputs, "move", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.fix(S11, out)
    assert moved == [targets.pdf, targets.record]
    assert not targets.log_json.exists() and not set_is_complete(targets)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # cleaned up
    monkeypatch.setattr(fix_outputs, "move", real)
    result = api.fix(S11, out)
    assert result.replaced_incomplete and set_is_complete(targets)


def test_fix_killed_mid_write_is_cleaned_by_the_next_run(tmp_path: Path) -> None:
    """A real SIGKILL between two moves: the temporary folder stays behind, the set has no
    manifest; the next run removes the temporary folder and writes a complete set."""
    out = tmp_path / "fixed.pdf"
    script = (
        "import os, signal, sys\n"
        "from cadthkit import api\n"
        "from cadthkit.fix import outputs\n"
        "real, n = outputs.move, []\n"
        "def move(s, t):\n"
        "    if len(n) == 1: os.kill(os.getpid(), signal.SIGKILL)\n"
        "    real(s, t); n.append(t)\n"
        "outputs.move = move\n"
        f"api.fix({str(S11)!r}, {str(out)!r})\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False, cwd=tmp_path)
    left = [p.name for p in tmp_path.iterdir()]
    assert "fixed.pdf" in left and "fixed.corrections.json" not in left
    assert any(name.startswith(".fixed.pdf.fix-") for name in left)
    assert not set_is_complete(FixOutputs.of(out))
    result = runner.invoke(app, ["fix", str(S11), "-o", str(out)])
    assert result.exit_code == 1 and "interrupted earlier run" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fixed.corrections.json",
        "fixed.corrections.md",
        "fixed.json",
        "fixed.pdf",
    ]
    assert set_is_complete(FixOutputs.of(out))


def test_readme_quick_start_output_folder_is_created(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "ivig-offlabel-2017.json").exists()
    assert io.StringIO(result.stderr).read().startswith(f"{SEED} → output/ivig-offlabel-2017.json")


# --- the corrected edition on every public fixture ----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", BASE_FIXTURE_NAMES)
def test_fix_makes_a_corrected_edition_of_every_fixture(name: str, tmp_path: Path) -> None:
    """The corrected PDF reads back as the corrected record (its edition aside, which the PDF
    prints on the cover and in the Corrections section), keeps the front matter, and its
    Corrections section names every change and every finding left."""
    from .render_support import content, differences

    result = api.fix(fixture_pdf(name), tmp_path / "fixed.pdf")
    record = api.load_record(result.record)
    assert record.edition is not None
    again = api.extract(result.pdf)
    bare = record.model_copy(update={"edition": None})
    assert differences(content(bare), content(again)) == []
    assert again.front_matter == extracted(name).front_matter != []
    text = pdf_text(result.pdf)
    if result.corrections or result.left:
        section = text[text.rindex("Corrections") :]
        for c in result.corrections:
            assert c.row.split(" (")[0] in section
        for item in result.left:
            assert item.finding.code.split("_")[0] in section
    if result.corrections:
        assert "Corrected: " in text[: text.index("Authors")]
        assert record.metadata.version == "1.1"
    else:
        assert record.metadata.version == extracted(name).metadata.version
