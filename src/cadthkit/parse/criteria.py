"""Table 1 (selection criteria): one row label, its lead text, and its bullet items."""

from __future__ import annotations

from ..models import CriterionRow
from ..pdf import Cell, Grid, Line
from .text import join_lines


def split_bullets(lines: list[Line]) -> tuple[str, list[str]]:
    """Lead text before the first bullet, then one string per bullet item."""
    lead: list[str] = []
    items: list[list[str]] = []
    for line in lines:
        if line.bullet:
            items.append([line.text])
        elif items:
            items[-1].append(line.text)
        else:
            lead.append(line.text)
    return join_lines(lead), [join_lines(i) for i in items]


def cell_lines(cell: Cell | None) -> list[Line]:
    return cell.lines if cell else []


def parse_criteria(grids: list[Grid]) -> list[CriterionRow]:
    rows: list[CriterionRow] = []
    for grid in grids:
        for row in grid.rows:
            cells = [c for c in row if c is not None]
            if len(cells) < 2:
                continue
            label = join_lines([ln.text for ln in cells[0].lines])
            lines = [ln for c in cells[1:] for ln in c.lines]
            if not label:  # a row split by a page break continues the previous one
                if rows:
                    lead, items = split_bullets(lines)
                    rows[-1].items.extend([lead, *items] if lead else items)
                continue
            lead, items = split_bullets(lines)
            rows.append(CriterionRow(label=label, text=lead, items=items))
    return rows
