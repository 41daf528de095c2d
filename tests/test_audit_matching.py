"""Name matching, callout forms, counts in words, and each check on small hand-built records."""

from __future__ import annotations

import pytest

from cadthkit.audit import audit
from cadthkit.audit.counts import design_of, stated_counts
from cadthkit.audit.matching import core_key, fold, name_key, name_score, surname
from cadthkit.audit.rows import resolve_rows
from cadthkit.models.report import (
    Citation,
    Metadata,
    Reference,
    ReferenceGroup,
    Report,
    Source,
    StudyRow,
    SummaryTable,
    TextCitation,
)
from cadthkit.parse.citations import parse_callout

# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "ref_author"),
    [
        ("Ramos-Medina", "Ramos-Medina R"),
        ("Ramos Medina", "Ramos-Medina R"),
        ("O'Brien", "O’Brien AR"),
        ("OBrien", "O'Brien AR"),
        ("Ødegaard", "Odegaard BN"),
        ("Odegaard", "Ødegaard BN"),
        ("Côté", "Cote R"),
        ("Lefèvre", "Lefevre CS"),
        ("Müller", "Muller J"),
        ("van der Berg", "van der Berg BL"),
        ("Van Der Berg", "van der Berg BL"),
        ("de la Cruz", "De La Cruz A"),
        ("Zerdes et al.", "Zerdes I"),
        ("Zerdes et al", "Zerdes I"),
        ("ImmuReMIPD Study Group", "ImmuReMIPD Study Group"),
        ("Al-Hashimi", "Al-Hashimi H"),
    ],
)
def test_same_first_author(row: str, ref_author: str) -> None:
    assert name_score(row, ref_author) >= 0.95


@pytest.mark.parametrize(
    ("row", "ref_author"),
    [
        ("Berg", "van der Berg BL"),  # particles dropped on one side only
        ("Cruz", "de la Cruz A"),
    ],
)
def test_particles_may_be_dropped(row: str, ref_author: str) -> None:
    assert name_score(row, ref_author) == 0.95


def test_half_of_a_compound_surname_is_a_weaker_match() -> None:
    assert name_score("Ramos", "Ramos-Medina R") == 0.8


@pytest.mark.parametrize(
    ("row", "ref_author"),
    [
        ("Chan", "Chen T"),
        ("Park", "Parker B"),
        ("Costa", "Acosta H"),
        ("Li", "Lim J"),
        ("Wong", ""),
    ],
)
def test_different_authors_do_not_match(row: str, ref_author: str) -> None:
    assert name_score(row, ref_author) == 0.0


def test_fold_and_keys() -> None:
    assert fold("Ødegaard Æsir Łukasz ß") == "Odegaard AEsir Lukasz ss"
    assert name_key("O'Brien") == "obrien"
    assert name_key("Ramos-Medina") == "ramosmedina"
    assert core_key("van der Berg") == "berg"
    assert surname("van der Berg BL") == "van der Berg"
    assert surname("Wang SW") == "Wang"
    assert surname("ImmuReMIPD Study Group") == "ImmuReMIPD Study Group"
    assert surname("Smith J.") == "Smith"


# --- callouts and counts ---------------------------------------------------------------------


@pytest.mark.parametrize("callout", ["1-4", "1–4", "1,2,3,4", "1, 2-4", "1-2, 3,4"])
def test_every_callout_form_cites_each_reference_it_spans(callout: str) -> None:
    refs = [ref(n, f"Author{chr(64 + n)} A", 2015) for n in range(1, 5)]
    findings = audit(report([], refs, text=f"four randomized controlled trials^{{{callout}}}"))
    assert findings == []


def test_a_reference_skipped_by_a_callout_is_uncited() -> None:
    refs = [ref(n, f"Author{chr(64 + n)} A", 2015) for n in range(1, 5)]
    findings = audit(report([], refs, text="three randomized controlled trials^{1, 3-4}"))
    assert [(f.code, f.numbers) for f in findings] == [("uncited_reference", [2])]


