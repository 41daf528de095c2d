"""Reference fields, exactly as the truth files' `fields` give them (../shared/fixtures/README.md,
"Reference fields"): the parser on each printed text, the extracted record, and each printed
form of a Vancouver reference on its own."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadthkit import extract
from cadthkit.models import Reference, Report
from cadthkit.parse.vancouver import parse_fields, parse_vancouver

from .conftest import FIXTURE_NAMES, FIXTURES, extracted
from .reference_scoring import FIELDS, mismatches, normalise, scored_pairs, truth_references

VARIANTS = FIXTURES / "variants"
VARIANT_NAMES = sorted(p.name[: -len(".truth.json")] for p in VARIANTS.glob("*.truth.json"))
ALL_NAMES = FIXTURE_NAMES + VARIANT_NAMES


def _folder(name: str) -> Path:
    return VARIANTS if name in VARIANT_NAMES else FIXTURES


@cache
def _truth(name: str) -> dict:
    return json.loads((_folder(name) / f"{name}.truth.json").read_text(encoding="utf-8"))


@cache
def _record(name: str) -> Report:
    if name in FIXTURE_NAMES:
        return extracted(name)  # shared with the other fixture tests
    return extract(VARIANTS / f"{name}.pdf")


def _with_fields(truth: dict) -> list[dict]:
    return [r for r in truth_references(truth) if r.get("fields") is not None]


def test_every_fixture_has_references_with_fields() -> None:
    for name in ALL_NAMES:
        assert _with_fields(_truth(name)), name


@pytest.mark.parametrize("name", ALL_NAMES)
def test_parser_reads_every_truth_reference(name: str) -> None:
    """The parser alone, on each reference's printed `text`: every field and `et_al` exact."""
    wrong = []
    for want in _with_fields(_truth(name)):
        got = parse_vancouver(want["text"])
        diff = mismatches(want["fields"], got)
        if got.et_al != want["fields"]["et_al"]:
            diff["et_al"] = (got.et_al, want["fields"]["et_al"])
        if diff:
            wrong.append((want["number"], diff))
    assert wrong == []


@pytest.mark.parametrize("name", ALL_NAMES)
def test_extracted_fields(name: str) -> None:
    """The record's references, paired with the truth's as the README pairs them: every field
    exact, so none is given where the truth leaves it null."""
    truth, record = _truth(name), _record(name)
    wrong: list[tuple[Any, Any]] = []
    for want, ref in scored_pairs(truth, record):
        if ref is None:
            wrong.append((want["number"], "not found"))
        elif diff := mismatches(want["fields"], ref):
            wrong.append((want["number"], diff))
        elif ref.et_al != want["fields"]["et_al"]:
            wrong.append((want["number"], {"et_al": (ref.et_al, want["fields"]["et_al"])}))
    assert wrong == []


