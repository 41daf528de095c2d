"""Find the summary tables in a stretch of the reading-order stream: a 'Table N:' caption, the
grids that follow it (one per page), and the small-print footnote under the last one."""

from __future__ import annotations

from ..models import ParseWarning, SummaryTable
from ..pdf import Grid, Line
from .flow import CAPTION, Item
from .studies import parse_summary_table
from .text import paragraph_text


def is_summary_caption(text: str) -> bool:
    """Tables of included studies: N ≥ 2 (Table 1 is the selection criteria), or 'Summary of'."""
    m = CAPTION.match(text)
    return m is not None and (int(m.group(1)) >= 2 or "summary of" in text.lower())


def is_footnote(item: Item, body: float) -> bool:
    return item.kind == "text" and item.line is not None and item.line.size < body


def find_tables(
    items: list[Item], warnings: list[ParseWarning], body: float, appendix: str | None = None
) -> list[SummaryTable]:
    """Every summary-table caption followed by grids, with the footnote under them."""
    tables: list[SummaryTable] = []
    untitled = False  # in a run of grids no title claims (one warning for the run)
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind != "caption" or not is_summary_caption(item.text):
            if item.kind == "grid" and item.grid is not None and not untitled:
                _warn_untitled(item.grid, tables[-1] if tables else None, warnings)
            untitled = (untitled or item.kind == "grid") and item.kind not in ("h1", "h2", "h3")
            i += 1
            continue
        untitled = False
        grids: list[Grid] = []
        footnote: list[Line] = []
        j = i + 1
        while j < len(items):
            nxt = items[j]
            if nxt.kind == "grid" and nxt.grid is not None:
                if footnote:
                    break
                grids.append(nxt.grid)
            elif grids and is_footnote(nxt, body) and nxt.line is not None:
                footnote.append(nxt.line)
            else:
                break
            j += 1
        if grids:  # (a title without a grid: see completeness.table_warnings)
            foot = paragraph_text(footnote) if footnote else None
            tables.append(parse_summary_table(item.text, grids, foot, warnings, appendix))
        i = j
    return tables


def without_tables(items: list[Item], body: float) -> list[Item]:
    """Running text only: no captions, grids, or the footnote lines right after a grid."""
    out: list[Item] = []
    after_grid = False
    for item in items:
        if item.kind == "grid":
            after_grid = True
            continue
        if after_grid and is_footnote(item, body):
            continue
        after_grid = False
        if item.kind != "caption":
            out.append(item)
    return out


def _warn_untitled(grid: Grid, before: SummaryTable | None, warnings: list[ParseWarning]) -> None:
    """A ruled table no title claims: its title was not read, or it is the rest of the table
    before it, cut off by text the page should not have there (a page box the content no
    longer fits)."""
    after = f", after {before.title} stops on page {before.pages[-1]}" if before else ""
    warnings.append(
        ParseWarning(
            code="table_cut_short",
            page=grid.page,
            message=f"A table on page {grid.page} has no title that could be read{after}; "
            "its rows are missing from the record.",
        )
    )
