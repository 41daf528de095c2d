"""The audit on Critical Appraisal and 2021 records built from the truths: one finding per wrong
table occurrence, counts of distinct studies, the PRISMA checks, clean reports clean, and the
codes table in the README generated from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cadthkit.audit import CODES, audit, codes_table
from cadthkit.audit.registry import all_codes
from cadthkit.models.report import Citation, Report

from .truth_records import truth_report

ROOT = Path(__file__).resolve().parents[1]


def _serious(report: Report) -> list[tuple]:
    return [
        (f.code, f.location.row or f.location.section, f.printed, f.expected)
        for f in audit(report)
        if f.severity != "info"
    ]


def _set_citation(report: Report, label: str, raw: str, table: int | None = None) -> None:
    for t in report.summary_tables:
        for row in t.rows:
            if row.label == label and (table is None or t.number == table):
                row.citation = Citation(raw=raw, numbers=[int(raw)])


def clean_sca() -> Report:
    """s42 with its defects repaired: Lefèvre's 'l8' reads 8, the duplicate 11 is gone."""
    report, _ = truth_report("synthetic-s42-sca-web")
    _set_citation(report, "Lefèvre et al. (2013)", "8")
    report.references = [r for r in report.references if r.number != 11]
    return report


def clean_2021() -> Report:
    report, _ = truth_report("synthetic-s44-2021")
    _set_citation(report, "Zhang (2009)", "2")
    assert report.key_findings
    report.key_findings = report.key_findings.replace("three randomized", "two randomized")
    return report


@pytest.mark.parametrize("build", [clean_sca, clean_2021])
def test_clean_sca_and_clean_2021_report_have_no_error_or_warning(build) -> None:
    assert _serious(build()) == []


def test_a_wrong_number_on_one_table_occurrence_is_one_finding_naming_that_table() -> None:
    report, _ = truth_report("synthetic-s41-sca")
    found = [f for f in audit(report) if f.code.startswith("citation_")]
    assert len(found) == 1
    f = found[0]
    assert f.location.table == "Table 7: Summary of Findings of Included Primary Clinical Studies"
    assert (f.location.row, f.location.first_author, f.printed, f.expected) == (
        "Lam and Roy (2013)",
        "Lam",
        15,
        12,
    )
    assert f.suggested_fix == "Change the superscript after Lam and Roy (2013) from 15 to 12."


def test_a_study_s_other_tables_settle_a_tie_with_its_duplicate() -> None:
    """s42: 'l8' in Table 4; references 8 and 11 are the same work, and Tables 2 and 6 print 8."""
    report, _ = truth_report("synthetic-s42-sca-web")
    f = next(f for f in audit(report) if f.code == "citation_unreadable")
    assert (f.expected, f.confidence) == (8, 1.0)
    assert f.location.table and f.location.table.startswith("Table 4:")


def test_counts_are_of_distinct_studies_from_their_design_cells_and_titles() -> None:
    report, _ = truth_report("synthetic-s41-sca")
    counts = [(f.location.section, f.printed, f.expected) for f in audit(report)]
    # 1 SR (Table 2's title), 3 RCTs and 2 NRS (Table 3's Study Design cells), each printed
    # in three tables: only Quantity of Research Available's "two systematic reviews" is wrong
    assert [c for c in counts if c[0] == "Quantity of Research Available"] == [
        ("Quantity of Research Available", 2, 1)
    ]
    assert not [c for c in counts if c[0] == "Key Findings"]


def test_a_count_is_not_checked_against_design_sections_a_flat_list_does_not_have() -> None:
    report, _ = truth_report("synthetic-s41-sca")
    report.summary_tables = []  # say extraction found no table: nothing to count against
    assert not [f for f in audit(report) if f.code == "count_mismatch"]


