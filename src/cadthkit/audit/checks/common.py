"""Words and places the checks share: how a reference is named, where a row or reference is."""

from __future__ import annotations

from ...models.findings import Location
from ...models.report import Reference
from ..counts import design_of, direction_of
from ..matching import PARTIAL, first_author, reference_year, score, surname
from ..rows import RowCheck


def ref_label(ref: Reference | None) -> str:
    """'reference 6 (Meng, 2016)'."""
    if ref is None:
        return "no reference"
    author = surname(first_author(ref) or "") or "no author"
    return f"reference {ref.number} ({author}, {reference_year(ref) or 'n.d.'})"


def row_location(check: RowCheck) -> Location:
    """The printed superscript of one occurrence of a study, in its table."""
    row = check.row
    box = row.citation.box or row.box
    page = box.page if box else (row.pages[0] if row.pages else None)
    return Location(
        page=page,
        table=check.table.title,
        section=row.section,
        row=row.label,
        first_author=row.first_author,
        box=box,
    )


def ref_location(ref: Reference) -> Location:
    return Location(
        page=ref.box.page if ref.box else None,
        section=ref.section,
        reference=ref.number,
        box=ref.box,
    )


def evidence(check: RowCheck) -> str | None:
    """What matched the row and how well, with the other possible numbers."""
    if check.matched is None:
        return None
    text = check.matched.describe(check.row)
    if check.alternatives:
        others = ", ".join(str(c.number) for c in check.alternatives[:3])
        text += f"; also possible: {others}"
    return text


def why_not(numbered: list[Reference], check: RowCheck, printed: list[int]) -> str:
    """Why the printed reference is not the row's study."""
    reasons = []
    for ref in numbered:
        if ref.number in printed:
            c = score(check.row, ref)
            why = "another first author" if c.name < PARTIAL else f"year {reference_year(ref)}"
            reasons.append(f"printed {ref_label(ref)} has {why}")
    return "; ".join(reasons)


def other_design(
    section: str | None, subsection: str | None, design: str, direction: str | None
) -> bool:
    """True when a reference's heading names another design (or the other direction:
    prospective vs retrospective) than `design`; False when it agrees or names none."""
    listed = design_of(section)
    if listed is None:
        return False
    ref_dir = direction_of(subsection)
    return listed != design or bool(direction and ref_dir and ref_dir != direction)
