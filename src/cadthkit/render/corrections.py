"""The final Corrections section: what `cadthkit fix` changed, and every finding it left as
printed with the reason, so the corrected edition is honest about what it did not fix."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from ..models import Correction, Edition, Finding
from .markup import esc, inline
from .styles import FRAME_WIDTH, Styles
from .tables import MIN_SPLIT, CellContent, _header_fill, _style, corrections_table
from .text import heading


def where(finding: Finding) -> str:
    """Where a finding applies, shortly: 'Key Findings', 'Wong (2014)', 'ref 18' (not the page:
    the finding's page is the original's, and this edition's pages differ)."""
    loc = finding.location
    parts = [loc.row or loc.section or ""]
    if loc.reference is not None and not loc.row:
        parts.append(f"ref {loc.reference}")
    return " · ".join(p for p in parts if p) or "the report"


def left_table(edition: Edition, st: Styles) -> Table:
    """Each finding left as printed: severity, code, where, what, and why it was left."""
    head = ["Severity", "Code", "Where", "Finding", "Why left as printed"]
    data: list[list[CellContent]] = [[Paragraph(h, st.cell_head) for h in head]]
    for item in edition.left_as_printed:
        f = item.finding
        data.append(
            [
                Paragraph(esc(f.severity), st.cell),
                Paragraph(esc(f.code.replace("_", " ")), st.cell),
                Paragraph(esc(where(f)), st.cell),
                Paragraph(inline(f.message), st.cell),
                Paragraph(esc(item.reason), st.cell),
            ]
        )
    widths = [50.0, 72.0, 70.0, 150.0]
    widths.append(FRAME_WIDTH - sum(widths))
    out = Table(data, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=MIN_SPLIT)
    out.setStyle(_style(st.theme, *_header_fill(st.theme, len(head))))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def edition_intro(edition: Edition, version: str | None) -> str:
    n = len(edition.corrections)
    if not n:
        return "No citation was corrected: the report is printed as it was."
    of = f" of version {edition.based_on_version}" if edition.based_on_version else ""
    this = f"This edition (version {version})" if version else "This edition"
    return (
        f"{this} corrects {_plural(n, 'citation')} in the summary tables{of}, on "
        f"{edition.corrected:%B} {edition.corrected.day}, {edition.corrected.year}. Each "
        "corrected row now cites the reference that it summarizes."
    )


def left_intro(edition: Edition) -> str:
    left = edition.left_as_printed
    errors = edition.errors_left
    return (
        f"The citation audit of this edition still reports {_plural(len(left), 'finding')} "
        f"({_plural(errors, 'error')}). cadthkit fix changes a table citation only where the "
        "audit names the reference the row summarizes; it left these as printed:"
    )


def corrections_section(
    corrections: Sequence[Correction], st: Styles, edition: Edition | None = None, version=None
) -> list[Flowable]:
    """The changes made by `cadthkit fix` and the findings it left; nothing when there are
    neither. `edition` (from the record) wins over a bare list of `corrections`."""
    if edition is not None:
        corrections = edition.corrections
    if not corrections and (edition is None or not edition.left_as_printed):
        return []
    out: list[Flowable] = [PageBreak(), heading("Corrections", 1, st)]
    if edition is not None:
        out.append(Paragraph(esc(edition_intro(edition, version)), st.body))
    else:
        n = len(corrections)
        intro = (
            f"This version corrects {_plural(n, 'citation')} in the summary tables. "
            "Each row now cites the reference that it summarizes."
        )
        out.append(Paragraph(esc(intro), st.body))
    if corrections:
        out.append(corrections_table(corrections, st))
    if edition is not None and edition.left_as_printed:
        out += [
            heading("Findings left as printed", 2, st),
            Paragraph(esc(left_intro(edition)), st.body),
            left_table(edition, st),
        ]
    return out