# One real-looking reference of each printed form, with every field it prints (the rest null).
FORMS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "journal article with month and day",
        "Cooper JE, Gralla J, Klem P, Chan L, Wiseman AC. High dose intravenous immunoglobulin "
        "therapy for donor-specific antibodies in kidney transplant recipients with acute and "
        "chronic graft dysfunction. Transplantation. 2014 Jun 27;97(12):1253-9.",
        {
            "type": "journal article",
            "authors": ["Cooper JE", "Gralla J", "Klem P", "Chan L", "Wiseman AC"],
            "title": "High dose intravenous immunoglobulin therapy for donor-specific antibodies "
            "in kidney transplant recipients with acute and chronic graft dysfunction",
            "journal": "Transplantation",
            "year": 2014,
            "volume": "97",
            "issue": "12",
            "pages": "1253-9",
        },
    ),
    (
        "month range and a day range",
        "Kowalski PP, Taylor CG. Ketamine in depression. Lancet. 2016 Jan 2-8;387(10013):75-83.",
        {
            "authors": ["Kowalski PP", "Taylor CG"],
            "title": "Ketamine in depression",
            "journal": "Lancet",
            "year": 2016,
            "volume": "387",
            "issue": "10013",
            "pages": "75-83",
        },
    ),
    (
        "supplement as issue, journal [Internet], [cited], Available from",
        "Nazari Z, Ghaffari J, Ebadi A. Comparison of the effect of aspirin and heparin: A "
        "clinical study. J Nat Sci Biol Med [Internet]. 2015 Aug [cited 2017 Nov 6];6(Suppl 1):"
        "S17-S21. Available from: http://www.ncbi.nlm.nih.gov/pmc/articles/PMC4630756",
        {
            "type": "journal article",
            "authors": ["Nazari Z", "Ghaffari J", "Ebadi A"],
            "title": "Comparison of the effect of aspirin and heparin: A clinical study",
            "journal": "J Nat Sci Biol Med",
            "year": 2015,
            "volume": "6",
            "issue": "Suppl 1",
            "pages": "S17-S21",
            "url": "http://www.ncbi.nlm.nih.gov/pmc/articles/PMC4630756",
        },
    ),
    (
        "supplement printed with the volume",
        "Geraud G, Spierings EL, Keywood C. Tolerability and safety of frovatriptan with short- "
        "and long-term use for treatment of migraine. Headache. 2002;42 Suppl 2:S93-9.",
        {
            "authors": ["Geraud G", "Spierings EL", "Keywood C"],
            "title": "Tolerability and safety of frovatriptan with short- and long-term use for "
            "treatment of migraine",
            "journal": "Headache",
            "year": 2002,
            "volume": "42 Suppl 2",
            "pages": "S93-9",
        },
    ),
    (
        "e-locator without an issue",
        "Zhang N, Bianchi HB, Zhang TB, Campbell A. Intravenous ketamine for treatment-resistant "
        "depression: a randomized controlled trial. PLoS One. 2017;364:e672325.",
        {
            "authors": ["Zhang N", "Bianchi HB", "Zhang TB", "Campbell A"],
            "title": "Intravenous ketamine for treatment-resistant depression: a randomized "
            "controlled trial",
            "journal": "PLoS One",
            "year": 2017,
            "volume": "364",
            "pages": "e672325",
        },
    ),
    (
        "Cochrane review: issue and article number, no volume",
        "Wong LF, Porter TF, Scott JR. Immunotherapy for recurrent miscarriage. Cochrane "
        "Database Syst Rev. 2014 Oct 21;(10):CD000112.",
        {
            "authors": ["Wong LF", "Porter TF", "Scott JR"],
            "title": "Immunotherapy for recurrent miscarriage",
            "journal": "Cochrane Database Syst Rev",
            "year": 2014,
            "issue": "10",
            "pages": "CD000112",
        },
    ),
    (
        "epub ahead of print: the date alone",
        "Moreso F, Crespo M, Ruiz JC, Torres A, Gutierrez-Dalmau A, Osuna A, et al. Treatment of "
        "chronic antibody mediated rejection with intravenous immunoglobulins and rituximab. Am J "
        "Transplant. 2017 Sep 26.",
        {
            "authors": [
                "Moreso F",
                "Crespo M",
                "Ruiz JC",
                "Torres A",
                "Gutierrez-Dalmau A",
                "Osuna A",
            ],
            "et_al": True,
            "title": "Treatment of chronic antibody mediated rejection with intravenous "
            "immunoglobulins and rituximab",
            "journal": "Am J Transplant",
            "year": 2017,
        },
    ),
    (
        "'Epub ahead of print.' after the date",
        "Sato RL, Park PL. Intravenous ketamine versus usual care for treatment-resistant "
        "depression (randomized controlled trial). Lancet. 2015 Jun 2. Epub ahead of print.",
        {
            "authors": ["Sato RL", "Park PL"],
            "title": "Intravenous ketamine versus usual care for treatment-resistant depression "
            "(randomized controlled trial)",
            "journal": "Lancet",
            "year": 2015,
        },
    ),
    (
        "'[Epub ahead of print]' in brackets",
        "Yen GG, Fu L. Melatonin in children. Am J Med. 2017 Mar 15. [Epub ahead of print]",
        {
            "authors": ["Yen GG", "Fu L"],
            "title": "Melatonin in children",
            "journal": "Am J Med",
            "year": 2017,
        },
    ),
    (
        "'Epub' date after the pages: the year is the print year",
        "Wang SW, Zhong SY. The effect of intravenous immunoglobulin: a meta-analysis. Reprod "
        "Biomed Online. 2017 Jan;34(1):20-36. Epub 2016 Oct 12.",
        {
            "authors": ["Wang SW", "Zhong SY"],
            "title": "The effect of intravenous immunoglobulin: a meta-analysis",
            "journal": "Reprod Biomed Online",
            "year": 2017,
            "volume": "34",
            "issue": "1",
            "pages": "20-36",
        },
    ),
    (
        "erratum note: its citation is no field",
        "Malinowski JM, Bolesta S. Rosiglitazone in the treatment of type 2 diabetes mellitus: a "
        "critical review. Clin Ther. 2000;22(10):1151-68. Erratum in: Clin Ther. "
        "2001;23(2):309.",
        {
            "authors": ["Malinowski JM", "Bolesta S"],
            "title": "Rosiglitazone in the treatment of type 2 diabetes mellitus: a critical "
            "review",
            "journal": "Clin Ther",
            "year": 2000,
            "volume": "22",
            "issue": "10",
            "pages": "1151-68",
        },
    ),
    (
        "retracted: the flag in the title and the retraction note",
        "Wakefield AJ, Murch SH, Anthony A. Ileal-lymphoid-nodular hyperplasia, non-specific "
        "colitis, and pervasive developmental disorder in children [retracted in: Lancet. "
        "2010;375(9713):445]. Lancet. 1998;351(9103):637-41. Retraction in: Lancet. "
        "2010;375(9713):445.",
        {
            "authors": ["Wakefield AJ", "Murch SH", "Anthony A"],
            "title": "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
            "developmental disorder in children",
            "journal": "Lancet",
            "year": 1998,
            "volume": "351",
            "issue": "9103",
            "pages": "637-41",
        },
    ),
    (
        "volume and issue, no pages",
        "Das B, Dimas V, Guleserian K, Lacelle C, Anton K, Moore L, et al. Alemtuzumab "
        "(Campath-1H) therapy for refractory rejections in pediatric heart transplant recipients. "
        "Pediatr Transplant. 2017 Feb;21(1).",
        {
            "authors": ["Das B", "Dimas V", "Guleserian K", "Lacelle C", "Anton K", "Moore L"],
            "et_al": True,
            "title": "Alemtuzumab (Campath-1H) therapy for refractory rejections in pediatric "
            "heart transplant recipients",
            "journal": "Pediatr Transplant",
            "year": 2017,
            "volume": "21",
            "issue": "1",
        },
    ),
    (
        "pages, no volume",
        "Alfonso J, Gralla J, Klem P, Chan L, Wiseman AC, Cooper JE. High-dose intravenous "
        "immunoglobulin therapy: updates on previously reported cohorts. Clin Transpl. "
        "2014;161-70.",
        {
            "authors": ["Alfonso J", "Gralla J", "Klem P", "Chan L", "Wiseman AC", "Cooper JE"],
            "title": "High-dose intravenous immunoglobulin therapy: updates on previously "
            "reported cohorts",
            "journal": "Clin Transpl",
            "year": 2014,
            "pages": "161-70",
        },
    ),
    (
        "title with a question inside and at its end",
        "Côté TP. Does melatonin improve outcomes in insomnia in children? A non-randomized "
        "study? J Am Geriatr Soc. 2016 Apr 16. Epub ahead of print.",
        {
            "authors": ["Côté TP"],
            "title": "Does melatonin improve outcomes in insomnia in children? A non-randomized "
            "study?",
            "journal": "J Am Geriatr Soc",
            "year": 2016,
        },
    ),
    (
        "a group among the authors; particles, apostrophes and a lower-case surname",
        "Egerup P, van der Berg AB, O'Brien L, guaron de la CA, ImmuReMIPD Study Group. The "
        "effects of intravenous immunoglobulins in women with recurrent miscarriages. PLoS ONE "
        "[Internet]. 2015 [cited 2017 Nov 6];10(10):e0141588. Available from: "
        "http://www.ncbi.nlm.nih.gov/pmc/articles/PMC4627734",
        {
            "authors": [
                "Egerup P",
                "van der Berg AB",
                "O'Brien L",
                "guaron de la CA",
                "ImmuReMIPD Study Group",
            ],
            "title": "The effects of intravenous immunoglobulins in women with recurrent "
            "miscarriages",
            "journal": "PLoS ONE",
            "year": 2015,
            "volume": "10",
            "issue": "10",
            "pages": "e0141588",
            "url": "http://www.ncbi.nlm.nih.gov/pmc/articles/PMC4627734",
        },
    ),
    (
        "an organisation as the only author of an article",
        "Diabetes Prevention Program Research Group. Hypertension, insulin, and proinsulin in "
        "participants with impaired glucose tolerance. Hypertension. 2002 Nov;40(5):679-86.",
        {
            "authors": ["Diabetes Prevention Program Research Group"],
            "title": "Hypertension, insulin, and proinsulin in participants with impaired "
            "glucose tolerance",
            "journal": "Hypertension",
            "year": 2002,
            "volume": "40",
            "issue": "5",
            "pages": "679-86",
        },
    ),
    (
        "a suffix after the initials",
        "Gilstrap LC 3rd, Cunningham FG. Operative obstetrics in practice. Obstet Gynecol. "
        "2002;99(5):720-7.",
        {
            "authors": ["Gilstrap LC 3rd", "Cunningham FG"],
            "title": "Operative obstetrics in practice",
            "journal": "Obstet Gynecol",
            "year": 2002,
            "volume": "99",
            "issue": "5",
            "pages": "720-7",
        },
    ),
    (
        "DOI printed as a doi.org link after 'Available from:'",
        "Kim DP, Ødegaard BA. Intravenous ketamine for treatment-resistant depression: a economic "
        "evaluation. BMJ [Internet]. 2013 [cited 2014 Jan 3];45(5):1356-59. Available from: "
        "https://doi.org/10.2817/j.49867",
        {
            "authors": ["Kim DP", "Ødegaard BA"],
            "title": "Intravenous ketamine for treatment-resistant depression: a economic "
            "evaluation",
            "journal": "BMJ",
            "year": 2013,
            "volume": "45",
            "issue": "5",
            "pages": "1356-59",
            "doi": "10.2817/j.49867",
            "url": "https://doi.org/10.2817/j.49867",
        },
    ),
    (
        "DOI printed after 'doi:' (no 'Available from', so no url)",
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. "
        "N Engl J Med. 2002 Jul 25;347(4):284-7. doi:10.1056/NEJMsa020549.",
        {
            "authors": ["Halpern SD", "Ubel PA", "Caplan AL"],
            "title": "Solid-organ transplantation in HIV-infected patients",
            "journal": "N Engl J Med",
            "year": 2002,
            "volume": "347",
            "issue": "4",
            "pages": "284-7",
            "doi": "10.1056/NEJMsa020549",
        },
    ),
    (
        "report on the Internet without authors, series note",
        "Off-Label Use of Intravenous Immunoglobulin: A Review of Clinical Effectiveness "
        "[Internet]. Ottawa: CADTH; 2017 Nov 1. [cited 2017 Nov 6]. (CADTH rapid response "
        "report: peer-reviewed summary with critical appraisal). Available from: "
        "https://www.cadth.ca/label-use-intravenous-immunoglobulin-review-clinical-effectiveness",
        {
            "type": "report",
            "title": "Off-Label Use of Intravenous Immunoglobulin: A Review of Clinical "
            "Effectiveness",
            "year": 2017,
            "url": "https://www.cadth.ca/label-use-intravenous-immunoglobulin-review-clinical-"
            "effectiveness",
        },
    ),
    (
        "report by an organisation, place: publisher; year [cited]",
        "Canadian Institute for Health Information. Diabetic Foot Ulcers in practice: a status "
        "report [Internet]. London: WHO; 2013 [cited 2015 Dec 18]. Available from: "
        "https://www.canada.ca/en/31495",
        {
            "type": "report",
            "authors": ["Canadian Institute for Health Information"],
            "title": "Diabetic Foot Ulcers in practice: a status report",
            "year": 2013,
            "url": "https://www.canada.ca/en/31495",
        },
    ),
    (
        "printed report, no [Internet]",
        "Tran K, Ho C. Negative pressure wound therapy: a review of clinical effectiveness. Ottawa "
        "(ON): Canadian Agency for Drugs and Technologies in Health; 2017 Nov. (CADTH rapid "
        "response report: summary with critical appraisal).",
        {
            "type": "report",
            "authors": ["Tran K", "Ho C"],
            "title": "Negative pressure wound therapy: a review of clinical effectiveness",
            "year": 2017,
        },
    ),
    (
        "web page: copyright year, [updated; cited]",
        "Canadian Agency for Drugs and Technologies in Health. Drug shortages [Internet]. Ottawa "
        "(ON): CADTH; c2019 [updated 2019 Mar 1; cited 2019 Apr 2]. Available from: "
        "https://www.cadth.ca/drug-shortages",
        {
            "type": "web page",
            "authors": ["Canadian Agency for Drugs and Technologies in Health"],
            "title": "Drug shortages",
            "year": 2019,
            "url": "https://www.cadth.ca/drug-shortages",
        },
    ),
    (
        "web page with no publisher and no year (only the [cited] date)",
        "Health Canada. Drug Product Database [Internet]. [cited 2019 Jan 14]. Available from: "
        "https://health-products.canada.ca/dpd-bdpp/",
        {
            "type": "web page",
            "authors": ["Health Canada"],
            "title": "Drug Product Database",
            "url": "https://health-products.canada.ca/dpd-bdpp/",
        },
    ),
    (
        "book with an edition and 'St. Louis'",
        "Murray PR, Rosenthal KS, Kobayashi GS, Pfaller MA. Medical microbiology. 4th ed. St. "
        "Louis: Mosby; 2002.",
        {
            "type": "book",
            "authors": ["Murray PR", "Rosenthal KS", "Kobayashi GS", "Pfaller MA"],
            "title": "Medical microbiology",
            "year": 2002,
        },
    ),
    (
        "edited book: 'editors' is no name",
        "Gilstrap LC 3rd, Cunningham FG, VanDorsten JP, editors. Operative obstetrics. 2nd ed. "
        "New York: McGraw-Hill; 2002.",
        {
            "type": "book",
            "authors": ["Gilstrap LC 3rd", "Cunningham FG", "VanDorsten JP"],
            "title": "Operative obstetrics",
            "year": 2002,
        },
    ),
    (
        "book chapter: the chapter's authors and title, the book's year and pages",
        "Meltzer PS, Kallioniemi A, Trent JM. Chromosome alterations in human solid tumors. In: "
        "Vogelstein B, Kinzler KW, editors. The genetic basis of human cancer. New York: "
        "McGraw-Hill; 2002. p. 93-113.",
        {
            "type": "book",
            "authors": ["Meltzer PS", "Kallioniemi A", "Trent JM"],
            "title": "Chromosome alterations in human solid tumors",
            "year": 2002,
            "pages": "93-113",
        },
    ),
    (
        "conference paper",
        "Christensen S, Oppacher F. An analysis of Koza's computational effort statistic for "
        "genetic programming. Paper presented at: 5th European Conference on Genetic Programming; "
        "2002 Apr 3-5; Kinsale, Ireland.",
        {
            "type": "other",
            "authors": ["Christensen S", "Oppacher F"],
            "title": "An analysis of Koza's computational effort statistic for genetic programming",
            "year": 2002,
        },
    ),
    (
        "thesis",
        "Borkowski MM. Infant sleep and feeding: a telephone survey of Hispanic Americans "
        "[dissertation]. Mount Pleasant (MI): Central Michigan University; 2002.",
        {
            "type": "other",
            "authors": ["Borkowski MM"],
            "title": "Infant sleep and feeding: a telephone survey of Hispanic Americans",
            "year": 2002,
        },
    ),
]


