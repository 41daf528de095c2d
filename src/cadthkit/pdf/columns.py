"""Column breaks on a printed line: a borderless two-column list (abbreviation | expansion)
puts two cells on one baseline, so the line is read as one, with a mark where the white
space between its glyphs is wide enough to separate columns."""

from __future__ import annotations

from collections.abc import Callable

from .layout import Glyph

COLUMN_GAP = 2.5  # em of white space between glyphs of one baseline that separate columns


def column_breaks(
    cluster: list[Glyph], text: str, join: Callable[[list[Glyph]], str]
) -> list[tuple[int, float]]:
    """(offset in `text`, x0) where the text after a wide gap starts; `cluster` is the line's
    glyphs in reading order and `join` reads glyphs as the line's text does."""
    out: list[tuple[int, float]] = []
    if len(cluster) < 2:
        return out
    rough = COLUMN_GAP * 0.5 * cluster[0].size  # a cheap first pass over every gap
    wide: list[int] = []
    right = cluster[0].x1
    for k, g in enumerate(cluster):
        if g.x0 - right > rough:
            wide.append(k)
        right = g.x1
    for k in wide:
        a, b = cluster[k - 1], cluster[k]
        if b.x0 - a.x1 > COLUMN_GAP * max(a.size, b.size) and b.text.strip():
            rest = join(cluster[k:])
            if rest and len(rest) < len(text) and text.endswith(rest):
                out.append((len(text) - len(rest), b.x0))
    return out
