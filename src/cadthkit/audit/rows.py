"""Decide, for every summary-table row, which reference it really summarises.

Rows whose printed number points at a matching reference are settled first and claim that
reference; every other row then gets the best-matching reference, preferring the one its own
study settles on in another table (a Critical Appraisal report prints each study in up to three
tables), then one that no other row has claimed (two studies by the same first author and year
are told apart that way), then by design heading, then by closeness to the neighbouring rows'
numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..models.report import Reference, Report, StudyRow, SummaryTable
from ..parse.citations import parse_callout
from .counts import design_of
from .matching import Candidate, candidates, is_match, name_key, score

Status = Literal["ok", "mismatch", "out_of_range", "unreadable"]


@dataclass
class RowCheck:
    """One row with its printed numbers and the reference it was matched to."""

    table: SummaryTable
    row: StudyRow
    printed: list[int] | None  # None when the superscript is not a readable callout
    status: Status = "ok"
    matched: Candidate | None = None  # the study's reference; None when nothing matches
    confidence: float | None = None
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def cites(self) -> list[int]:
        """Numbers this row really refers to: all it prints when its citation is right (a row may
        cite two papers of one study), its study's reference when wrong, else what it prints."""
        if self.status == "ok":
            return sorted({*(self.printed or []), *([self.matched.number] if self.matched else [])})
        if self.matched is not None:
            return [self.matched.number]
        return list(self.printed or [])


def printed_numbers(row: StudyRow) -> list[int] | None:
    """The row's callout as numbers; None when it is not a readable callout."""
    if row.citation.numbers:
        return list(row.citation.numbers)
    return parse_callout(row.citation.raw)


def study_key(row: StudyRow) -> tuple[str, str]:
    """Who a row is about: first author and year as printed. One study is printed once per
    table, so rows with one key in different tables (an SCA's characteristics, appraisal and
    findings tables) are one study, while two such rows in one table are two studies."""
    return name_key(row.first_author), row.year_raw.strip()


def same_study(a: RowCheck, b: RowCheck) -> bool:
    """Two occurrences of one study: same key, different tables."""
    return a.table is not b.table and study_key(a.row) == study_key(b.row)


def _confidence(best: Candidate, tied: int, settled_by_claims: bool) -> float:
    value = best.score / tied
    return round(value * (0.9 if settled_by_claims else 1.0), 2)


def _pick(
    check: RowCheck,
    found: list[Candidate],
    claims: dict[int, list[RowCheck]],
    hint: int | None,
) -> None:
    """Choose the expected reference among candidates; set confidence and alternatives.

    The reference the study's own other occurrences settle on wins; else one that no other
    study has claimed, then the row's design heading, then closeness to the hint."""
    if not found:
        return
    top = [c for c in found if c.score == found[0].score]
    claimants = {c.number: claims.get(c.number, []) for c in top}
    own = [c for c in top if any(same_study(check, o) for o in claimants[c.number])]
    if own:
        check.matched, check.confidence = own[0], _confidence(own[0], len(own), False)
        check.alternatives = [c for c in found if c is not own[0] and c.score > 0]
        return
    free = [c for c in top if not claimants[c.number]] or top
    row_design = design_of(check.row.section) or design_of(check.table.title)
    same_design = [c for c in free if design_of(c.reference.section) == row_design] or free
    if hint is not None:
        same_design = sorted(same_design, key=lambda c: (abs(c.number - hint), c.number))
    check.matched = same_design[0]
    check.confidence = _confidence(check.matched, len(same_design), len(free) < len(top))
    check.alternatives = [c for c in found if c is not check.matched and c.score > 0]


def _hint(checks: list[RowCheck], i: int) -> int | None:
    """Where the row's number should sit: one after the previous settled row's reference in
    the same table."""
    for j in range(i - 1, -1, -1):
        if checks[j].table is not checks[i].table:
            return None
        matched = checks[j].matched
        if checks[j].status == "ok" and matched is not None:
            return matched.number + (i - j)
    return None


def resolve_rows(report: Report) -> list[RowCheck]:
    """Every summary-table row, settled: ok, mismatch, out_of_range or unreadable."""
    listed: dict[int, Reference] = {
        ref.number: ref for ref in report.references if ref.number is not None
    }
    for group in report.appendix:
        for ref in group.references:
            if ref.number is not None:
                listed.setdefault(ref.number, ref)
    checks = [
        RowCheck(table=t, row=r, printed=printed_numbers(r))
        for t in report.summary_tables
        for r in t.rows
    ]
    found = [candidates(c.row, report.references) for c in checks]
    claims: dict[int, list[RowCheck]] = {}
    for check, cands in zip(checks, found, strict=True):
        if check.printed is None:
            check.status = "unreadable"
            continue
        if not any(n in listed for n in check.printed):
            check.status = "out_of_range"
            continue
        best = cands[0].score if cands else 0.0
        for n in check.printed:
            printed_ref = listed.get(n)
            if printed_ref is None:
                continue
            cand = score(check.row, printed_ref)
            if is_match(cand) and cand.score >= best:
                check.matched, check.confidence = cand, round(cand.score, 2)
                claims.setdefault(n, []).append(check)
                break
        else:
            check.status = "mismatch"
    for i, (check, cands) in enumerate(zip(checks, found, strict=True)):
        if check.status != "ok":
            _pick(check, cands, claims, _hint(checks, i))
            if check.matched is not None:
                claims.setdefault(check.matched.number, []).append(check)
                if check.printed and check.matched.number in check.printed:
                    check.status = "ok"  # the right reference, only the year disagrees
    return checks
