"""correct(): citations change only with the matched reference as evidence."""

from __future__ import annotations

import pytest

from cadthkit.api import correct
from cadthkit.audit import audit
from cadthkit.fix import plan_corrections
from cadthkit.models import Finding, Location, Report

from .conftest import FIXTURE_NAMES, extracted, truth
from .truth_records import truth_report

CODES = ("citation_mismatch", "citation_out_of_range", "citation_unreadable")
TABLED = [
    "ivig-offlabel-2017",
    "ivig-offlabel-2017-web",
    "synthetic-s11",
    "synthetic-s13-web",
    "synthetic-s35-landscape",
    "synthetic-s41-sca",
    "synthetic-s42-sca-web",
    "synthetic-s43-longcells",
    "synthetic-s44-2021",
]


WITH_CITATION_FINDINGS = [
    n for n in FIXTURE_NAMES if any(f["kind"] in CODES for f in truth(n)["expected_findings"])
]


def truth_findings(name: str, report: Report) -> list[Finding]:
    """The truth's expected table-citation findings, shaped as the audit reports them (format
    2 names the table of the wrong occurrence; format 1 has one table per row label)."""
    titles = {r.label: t.title for t in report.summary_tables for r in t.rows}
    out = []
    for f in truth(name)["expected_findings"]:
        if f["kind"] not in CODES:
            continue
        n = f["expected"]
        printed = int(f["printed"]) if f["printed"].isdigit() else f["printed"]
        out.append(
            Finding(
                code=f["kind"],
                severity="error",
                message=f"{f['row']} prints {f['printed']}",
                location=Location(table=f.get("table") or titles[f["row"]], row=f["row"]),
                printed=printed,
                expected=n,
                matched_reference=n,
                evidence=f"reference {n}: same first author, same year",
            )
        )
    return out


def citations(report: Report) -> dict[tuple[str, str], str]:
    """Each occurrence's printed citation, by (table title, row label)."""
    return {(t.title, r.label): r.citation.raw for t in report.summary_tables for r in t.rows}


def correct_citations(name: str) -> dict[tuple[str, str], str]:
    """What the truth says each occurrence should print."""
    return {
        (t["title"], r.get("label") or f"{r['first_author']} ({r['year']})"): str(
            r["correct_citation"]
        )
        for t in truth(name)["summary_tables"]
        for s in t["sections"]
        for r in s["rows"]
    }


@pytest.mark.parametrize("name", TABLED)
def test_truth_findings_fix_every_row(name: str) -> None:
    report = extracted(name)
    findings = truth_findings(name, report)
    before = report.model_dump()
    fixed, changes = correct(report, findings)
    assert report.model_dump() == before, "the input record must not be modified"
    assert len(changes) == len(findings) > 0
    assert citations(fixed) == correct_citations(name)
    for row in (r for t in fixed.summary_tables for r in t.rows):
        assert row.citation.numbers == [int(row.citation.raw)]
    by_row = {c.row: c for c in changes}
    for f in findings:
        c = by_row[f.location.row]
        assert (c.printed, c.corrected, c.finding_code) == (str(f.printed), f.expected, f.code)
        assert c.evidence == f.evidence and c.table == f.location.table


@pytest.mark.parametrize("name", WITH_CITATION_FINDINGS)
def test_the_audit_s_findings_on_a_truth_record_fix_exactly_the_wrong_occurrences(
    name: str,
) -> None:
    """Apart from extraction: audit the truth record, correct, and every occurrence prints
    what the truth says; in an SCA only the wrong table's occurrence of a study changes."""
    report, _ = truth_report(name)
    fixed, changes = correct(report, audit(report))
    assert citations(fixed) == correct_citations(name)
    before = citations(report)
    changed = {k for k, v in citations(fixed).items() if v != before[k]}
    assert changed == {(c.table, c.row) for c in changes}
    assert len(changes) == len(truth_findings(name, report))


def test_seed_has_seven_corrections() -> None:
    report = extracted("ivig-offlabel-2017")
    _, changes = correct(report, truth_findings("ivig-offlabel-2017", report))
    assert sorted(c.row for c in changes) == sorted(
        [
            "Wong (2014)",
            "Meng (2016)",
            "Nazari (2015)",
            "Moraru (2012)",
            "Cohen (2015)",
            "Nyborg (2014)",
            "Coulam (2012)",
        ]
    )


def test_clean_report_without_findings_is_unchanged() -> None:
    report = extracted("ivig-offlabel-2017-clean")
    fixed, changes = correct(report, [])
    assert changes == [] and fixed == report


def _one(report: Report, **change: object) -> Finding:
    base = truth_findings("ivig-offlabel-2017", report)[0]  # Wong (2014): 9 → 5
    return base.model_copy(update=change)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"evidence": None}, "no evidence"),
        ({"evidence": "  "}, "no evidence"),
        ({"expected": None, "matched_reference": None}, "no reference matches"),
        ({"matched_reference": 7}, "not the matched reference"),
        ({"expected": 99, "matched_reference": 99}, "not in the main reference list"),
        ({"printed": 4}, "no table row matches"),
        ({"location": Location(table="Table 9: Elsewhere", row="Wong (2014)")}, "no table row"),
        ({"location": Location(table=None, row=None)}, "names no table row"),
    ],
)
def test_nothing_changes_without_evidence(change: dict, reason: str) -> None:
    report = extracted("ivig-offlabel-2017")
    fixed, changes, skipped = plan_corrections(report, [_one(report, **change)])
    assert changes == [] and fixed == report
    assert len(skipped) == 1 and reason in skipped[0].reason


def test_other_finding_codes_are_ignored() -> None:
    report = extracted("ivig-offlabel-2017")
    gap = Finding(code="numbering_gap", severity="warning", message="18 missing", numbers=[18])
    year = _one(report, code="year_mismatch")
    fixed, changes, skipped = plan_corrections(report, [gap, year])
    assert (changes, skipped) == ([], []) and fixed == report


def test_a_row_is_corrected_once() -> None:
    report = extracted("ivig-offlabel-2017")
    finding = _one(report)
    _, changes, skipped = plan_corrections(report, [finding, finding])
    assert len(changes) == 1
    assert "no table row matches" in skipped[0].reason
