"""Where a numbered reference list's entries start: a number at a line start opens an entry only
when it continues the numbering, at the entries' margin; any number of digits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadthkit.api import extract, render
from cadthkit.models import Metadata, ParseWarning, Reference, Report, Source
from cadthkit.parse.flow import Item
from cadthkit.parse.references import parse_reference_items
from cadthkit.pdf import Line

MARGIN, INDENT = 62.5, 83.7  # the fixtures' entry margin and hanging indent


def _items(lines: list[tuple[str, float]], gap: float = 3.8) -> list[Item]:
    """Text items at (text, x0), one under the other `gap` pt apart, 10 pt high."""
    out, top = [], 80.0
    for text, x0 in lines:
        out.append(
            Item("text", 1, line=Line(text, 1, x0, top, x0 + 5 * len(text), top + 10, 10, False))
        )
        top += 10 + gap
    return out


def _numbers(lines: list[tuple[str, float]], gap: float = 3.8) -> list[tuple[int | None, str]]:
    warnings: list[ParseWarning] = []
    refs, _, _ = parse_reference_items(_items(lines, gap), warnings)
    assert warnings == []
    return [(r.number, r.text) for r in refs]


def test_a_wrapped_line_starting_with_a_number_stays_in_its_entry() -> None:
    """Found by the property test: a title ending in '3' wrapped before 'J Clin Stud'."""
    got = _numbers(
        [
            ("1. Côté A. Patients treatment trial reduced cycles", MARGIN),
            ("3. J Clin Stud. 2001;1(2):11-9.", INDENT),
            ("2. Smith K. Live births. J Clin Stud. 2003;2(2):11-9.", MARGIN),
        ]
    )
    assert got == [
        (1, "Côté A. Patients treatment trial reduced cycles 3. J Clin Stud. 2001;1(2):11-9."),
        (2, "Smith K. Live births. J Clin Stud. 2003;2(2):11-9."),
    ]


def test_the_next_number_indented_like_a_wrapped_line_is_text() -> None:
    got = _numbers(
        [
            ("1. Côté A. Outcome. J Clin Stud. 2001;1(2):11-9.", MARGIN),
            ("2. Smith K. Patients treatment trial reduced cycles", MARGIN),
            ("3. J Clin Stud. 2003;2(2):11-9.", INDENT),
            ("3. Zhang JM. Dose. J Clin Stud. 2004;3(2):11-9.", MARGIN),
        ]
    )
    assert [n for n, _ in got] == [1, 2, 3]
    assert got[1][1].endswith("cycles 3. J Clin Stud. 2003;2(2):11-9.")


def test_a_number_the_list_skips_still_opens_an_entry() -> None:
    """Printed lists skip numbers (the seed report: 17 is followed by 19)."""
    lines = [
        ("17. Coulam CB. Intralipid treatment for women with reproductive failures.", MARGIN),
        ("Am J Reprod Immunol. 2012;68(3):218-23.", INDENT),
        ("19. Meng L. Efficacy. BMJ. 2016;1(1):1-2.", MARGIN),
    ]
    assert [n for n, _ in _numbers(lines)] == [17, 19]


def test_a_skipped_number_in_a_flush_left_list() -> None:
    """Without a hanging indent an entry that skips a number starts after a finished sentence
    or white space; a wrapped line starting with a number does not."""
    finished = [
        ("1. Côté A. Outcome. J Clin Stud. 2001;1(2):11-9.", MARGIN),
        ("3. Smith K. Dose. J Clin Stud. 2003;3(2):11-9.", MARGIN),
    ]
    assert [n for n, _ in _numbers(finished)] == [1, 3]
    wrapped = [
        ("1. Côté A. Patients treatment trial reduced cycles", MARGIN),
        ("3. J Clin Stud. 2001;1(2):11-9.", MARGIN),
    ]
    assert [n for n, _ in _numbers(wrapped)] == [1]
    assert [n for n, _ in _numbers(wrapped, gap=8)] == [1, 3]


def test_a_number_below_the_last_is_text() -> None:
    got = _numbers(
        [
            ("1. Côté A. Outcome. J Clin Stud. 2001;1(2):11-9.", MARGIN),
            ("2. Smith K. Patients treatment trial reduced cycles", MARGIN),
            ("1. J Clin Stud. 2003;2(2):11-9.", MARGIN),
        ]
    )
    assert [n for n, _ in got] == [1, 2]


def test_ten_thousand_and_one_references() -> None:
    """Issue 13: entry 10000 was glued onto 9999 (the number pattern allowed four digits): the
    list parser on its own."""
    lines = []
    for n in range(1, 10_002):
        lines.append((f"{n}. Author{n} A. Title {n}. J Clin Stud. 2001;{n}(2):11-9.", MARGIN))
    got = _numbers(lines, gap=0.5)
    assert [n for n, _ in got] == list(range(1, 10_002))
    assert got[-1][1] == "Author10001 A. Title 10001. J Clin Stud. 2001;10001(2):11-9."


@pytest.mark.slow
def test_ten_thousand_and_one_references_in_a_pdf(tmp_path: Path) -> None:
    """The same through a rendered PDF of about 300 pages (hanging indent, wrapped entries)."""
    refs = [
        Reference(
            number=n,
            section="Randomized Controlled Trials",
            text=f"Smith A, Côté JM. Trial {n} of live births. J Clin Stud. 2001;{n}(2):11-9.",
        )
        for n in range(1, 10_002)
    ]
    report = Report(
        tool_version="test",
        source=Source(path="generated", sha256="0" * 64, page_count=0),
        metadata=Metadata(
            title="Ten Thousand References",
            report_type="Reference List",
            publication_date=dt.date(2017, 1, 1),
            publication_date_raw="January 1, 2017",
        ),
        research_questions=["What is there?"],
        key_findings="Many references.",
        methods="A search.",
        references_heading="References",
        references=refs,
    )
    again = extract(render(report, tmp_path / "many.pdf"))
    assert [r.number for r in again.references] == list(range(1, 10_002))
    assert [r.text for r in again.references] == [r.text for r in refs]
