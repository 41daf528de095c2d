"""Ruled tables (Table 1 criteria, summary tables, corrections): a grid (2017, 2013) or
horizontal rules only (2021), because the extractor finds table cells from ruling lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..errors import RecordError
from ..models import Correction, CriterionRow, StudyRow, SummaryTable
from .fonts import REGULAR
from .markup import esc, inline
from .styles import BULLET, FRAME_WIDTH, GRID_COLOR, Styles, Theme

CellContent: TypeAlias = Paragraph | list[Flowable] | str

# Rows split across a page where the page ends (as the seed's word processor does), but only
# with room for at least this much of the row, so an 'Author (Year)' label stays whole.
# (splitByRow=1 would first split between rows, then put a repeated header and a sliver of the
# next row on the same page.)
MIN_SPLIT = 40
ROOMY = 200.0  # with this much height free, a failed split can only be a short tail: retry


class RowSplittingTable(Table):
    """reportlab Table that also splits a row whose tail is shorter than MIN_SPLIT, rather than
    fail (a row that nearly fills a page would otherwise never fit anywhere)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = self._split_whole(availWidth, availHeight)
        if parts or availHeight < ROOMY:
            return parts
        self.splitInRow = 1
        try:
            parts = self._split_whole(availWidth, availHeight)
        finally:
            self.splitInRow = MIN_SPLIT
        for part in parts:
            part.splitInRow = MIN_SPLIT
        return parts

    def _split_whole(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """reportlab's split, without a tail that holds nothing but the repeated header and
        the empty end of a row that already fitted (it would print as an empty page)."""
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) == 2 and all(_blank(c) for row in _body_rows(parts[1]) for c in row):
            return parts[:1]
        return parts


def _body_rows(table: Table) -> list[list[object]]:
    return table._cellvalues[table.repeatRows :]


def _blank(value: object) -> bool:
    """A cell with nothing to print."""
    if value is None or value == "":
        return True
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    return False  # a flowable (the piece of a split paragraph, too) prints something


