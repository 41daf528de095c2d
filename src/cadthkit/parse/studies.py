"""Summary tables: stitch a table's page grids, drop repeated headers, join rows split across
pages, and read 'Author (Year)^{n}' (and a line such as the country under it) from the study
label.

Two layouts: 'rows' (one table row per study, its label in the first column) and 'spanning'
(each study a full-width row holding only its label, then one row of cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Box, Citation, ParseWarning, StudyRow, SummaryTable
from ..models.report import TableLayout
from ..pdf import Cell, Grid, Line
from .citations import parse_callout
from .criteria import split_bullets
from .text import join_lines

_LABEL = re.compile(
    r"^(?P<label>(?P<author>[^()]+?)\s*\((?P<year>[^()]*)\))\s*(?:\^\{(?P<sup>[^}]*)\})?"
    r"\s*(?P<rest>.*)$"
)
_TEXT_HEIGHT = 6.0  # pt: the least height of a row that can hold a line of text
_FIRST_NAME = re.compile(r"\s+et\s+al\b|\s+and\s+|\s*&\s*|,")


@dataclass
class _RawRow:
    label: list[Line]  # the study label's cell (rows: first column; spanning: the merged row)
    cells: list[list[Line]]
    pages: list[int]
    first_cell: Cell
    section: str | None = None


@dataclass
class _Stitched:
    header: list[str] = field(default_factory=list)
    rows: list[_RawRow] = field(default_factory=list)
    layout: TableLayout = "rows"


def _texts(row: list[Cell | None]) -> list[str]:
    return [join_lines([ln.text for ln in c.lines]) if c else "" for c in row]


def _is_merged_row(row: list[Cell | None]) -> bool:
    filled = [c for c in row if c is not None]
    return len(row) > 1 and len(filled) == 1 and row[0] is not None and bool(row[0].lines)


def _is_label(text: str) -> bool:
    """A study label: 'Author (Year)^{n}', or 'Author (Year)' with its callout missing."""
    if "^{" in text:
        return bool(_LABEL.match(text))
    return bool(re.match(r"^[^()]+\(\d{4}\)$", text))


def _cell_value(lines: list[Line]) -> str | list[str]:
    lead, items = split_bullets(lines)
    if not items:
        return lead
    return [lead, *items] if lead else items


def stitch(grids: list[Grid]) -> _Stitched:
    """Header texts and the data rows of a table printed over several grids (pages).

    A row a page break splits continues under the repeated header with an empty label cell
    (rows layout) or with a cell row that has no label row above it (spanning layout); its
    lines are appended to the row they continue, so bullets and sentences stay in order.
    """
    out = _Stitched()
    section: str | None = None
    for gi, grid in enumerate(grids):
        first_data = True
        for ri, row in enumerate(grid.rows):
            texts = _texts(row)
            if not out.header:
                out.header = texts
                continue
            if ri == 0 and texts == out.header:
                continue  # header repeated on a new page
            if not any(texts):
                continue  # no text to read (parse_summary_table warns)
            starts_page, first_data = first_data and gi > 0, False
            cells = [c.lines if c else [] for c in row]
            if _is_merged_row(row):
                if _is_label(texts[0]):
                    out.layout = "spanning"
                    first = row[0]
                    assert first is not None
                    out.rows.append(_RawRow(first.lines, [], [grid.page], first, section))
                else:
                    section = texts[0]
                continue
            if out.layout == "spanning" and out.rows:
                last = out.rows[-1]
                if last.cells:  # the rest of a cell row that the page break split
                    for i, lines in enumerate(cells[: len(last.cells)]):
                        last.cells[i].extend(lines)
                else:
                    last.cells = cells
                if grid.page not in last.pages:
                    last.pages.append(grid.page)
                continue
            if starts_page and not texts[0] and out.rows:
                last = out.rows[-1]  # the rest of a row that the page break split
                for i, lines in enumerate(cells[1 : len(last.cells) + 1]):
                    last.cells[i].extend(lines)
                last.pages.append(grid.page)
                continue
            first = row[0]
            if first is None:
                continue
            out.rows.append(_RawRow(cells[0], cells[1:], [grid.page], first, section))
    return out


def _lost(row: list[Cell | None]) -> bool:
    """A ruled row tall enough for a line of text that holds none (a sliver of a row split
    across pages, as some writers leave under the repeated header, is no loss)."""
    cells = [c for c in row if c is not None]
    tall = any(c.bottom - c.top >= _TEXT_HEIGHT for c in cells)
    return tall and not any(_texts(row))


def _citation_box(lines: list[Line], page: int) -> Box | None:
    for line in lines:
        if line.sups:
            _, x0, top, x1, bottom = line.sups[0]
            return Box(page=page, x0=x0, top=top, x1=x1, bottom=bottom)
    return None


def to_study_row(raw: _RawRow, warnings: list[ParseWarning], table: str) -> StudyRow | None:
    first_text = join_lines([ln.text for ln in raw.label])
    m = _LABEL.match(first_text)
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
    author = " ".join(m.group("author").split())
    year_raw = m.group("year").strip()
    year = int(year_raw) if re.fullmatch(r"\d{4}", year_raw) else None
    if year is not None and not 1900 <= year <= 2100:
        year = None
    if year is None:
        warnings.append(
            ParseWarning(
                code="unreadable_year",
                page=page,
                message=f"{table}: year '{year_raw}' of '{author}' is not a plausible year.",
            )
        )
    sup = (m.group("sup") or "").strip()
    if not sup:
        warnings.append(
            ParseWarning(
                code="missing_citation",
                page=page,
                message=f"{table}: row '{author} ({year_raw})' has no superscript citation.",
            )
        )
    return StudyRow(
        section=raw.section,
        label=" ".join(m.group("label").split()),
        first_author=_FIRST_NAME.split(author, maxsplit=1)[0].strip(),
        year=year,
        year_raw=year_raw,
        citation=Citation(
            raw=sup, numbers=parse_callout(sup) or [], box=_citation_box(raw.label, page)
        ),
        first_cell_extra=m.group("rest").strip() or None,
        cells=[_cell_value(lines) for lines in raw.cells],
        pages=sorted(set(raw.pages)),
        box=box,
    )


def parse_summary_table(
    caption: str,
    grids: list[Grid],
    footnote: str | None,
    warnings: list[ParseWarning],
    appendix: str | None = None,
) -> SummaryTable:
    m = re.match(r"^Table\s+(\d+)", caption)
    blank = [g.page for g in grids for row in g.rows if _lost(row)]
    if blank:  # (a content stream cut short draws the rules but not the text)
        what = "a ruled row" if len(blank) == 1 else f"{len(blank)} ruled rows"
        warnings.append(
            ParseWarning(
                code="table_cut_short",
                page=blank[0],
                message=f"{caption}: {what} from page {blank[0]} on hold no readable text; "
                "their content is missing from the record.",
            )
        )
    stitched = stitch(grids)
    rows = [r for raw in stitched.rows if (r := to_study_row(raw, warnings, caption)) is not None]
    return SummaryTable(
        number=int(m.group(1)) if m else None,
        title=caption,
        columns=stitched.header,
        layout=stitched.layout,
        appendix=appendix,
        rows=rows,
        footnote=footnote,
        pages=sorted({g.page for g in grids}),
    )
