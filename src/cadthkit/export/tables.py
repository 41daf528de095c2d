"""One CSV per summary table, as the table reads in the PDF: a row per study with the table,
section, label, first author, year and citation, then the table's own columns under their
printed headers. A bulleted cell becomes one line per bullet, each starting with '• ', which a
spreadsheet shows as the bulleted cell it was."""

from __future__ import annotations

import csv
import io

from ..models import Report, StudyRow, SummaryTable
from .cells import fit_cell

BULLET = "• "
LEAD = ["Table", "Section", "Label", "First author", "Year", "Citation"]
EXTRA = "First cell, further line"  # e.g. the country under the label (characteristics tables)


def cell_text(cell: str | list[str]) -> str:
    """A cell as spreadsheet text: a bulleted cell is one '• item' line per bullet."""
    if isinstance(cell, list):
        return "\n".join(BULLET + item for item in cell)
    return cell


def cell_value(text: str) -> str | list[str]:
    """The inverse of `cell_text` (for tools reading the CSV back)."""
    if text.startswith(BULLET):
        return [item.removeprefix(BULLET) for item in text.split("\n")]
    return text


def cell_columns(table: SummaryTable) -> list[str]:
    """Headers of the cells: a rows table's first column holds the label, so its cells sit
    under the other headers; a spanning table's cell rows sit under all of them."""
    heads = table.columns if table.layout == "spanning" else table.columns[1:]
    width = max([len(heads), *(len(r.cells) for r in table.rows)])
    names = [h or f"Column {i + 1}" for i, h in enumerate(heads)]
    names += [f"Column {i + 1}" for i in range(len(names), width)]
    return names


def table_rows(table: SummaryTable) -> list[list[str]]:
    """The header row and a row per study, as the CSV holds them (before any cell is cut)."""
    extra = any(r.first_cell_extra for r in table.rows)
    columns = cell_columns(table)
    header = [*LEAD, *([EXTRA] if extra else []), *columns]

    def row_of(row: StudyRow) -> list[str]:
        cells = [cell_text(c) for c in row.cells]
        cells += [""] * (len(columns) - len(cells))
        lead = [
            table.title,
            row.section or "",
            row.label,
            row.first_author,
            row.year_raw,
            row.citation.raw,
        ]
        return [*lead, *([row.first_cell_extra or ""] if extra else []), *cells]

    return [header, *(row_of(r) for r in table.rows)]


def _names(stem: str, tables: list[SummaryTable]) -> list[str]:
    """'STEM.table-2.csv' per table; by position where numbers are missing or repeated."""
    numbers = [t.number for t in tables]
    unique = all(n is not None for n in numbers) and len(set(numbers)) == len(numbers)
    return [f"{stem}.table-{t.number if unique else i + 1}.csv" for i, t in enumerate(tables)]


def table_csvs(report: Report, stem: str) -> tuple[dict[str, str], int]:
    """File name → CSV text for every summary table of `report`, and how many cells were cut
    to the spreadsheet limit."""
    out: dict[str, str] = {}
    cut = 0
    for name, table in zip(_names(stem, report.summary_tables), report.summary_tables, strict=True):
        buf = io.StringIO()
        writer = csv.writer(buf)
        for row in table_rows(table):
            fitted = [fit_cell(value) for value in row]
            cut += sum(was_cut for _, was_cut in fitted)
            writer.writerow([value for value, _ in fitted])
        out[name] = buf.getvalue()
    return out, cut