_BASE = [
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def _rules(theme: Theme) -> list[tuple]:
    """A full grid (2017, 2013), or horizontal rules only (2021: a heavier rule on top)."""
    if theme.ruled:
        return [
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, theme.rule_color),
            ("LINEBELOW", (0, 0), (-1, -1), 0.75, theme.rule_color),
        ]
    return [("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR)]


def _header_fill(theme: Theme, ncols: int) -> list[tuple]:
    """The header row's shading: one rectangle per cell where rules are horizontal only (2021),
    because a reader finds such a table's columns from the sides of its shaded header cells."""
    if theme.ruled:
        return [("BACKGROUND", (c, 0), (c, 0), theme.head_fill) for c in range(ncols)]
    return [("BACKGROUND", (0, 0), (-1, 0), theme.head_fill)]


def _style(theme: Theme, *extra: tuple) -> TableStyle:
    return TableStyle([*_BASE, *_rules(theme), *extra])


def bullets(items: Sequence[str], st: Styles) -> list[Flowable]:
    """One paragraph per item, each starting with a real '•' glyph."""
    return [Paragraph(inline(item), st.cell_bullet, bulletText=BULLET) for item in items]


def criteria_table(rows: Sequence[CriterionRow], st: Styles) -> Table:
    """Table 1: bold label column on a shaded ground, text plus bullet items."""
    data: list[list[CellContent]] = []
    for row in rows:
        text: list[Flowable] = []
        if row.text:
            text.append(Paragraph(inline(row.text), st.cell))
        text.extend(bullets(row.items, st))
        data.append([Paragraph(esc(row.label), st.cell_bold), text])
    label_width = 100.0
    table = RowSplittingTable(
        data,
        colWidths=[label_width, FRAME_WIDTH - label_width - 20],
        splitByRow=0,
        splitInRow=MIN_SPLIT,
    )
    table.setStyle(_style(st.theme, ("BACKGROUND", (0, 0), (0, -1), st.theme.label_fill)))
    return table


_YEAR_PART = re.compile(r"\([^()]*\)\s*$")


def printed_label(row: StudyRow) -> str:
    """The label as printed ('Smith et al. (2017)'), kept in step with the row's author and
    year: a record edited there (year_raw '1850') prints what it now says."""
    label = row.label
    if row.first_author not in label:
        return f"{row.first_author} ({row.year_raw})"
    if f"({row.year_raw})" not in label:
        year = f"({row.year_raw})"
        if _YEAR_PART.search(label):
            return _YEAR_PART.sub(lambda _: year, label)
        return f"{label} {year}"
    return label


def label_markup(row: StudyRow) -> str:
    """'Smith et al. (2017)' with the citation as a real superscript touching the parenthesis."""
    sup = f"<super>{esc(row.citation.raw)}</super>" if row.citation.raw else ""
    return f"{esc(printed_label(row))}{sup}"


def _first_cell(row: StudyRow, st: Styles, style: ParagraphStyle) -> CellContent:
    """The label, and under it on its own line any further text (an SCA's country)."""
    label = Paragraph(label_markup(row), style)
    if row.first_cell_extra:
        return [label, Paragraph(inline(row.first_cell_extra), st.cell)]
    return label


def _cell(value: str | list[str], st: Styles) -> CellContent:
    if isinstance(value, list):
        return bullets(value, st)
    return Paragraph(inline(value), st.cell)


def column_widths(ncols: int, width: float = FRAME_WIDTH) -> list[float]:
    """First column narrow (author and year), the rest equal, as in the seed report."""
    if ncols == 1:
        return [width]
    first = round(min(width * 0.16, 90.0), 1)
    rest = (width - first) / (ncols - 1)
    return [first] + [rest] * (ncols - 1)


def _check_cells(table: SummaryTable, row: StudyRow, room: int) -> None:
    if len(row.cells) > room:
        raise RecordError(
            None,
            f"{table.title!r}, row {row.label}: {len(row.cells)} cells but only {room} columns "
            + ("under its spanning row" if table.layout == "spanning" else "after the first"),
        )


def summary_table(table: SummaryTable, st: Styles, width: float = FRAME_WIDTH) -> Table:
    """Header row repeated on every page, merged section rows, rows allowed to split.

    'rows' layout: the study label (and its country line) in the first column. 'spanning'
    layout: each study is a full-width row holding its label, followed by its row of cells."""
    ncols = len(table.columns)
    if ncols == 0:
        raise RecordError(None, f"{table.title!r} has no columns")
    theme = st.theme
    spanning = table.layout == "spanning"
    data: list[list[CellContent]] = [[Paragraph(esc(c), st.cell_head) for c in table.columns]]
    commands = _header_fill(theme, ncols)

    def merged(content: CellContent) -> None:
        r = len(data)
        data.append([content] + [""] * (ncols - 1))
        commands.extend(
            [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), theme.section_fill)]
        )

    section: str | None = None
    for row in table.rows:
        if row.section is not None and row.section != section:
            merged(Paragraph(esc(row.section), st.cell_bold))
        section = row.section
        if spanning:
            _check_cells(table, row, ncols)
            merged(_first_cell(row, st, st.cell_bold))
            data.append([_cell(c, st) for c in row.cells] + [""] * (ncols - len(row.cells)))
        else:
            _check_cells(table, row, ncols - 1)
            cells = [_cell(c, st) for c in row.cells] + [""] * (ncols - 1 - len(row.cells))
            data.append([_first_cell(row, st, st.cell), *cells])
    widths = [width / ncols] * ncols if spanning else column_widths(ncols, width)
    out = RowSplittingTable(
        data, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=MIN_SPLIT
    )
    out.setStyle(_style(theme, *commands))
    return out


def corrections_table(corrections: Sequence[Correction], st: Styles) -> Table:
    """Each change with its evidence; header row repeated like the summary tables."""
    head = ["Table", "Row", "Printed", "Corrected", "Evidence"]
    data: list[list[CellContent]] = [[Paragraph(h, st.cell_head) for h in head]]
    for c in corrections:
        data.append(
            [
                Paragraph(inline(c.table), st.cell),
                Paragraph(esc(c.row), st.cell),
                Paragraph(esc(c.printed), st.cell),
                Paragraph(str(c.corrected), st.cell),
                Paragraph(esc(c.evidence), st.cell),
            ]
        )
    widths = [105.0, 85.0, 45.0, 62.0]
    widths.append(FRAME_WIDTH - sum(widths))
    out = Table(data, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=MIN_SPLIT)
    out.setStyle(_style(st.theme, *_header_fill(st.theme, len(head))))
    return out
