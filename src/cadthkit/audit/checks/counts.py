"""Counts in words ("Five systematic reviews") against the studies of that design in the tables
(distinct studies, not table occurrences), or, in a report without tables, against the
references under that design's heading when the list has such headings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...models.findings import Finding, Location
from ..context import AuditContext
from ..counts import DESIGN_NAMES, StatedCount, design_of, direction_of, stated_counts
from ..registry import Code, check, finding


@dataclass(frozen=True)
class Actual:
    value: int
    unknown: int  # studies whose design (or direction) could not be told
    what: str
    add: str  # what to add if the count is right


def _actual(ctx: AuditContext, stated: StatedCount) -> Actual | None:
    """How many there are; None when the record cannot say (no tables, no design headings)."""
    if ctx.studies:
        same = [s for s in ctx.studies if s.design == stated.design]
        unknown = sum(1 for s in ctx.studies if s.design is None)
        if stated.direction:
            unknown += sum(1 for s in same if s.direction is None)
            same = [s for s in same if s.direction == stated.direction]
        return Actual(len(same), unknown, "studies in the tables", "rows")
    refs = ctx.report.references
    if not any(design_of(r.section) for r in refs):
        return None  # a flat list: the report does not say which reference is of which design
    found = [
        r
        for r in refs
        if design_of(r.section) == stated.design
        and (not stated.direction or direction_of(r.subsection) == stated.direction)
    ]
    return Actual(len(found), 0, "references listed under that design", "references")


@check(
    Code(
        "count_mismatch",
        ("error",),
        "a count in words (Key Findings, Results; in a Critical Appraisal report also Quantity "
        "of Research Available and Summary of Study Characteristics) disagrees with the "
        "studies of that design in the tables",
        's11: Key Findings "Five systematic reviews", 4 studies; s41: Quantity of Research '
        'Available "two systematic reviews", 1 study (printed in Tables 2, 4 and 6)',
    )
)
def count_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """A count in words that disagrees with the studies (or references) of that design."""
    reported: dict[tuple[str, str | None, int], Finding] = {}
    for paragraph in ctx.count_paragraphs:
        where, text = paragraph.where, paragraph.text
        for stated in stated_counts(text):
            if stated.callout is not None:
                continue  # checked against its callout by text_count_mismatch
            actual = _actual(ctx, stated)
            if actual is None or actual.value == stated.value:
                continue
            if actual.value < stated.value <= actual.value + actual.unknown:
                continue  # the studies of unknown design may make up the difference
            key = (stated.design, stated.direction, stated.value)
            if key in reported:
                reported[key].evidence = f"{reported[key].evidence}; {where} says the same"
                continue
            design = (stated.direction + " " if stated.direction else "") + DESIGN_NAMES[
                stated.design
            ]
            block = ctx.paragraph_box(text)
            n = actual.value
            reported[key] = finding(
                "count_mismatch",
                message=f"{where} says '{stated.phrase}' but there are {n} {design} "
                f"({actual.what}).",
                location=Location(
                    page=block.page if block else None,
                    section=where,
                    paragraph=text[:80],
                    quote=stated.phrase,
                ),
                printed=stated.value,
                printed_text=stated.word,
                expected=n,
                evidence=f"{n} {actual.what} are {design}",
                suggested_fix=f"Change '{stated.word}' to {n} or add the missing {actual.add}.",
            )
            yield reported[key]
