"""One function per finding code; each takes the record (and the settled rows) and returns
findings. The codes and the rules behind them are documented in docs/README-audit.md."""

from __future__ import annotations

from collections.abc import Iterable

from ..models.findings import Finding, Location
from ..models.provenance import Box
from ..models.report import Reference, Report
from ..parse.citations import parse_callout
from .counts import DESIGN_NAMES, StatedCount, design_of, direction_of, stated_counts
from .matching import PARTIAL, first_author, name_key, reference_year, score, surname
from .rows import RowCheck

REFERENCE_LIST = "reference list"


def _ref_label(ref: Reference | None) -> str:
    if ref is None:
        return "no reference"
    author = surname(first_author(ref) or "") or "no author"
    return f"reference {ref.number} ({author}, {reference_year(ref) or 'n.d.'})"


def _row_location(check: RowCheck) -> Location:
    row = check.row
    box = row.citation.box or row.box
    page = box.page if box else (row.pages[0] if row.pages else None)
    return Location(page=page, table=check.table.title, section=row.section, row=row.label, box=box)


def _ref_location(ref: Reference) -> Location:
    return Location(
        page=ref.box.page if ref.box else None,
        section=ref.section,
        reference=ref.number,
        box=ref.box,
    )


def _all_references(report: Report) -> list[Reference]:
    """Every numbered reference, main list and appendix (unnumbered ones cannot be cited)."""
    refs = report.references + [r for g in report.appendix for r in g.references]
    return [r for r in refs if r.number is not None]


def _num(ref: Reference) -> int:
    """The number of a reference from `_all_references` (always numbered)."""
    assert ref.number is not None
    return ref.number


def _evidence(check: RowCheck) -> str | None:
    if check.matched is None:
        return None
    text = check.matched.describe(check.row)
    if check.alternatives:
        others = ", ".join(str(c.number) for c in check.alternatives[:3])
        text += f"; also possible: {others}"
    return text


def _why_not(report: Report, check: RowCheck, printed: list[int]) -> str:
    """Why the printed reference is not the row's study."""
    reasons = []
    for ref in _all_references(report):
        if ref.number in printed:
            c = score(check.row, ref)
            why = "another first author" if c.name < PARTIAL else f"year {reference_year(ref)}"
            reasons.append(f"printed {_ref_label(ref)} has {why}")
    return "; ".join(reasons)


