"""The included studies behind the table rows, each with its design.

A Critical Appraisal report prints each study in up to three tables (characteristics, appraisal,
findings); counts in the text and the PRISMA "included" number count studies, not occurrences.
A study's design comes from the first of: the row's section row ("Randomized Controlled
Trials"), its "Study Design" cell ("Multicentre, double-blind RCT", "Retrospective chart
review"), a table title naming one design ("Characteristics of Included Systematic Reviews"),
its reference's design heading; in that order over the study's occurrences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models.report import SummaryTable
from .counts import direction_of, first_design, sole_design
from .rows import RowCheck, study_key

_DESIGN_COLUMN = re.compile(r"\bstudy\s+designs?\b", re.I)


@dataclass
class Study:
    """One included study and the rows that print it."""

    occurrences: list[RowCheck]
    design: str | None
    direction: str | None

    @property
    def label(self) -> str:
        return self.occurrences[0].row.label


def _design_cell(check: RowCheck) -> str | None:
    """The text of the row's 'Study Design' column, if its table has one."""
    table: SummaryTable = check.table
    if table.layout != "rows":
        return None
    for i, column in enumerate(table.columns[1:]):
        if _DESIGN_COLUMN.search(column) and i < len(check.row.cells):
            cell = check.row.cells[i]
            return cell if isinstance(cell, str) else " ".join(cell)
    return None


def _design(occurrences: list[RowCheck]) -> str | None:
    for c in occurrences:
        if design := first_design(c.row.section):
            return design
    for c in occurrences:
        if design := first_design(_design_cell(c)):
            return design
    for c in occurrences:
        if design := sole_design(c.table.title):
            return design
    for c in occurrences:
        if c.matched and (design := first_design(c.matched.reference.section)):
            return design
    return None


def _direction(occurrences: list[RowCheck]) -> str | None:
    """'prospective' or 'retrospective', from the section, the design cell or the reference."""
    for c in occurrences:
        ref = c.matched.reference if c.matched else None
        for text in (c.row.section, _design_cell(c), ref.subsection if ref else None):
            if direction := direction_of(text):
                return direction
    return None


def group_studies(rows: list[RowCheck]) -> list[Study]:
    """Occurrences grouped by study, in order of first appearance. Rows of one key in one table
    are different studies; in different tables, the same study."""
    groups: dict[tuple[str, str], list[list[RowCheck]]] = {}
    for check in rows:
        slots = groups.setdefault(study_key(check.row), [])
        # the first study of this key not yet printed in this table takes the row
        for slot in slots:
            if all(o.table is not check.table for o in slot):
                slot.append(check)
                break
        else:
            slots.append([check])
    studies = []
    for slots in groups.values():
        for occurrences in slots:
            studies.append(Study(occurrences, _design(occurrences), _direction(occurrences)))
    order = {id(c): i for i, c in enumerate(rows)}
    return sorted(studies, key=lambda s: order[id(s.occurrences[0])])
