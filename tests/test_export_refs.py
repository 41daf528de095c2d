"""References exported for reference managers parse back, with a well-kept library per format,
to the same references as the record: authors, year, title and PubMed ID, in order, for every
public fixture and our own. CSL-JSON also validates against a JSON Schema built from the CSL
specification's own lists of item types and variables (shipped with citeproc-py), and
citeproc-py formats a bibliography from it."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import bibtexparser
import citeproc
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from typer.testing import CliRunner

from cadthkit.cli import app
from cadthkit.export import references_of, write_refs
from cadthkit.models import Reference, Report

from .conftest import BASE_FIXTURE_NAMES, OWN_NAMES, extracted, fixture_pdf

NAMES = BASE_FIXTURE_NAMES + OWN_NAMES
runner = CliRunner()


def expected(report: Report) -> list[Reference]:
    refs = [ref for ref, _ in references_of(report)]
    assert len(refs) == len(report.references) + sum(len(g.references) for g in report.appendix)
    return refs


def vancouver(family: str, given: str) -> str:
    """'Nazari', 'Z.' → 'Nazari Z'; 'van der Berg', 'A. B.' → 'van der Berg AB'."""
    return f"{family} {given.replace('.', '').replace(' ', '')}"


def same(ref: Reference, authors: list[str], year: int | None, title: str | None, pmid) -> None:
    assert authors == ref.authors, (ref.text, authors)
    assert year == ref.year, ref.text
    assert (title or None) == ref.title, ref.text
    assert (pmid or None) == ref.pmid, ref.text


# --- RIS (rispy) ---------------------------------------------------------------------------------


def ris_author(name: str) -> str:
    family, comma, given = name.partition(", ")
    return vancouver(family, given) if comma else name


@pytest.mark.parametrize("name", NAMES)
def test_ris_parses_back_with_rispy(name: str) -> None:
    report = extracted(name)
    entries = rispy.loads(write_refs(report, "ris"))
    refs = expected(report)
    assert len(entries) == len(refs) > 0
    for ref, entry in zip(refs, entries, strict=True):
        same(
            ref,
            [ris_author(a) for a in entry.get("authors", [])],
            int(entry["year"]) if "year" in entry else None,
            entry.get("title"),
            entry.get("accession_number"),
        )
        assert entry["type_of_reference"] in {"JOUR", "RPRT", "ELEC", "BOOK", "GEN"}
        assert entry.get("doi") == ref.doi and entry.get("urls", [None])[0] == ref.url


# --- BibTeX (bibtexparser) -----------------------------------------------------------------------


def bib_author(name: object) -> str:
    """bibtexparser's NameParts → the Vancouver name; a braced organisation stays whole."""
    first, last = " ".join(name.first), " ".join(name.von + name.last)  # type: ignore[attr-defined]
    if not first:
        return last.strip("{}")
    return vancouver(last, first)


@pytest.mark.parametrize("name", NAMES)
def test_bibtex_parses_back_with_bibtexparser(name: str) -> None:
    report = extracted(name)
    library = bibtexparser.parse_string(
        write_refs(report, "bibtex"),
        append_middleware=[SeparateCoAuthors(), SplitNameParts(), LatexDecodingMiddleware()],
    )
    assert library.failed_blocks == []
    refs = expected(report)
    assert len(library.entries) == len(refs) > 0
    assert len({e.key for e in library.entries}) == len(refs), "cite keys must be unique"
    for ref, entry in zip(refs, library.entries, strict=True):
        fields = entry.fields_dict
        authors = [bib_author(a) for a in fields["author"].value] if "author" in fields else []
        if ref.et_al:
            assert authors[-1] == "others"
            authors = authors[:-1]
        title = (
            fields["title"].value.removeprefix("{").removesuffix("}") if "title" in fields else None
        )
        same(
            ref,
            authors,
            int(fields["year"].value) if "year" in fields else None,
            title,
            fields["pmid"].value if "pmid" in fields else None,
        )


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    report = extracted("ivig-offlabel-2017")
    title = "50% of A & B cost $5 #1_x"
    ref = report.references[0].model_copy(
        update={"title": title, "authors": ["Smith and Jones Group", "Côté A"], "et_al": False}
    )
    text = write_refs(report.model_copy(update={"references": [ref], "appendix": []}), "bibtex")
    assert r"50\% of A \& B cost \$5 \#1\_x" in text
    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    fields = library.entries[0].fields_dict
    assert fields["title"].value.strip("{}") == title
    assert len(fields["author"].value) == 2  # the group is one name: its 'and' is braced