@pytest.mark.parametrize(("form", "text", "want"), FORMS, ids=[f[0] for f in FORMS])
def test_printed_form(form: str, text: str, want: dict[str, Any]) -> None:
    got = parse_vancouver(text)
    for name in FIELDS:
        assert normalise(name, getattr(got, name)) == normalise(name, want.get(name)), name
    assert got.et_al == want.get("et_al", False)
    assert got.type == want.get("type", "journal article")


def test_a_title_is_not_taken_for_an_organisation() -> None:
    """A sentence-case first sentence with commas is a title, not an author list."""
    got = parse_vancouver(
        "Vitamin D, calcium and falls in older adults. Lancet. 2016;387(10013):75-83."
    )
    assert got.authors == []
    assert got.title == "Vitamin D, calcium and falls in older adults"


_PARTS = [
    "Smith J",
    ", ",
    "et al",
    ". ",
    "A title",
    "?",
    " [Internet]",
    "2017",
    " Jan 5",
    ";",
    "12",
    "(3)",
    ":",
    "e45-9",
    "Ottawa: CADTH; ",
    " In: ",
    "p. 3-9",
    " doi:10.1/x ",
    "https://a.b",
    " Available from: ",
    " Epub ahead of print",
    " Erratum in: ",
    "c2019",
    " [cited 2018]",
    "World Health Organization",
    " [dissertation]",
    " Paper presented at: ",
    " ",
]