def test_studies_of_unknown_design_make_a_count_uncertain_not_wrong() -> None:
    report, _ = truth_report("synthetic-s41-sca")
    for t in report.summary_tables:
        if t.number == 3:  # design cells unreadable: RCT and NRS counts cannot be told
            for row in t.rows:
                row.cells[0] = "Not reported"
    # five studies of unknown design might make up any count: none is certainly wrong
    assert not [f for f in audit(report) if f.code == "count_mismatch"]
    # but more than stated is certain: one systematic review is in the tables
    qra = next(s for s in report.body if s.heading == "Quantity of Research Available")
    qra.paragraphs[0] = qra.paragraphs[0].replace("two systematic reviews", "no systematic reviews")
    found = [(f.location.section, f.printed, f.expected) for f in audit(report)]
    assert ("Quantity of Research Available", 0, 1) in found


def test_prisma_arithmetic_text_and_included() -> None:
    report, _ = truth_report("synthetic-s41-sca")
    assert report.prisma is not None
    report.prisma.full_text = 18  # 688 − 671 = 17; and the text says 17
    report.prisma.included = 5  # 19 − 13 = 6; the text says 6; the tables hold 6 studies
    got = sorted(
        (f.code, f.printed, f.expected) for f in audit(report) if f.code.startswith("prisma_")
    )
    assert got == [
        ("prisma_arithmetic", 5, 6),  # potentially relevant − excluded
        ("prisma_arithmetic", 18, 17),  # identified − excluded
        ("prisma_arithmetic", 19, 20),  # retrieved + other sources
        ("prisma_included_mismatch", 5, 6),
        ("prisma_text_mismatch", 6, 5),
        ("prisma_text_mismatch", 17, 18),
    ]
    f = next(f for f in audit(report) if f.code == "prisma_included_mismatch")
    assert "Tables 2–7 summarise 6 studies" in f.message


def test_prisma_exclusion_reasons_must_add_up() -> None:
    report, _ = truth_report("synthetic-s42-sca-web")
    assert report.prisma is not None
    report.prisma.exclusion_reasons[0].count += 2  # 16, not 14
    got = [(f.code, f.printed, f.expected) for f in audit(report) if f.code.startswith("prisma")]
    assert got == [("prisma_arithmetic", 14, 16)]


def test_a_callout_in_a_table_title_cites_its_reference() -> None:
    report, _ = truth_report("synthetic-s42-sca-web")
    # AMSTAR 2 (4) is cited in Methods and in Table 4's title: drop it from Methods
    for section in report.body:
        section.paragraphs = [p.replace("AMSTAR 2^{4}", "AMSTAR 2") for p in section.paragraphs]
    report.text_citations = [tc for tc in report.text_citations if tc.raw != "4"]
    assert not [f for f in audit(report) if f.code == "uncited_reference" and f.numbers == [4]]
    report.summary_tables[2].title = report.summary_tables[2].title.replace("^{4}", "^{40}")
    found = [(f.code, f.printed) for f in audit(report) if f.code.startswith("text_citation")]
    assert found == [("text_citation_out_of_range", 40)]


def test_a_range_over_a_numbering_gap_is_only_the_gap() -> None:
    report, _ = truth_report("synthetic-s41-sca")  # "^{11-16}" while 14 is not listed
    assert "text_citation_out_of_range" not in {f.code for f in audit(report)}
    report.body[-1].paragraphs[0] += " See also^{14}."
    report.text_citations[-1] = report.text_citations[-1].model_copy(
        update={"raw": "14", "numbers": [14]}
    )
    assert [f.printed for f in audit(report) if f.code == "text_citation_out_of_range"] == [14]


# --- the codes table ---------------------------------------------------------------------------


def test_readme_codes_table_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text()
    table = codes_table()
    assert table in readme, "regenerate the README table: print(cadthkit.audit.codes_table())"


def test_audit_docs_list_every_code_at_its_severities() -> None:
    text = (ROOT / "docs" / "README-audit.md").read_text()
    rows = re.findall(r"^\| `([a-z_]+)` \| ([a-z /]+) \|", text, re.M)
    documented = {code: {s.strip() for s in severity.split("/")} for code, severity in rows}
    assert documented == {c.name: set(c.severities) for c in all_codes()}


def test_codes_map_each_code_to_its_severity() -> None:
    assert CODES["citation_mismatch"] == "error"
    assert CODES["year_mismatch"] == "warning"
    assert {"prisma_arithmetic", "prisma_included_mismatch", "prisma_text_mismatch"} <= set(CODES)
