"""Table rows: does each occurrence of a study print the number of the reference it summarises?
One finding per wrong occurrence, naming its table (an SCA prints a study in up to three)."""

from __future__ import annotations

from collections.abc import Iterator

from ...models.findings import Finding
from ..context import AuditContext
from ..counts import design_of, direction_of
from ..matching import reference_year
from ..registry import Code, check, finding
from ..rows import RowCheck
from .common import evidence, other_design, ref_label, row_location, why_not


@check(
    Code(
        "citation_mismatch",
        ("error",),
        "a row's printed number points at a reference that is not its study (one finding per "
        "table occurrence)",
        '*seed*: "Meng (2016)⁵": reference 5 is Wong 2014; expected 6. s41: "Lam and Roy '
        '(2013)¹⁵" in Table 7 only (Tables 3 and 5 print 12)',
    )
)
def citation_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """A row's printed number points at a reference that is not its study."""
    report = ctx.report
    for c in ctx.rows:
        if c.status != "mismatch":
            continue
        printed = c.printed or []
        shown = printed[0] if len(printed) == 1 else c.row.citation.raw
        pointed = ", ".join(ref_label(report.reference(n)) for n in printed)
        label = c.row.label
        if c.matched is None:
            message = (
                f"{label} cites {pointed}, which is another study, and no listed reference "
                f"has first author {c.row.first_author} and year {c.row.year_raw}."
            )
            fix = f"Find the reference for {label}, add it to the list and cite its number."
        else:
            message = f"{label} cites {pointed}, but its study is {ref_label(c.matched.reference)}."
            fix = f"Change the superscript after {label} from {c.row.citation.raw} to "
            fix += f"{c.matched.number}."
        yield finding(
            "citation_mismatch",
            message=message,
            location=row_location(c),
            printed=shown,
            expected=c.matched.number if c.matched else None,
            evidence="; ".join(x for x in (why_not(ctx.numbered, c, printed), evidence(c)) if x),
            matched_reference=c.matched.number if c.matched else None,
            confidence=c.confidence,
            suggested_fix=fix,
        )


def _unusable(c: RowCheck, code: str, why: str) -> Finding:
    label = c.row.label
    n = c.matched.number if c.matched else None
    raw = c.row.citation.raw
    printed: int | str = c.printed[0] if c.printed and len(c.printed) == 1 else raw
    if n is None:
        fix = f"Find the reference for {label} and print its number after the row's name."
        message = f"{label} prints '{raw}', which {why}, and no reference matches the row."
    else:
        fix = f"Change the superscript after {label} from {raw} to {n}."
        study = ref_label(c.matched.reference if c.matched else None)
        message = f"{label} prints '{raw}', which {why}; its study is {study}."
    return finding(
        code,
        message=message,
        location=row_location(c),
        printed=printed,
        expected=n,
        evidence=evidence(c),
        matched_reference=n,
        confidence=c.confidence,
        suggested_fix=fix,
    )


@check(
    Code(
        "citation_out_of_range",
        ("error",),
        "no reference carries the row's printed number",
        "s11: Ødegaard (2020)¹⁶, but the list ends at 11; expected 1",
    )
)
def citation_out_of_range(ctx: AuditContext) -> Iterator[Finding]:
    """A row prints a number that no reference carries."""
    why = f"no reference carries (the list ends at {ctx.last_number})"
    for c in ctx.rows:
        if c.status == "out_of_range":
            yield _unusable(c, "citation_out_of_range", why)


@check(
    Code(
        "citation_unreadable",
        ("error",),
        "the row's superscript is not a number",
        "*seed*: Cohen (2015)¹ᵇ; expected 15. s42: Lefèvre et al. (2013)ˡ⁸ in Table 4; expected 8",
    )
)
def citation_unreadable(ctx: AuditContext) -> Iterator[Finding]:
    """A row's superscript is not a reference number ('1b', '10*')."""
    for c in ctx.rows:
        if c.status == "unreadable":
            yield _unusable(c, "citation_unreadable", "is not a reference number")


@check(
    Code(
        "year_mismatch",
        ("warning", "info"),
        "a row's year differs from its reference's year (info when one year apart)",
    )
)
def year_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """A row's year differs from its reference's (one year apart is usually epub vs print)."""
    for c in ctx.rows:
        if c.matched is None or c.matched.year == 1.0 or c.row.year is None:
            continue
        ref_year = reference_year(c.matched.reference)
        if ref_year is None:
            continue
        gap = abs(ref_year - c.row.year)
        yield finding(
            "year_mismatch",
            severity="info" if gap <= 1 else "warning",
            message=f"{c.row.label} is dated {c.row.year_raw} but its reference "
            f"{c.matched.number} gives {ref_year}.",
            location=row_location(c),
            printed=c.row.year,
            expected=ref_year,
            evidence=evidence(c),
            matched_reference=c.matched.number,
            confidence=c.confidence,
            suggested_fix=f"Check the year: write ({ref_year}) if the reference is right.",
        )


@check(
    Code(
        "section_mismatch",
        ("warning",),
        "a row under one table section summarises a reference listed under another design",
    )
)
def section_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """A row sits under one design heading while its reference is listed under another."""
    for c in ctx.rows:
        ref = c.matched.reference if c.matched else None
        row_design = design_of(c.row.section)
        if ref is None or row_design is None:
            continue
        if not other_design(ref.section, ref.subsection, row_design, direction_of(c.row.section)):
            continue
        listed = " / ".join(x for x in (ref.section, ref.subsection) if x)
        yield finding(
            "section_mismatch",
            message=f"{c.row.label} is under '{c.row.section}' in the table but its "
            f"reference {ref.number} is listed under '{listed}'.",
            location=row_location(c),
            printed=c.row.section,
            expected=ref.number,
            evidence=evidence(c),
            matched_reference=ref.number,
            suggested_fix="Move the row or the reference so both sit under the same design.",
        )