def test_counts_in_words() -> None:
    text = (
        "Five systematic reviews, three randomized controlled trials, and nine non-randomized "
        "studies were identified. No relevant health technology assessments were identified."
    )
    found = [(c.value, c.word, c.design) for c in stated_counts(text)]
    assert found == [(5, "Five", "sr"), (3, "three", "rct"), (9, "nine", "nrs"), (0, "No", "hta")]


def test_counts_with_callouts_and_directions() -> None:
    text = (
        "Four systematic reviews,^{2-5} three randomized controlled trials,^{6-8} five prospective"
        " observational studies,^{9-13} and two economic evaluations^{10,11} were found."
    )
    found = [(c.value, c.design, c.direction, c.callout) for c in stated_counts(text)]
    assert found == [
        (4, "sr", None, "2-5"),
        (3, "rct", None, "6-8"),
        (5, "nrs", "prospective", "9-13"),
        (2, "ee", None, "10,11"),
    ]


@pytest.mark.parametrize(
    ("heading", "design"),
    [
        ("Systematic Reviews and Meta-analyses", "sr"),
        ("Randomized Controlled Trials", "rct"),
        ("Non-Randomized Studies", "nrs"),
        ("Prospective Observational Studies", "nrs"),
        ("Retrospective Observational Studies", "nrs"),
        ("Table 3: Summary of Economic Evaluations", "ee"),
        ("Health Technology Assessments", "hta"),
        ("Guidelines", "guideline"),
        ("Table 2: Summary of Included Studies", None),
    ],
)
def test_design_names(heading: str, design: str | None) -> None:
    assert design_of(heading) == design


# --- hand-built records ------------------------------------------------------------------------


def ref(
    number: int,
    authors: str,
    year: int,
    section: str = "Randomized Controlled Trials",
    **extra: object,
) -> Reference:
    names = [a.strip() for a in authors.split(",")]
    return Reference(
        number=number,
        section=section,
        text=f"{authors}. A study. J. {year}.",
        authors=names,
        year=year,
        **extra,
    )  # type: ignore[arg-type]


def row(
    author: str, year: int, raw: str, section: str = "Randomized Controlled Trials"
) -> StudyRow:
    return StudyRow(
        section=section,
        first_author=author,
        year=year,
        year_raw=str(year),
        citation=Citation(raw=raw, numbers=parse_callout(raw) or []),
    )


def report(
    rows: list[StudyRow],
    refs: list[Reference],
    *,
    text: str | None = None,
    key_findings: str | None = None,
    appendix: list[Reference] | None = None,
    report_type: str = "Summary of Abstracts",
) -> Report:
    cites = []
    if text:
        from cadthkit.parse.citations import SUPERSCRIPT

        cites = [
            TextCitation(
                raw=m.group(1),
                numbers=parse_callout(m.group(1)) or [],
                section="Overall Summary of Findings",
                paragraph=0,
                sentence=text,
                page=3,
            )
            for m in SUPERSCRIPT.finditer(text)
        ]
    return Report(
        tool_version="test",
        source=Source(path="x.pdf", sha256="0" * 64, page_count=1),
        metadata=Metadata(report_type=report_type),
        key_findings=key_findings,
        overall_summary=[text] if text else [],
        summary_tables=[
            SummaryTable(
                title="Table 2: Summary of Included Studies",
                columns=["First Author, Year"],
                rows=rows,
            )
        ]
        if rows
        else [],
        text_citations=cites,
        references=refs,
        appendix=[ReferenceGroup(heading="Review Articles", references=appendix or [])],
    )


def codes(findings: list) -> list[tuple]:
    return [(f.code, f.location.row, f.printed, f.expected) for f in findings]


def test_two_studies_by_the_same_first_author_told_apart_by_year() -> None:
    refs = [ref(1, "Smith A, Jones B", 2014), ref(2, "Smith C", 2016)]
    rows = [row("Smith", 2016, "1"), row("Smith", 2014, "2")]
    findings = audit(report(rows, refs, text="two trials^{1,2}"))
    assert codes(findings) == [
        ("citation_mismatch", "Smith (2016)", 1, 2),
        ("citation_mismatch", "Smith (2014)", 2, 1),
    ]
    assert (findings[0].evidence or "").startswith(
        "printed reference 1 (Smith, 2014) has year 2014; reference 2 (Smith, 2016)"
    )


