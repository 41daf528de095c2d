"""Parsed Vancouver fields of references, against what the printed text shows."""

from __future__ import annotations

import re

import pytest

from cadthkit.models import Reference
from cadthkit.parse.vancouver import parse_fields

from .conftest import FIXTURE_NAMES, extracted


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fields_are_read_from_the_text(name: str) -> None:
    report = extracted(name)
    refs = report.references + [r for g in report.appendix for r in g.references]
    assert refs
    for ref in refs:
        text = ref.text
        if ref.authors:
            assert text.startswith(ref.authors[0]), ref.number
            assert all(a in text for a in ref.authors), ref.number
        assert ref.title and ref.title in text, ref.number
        if ref.journal:
            assert ref.journal in text, ref.number
        assert ref.year is not None and str(ref.year) in text, ref.number
        if ref.volume and ref.issue and ref.pages:
            assert f"{ref.volume}({ref.issue}):{ref.pages}" in text, ref.number
        if "doi.org/" in text:
            assert ref.doi and ref.doi in text
        if ref.url:
            assert ref.url in text


def test_seed_reference_six_fields() -> None:
    ref = extracted("ivig-offlabel-2017").reference(6)
    assert ref is not None
    assert ref.authors == ["Meng L", "Lin J", "Chen L", "Wang Z", "Liu M", "Liu Y"]
    assert ref.title == (
        "Effectiveness and potential mechanisms of intralipid in treating unexplained "
        "recurrent spontaneous abortion"
    )
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.pages) == (
        "Arch Gynecol Obstet",
        2016,
        "294",
        "1",
        "29-39",
    )
    assert ref.pmid == "26671484"


def test_title_with_two_question_sentences() -> None:
    ref = parse_fields(
        Reference(
            number=3,
            text=(
                "Novak MG, Park EH. Does melatonin improve outcomes in insomnia in children? "
                "A systematic review? Ann Intern Med. 2014;4:e302243."
            ),
        )
    )
    assert ref.title == (
        "Does melatonin improve outcomes in insomnia in children? A systematic review?"
    )
    assert ref.journal == "Ann Intern Med"
    assert (ref.year, ref.volume, ref.pages) == (2014, "4", "e302243")


def test_corporate_report_has_no_authors() -> None:
    ref = parse_fields(
        Reference(
            number=19,
            text=(
                "Off-Label Use of Intravenous Immunoglobulin: A Review of Clinical Effectiveness "
                "[Internet]. Ottawa: CADTH; 2017 Nov 1. Available from: https://www.cadth.ca/x."
            ),
        )
    )
    assert ref.authors == []
    assert ref.url == "https://www.cadth.ca/x"
    assert re.match(r"^Off-Label Use", ref.title or "")
