"""The reference list itself: numbering without gaps or repeats, no work listed twice, and
every main-list reference cited somewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...models.findings import Finding, Location
from ...models.report import Reference, Report
from ..context import AuditContext
from ..matching import name_key
from ..registry import Code, check, finding
from .common import ref_label, ref_location

REFERENCE_LIST = "reference list"


def _num(ref: Reference) -> int:
    """The number of a reference from `AuditContext.numbered` (always numbered)."""
    assert ref.number is not None
    return ref.number


@check(
    Code(
        "numbering_gap",
        ("warning",),
        "the reference numbering skips numbers (main list and numbered appendix are one sequence)",
        "*seed*: 17 is followed by 19; missing 18. s41: missing 14",
    )
)
def numbering_gap(ctx: AuditContext) -> Iterator[Finding]:
    """Numbers skipped in the reference numbering (main list and appendix run on together)."""
    refs = sorted(ctx.numbered, key=_num)
    present = ctx.listed
    last = ctx.last_number
    run: list[int] = []
    for n in range(1, last + 2):
        if n not in present and n <= last:
            run.append(n)
            continue
        if run:
            after = next((r for r in refs if r.number == n), None)
            span = str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"
            yield finding(
                "numbering_gap",
                message=f"The reference numbering skips {span}: reference "
                f"{run[0] - 1 if run[0] > 1 else 'list start'} is followed by {n}.",
                location=ref_location(after) if after else Location(),
                numbers=list(run),
                evidence=f"references are numbered {run[0] - 1} then {n}"
                if run[0] > 1
                else f"the first reference is numbered {n}",
                suggested_fix="Renumber the references consecutively and update the callouts.",
            )
            run = []


@check(Code("repeated_number", ("warning",), "two references are printed with the same number"))
def repeated_number(ctx: AuditContext) -> Iterator[Finding]:
    """Two references printed with the same number."""
    seen: dict[int, Reference] = {}
    for ref in ctx.numbered:
        n = _num(ref)
        if n in seen:
            yield finding(
                "repeated_number",
                message=f"Two references are numbered {n}.",
                location=ref_location(ref),
                numbers=[n],
                evidence=f"{ref_label(seen[n])} and {ref_label(ref)}",
                suggested_fix="Renumber the references consecutively and update the callouts.",
            )
        seen.setdefault(n, ref)


_SAME_WORK: list[tuple[str, Callable[[Reference], str | None]]] = [
    ("PubMed ID", lambda r: r.pmid),
    ("DOI", lambda r: r.doi.lower() if r.doi else None),
    ("text", lambda r: name_key(r.text) if len(r.text) > 40 else None),
]


@check(
    Code(
        "duplicate_reference",
        ("warning",),
        "the same work is listed under two numbers (same PMID, DOI or text)",
        "s13: references 10 and 14; s42: 8 and 11",
    )
)
def duplicate_reference(ctx: AuditContext) -> Iterator[Finding]:
    """The same work listed under two or more numbers (same PubMed ID, DOI or text)."""
    refs = ctx.numbered
    parent = {_num(r): _num(r) for r in refs}

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    why: dict[int, str] = {}
    for key_name, key in _SAME_WORK:
        first: dict[str, int] = {}
        for ref in refs:
            value = key(ref)
            if not value:
                continue
            if value in first and root(first[value]) != root(_num(ref)):
                a, b = root(first[value]), root(_num(ref))
                parent[max(a, b)] = min(a, b)
                why.setdefault(min(a, b), f"same {key_name} ({value[:40]})")
            first.setdefault(value, _num(ref))
    groups: dict[int, list[Reference]] = {}
    for ref in refs:
        groups.setdefault(root(_num(ref)), []).append(ref)
    for head, members in sorted(groups.items()):
        numbers = sorted({_num(r) for r in members})
        if len(numbers) < 2:
            continue
        keep, *extra = numbers
        yield finding(
            "duplicate_reference",
            message=f"References {', '.join(map(str, numbers))} are the same work.",
            location=ref_location(next(r for r in members if r.number == extra[0])),
            numbers=numbers,
            evidence=why.get(head, "same work"),
            matched_reference=keep,
            suggested_fix=f"Delete reference {', '.join(map(str, extra))}, cite {keep} instead "
            "and renumber.",
        )


def is_reference_list(report: Report) -> bool:
    """A Reference List report lists references without citing them."""
    kind = (report.metadata.report_type or "").lower()
    if kind:
        return REFERENCE_LIST in kind
    return not report.summary_tables and not report.text_citations


@check(
    Code(
        "uncited_reference",
        ("warning",),
        "a main-list reference that no callout cites and no table row summarises",
        "s13: reference 14; s42: reference 11",
    )
)
def uncited_reference(ctx: AuditContext) -> Iterator[Finding]:
    """A main-list reference that no text callout cites and no table row summarises."""
    if is_reference_list(ctx.report):
        return
    for ref in ctx.report.references:
        if ref.number is None or ref.number in ctx.cited:
            continue
        label = ref_label(ref)
        yield finding(
            "uncited_reference",
            message=f"{label[0].upper()}{label[1:]} is cited nowhere in the text or tables.",
            location=ref_location(ref),
            printed=ref.number,
            numbers=[ref.number],
            evidence="no text callout includes it and no table row matches it",
            suggested_fix="Cite it where its study is discussed, or remove it and renumber.",
        )