def test_same_author_and_year_twice_is_settled_by_what_is_free_with_lower_confidence() -> None:
    refs = [ref(1, "Smith A", 2016), ref(2, "Smith C", 2016), ref(3, "Jones D", 2015)]
    rows = [row("Smith", 2016, "1"), row("Smith", 2016, "3"), row("Jones", 2015, "3")]
    findings = audit(report(rows, refs, text="three trials^{1-3}"))
    assert codes(findings) == [("citation_mismatch", "Smith (2016)", 3, 2)]
    assert findings[0].confidence is not None and findings[0].confidence < 1
    assert "also possible: 1" in (findings[0].evidence or "")


def test_coauthor_with_the_row_name_is_not_the_study() -> None:
    refs = [ref(1, "Tremblay NN, Côté AC", 2014), ref(2, "Côté R", 2014)]
    rows = [row("Côté", 2014, "1"), row("Tremblay", 2014, "2")]
    assert codes(audit(report(rows, refs, text="two trials^{1,2}"))) == [
        ("citation_mismatch", "Côté (2014)", 1, 2),
        ("citation_mismatch", "Tremblay (2014)", 2, 1),
    ]


def test_out_of_range_unreadable_and_unmatched() -> None:
    refs = [ref(1, "Ødegaard BN", 2020), ref(2, "Park C", 2018), ref(3, "Lee K", 2017)]
    rows = [row("Odegaard", 2020, "16"), row("Park", 2018, "2b"), row("Nobody", 2011, "3")]
    findings = audit(report(rows, refs, text="three trials^{1-3}"))
    assert codes(findings) == [
        ("citation_mismatch", "Nobody (2011)", 3, None),
        ("citation_out_of_range", "Odegaard (2020)", 16, 1),
        ("citation_unreadable", "Park (2018)", "2b", 2),
    ]


def test_epub_year_one_apart_is_info_only() -> None:
    refs = [ref(1, "Meng L", 2015)]
    findings = audit(report([row("Meng", 2016, "1")], refs, text="one trial^{1}"))
    assert [(f.code, f.severity) for f in findings] == [("year_mismatch", "info")]


def test_gap_duplicate_uncited_and_repeated_number() -> None:
    refs = [
        ref(1, "Wong LF", 2014, pmid="111"),
        ref(2, "Meng L", 2016),
        ref(4, "Lee S", 2015, pmid="111"),
        ref(4, "Kim J", 2013),
    ]
    findings = audit(report([row("Wong", 2014, "1")], refs, text="two trials^{1,2}"))
    got = sorted((f.code, tuple(f.numbers)) for f in findings)
    assert got == [
        ("duplicate_reference", (1, 4)),
        ("numbering_gap", (3,)),
        ("repeated_number", (4,)),
        ("uncited_reference", (4,)),
        ("uncited_reference", (4,)),
    ]


def test_numbering_runs_on_into_the_appendix() -> None:
    refs = [ref(1, "Wong LF", 2014)]
    appendix = [ref(3, "Furman A", 2016, section=None)]
    findings = audit(report([row("Wong", 2014, "1")], refs, appendix=appendix))
    assert [(f.code, f.numbers) for f in findings] == [("numbering_gap", [2])]


def test_reference_list_report_cites_nothing_and_is_not_uncited() -> None:
    refs = [ref(1, "Wong LF", 2014), ref(2, "Meng L", 2016)]
    kf = "Two randomized controlled trials were identified."
    assert audit(report([], refs, key_findings=kf, report_type="Reference List")) == []
    wrong = "Three randomized controlled trials were identified."
    findings = audit(report([], refs, key_findings=wrong, report_type="Reference List"))
    assert [(f.code, f.printed, f.expected) for f in findings] == [("count_mismatch", 3, 2)]


