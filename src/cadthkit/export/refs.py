"""References in the formats reference managers import (EndNote, Zotero, Mendeley, Covidence):
RIS, BibTeX and CSL-JSON, written from the parsed fields of each reference (never re-parsed from
its text). A field the reference does not print is left out, never guessed."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from ..models import Reference, Report

RefFormat = Literal["ris", "bibtex", "csljson"]
REF_FORMATS: tuple[RefFormat, ...] = ("ris", "bibtex", "csljson")
EXTENSIONS = {"ris": ".ris", "bibtex": ".bib", "csljson": ".json"}

# Reference.type → (RIS TY, BibTeX entry type, CSL type)
TYPES: dict[str | None, tuple[str, str, str]] = {
    "journal article": ("JOUR", "article", "article-journal"),
    "report": ("RPRT", "techreport", "report"),
    "web page": ("ELEC", "misc", "webpage"),
    "book": ("BOOK", "book", "book"),
    "other": ("GEN", "misc", "document"),
    None: ("GEN", "misc", "document"),
}
# A Vancouver personal name: family name(s), then up to four initials ('van der Berg AB').
_PERSON = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4}|[A-Z]-[A-Z])$")
_SUP = re.compile(r"\^\{([^}]*)\}")


def _plain(text: str | None) -> str | None:
    """Record text without the ^{...} superscript marks, on one line."""
    if text is None:
        return None
    return " ".join(_SUP.sub(r"\1", text).split()) or None


def split_name(name: str) -> tuple[str, str] | None:
    """(family, initials) of a personal name as printed; None for a group or organisation."""
    m = _PERSON.match(name.strip())
    return (m.group("family"), m.group("initials")) if m else None


def dotted(initials: str) -> str:
    """'AB' → 'A. B.'; 'J-P' → 'J.-P.'."""
    if "-" in initials:
        return "-".join(f"{part}." for part in initials.split("-"))
    return " ".join(f"{c}." for c in initials)


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """First and last page; a Vancouver range's shortened end is written out ('1073-80' →
    1073, 1080), since RIS keeps the end page on its own."""
    if not pages:
        return None, None
    start, _, end = (p.strip() for p in pages.partition("-"))
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return start or None, end or None


def references_of(report: Report) -> list[tuple[Reference, str]]:
    """The main list, then the further references of the appendix, each with a note saying
    where the report cites it."""
    title = _plain(report.metadata.title) or "the report"
    out = [(ref, f"Reference {ref.number} in: {title}") for ref in report.references]
    for group in report.appendix:
        where = group.heading or report.appendix_heading or "Appendix"
        out += [(ref, f"{_plain(where)} in: {title}") for ref in group.references]
    return out


# --- RIS ---------------------------------------------------------------------------------------


def _ris(ref: Reference, note: str) -> str:
    lines: list[tuple[str, str | None]] = [("TY", TYPES[ref.type][0])]
    for name in ref.authors:
        parts = split_name(name)
        lines.append(("AU", f"{parts[0]}, {dotted(parts[1]).replace(' ', '')}" if parts else name))
    start, end = page_range(ref.pages)
    lines += [
        ("TI", _plain(ref.title)),
        ("T2", _plain(ref.journal)),
        ("J2", _plain(ref.journal)),
        ("PY", str(ref.year) if ref.year else None),
        ("VL", ref.volume),
        ("IS", ref.issue),
        ("SP", start),
        ("EP", end),
        ("DO", ref.doi),
        ("UR", ref.url),
        ("AN", ref.pmid),
        ("DB", "PubMed" if ref.pmid else None),
        ("N1", note),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {' '.join(v.split())}\n" for tag, v in lines if v is not None)


# --- BibTeX ------------------------------------------------------------------------------------

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex(text: str) -> str:
    """Text safe inside a BibTeX {…} value (UTF-8 stays as it is: biber and Zotero read it)."""
    return "".join(_LATEX.get(c, c) for c in text)


def _bib_name(name: str) -> str:
    parts = split_name(name)
    if parts is None:
        return "{" + latex(name) + "}"  # an organisation: one name, 'and' inside it kept
    return f"{latex(parts[0])}, {dotted(parts[1])}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def cite_key(ref: Reference, taken: set[str]) -> str:
    """'Meng2016', then 'Meng2016a', 'Meng2016b' … for the same author and year."""
    first = ref.authors[0] if ref.authors else (ref.title or "ref")
    parts = split_name(first)
    base = _ascii(parts[0] if parts else first.split()[0] if first.split() else "ref")[:30]
    base = (base or "ref") + (str(ref.year) if ref.year else "")
    key, n = base, 0
    while key in taken:
        key = f"{base}{chr(ord('a') + n)}" if n < 26 else f"{base}-{n}"
        n += 1
    taken.add(key)
    return key


def _bibtex(ref: Reference, note: str, taken: set[str]) -> str:
    kind = TYPES[ref.type][1]
    authors = [_bib_name(a) for a in ref.authors] + (["others"] if ref.et_al else [])
    title = _plain(ref.title)
    fields: list[tuple[str, str | None]] = [
        ("author", " and ".join(authors) or None),
        ("title", "{" + latex(title) + "}" if title else None),  # kept as printed: no recasing
        ("journal", latex(_plain(ref.journal) or "") or None),
        ("year", str(ref.year) if ref.year else None),
        ("volume", latex(ref.volume) if ref.volume else None),
        ("number", latex(ref.issue) if ref.issue else None),
        ("pages", latex(ref.pages).replace("-", "--") if ref.pages else None),
        ("doi", ref.doi),
        ("url", ref.url),
        ("pmid", ref.pmid),
        ("note", latex(note)),
    ]
    if kind == "techreport" and ref.authors:
        fields.append(("institution", "{" + latex(ref.authors[0]) + "}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{cite_key(ref, taken)},\n{body}\n}}\n"


# --- CSL-JSON ----------------------------------------------------------------------------------


def _csl_name(name: str) -> dict[str, str]:
    parts = split_name(name)
    return {"family": parts[0], "given": dotted(parts[1])} if parts else {"literal": name}


def _csl(ref: Reference, note: str, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": TYPES[ref.type][2]}
    if ref.authors:
        item["author"] = [_csl_name(a) for a in ref.authors]
    optional = {
        "title": _plain(ref.title),
        "container-title": _plain(ref.journal),
        "container-title-short": _plain(ref.journal),
        "volume": ref.volume,
        "issue": ref.issue,
        "page": ref.pages,
        "DOI": ref.doi,
        "URL": ref.url,
        "PMID": ref.pmid,
        "note": note,
    }
    item.update({k: v for k, v in optional.items() if v})
    if ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    return item


def write_refs(reports: Sequence[Report] | Report, fmt: RefFormat) -> str:
    """All references of `reports` in one RIS, BibTeX or CSL-JSON text."""
    if fmt not in REF_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REF_FORMATS)}, not {fmt!r}")
    items: Iterable[tuple[Reference, str]] = [
        pair
        for r in ([reports] if isinstance(reports, Report) else reports)
        for pair in references_of(r)
    ]
    taken: set[str] = set()
    if fmt == "ris":
        return "\n".join(_ris(ref, note) for ref, note in items)
    if fmt == "bibtex":
        return "\n".join(_bibtex(ref, note, taken) for ref, note in items)
    data = [_csl(ref, note, cite_key(ref, taken)) for ref, note in items]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
