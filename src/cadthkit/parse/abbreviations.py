"""The abbreviations list: a borderless two-column table (abbreviation | expansion) whose two
cells share a baseline, so each printed line carries a column break where the expansion
starts; a bordered version arrives as a grid of two-cell rows."""

from __future__ import annotations

from .flow import Item
from .text import join_lines


def parse_abbreviations(items: list[Item]) -> dict[str, str]:
    entries: list[tuple[str, list[str]]] = []
    column: float | None = None
    for item in items:
        if item.kind == "grid" and item.grid is not None:
            for row in item.grid.rows:
                cells = [c for c in row if c is not None]
                if len(cells) == 2 and cells[0].text.strip():
                    entries.append((cells[0].text.strip(), [c.text for c in cells[1].lines]))
            continue
        line = item.line
        if line is None:
            continue
        if line.columns:
            offset, column = line.columns[0]
            entries.append((line.text[:offset].strip(), [line.text[offset:].strip()]))
        elif entries and column is not None and line.x0 >= column - 2:
            entries[-1][1].append(line.text)  # an expansion wrapped onto a second line
    return {abbr: join_lines(expansion) for abbr, expansion in entries if abbr}