def citation_mismatch(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A row's printed number points at a reference that is not its study."""
    out = []
    for check in rows:
        if check.status != "mismatch":
            continue
        printed = check.printed or []
        shown = printed[0] if len(printed) == 1 else check.row.citation.raw
        pointed = ", ".join(_ref_label(report.reference(n)) for n in printed)
        label = check.row.label
        if check.matched is None:
            message = (
                f"{label} cites {pointed}, which is another study, and no listed reference "
                f"has first author {check.row.first_author} and year {check.row.year_raw}."
            )
            fix = f"Find the reference for {label}, add it to the list and cite its number."
        else:
            n = check.matched.number
            message = (
                f"{label} cites {pointed}, but its study is {_ref_label(check.matched.reference)}."
            )
            fix = f"Change the superscript after {label} from {check.row.citation.raw} to {n}."
        out.append(
            Finding(
                code="citation_mismatch",
                severity="error",
                message=message,
                location=_row_location(check),
                printed=shown,
                expected=check.matched.number if check.matched else None,
                evidence="; ".join(
                    x for x in (_why_not(report, check, printed), _evidence(check)) if x
                ),
                matched_reference=check.matched.number if check.matched else None,
                confidence=check.confidence,
                suggested_fix=fix,
            )
        )
    return out


def _unusable_callout(check: RowCheck, code: str, why: str) -> Finding:
    label = check.row.label
    n = check.matched.number if check.matched else None
    raw = check.row.citation.raw
    printed: int | str = check.printed[0] if check.printed and len(check.printed) == 1 else raw
    if n is None:
        fix = f"Find the reference for {label} and print its number after the row's name."
        message = f"{label} prints '{raw}', which {why}, and no reference matches the row."
    else:
        fix = f"Change the superscript after {label} from {raw} to {n}."
        study = _ref_label(check.matched.reference if check.matched else None)
        message = f"{label} prints '{raw}', which {why}; its study is {study}."
    return Finding(
        code=code,
        severity="error",
        message=message,
        location=_row_location(check),
        printed=printed,
        expected=n,
        evidence=_evidence(check),
        matched_reference=n,
        confidence=check.confidence,
        suggested_fix=fix,
    )


def citation_out_of_range(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A row prints a number that no reference carries."""
    last = max((_num(r) for r in _all_references(report)), default=0)
    why = f"no reference carries (the list ends at {last})"
    return [
        _unusable_callout(c, "citation_out_of_range", why)
        for c in rows
        if c.status == "out_of_range"
    ]


def citation_unreadable(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A row's superscript is not a reference number ('1b', '10*')."""
    why = "is not a reference number"
    return [
        _unusable_callout(c, "citation_unreadable", why) for c in rows if c.status == "unreadable"
    ]


def year_mismatch(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A row's year differs from its reference's (one year apart is usually epub vs print)."""
    out = []
    for check in rows:
        if check.matched is None or check.matched.year == 1.0 or check.row.year is None:
            continue
        ref_year = reference_year(check.matched.reference)
        if ref_year is None:
            continue
        gap = abs(ref_year - check.row.year)
        out.append(
            Finding(
                code="year_mismatch",
                severity="info" if gap <= 1 else "warning",
                message=f"{check.row.label} is dated {check.row.year_raw} but its reference "
                f"{check.matched.number} gives {ref_year}.",
                location=_row_location(check),
                printed=check.row.year,
                expected=ref_year,
                evidence=_evidence(check),
                matched_reference=check.matched.number,
                confidence=check.confidence,
                suggested_fix=f"Check the year: write ({ref_year}) if the reference is right.",
            )
        )
    return out


def _other_design(ref: Reference, design: str, direction: str | None) -> bool:
    """True when the reference's heading names another design (or the other direction:
    prospective vs retrospective) than `design`; False when it agrees or names none."""
    listed = design_of(ref.section)
    if listed is None:
        return False
    ref_dir = direction_of(ref.subsection)
    return listed != design or bool(direction and ref_dir and ref_dir != direction)


def section_mismatch(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A row sits under one design heading while its reference is listed under another."""
    out = []
    for check in rows:
        ref = check.matched.reference if check.matched else None
        row_design = design_of(check.row.section)
        if ref is None or row_design is None:
            continue
        if not _other_design(ref, row_design, direction_of(check.row.section)):
            continue
        listed = " / ".join(x for x in (ref.section, ref.subsection) if x)
        out.append(
            Finding(
                code="section_mismatch",
                severity="warning",
                message=f"{check.row.label} is under '{check.row.section}' in the table but its "
                f"reference {ref.number} is listed under '{listed}'.",
                location=_row_location(check),
                printed=check.row.section,
                expected=ref.number,
                evidence=_evidence(check),
                matched_reference=ref.number,
                suggested_fix="Move the row or the reference so both sit under the same design.",
            )
        )
    return out


def _text_box(report: Report, raw: str, where: str) -> tuple[int | None, Box | None]:
    for tc in report.text_citations:
        if tc.raw == raw and (tc.section == where or where in tc.sentence):
            return tc.page, tc.box
    return None, None


def text_citations(report: Report) -> list[Finding]:
    """Callouts in running text that are unreadable or point past every reference."""
    listed = {r.number for r in _all_references(report)}
    out = []
    for tc in report.text_citations:
        numbers = list(tc.numbers) or parse_callout(tc.raw)
        where = Location(page=tc.page, section=tc.section, paragraph=tc.sentence[:80], box=tc.box)
        if numbers is None:
            out.append(
                Finding(
                    code="text_citation_unreadable",
                    severity="error",
                    message=f"The callout '{tc.raw}' in {tc.section} is not a reference number.",
                    location=where,
                    printed=tc.raw,
                    suggested_fix="Replace it with the number(s) of the references meant.",
                )
            )
            continue
        missing = [n for n in numbers if n not in listed]
        if missing:
            out.append(
                Finding(
                    code="text_citation_out_of_range",
                    severity="error",
                    message=f"The callout '{tc.raw}' in {tc.section} cites "
                    f"{', '.join(map(str, missing))}, which no reference carries.",
                    location=where,
                    printed=missing[0] if len(missing) == 1 else tc.raw,
                    numbers=missing,
                    suggested_fix="Cite the numbers of references that exist.",
                )
            )
    return out


def numbering_gap(report: Report) -> list[Finding]:
    """Numbers skipped in the reference numbering (main list and appendix run on together)."""
    refs = sorted(_all_references(report), key=_num)
    present = {_num(r) for r in refs}
    out = []
    run: list[int] = []
    for n in range(1, max(present, default=0) + 2):
        if n not in present and n <= max(present, default=0):
            run.append(n)
            continue
        if run:
            after = next((r for r in refs if r.number == n), None)
            span = str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"
            out.append(
                Finding(
                    code="numbering_gap",
                    severity="warning",
                    message=f"The reference numbering skips {span}: reference "
                    f"{run[0] - 1 if run[0] > 1 else 'list start'} is followed by {n}.",
                    location=_ref_location(after) if after else Location(),
                    numbers=list(run),
                    evidence=f"references are numbered {run[0] - 1} then {n}"
                    if run[0] > 1
                    else f"the first reference is numbered {n}",
                    suggested_fix="Renumber the references consecutively and update the callouts.",
                )
            )
            run = []
    return out


def repeated_number(report: Report) -> list[Finding]:
    """Two references printed with the same number."""
    seen: dict[int, Reference] = {}
    out = []
    for ref in _all_references(report):
        n = _num(ref)
        if n in seen:
            out.append(
                Finding(
                    code="repeated_number",
                    severity="warning",
                    message=f"Two references are numbered {n}.",
                    location=_ref_location(ref),
                    numbers=[n],
                    evidence=f"{_ref_label(seen[n])} and {_ref_label(ref)}",
                    suggested_fix="Renumber the references consecutively and update the callouts.",
                )
            )
        seen.setdefault(n, ref)
    return out


def duplicate_reference(report: Report) -> list[Finding]:
    """The same work listed under two or more numbers (same PubMed ID, DOI or text)."""
    refs = _all_references(report)
    parent = {_num(r): _num(r) for r in refs}

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    why: dict[int, str] = {}
    for key_name, key in (
        ("PubMed ID", lambda r: r.pmid),
        ("DOI", lambda r: r.doi.lower() if r.doi else None),
        ("text", lambda r: name_key(r.text) if len(r.text) > 40 else None),
    ):
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
    out = []
    for head, members in sorted(groups.items()):
        numbers = sorted({_num(r) for r in members})
        if len(numbers) < 2:
            continue
        keep, *extra = numbers
        out.append(
            Finding(
                code="duplicate_reference",
                severity="warning",
                message=f"References {', '.join(map(str, numbers))} are the same work.",
                location=_ref_location(next(r for r in members if r.number == extra[0])),
                numbers=numbers,
                evidence=why.get(head, "same work"),
                matched_reference=keep,
                suggested_fix=f"Delete reference {', '.join(map(str, extra))}, cite {keep} instead "
                "and renumber.",
            )
        )
    return out


def is_reference_list(report: Report) -> bool:
    """A Reference List report lists references without citing them."""
    kind = (report.metadata.report_type or "").lower()
    if kind:
        return REFERENCE_LIST in kind
    return not report.summary_tables and not report.text_citations


def cited_numbers(report: Report, rows: list[RowCheck]) -> set[int]:
    """Numbers the report cites: text callouts as printed, rows by the study they summarise."""
    cited = {n for tc in report.text_citations for n in (tc.numbers or parse_callout(tc.raw) or [])}
    for check in rows:
        cited.update(check.cites)
    return cited


def uncited_reference(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A main-list reference that no text callout cites and no table row summarises."""
    if is_reference_list(report):
        return []
    cited = cited_numbers(report, rows)
    return [
        Finding(
            code="uncited_reference",
            severity="warning",
            message=f"{_ref_label(ref)[0].upper()}{_ref_label(ref)[1:]} is cited nowhere in the "
            "text or tables.",
            location=_ref_location(ref),
            printed=ref.number,
            numbers=[ref.number],
            evidence="no text callout includes it and no table row matches it",
            suggested_fix="Cite it where its study is discussed, or remove it and renumber.",
        )
        for ref in report.references
        if ref.number not in cited
    ]


def _count_paragraphs(report: Report) -> Iterable[tuple[str, str]]:
    if report.key_findings:
        yield "Key Findings", report.key_findings
    for text in report.results_paragraphs:
        yield "Results", text


def _paragraph_box(report: Report, where: str, text: str) -> Box | None:
    """Where a Key Findings or Results paragraph is printed (from the record's text blocks)."""
    if where == "Key Findings":
        return report.text_box("key_findings")
    if text in report.results_paragraphs:
        return report.text_box("results_paragraphs", report.results_paragraphs.index(text))
    return None


def _actual(report: Report, rows: list[RowCheck], stated: StatedCount) -> tuple[int, str]:
    if report.summary_tables:
        found = [
            c
            for c in rows
            if c.design == stated.design
            and (not stated.direction or c.direction == stated.direction)
        ]
        return len(found), "rows in the summary tables"
    refs = [
        r
        for r in report.references
        if design_of(r.section) == stated.design
        and (not stated.direction or direction_of(r.subsection) == stated.direction)
    ]
    return len(refs), "references listed under that design"


def count_mismatch(report: Report, rows: list[RowCheck]) -> list[Finding]:
    """A count in words that disagrees with the rows (or references) of that design."""
    out: list[Finding] = []
    reported: dict[tuple[str, str | None, int], Finding] = {}
    for where, text in _count_paragraphs(report):
        for stated in stated_counts(text):
            if stated.callout is not None:
                continue  # checked against its callout by text_count_mismatch
            actual, what = _actual(report, rows, stated)
            if actual == stated.value:
                continue
            key = (stated.design, stated.direction, stated.value)
            if key in reported:
                reported[key].evidence = f"{reported[key].evidence}; {where} says the same"
                continue
            design = (stated.direction + " " if stated.direction else "") + DESIGN_NAMES[
                stated.design
            ]
            block = _paragraph_box(report, where, text)
            finding = Finding(
                code="count_mismatch",
                severity="error",
                message=f"{where} says '{stated.phrase}' but there are {actual} {design} ({what}).",
                location=Location(
                    page=block.page if block else None,
                    section=where,
                    paragraph=text[:80],
                    quote=stated.phrase,
                ),
                printed=stated.value,
                printed_text=stated.word,
                expected=actual,
                evidence=f"{actual} {what} are {design}",
                suggested_fix=f"Change '{stated.word}' to {actual} or add the missing "
                f"{'rows' if report.summary_tables else 'references'}.",
            )
            reported[key] = finding
            out.append(finding)
    return out


def _callout_paragraphs(report: Report) -> Iterable[tuple[str, str]]:
    yield from _count_paragraphs(report)
    for text in report.overall_summary:
        yield "Overall Summary of Findings", text


def text_callouts(report: Report) -> list[Finding]:
    """'three randomized controlled trials^{6-8}': as many references as stated, of that design."""
    out = []
    for where, text in _callout_paragraphs(report):
        for stated in stated_counts(text):
            if stated.callout is None:
                continue
            numbers = parse_callout(stated.callout)
            if numbers is None:
                continue  # reported by text_citation_unreadable
            page, box = _text_box(report, stated.callout, where)
            loc = Location(
                page=page, section=where, paragraph=text[:80], quote=stated.phrase, box=box
            )
            design = DESIGN_NAMES[stated.design]
            if stated.value and len(numbers) != stated.value:
                out.append(
                    Finding(
                        code="text_count_mismatch",
                        severity="warning",
                        message=f"'{stated.phrase}^{stated.callout}' states {stated.value} but "
                        f"cites {len(numbers)} references.",
                        location=loc,
                        printed=stated.value,
                        printed_text=stated.word,
                        expected=len(numbers),
                        numbers=numbers,
                        suggested_fix="Make the count and the callout agree.",
                    )
                )
            cited = [ref for n in numbers if (ref := report.reference(n)) is not None]
            wrong = [r for r in cited if _other_design(r, stated.design, stated.direction)]
            if wrong:
                listed = "; ".join(f"{r.number} under '{r.subsection or r.section}'" for r in wrong)
                out.append(
                    Finding(
                        code="text_design_mismatch",
                        severity="warning",
                        message=f"'{stated.phrase}^{stated.callout}' cites references listed "
                        f"under another design: {listed}.",
                        location=loc,
                        printed=stated.callout,
                        numbers=[r.number for r in wrong],
                        evidence=f"the phrase names {design}",
                        suggested_fix="Cite the references of that design, or correct the phrase.",
                    )
                )
    return out