# --- CSL-JSON (the CSL specification's lists; citeproc-py) ---------------------------------------


@cache
def csl_schema() -> dict:
    """A JSON Schema for CSL-JSON items from the CSL specification's item types and variables
    (csl-types.rnc, csl-variables.rnc as citeproc-py ships them)."""
    folder = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"

    def block(text: str, name: str) -> list[str]:
        body = re.search(rf"{re.escape(name)}\s*=\s*(.*?)(?:\n\s*\n|\n\s*##|\}})", text, re.S)
        assert body, name
        return re.findall(r'"([^"]+)"', body.group(1))

    types = block((folder / "csl-types.rnc").read_text(), "item-types")
    variables = (folder / "csl-variables.rnc").read_text()
    names = block(variables, "variables.names")
    dates = block(variables, "variables.dates")
    numbers = block(variables, "variables.numbers")
    strings = block(variables, "variables.strings") + block(variables, "variables.titles")
    assert {"article-journal", "report", "webpage"} <= set(types) and "author" in names
    name = {
        "type": "object",
        "properties": {k: {"type": "string"} for k in ("family", "given", "literal")},
        "additionalProperties": False,
        "minProperties": 1,
    }
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "items": {"type": "array", "items": {"type": ["integer", "string"]}},
            },
            "literal": {"type": "string"},
        },
        "additionalProperties": False,
    }
    properties: dict = {"id": {"type": ["string", "number"]}, "type": {"enum": types}}
    properties |= {v: {"type": "array", "items": name} for v in names}
    properties |= {v: date for v in dates}
    properties |= {v: {"type": ["string", "number"]} for v in numbers + strings}
    item = {
        "type": "object",
        "required": ["id", "type"],
        "properties": properties,
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "array",
        "items": item,
    }


def csl_author(name: dict) -> str:
    return name["literal"] if "literal" in name else vancouver(name["family"], name["given"])


@pytest.mark.parametrize("name", NAMES)
def test_csl_json_validates_and_parses_back_with_citeproc(name: str) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    report = extracted(name)
    data = json.loads(write_refs(report, "csljson"))
    jsonschema.validate(data, csl_schema())
    refs = expected(report)
    assert len(data) == len(refs) > 0
    for ref, item in zip(refs, data, strict=True):
        same(
            ref,
            [csl_author(a) for a in item.get("author", [])],
            item["issued"]["date-parts"][0][0] if "issued" in item else None,
            item.get("title"),
            item.get("PMID"),
        )
    source = CiteProcJSON(data)
    assert len(source) == len(refs)
    styles = Path(citeproc.__file__).parent / "data" / "styles"
    style = CitationStylesStyle(str(next(styles.glob("*.csl"))), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"]) for item in data]))
    printed = [str(entry) for entry in bibliography.bibliography()]
    assert len(printed) == len(refs)
    for ref, text in zip(refs, printed, strict=True):
        if ref.title:
            assert ref.title.split()[0].lower() in text.lower()


def test_csl_schema_rejects_what_is_not_csl() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "journal-article"}], csl_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "report", "pmid": "1"}], csl_schema())


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "suffix"), [("ris", "TY  - "), ("bibtex", "@"), ("csljson", "[")])
def test_export_refs_command(tmp_path: Path, fmt: str, suffix: str) -> None:
    record = tmp_path / "seed.json"
    record.write_text(extracted("ivig-offlabel-2017").model_dump_json(), encoding="utf-8")
    out = tmp_path / f"refs.{fmt}"
    result = runner.invoke(app, ["export-refs", str(record), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(suffix)
    to_stdout = runner.invoke(app, ["export-refs", str(record), "--format", fmt, "-o", "-"])
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_export_refs_of_two_reports_in_one_file(tmp_path: Path) -> None:
    pdfs = [fixture_pdf("synthetic-s11"), fixture_pdf("synthetic-s13-web")]
    result = runner.invoke(app, ["export-refs", *map(str, pdfs), "--format", "ris", "-o", "-"])
    assert result.exit_code == 0, result.output
    entries = rispy.loads(result.stdout)
    assert len(entries) == sum(
        len(expected(extracted(n))) for n in ("synthetic-s11", "synthetic-s13-web")
    )
