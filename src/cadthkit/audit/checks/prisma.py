"""The study-selection flow diagram (PRISMA): its boxes must add up, its "included" number must
be the number of studies the tables summarise, and the text that retells it (Quantity of
Research Available) must print the same numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...models.findings import Finding, Location
from ...models.report import Prisma
from ..context import AuditContext
from ..counts import NUMBER_WORDS, number_value
from ..registry import Code, check, finding

WHERE = "PRISMA flow diagram"

# Field → what the diagram's box says, for messages.
BOX_WORDS = {
    "identified": "citations identified",
    "excluded_screening": "citations excluded at screening",
    "full_text": "articles retrieved in full text",
    "other_sources": "reports from other sources",
    "potentially_relevant": "potentially relevant reports",
    "excluded_full_text": "reports excluded",
    "included": "reports included",
}


def _location(prisma: Prisma, value: int | None) -> Location:
    quote = next((b for b in prisma.boxes if b.startswith(f"{value} ")), None)
    return Location(page=prisma.page, section=WHERE, quote=quote, box=prisma.box)


def _sums(p: Prisma) -> Iterator[tuple[str, int, str]]:
    """(field, what the numbers before it make it, the sum in words) for each box that follows
    from others; only where every number involved is printed."""
    if None not in (p.identified, p.excluded_screening, p.full_text):
        assert p.identified is not None and p.excluded_screening is not None
        yield (
            "full_text",
            p.identified - p.excluded_screening,
            f"{p.identified} identified − {p.excluded_screening} excluded",
        )
    if p.full_text is not None and p.potentially_relevant is not None:
        other = p.other_sources or 0
        yield (
            "potentially_relevant",
            p.full_text + other,
            f"{p.full_text} retrieved + {other} from other sources",
        )
    base = p.potentially_relevant
    base_words = f"{base} potentially relevant"
    if base is None and p.full_text is not None:
        base = p.full_text + (p.other_sources or 0)
        base_words = f"{p.full_text} retrieved + {p.other_sources or 0} from other sources"
    if None not in (base, p.excluded_full_text, p.included):
        assert base is not None and p.excluded_full_text is not None
        yield (
            "included",
            base - p.excluded_full_text,
            f"{base_words} − {p.excluded_full_text} excluded",
        )
    if p.exclusion_reasons and p.excluded_full_text is not None:
        total = sum(r.count for r in p.exclusion_reasons)
        parts = " + ".join(str(r.count) for r in p.exclusion_reasons)
        yield "excluded_full_text", total, f"the exclusion reasons ({parts})"


@check(
    Code(
        "prisma_arithmetic",
        ("error",),
        "the flow diagram's numbers do not add up: identified − excluded = retrieved; retrieved "
        "+ other sources = potentially relevant; potentially relevant − excluded = included; "
        "the exclusion reasons add up to the excluded number",
        '"688 identified", "671 excluded", but "18 retrieved"; expected 17',
    )
)
def prisma_arithmetic(ctx: AuditContext) -> Iterator[Finding]:
    p = ctx.report.prisma
    if p is None:
        return
    for field, expected, how in _sums(p):
        printed = getattr(p, field)
        if printed == expected:
            continue
        yield finding(
            "prisma_arithmetic",
            message=f"The flow diagram does not add up: {how} = {expected}, but it prints "
            f"{printed} {BOX_WORDS[field]}.",
            location=_location(p, printed),
            printed=printed,
            expected=expected,
            evidence=f"{how} = {expected}",
            suggested_fix=f"Check the diagram's numbers: {printed} {BOX_WORDS[field]} or one of "
            "the numbers it follows from is wrong.",
        )


@check(
    Code(
        "prisma_included_mismatch",
        ("error",),
        'the flow diagram\'s "reports included" differs from the number of studies the tables '
        "summarise (each study counted once, however many tables print it)",
        '"6 reports included in review", 5 studies in Tables 2–7',
    )
)
def prisma_included_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    p = ctx.report.prisma
    if p is None or p.included is None or not ctx.studies:
        return
    studies = len(ctx.studies)
    if p.included == studies:
        return
    tables = sorted({c.table.number for c in ctx.rows if c.table.number is not None})
    where = f"Tables {tables[0]}–{tables[-1]}" if len(tables) > 1 else "the tables"
    yield finding(
        "prisma_included_mismatch",
        message=f"The flow diagram says {p.included} reports were included, but {where} "
        f"summarise {studies} studies.",
        location=_location(p, p.included),
        printed=p.included,
        expected=studies,
        evidence=f"studies in the tables: {', '.join(s.label for s in ctx.studies)}",
        suggested_fix="Correct the diagram's included number, or add the missing studies to "
        "the tables.",
    )


_N = r"(?P<n>\d{1,6}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_RELEVANT = r"potentially\s+relevant\s+(?:reports|articles|publications|citations)"
# How the Quantity of Research Available paragraph retells each box.
_TOLD: list[tuple[str, re.Pattern[str]]] = [
    ("identified", re.compile(rf"\b{_N}\s+citations\s+were\s+identified", re.I)),
    ("excluded_screening", re.compile(rf"\b{_N}\s+citations\s+were\s+excluded", re.I)),
    (
        "full_text",
        re.compile(rf"\b{_N}\s+{_RELEVANT}\s+from\s+the\s+electronic\s+search", re.I),
    ),
    (
        "other_sources",
        re.compile(
            rf"\b{_N}\s+{_RELEVANT}\s+were\s+retrieved\s+from\s+(?:the\s+)?(?:grey|other)", re.I
        ),
    ),
    (
        "excluded_full_text",
        re.compile(rf"\b{_N}\s+(?:publications|reports|articles)\s+were\s+excluded", re.I),
    ),
    (
        "included",
        re.compile(rf"\b{_N}\s+(?:publications|reports|articles)\s+met\s+the\s+inclusion", re.I),
    ),
]


@check(
    Code(
        "prisma_text_mismatch",
        ("error",),
        "the text retelling the selection (Quantity of Research Available) prints another "
        "number than the flow diagram's box",
        '"17 potentially relevant reports … retrieved", diagram: 18',
    )
)
def prisma_text_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    p = ctx.report.prisma
    if p is None:
        return
    for paragraph in ctx.count_paragraphs:
        for field, rx in _TOLD:
            box = getattr(p, field)
            m = rx.search(paragraph.text)
            if box is None or m is None:
                continue
            told = number_value(m.group("n"))
            if told is None or told == box:
                continue
            block = ctx.paragraph_box(paragraph.text)
            yield finding(
                "prisma_text_mismatch",
                message=f"{paragraph.where} says '{m.group(0)}' but the flow diagram prints "
                f"{box} {BOX_WORDS[field]}.",
                location=Location(
                    page=block.page if block else None,
                    section=paragraph.where,
                    paragraph=paragraph.text[:80],
                    quote=m.group(0),
                ),
                printed=told,
                printed_text=m.group("n"),
                expected=box,
                evidence=f"flow diagram: {box} {BOX_WORDS[field]}",
                suggested_fix=f"Make the text and the diagram agree on {BOX_WORDS[field]}.",
            )