def test_count_mismatch_counts_rows_and_reports_a_repeated_count_once() -> None:
    refs = [ref(1, "Wong LF", 2014, "Systematic Reviews"), ref(2, "Meng L", 2016)]
    rows = [row("Wong", 2014, "1", "Systematic Reviews"), row("Meng", 2016, "2")]
    kf = "Two systematic reviews and one randomized controlled trial were identified."
    r = report(rows, refs, key_findings=kf, text="one review^{1} and one trial^{2}")
    r.results_paragraphs = [kf]
    findings = audit(r)
    assert [
        (f.code, f.location.section, f.printed, f.printed_text, f.expected) for f in findings
    ] == [("count_mismatch", "Key Findings", 2, "Two", 1)]
    assert "Results says the same" in (findings[0].evidence or "")


def test_text_callout_of_another_design_and_wrong_count() -> None:
    refs = [
        ref(1, "Wong LF", 2014, "Systematic Reviews"),
        ref(2, "Meng L", 2016),
        ref(3, "Kim J", 2016),
    ]
    rows = [
        row("Wong", 2014, "1", "Systematic Reviews"),
        row("Meng", 2016, "2"),
        row("Kim", 2016, "3"),
    ]
    three = audit(report(rows, refs, text="three randomized controlled trials^{1-3} were found."))
    assert [(f.code, f.severity, f.numbers) for f in three] == [
        ("text_design_mismatch", "warning", [1])
    ]
    two = audit(report(rows, refs, text="one review^{1} and two randomized trials,^{2-3,1}."))
    assert sorted((f.code, f.printed, f.expected) for f in two) == [
        ("text_count_mismatch", 2, 3),
        ("text_design_mismatch", "2-3,1", None),
    ]


def test_row_under_another_design_than_its_reference() -> None:
    refs = [ref(1, "Wong LF", 2014, "Systematic Reviews")]
    findings = audit(
        report(
            [row("Wong", 2014, "1", "Randomized Controlled Trials")], refs, text="one review^{1}"
        )
    )
    assert [(f.code, f.severity) for f in findings] == [("section_mismatch", "warning")]


def test_text_callouts_out_of_range_and_unreadable() -> None:
    refs = [ref(1, "Wong LF", 2014)]
    r = report([row("Wong", 2014, "1")], refs, text="one trial^{1} and more^{7}")
    r.text_citations.append(r.text_citations[0].model_copy(update={"raw": "a", "numbers": []}))
    assert sorted((f.code, f.printed) for f in audit(r)) == [
        ("text_citation_out_of_range", 7),
        ("text_citation_unreadable", "a"),
    ]


def test_rows_resolve_ok_when_printed_reference_matches() -> None:
    refs = [ref(1, "Ramos-Medina R", 2014), ref(2, "van der Berg BL", 2015)]
    checks = resolve_rows(
        report([row("Ramos-Medina", 2014, "1"), row("Van der Berg", 2015, "2")], refs)
    )
    assert [(c.status, c.matched.number if c.matched else None) for c in checks] == [
        ("ok", 1),
        ("ok", 2),
    ]


def test_a_row_citing_two_papers_of_its_study_cites_both() -> None:
    refs = [ref(1, "Wong LF", 2014), ref(2, "Wong LF", 2015), ref(3, "Meng L", 2016)]
    rows = [row("Wong", 2014, "1,2"), row("Meng", 2016, "3")]
    assert audit(report(rows, refs)) == []


def test_a_reference_reached_only_by_a_wrong_number_is_uncited() -> None:
    refs = [ref(1, "Wong LF", 2014), ref(2, "Meng L", 2016), ref(3, "Kim J", 2016)]
    rows = [row("Wong", 2014, "1"), row("Meng", 2016, "3")]
    findings = audit(report(rows, refs))
    assert sorted((f.code, f.printed, f.expected) for f in findings) == [
        ("citation_mismatch", 3, 2),
        ("uncited_reference", 3, None),
    ]
