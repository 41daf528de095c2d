"""Mark superscript glyphs from geometry alone.

Rule (measured on LibreOffice, reportlab and Chromium output; see FIELD-NOTES): group glyphs into
runs of equal size and baseline; a run is superscript when it is at most ~0.85 of an adjacent
run's size, raised by more than ~0.15 of that size, still on the same line, and touching it
horizontally. Adjacency keeps raised bullets and footnote markers of other lines out.
"""

from __future__ import annotations

from dataclasses import replace

from .layout import Glyph

SIZE_RATIO = 0.85
MIN_RISE = 0.15
TOUCH = 1.5  # points of horizontal slack counted as touching


def _runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    runs: list[list[Glyph]] = []
    for g in glyphs:
        if runs:
            last = runs[-1][-1]
            if (
                abs(g.size - last.size) < 0.05
                and abs(g.bottom - last.bottom) < 0.3
                and -TOUCH <= g.x0 - last.x1 <= last.size
            ):
                runs[-1].append(g)
                continue
        runs.append([g])
    return runs


def _is_sup_of(run: list[Glyph], base: list[Glyph]) -> bool:
    size, base_size = run[0].size, base[0].size
    if size > SIZE_RATIO * base_size:
        return False
    rise = base[0].bottom - run[0].bottom
    if rise <= MIN_RISE * base_size or run[0].bottom <= base[0].top:
        return False
    left_touch = -TOUCH <= run[0].x0 - base[-1].x1 <= TOUCH + 0.35 * base_size
    right_touch = -TOUCH <= base[0].x0 - run[-1].x1 <= TOUCH + 0.35 * base_size
    return left_touch or right_touch


def mark_superscripts(glyphs: list[Glyph]) -> list[Glyph]:
    """Return glyphs with `sup` set; input in content-stream order."""
    runs = _runs([g for g in glyphs if g.text.strip()])
    sup_ids: set[int] = set()
    for i, run in enumerate(runs):
        neighbours = [runs[j] for j in (i - 1, i + 1) if 0 <= j < len(runs)]
        if any(_is_sup_of(run, nb) for nb in neighbours if nb[0].size > run[0].size):
            sup_ids.update(g.stream for g in run)
    if not sup_ids:
        return glyphs
    return [replace(g, sup=True) if g.stream in sup_ids else g for g in glyphs]
