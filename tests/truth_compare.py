"""Compare an extracted record with a truth file the way the fixtures README says (truth
formats 1 and 2): tables matched by number, rows in order by first author and year,
`first_cell_extra` scored as one more cell. Shared by the fixture tests and
`benchmarks/score_fixtures.py`, so the score printed and the test asserted are one rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cadthkit.models import Report, StudyRow, SummaryTable

_TABLE_N = re.compile(r"^Table\s+(\d+)")


def table_number(number: int | None, title: str) -> int | None:
    if number is not None:
        return number
    m = _TABLE_N.match(title)
    return int(m.group(1)) if m else None


def match_tables(
    tables: list[SummaryTable], want: list[dict]
) -> list[tuple[dict, SummaryTable | None]]:
    """Each truth table with the record table of the same number, else the same title."""
    out: list[tuple[dict, SummaryTable | None]] = []
    for wt in want:
        n = table_number(wt.get("number"), wt["title"])
        got = next(
            (t for t in tables if n is not None and table_number(t.number, t.title) == n), None
        )
        if got is None:
            got = next((t for t in tables if t.title == wt["title"]), None)
        out.append((wt, got))
    return out


def truth_rows(wt: dict) -> list[tuple[str | None, dict]]:
    return [(s["name"], r) for s in wt["sections"] for r in s["rows"]]


def match_rows(
    rows: list[StudyRow], want: list[tuple[str | None, dict]]
) -> list[tuple[str | None, dict, StudyRow | None]]:
    """Truth rows paired in order with record rows of the same first author and year."""
    out: list[tuple[str | None, dict, StudyRow | None]] = []
    at = 0
    for section, wr in want:
        got = None
        for k in range(at, len(rows)):
            if rows[k].first_author == wr["first_author"] and rows[k].year == wr["year"]:
                got, at = rows[k], k + 1
                break
        out.append((section, wr, got))
    return out


def truth_cells(wr: dict) -> list[Any]:
    cells = list(wr["cells"])
    if "first_cell_extra" in wr:
        cells.append(wr["first_cell_extra"])
    return cells


def record_cells(row: StudyRow | None, wr: dict) -> list[Any]:
    if row is None:
        return []
    cells: list[Any] = list(row.cells)
    if "first_cell_extra" in wr:
        # pad so that the extra is compared with the extra, whatever the cell count
        cells = cells[: len(wr["cells"])] + [None] * (len(wr["cells"]) - len(cells))
        cells.append(row.first_cell_extra)
    return cells


def row_problems(section: str | None, wr: dict, row: StudyRow | None) -> list[str]:
    """What differs between a truth row and its record row (empty when right)."""
    if row is None:
        return ["missing"]
    problems = []
    if row.section != section:
        problems.append(f"section {row.section!r} != {section!r}")
    if row.citation.raw != wr["printed_citation"]:
        problems.append(f"citation {row.citation.raw!r} != {wr['printed_citation']!r}")
    if "label" in wr and row.label != wr["label"]:
        problems.append(f"label {row.label!r} != {wr['label']!r}")
    for i, (got, want) in enumerate(zip(record_cells(row, wr), truth_cells(wr), strict=False)):
        if got != want:
            problems.append(f"cell {i}")
    if len(row.cells) != len(wr["cells"]):
        problems.append(f"{len(row.cells)} cells != {len(wr['cells'])}")
    return problems


def table_problems(table: SummaryTable | None, wt: dict) -> list[str]:
    """Table-level differences (title, columns, footnote and the format 2 keys)."""
    if table is None:
        return ["missing"]
    problems = []
    for key, got in (
        ("title", table.title),
        ("columns", table.columns),
        ("footnote", table.footnote),
        ("number", table.number),
        ("layout", table.layout),
        ("appendix", table.appendix),
    ):
        if key in wt and got != wt[key]:
            problems.append(f"{key} {got!r} != {wt[key]!r}")
    return problems


def ref_tuple(ref: Any) -> tuple:
    return (ref.number, ref.section, ref.subsection, ref.text, ref.pmid, ref.url)


def truth_ref_tuple(ref: dict, section: str | None = None) -> tuple:
    return (
        ref["number"],
        ref.get("section", section),
        ref.get("subsection"),
        ref["text"],
        ref["pmid"],
        ref["url"],
    )


@dataclass
class Score:
    rows: int = 0
    rows_right: int = 0
    cells: int = 0
    cells_right: int = 0
    refs: int = 0
    refs_right: int = 0
    fields_wrong: list[str] = field(default_factory=list)


# Report-level truth keys and how to read them from a record.
def _record_value(report: Report, key: str) -> Any:
    meta = report.metadata
    if key in ("title", "report_type", "service_line", "version", "template"):
        return getattr(meta, key)
    if key == "publication_date":
        return meta.publication_date.isoformat() if meta.publication_date else None
    if key in ("report_length_pages", "authors", "cite_as"):
        return getattr(meta, key)
    if key == "page_count":
        return report.source.page_count
    if key == "selection_criteria":
        return {r.label: {"lead": r.text, "items": r.items} for r in report.selection_criteria}
    if key == "body":
        return [
            {"heading": s.heading, "level": s.level, "paragraphs": s.paragraphs}
            for s in report.body
        ]
    if key == "prisma":
        if report.prisma is None:
            return None
        p = report.prisma.model_dump(exclude={"page", "box", "exclusion_reasons"})
        return p
    return getattr(report, key)


FIELD_KEYS = (
    "template",
    "report_type",
    "title",
    "service_line",
    "version",
    "publication_date",
    "report_length_pages",
    "page_count",
    "authors",
    "cite_as",
    "abbreviations",
    "research_questions",
    "key_findings",
    "methods",
    "selection_criteria_intro",
    "selection_criteria",
    "body",
    "results_paragraphs",
    "overall_summary",
    "prisma",
    "references_heading",
    "reference_sections_empty",
)


def truth_value(want: dict, key: str) -> Any:
    """A truth value with format 2's defaults for format 1 files."""
    if key == "template":
        return want.get("template", "2017")
    if key == "prisma" and want.get("prisma") is not None:
        return {k: v for k, v in want["prisma"].items() if k != "exclusion_reasons"}
    return want.get(key)


