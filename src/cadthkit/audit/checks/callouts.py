"""Callouts in running text and table titles: readable, pointing at references that exist, and
agreeing with the count and design named before them ("three randomized controlled
trials^{6-8}")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...models.findings import Finding, Location
from ...parse.citations import parse_callout
from ..context import AuditContext
from ..counts import DESIGN_NAMES, stated_counts
from ..registry import Code, check, finding
from .common import other_design


@check(
    Code(
        "text_citation_unreadable",
        ("error",),
        "a callout in running text or a table title is not a number",
        '"trials^{a}"',
    ),
    Code(
        "text_citation_out_of_range",
        ("error",),
        "a callout in running text or a table title (ranges and lists expanded) cites a number "
        "no reference has",
        '"^{7}" when the list ends at 6',
    ),
)
def text_citations(ctx: AuditContext) -> Iterator[Finding]:
    """Callouts that are unreadable or point past every reference."""
    for c in ctx.callouts:
        where = Location(page=c.page, section=c.where, paragraph=c.sentence[:80], box=c.box)
        if c.numbers is None:
            yield finding(
                "text_citation_unreadable",
                message=f"The callout '{c.raw}' in {c.where} is not a reference number.",
                location=where,
                printed=c.raw,
                suggested_fix="Replace it with the number(s) of the references meant.",
            )
            continue
        # a range over a numbering gap ("11-16" without 14) is the gap's finding, not this one
        printed = {int(n) for n in re.findall(r"\d+", c.raw)}
        missing = [
            n for n in c.numbers if n not in ctx.listed and (n in printed or n > ctx.last_number)
        ]
        if missing:
            yield finding(
                "text_citation_out_of_range",
                message=f"The callout '{c.raw}' in {c.where} cites "
                f"{', '.join(map(str, missing))}, which no reference carries.",
                location=where,
                printed=missing[0] if len(missing) == 1 else c.raw,
                numbers=missing,
                suggested_fix="Cite the numbers of references that exist.",
            )


@check(
    Code(
        "text_count_mismatch",
        ("warning",),
        '"three randomized controlled trials^{6-9}": the count differs from the references cited',
    ),
    Code(
        "text_design_mismatch",
        ("warning",),
        "a design phrase cites references listed under another design heading",
        '"three RCTs^{1-3}" where 1 is a systematic review',
    ),
)
def text_callouts(ctx: AuditContext) -> Iterator[Finding]:
    """'three randomized controlled trials^{6-8}': as many references as stated, of that design."""
    report = ctx.report
    for paragraph in ctx.running_text:
        where, text = paragraph.where, paragraph.text
        for stated in stated_counts(text):
            if stated.callout is None:
                continue
            numbers = parse_callout(stated.callout)
            if numbers is None:
                continue  # reported by text_citation_unreadable
            page, box = ctx.callout_box(stated.callout, where, text)
            loc = Location(
                page=page, section=where, paragraph=text[:80], quote=stated.phrase, box=box
            )
            design = DESIGN_NAMES[stated.design]
            if stated.value and len(numbers) != stated.value:
                yield finding(
                    "text_count_mismatch",
                    message=f"'{stated.phrase}^{stated.callout}' states {stated.value} but "
                    f"cites {len(numbers)} references.",
                    location=loc,
                    printed=stated.value,
                    printed_text=stated.word,
                    expected=len(numbers),
                    numbers=numbers,
                    suggested_fix="Make the count and the callout agree.",
                )
            cited = [ref for n in numbers if (ref := report.reference(n)) is not None]
            wrong = [
                r
                for r in cited
                if other_design(r.section, r.subsection, stated.design, stated.direction)
            ]
            if wrong:
                listed = "; ".join(f"{r.number} under '{r.subsection or r.section}'" for r in wrong)
                yield finding(
                    "text_design_mismatch",
                    message=f"'{stated.phrase}^{stated.callout}' cites references listed "
                    f"under another design: {listed}.",
                    location=loc,
                    printed=stated.callout,
                    numbers=[r.number for r in wrong if r.number is not None],
                    evidence=f"the phrase names {design}",
                    suggested_fix="Cite the references of that design, or correct the phrase.",
                )
