"""Ruled tables (Table 1 criteria, summary tables, corrections) drawn with GRID lines, because
the extractor finds table cells from ruling lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..errors import RecordError
from ..models import Correction, CriterionRow, StudyRow, SummaryTable
from .fonts import REGULAR
from .markup import esc, inline
from .styles import (
    BULLET,
    CADTH_BLUE,
    FRAME_WIDTH,
    GRID_COLOR,
    LIGHT_BLUE,
    Styles,
)

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
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or availHeight < ROOMY:
            return parts
        self.splitInRow = 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = MIN_SPLIT
        for part in parts:
            part.splitInRow = MIN_SPLIT
        return parts


_BASE = [
    ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def bullets(items: Sequence[str], st: Styles) -> list[Flowable]:
    """One paragraph per item, each starting with a real '•' glyph."""
    return [Paragraph(inline(item), st.cell_bullet, bulletText=BULLET) for item in items]


def criteria_table(rows: Sequence[CriterionRow], st: Styles) -> Table:
    """Table 1: bold label column on light blue, text plus bullet items."""
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
    table.setStyle(TableStyle([*_BASE, ("BACKGROUND", (0, 0), (0, -1), LIGHT_BLUE)]))
    return table


def _row_label(row: StudyRow, st: Styles) -> Paragraph:
    """'Author (Year)' with the citation as a real superscript touching the parenthesis."""
    sup = f"<super>{esc(row.citation.raw)}</super>" if row.citation.raw else ""
    return Paragraph(f"{esc(row.first_author)} ({esc(row.year_raw)}){sup}", st.cell)


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


def summary_table(table: SummaryTable, st: Styles, width: float = FRAME_WIDTH) -> Table:
    """Header row repeated on every page, merged section rows, rows allowed to split."""
    ncols = len(table.columns)
    if ncols == 0:
        raise RecordError(None, f"{table.title!r} has no columns")
    data: list[list[CellContent]] = [[Paragraph(esc(c), st.cell_head) for c in table.columns]]
    commands: list[tuple] = [*_BASE, ("BACKGROUND", (0, 0), (-1, 0), CADTH_BLUE)]
    section: str | None = None
    for row in table.rows:
        if row.section is not None and row.section != section:
            r = len(data)
            data.append([Paragraph(esc(row.section), st.cell_bold)] + [""] * (ncols - 1))
            commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), LIGHT_BLUE)]
        section = row.section
        if len(row.cells) > ncols - 1:
            raise RecordError(
                None,
                f"{table.title!r}, row {row.label}: {len(row.cells)} cells "
                f"but only {ncols - 1} columns after the first",
            )
        cells = [_cell(c, st) for c in row.cells] + [""] * (ncols - 1 - len(row.cells))
        data.append([_row_label(row, st), *cells])
    out = RowSplittingTable(
        data,
        colWidths=column_widths(ncols, width),
        repeatRows=1,
        splitByRow=0,
        splitInRow=MIN_SPLIT,
    )
    out.setStyle(TableStyle(commands))
    return out


def corrections_table(corrections: Sequence[Correction], st: Styles) -> Table:
    """Each change with its evidence; header row repeated like the summary tables."""
    head = ["Table", "Row", "Printed", "Corrected", "Evidence"]
    data: list[list[CellContent]] = [[Paragraph(h, st.cell_head) for h in head]]
    for c in corrections:
        data.append(
            [
                Paragraph(esc(c.table), st.cell),
                Paragraph(esc(c.row), st.cell),
                Paragraph(esc(c.printed), st.cell),
                Paragraph(str(c.corrected), st.cell),
                Paragraph(esc(c.evidence), st.cell),
            ]
        )
    widths = [105.0, 85.0, 45.0, 62.0]
    widths.append(FRAME_WIDTH - sum(widths))
    out = Table(data, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=MIN_SPLIT)
    out.setStyle(TableStyle([*_BASE, ("BACKGROUND", (0, 0), (-1, 0), CADTH_BLUE)]))
    return out
