"""The audit end to end on every fixture PDF: extract, check, compare with the truth; and the
`cadthkit check` command (formats, output file, annotation, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.cli import app
from cadthkit.models.findings import AuditFile

from .conftest import FIXTURES, extracted, truth
from .truth_records import finding_keys, fixture_names, truth_keys

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "findings.schema.json"
SEED = FIXTURES / "ivig-offlabel-2017.pdf"
runner = CliRunner()


@pytest.mark.parametrize("name", fixture_names())
def test_findings_are_exactly_the_truths(name: str) -> None:
    findings = api.check(extracted(name))
    expected = truth(name)["expected_findings"]
    assert finding_keys(findings, expected) == truth_keys(expected)
    listed = {e["kind"] for e in expected}
    unlisted = [(f.code, f.message) for f in findings if f.code not in listed]
    assert all(f.severity == "info" for f in findings if f.code not in listed), unlisted


@pytest.mark.parametrize("name", ["ivig-offlabel-2017-clean", "synthetic-s12-reflist-web"])
def test_clean_reports_have_no_error_or_warning(name: str) -> None:
    assert [f for f in api.check(extracted(name)) if f.severity != "info"] == []


@pytest.mark.parametrize("name", fixture_names())
def test_row_findings_point_at_the_printed_superscript(name: str) -> None:
    for f in api.check(extracted(name)):
        if f.location.row:
            box = f.location.box
            assert box is not None and box.page == f.location.page
            assert box.x1 - box.x0 < 20, "a superscript box, not the whole cell"


def test_seed_finding_carries_evidence_and_fix() -> None:
    meng = next(
        f for f in api.check(extracted("ivig-offlabel-2017")) if f.location.row == "Meng (2016)"
    )
    assert (meng.code, meng.printed, meng.expected, meng.confidence) == (
        "citation_mismatch",
        5,
        6,
        1.0,
    )
    assert meng.location.section == "Randomized Controlled Trials"
    assert "reference 6 (Meng, 2016)" in (meng.evidence or "")
    assert meng.suggested_fix == "Change the superscript after Meng (2016) from 5 to 6."


def test_check_accepts_a_pdf_path_and_a_record_path(tmp_path: Path) -> None:
    record = tmp_path / "s13.json"
    record.write_text(extracted("synthetic-s13-web").model_dump_json())
    from_pdf = api.check(FIXTURES / "synthetic-s13-web.pdf")
    from_record = api.check(record)
    assert [f.model_dump() for f in from_pdf] == [f.model_dump() for f in from_record]
    assert len(from_pdf) == 4


# --- command line ------------------------------------------------------------------------------


def test_cli_json_validates_against_the_committed_schema(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEED), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    parsed = AuditFile.model_validate(data)
    assert parsed.results[0].counts.error == 7
    assert parsed.results[0].counts.warning == 1
    gap = next(f for f in parsed.results[0].findings if f.code == "numbering_gap")
    assert gap.numbers == [18]


def test_cli_text_groups_by_severity_and_summarises() -> None:
    result = runner.invoke(app, ["check", str(FIXTURES / "synthetic-s11.pdf")])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert out.index("Errors (3)") < out.index("Warnings (1)")
    assert "count_mismatch" in out and "Five" in out
    assert out.rstrip().endswith("3 errors, 1 warning, 0 info — FAIL")


def test_cli_exit_zero_on_a_clean_report_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "clean.json"
    pdf = FIXTURES / "ivig-offlabel-2017-clean.pdf"
    result = runner.invoke(app, ["check", str(pdf), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert AuditFile.model_validate_json(out.read_text()).results[0].findings == []
    assert [p.name for p in tmp_path.iterdir()] == ["clean.json"]  # no temp file left


def test_cli_several_inputs_one_result_each(tmp_path: Path) -> None:
    record = tmp_path / "s35.json"
    record.write_text(extracted("synthetic-s35-landscape").model_dump_json())
    pdf = FIXTURES / "synthetic-s12-reflist-web.pdf"
    result = runner.invoke(app, ["check", str(record), str(pdf), "--format", "json"])
    assert result.exit_code == 1, result.output
    results = AuditFile.model_validate_json(result.stdout).results
    assert [(r.source, r.counts.error) for r in results] == [(str(record), 2), (str(pdf), 0)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "is not a valid cadthkit record"),
        ('{"record_type": "cadthkit.report"}', "tool_version: Field required"),
        ("plain text", "is not a PDF (no %PDF header)"),
    ],
)
def test_cli_unusable_input_exits_2_with_one_clear_message(
    tmp_path: Path, content: str | None, message: str
) -> None:
    bad = tmp_path / ("bad.txt" if content == "plain text" else "bad.json")
    if content is not None:
        bad.write_text(content)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["check", str(bad), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert str(bad) in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_invalid_record_lists_each_bad_field_on_its_own_line(tmp_path: Path) -> None:
    data = json.loads(extracted("synthetic-s11").model_dump_json())
    data["references"][0]["number"] = 0
    data["summary_tables"][0]["rows"][0]["year"] = "soon"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert any(line.strip().startswith("references.0.number:") for line in lines)
    assert any(line.strip().startswith("summary_tables.0.rows.0.year:") for line in lines)


def test_cli_annotate_draws_every_finding_on_its_page(tmp_path: Path) -> None:
    out = tmp_path / "annotated.pdf"
    result = runner.invoke(app, ["check", str(SEED), "--annotate", str(out)])
    assert result.exit_code == 1, result.output
    reader = PdfReader(out)
    assert len(reader.pages) == len(PdfReader(SEED).pages) + 1  # a summary page first
    findings = api.check(extracted("ivig-offlabel-2017"))
    for f in findings:
        assert f.location.page is not None
        text = reader.pages[f.location.page].extract_text()
        assert f.code in text, (f.code, f.location.page)
        if f.expected is not None:
            assert f"fix: {f.printed} → {f.expected}" in text
    untouched = PdfReader(SEED).pages[0].extract_text()
    assert reader.pages[1].extract_text() == untouched


def test_cli_annotate_locates_paragraph_findings(tmp_path: Path) -> None:
    out = tmp_path / "s11.pdf"
    result = runner.invoke(
        app, ["check", str(FIXTURES / "synthetic-s11.pdf"), "--annotate", str(out)]
    )
    assert result.exit_code == 1, result.output
    texts = [p.extract_text() for p in PdfReader(out).pages[1:]]  # after the summary
    key_findings_page = next(i for i, t in enumerate(texts) if "Key Findings" in t)
    assert "'Five' should be 4" in texts[key_findings_page]
    assert "not located" not in "".join(texts)


def test_cli_annotate_from_a_record_needs_the_same_pdf(tmp_path: Path) -> None:
    report = extracted("synthetic-s35-landscape")
    record = tmp_path / "rec.json"
    record.write_text(
        report.model_copy(
            update={"source": report.source.model_copy(update={"path": str(SEED)})}
        ).model_dump_json()
    )
    out = tmp_path / "a.pdf"
    result = runner.invoke(app, ["check", str(record), "--annotate", str(out)])
    assert result.exit_code == 2, result.output
    assert "SHA-256 differs" in result.stderr
    assert not out.exists()


def test_check_has_help() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0, result.output
    assert "--annotate" in result.stdout
