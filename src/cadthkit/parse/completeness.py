"""What the record visibly could not read: a damaged PDF (a page whose content is gone, a content
stream cut short, a page box the content no longer fits) reads without an error but loses
rows and references, so the record says where the report stops short.

Inside a table, `tables` warns of a ruled table no title claims and `studies` of ruled rows
with no text; this module looks across the report: a page with no text where a table or the
text runs on across it, fewer pages than the cover's "Report Length", numbers cited that the
reference list does not hold, a table title with no table read, and table numbers that jump.
Their codes are `models.report.INCOMPLETE_WARNINGS`: `check` reports each as an
`incomplete_record` finding.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any

from ..models import ParseWarning, SummaryTable
from ..pdf import Page
from .flow import CAPTION, Item
from .tables import is_summary_caption

_MIN_MISSING = 2  # one number cited past the list is a misprint the audit reports; two: a gap


def page_warnings(pages: list[Page], items: list[Item]) -> list[ParseWarning]:
    """A page with no text after pages with text, where what comes before it is a table left
    open (its last grid, no footnote) or what comes after it continues (a grid or running text,
    not a new heading). A blank page between sections, or at the end after a finished table or
    list, as word processors leave, is no gap."""
    out: list[ParseWarning] = []
    if not items:
        return out
    starts = [it.page for it in items]  # items run in page order
    seen_text = False
    for page in pages:
        if page.lines or page.grids:
            seen_text = True
            continue
        if not seen_text:
            continue
        at = bisect_left(starts, page.number)
        before = items[at - 1] if at > 0 else None
        after = items[bisect_right(starts, page.number)] if starts[-1] > page.number else None
        open_table = before is not None and before.kind == "grid"
        runs_on = after is not None and after.kind in ("grid", "text")
        if open_table or runs_on:
            what = "a table" if open_table or (after and after.kind == "grid") else "the text"
            out.append(
                ParseWarning(
                    code="unreadable_page",
                    page=page.number,
                    message=f"Page {page.number} has no readable text, but {what} runs on across "
                    "it: its content is missing from the record.",
                )
            )
    return out


def length_warning(stated: int | None, pages: int) -> list[ParseWarning]:
    """The cover states more pages than the PDF has."""
    if stated is None or pages >= stated:
        return []
    return [
        ParseWarning(
            code="missing_pages",
            message=f"The cover states {stated} pages, but the PDF has {pages}: "
            f"{stated - pages} missing.",
        )
    ]


def reference_warnings(found: dict[str, Any]) -> list[ParseWarning]:
    """Numbers cited in tables or text that no reference carries: several, or the number right
    after the last one read (the list stops short of it)."""
    listed = {r.number for r in found.get("references", [])}
    listed |= {r.number for g in found.get("appendix", []) for r in g.references}
    cited: set[int] = set()
    for table in found.get("summary_tables", []):
        for row in table.rows:
            cited.update(row.citation.numbers)
    for callout in found.get("text_citations", []):
        cited.update(callout.numbers)
    missing = sorted(cited - listed)
    main = [r.number for r in found.get("references", []) if r.number is not None]
    last = max(main, default=0)
    if len(missing) < _MIN_MISSING and last + 1 not in missing:
        return []
    ends = f"ends at {last}" if last else "is empty"
    return [
        ParseWarning(
            code="missing_references",
            message=f"Tables and text cite {_span(missing)}, which the references read do not "
            f"hold (the list {ends}): references are missing from the record.",
        )
    ]


def _span(numbers: list[int]) -> str:
    """'3-9, 12' from [3, 4, …, 9, 12]."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def table_warnings(items: list[Item], tables: list[SummaryTable]) -> list[ParseWarning]:
    """A table title printed but no table of that number read (its grid or its section was
    not), and table numbers that jump (whole tables not read)."""
    out: list[ParseWarning] = []
    read = [t.number for t in tables if t.number is not None]
    for it in items:
        m = CAPTION.match(it.text) if it.kind == "caption" else None
        if m and is_summary_caption(it.text) and int(m.group(1)) not in read:
            read.append(int(m.group(1)))  # one warning per table
            out.append(
                ParseWarning(
                    code="table_cut_short",
                    page=it.page,
                    message=f"{it.text}: the title is printed on page {it.page}, but no rows "
                    "of the table were read; they are missing from the record.",
                )
            )
    known = sorted({t.number for t in tables if t.number is not None})
    for a, b in pairwise(known):
        if b > a + 1:
            out.append(
                ParseWarning(
                    code="missing_tables",
                    message=f"Table {a} is followed by Table {b}: "
                    f"{_tables(list(range(a + 1, b)))} missing from the record.",
                )
            )
    return out


def _tables(numbers: list[int]) -> str:
    return f"Table {numbers[0]} is" if len(numbers) == 1 else f"Tables {_span(numbers)} are"