@given(st.lists(st.sampled_from(_PARTS), max_size=30).map("".join))
def test_any_text_gives_a_valid_reference(text: str) -> None:
    """Whatever the text, parsing gives a valid record whose names and year are printed in it."""
    ref = parse_fields(Reference(number=1, text=text))
    Reference.model_validate(ref.model_dump())
    assert all(name in text for name in ref.authors)
    assert ref.year is None or str(ref.year) in text


def test_parse_fields_fills_the_reference() -> None:
    ref = parse_fields(
        Reference(
            number=6,
            text="Meng L, Lin J, Chen L, Wang Z, Liu M, Liu Y, et al. Effectiveness and potential "
            "mechanisms of intralipid in treating unexplained recurrent spontaneous abortion. "
            "Arch Gynecol Obstet. 2016 Jul;294(1):29-39.",
        )
    )
    assert ref.authors == ["Meng L", "Lin J", "Chen L", "Wang Z", "Liu M", "Liu Y"]
    assert ref.et_al is True
    assert ref.type == "journal article"
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.pages) == (
        "Arch Gynecol Obstet",
        2016,
        "294",
        "1",
        "29-39",
    )


def test_seed_reference_six_fields() -> None:
    ref = extracted("ivig-offlabel-2017").reference(6)
    assert ref is not None
    assert ref.authors == ["Meng L", "Lin J", "Chen L", "Wang Z", "Liu M", "Liu Y"]
    assert ref.et_al is True
    assert ref.pmid == "26671484"
