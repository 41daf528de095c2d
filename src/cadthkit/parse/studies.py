"""Summary tables: stitch a table's page grids, drop repeated headers, join split rows, and
read 'Author (Year)^{n}' from the first column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Box, Citation, ParseWarning, StudyRow, SummaryTable
from ..pdf import Cell, Grid, Line
from .citations import parse_callout
from .criteria import split_bullets
from .text import join_lines

_FIRST_CELL = re.compile(
    r"^(?P<author>.+?)\s*\((?P<year>[^()]*)\)\s*(?:\^\{(?P<sup>[^}]*)\})?\s*(?P<rest>.*)$"
)


@dataclass
class _RawRow:
    cells: list[list[Line]]
    pages: list[int]
    first_cell: Cell
    section: str | None = None
    spans_page: bool = False
    extra: list[str] = field(default_factory=list)


def _texts(row: list[Cell | None]) -> list[str]:
    return [join_lines([ln.text for ln in c.lines]) if c else "" for c in row]


def _is_section_row(row: list[Cell | None]) -> bool:
    filled = [c for c in row if c is not None]
    return len(row) > 1 and len(filled) == 1 and row[0] is not None and bool(row[0].lines)


def _cell_value(lines: list[Line]) -> str | list[str]:
    lead, items = split_bullets(lines)
    if not items:
        return lead
    return [lead, *items] if lead else items


def stitch(grids: list[Grid]) -> tuple[list[str], list[_RawRow]]:
    """Header texts and the data rows of a table printed over several grids (pages)."""
    header: list[str] = []
    rows: list[_RawRow] = []
    section: str | None = None
    for gi, grid in enumerate(grids):
        first_data = True
        for ri, row in enumerate(grid.rows):
            texts = _texts(row)
            if not header:
                header = texts
                continue
            if ri == 0 and texts == header:
                continue  # header repeated on a new page
            starts_page, first_data = first_data and gi > 0, False
            if _is_section_row(row):
                section = texts[0]
                continue
            cells = [c.lines if c else [] for c in row]
            if starts_page and not texts[0] and rows:
                last = rows[-1]  # the rest of a row that the page break split
                for i, lines in enumerate(cells[: len(last.cells)]):
                    last.cells[i].extend(lines)
                last.pages.append(grid.page)
                continue
            first = row[0]
            if first is None:
                continue
            rows.append(_RawRow(cells, [grid.page], first, section))
    return header, rows


def _citation_box(cell: Cell, page: int) -> Box | None:
    for line in cell.lines:
        if line.sups:
            _, x0, top, x1, bottom = line.sups[-1]
            return Box(page=page, x0=x0, top=top, x1=x1, bottom=bottom)
    return None


def to_study_row(raw: _RawRow, warnings: list[ParseWarning], table: str) -> StudyRow | None:
    first_text = join_lines([ln.text for ln in raw.cells[0]])
    m = _FIRST_CELL.match(first_text)
    page = raw.pages[0]
    cell = raw.first_cell
    box = Box(page=page, x0=cell.x0, top=cell.top, x1=cell.x1, bottom=cell.bottom)
    if not m:
        warnings.append(
            ParseWarning(
                code="unreadable_row",
                page=page,
                message=f"{table}: first cell '{first_text}' is not 'Author (Year)'; row skipped.",
            )
        )
        return None
    year_raw = m.group("year").strip()
    year = int(year_raw) if re.fullmatch(r"\d{4}", year_raw) else None
    if year is not None and not 1900 <= year <= 2100:
        year = None
    if year is None:
        warnings.append(
            ParseWarning(
                code="unreadable_year",
                page=page,
                message=f"{table}: year '{year_raw}' of "
                f"'{m.group('author')}' is not a plausible year.",
            )
        )
    sup = (m.group("sup") or "").strip()
    numbers = parse_callout(sup) or []
    if not sup:
        warnings.append(
            ParseWarning(
                code="missing_citation",
                page=page,
                message=f"{table}: row '{m.group('author')} ({year_raw})' "
                "has no superscript citation.",
            )
        )
    return StudyRow(
        section=raw.section,
        first_author=m.group("author").strip(),
        year=year,
        year_raw=year_raw,
        citation=Citation(raw=sup, numbers=numbers, box=_citation_box(cell, page)),
        cells=[_cell_value(lines) for lines in raw.cells[1:]],
        pages=sorted(set(raw.pages)),
        box=box,
    )


def parse_summary_table(
    caption: str, grids: list[Grid], footnote: str | None, warnings: list[ParseWarning]
) -> SummaryTable:
    m = re.match(r"^Table\s+(\d+)", caption)
    header, raw_rows = stitch(grids)
    rows = [r for raw in raw_rows if (r := to_study_row(raw, warnings, caption)) is not None]
    return SummaryTable(
        number=int(m.group(1)) if m else None,
        title=caption,
        columns=header,
        rows=rows,
        footnote=footnote,
        pages=sorted({g.page for g in grids}),
    )