def field_problems(report: Report, want: dict) -> list[str]:
    """Names of the report-level fields that differ from the truth (only keys it holds)."""
    wrong = []
    for key in FIELD_KEYS:
        if key not in want and key != "template":
            continue
        if _record_value(report, key) != truth_value(want, key):
            wrong.append(key)
    return wrong


def all_truth_refs(want: dict) -> list[tuple]:
    refs = [truth_ref_tuple(r) for r in want["references"]]
    for g in want["appendix"]:
        refs += [truth_ref_tuple(r, g["heading"]) for r in g["references"]]
    return refs


def all_record_refs(report: Report) -> list[tuple]:
    refs = [ref_tuple(r) for r in report.references]
    for g in report.appendix:
        refs += [ref_tuple(r) for r in g.references]
    return refs


def score(report: Report, want: dict) -> Score:
    s = Score()
    for wt, table in match_tables(report.summary_tables, want["summary_tables"]):
        rows = table.rows if table is not None else []
        for section, wr, row in match_rows(rows, truth_rows(wt)):
            s.rows += 1
            s.rows_right += not row_problems(section, wr, row)
            wc, rc = truth_cells(wr), record_cells(row, wr)
            s.cells += len(wc)
            s.cells_right += sum(a == b for a, b in zip(rc, wc, strict=False))
    got = all_record_refs(report)
    for ref in all_truth_refs(want):
        s.refs += 1
        if ref in got:
            got.remove(ref)
            s.refs_right += 1
    s.fields_wrong = field_problems(report, want)
    return s
