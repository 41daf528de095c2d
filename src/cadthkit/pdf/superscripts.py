"""Mark superscript glyphs from geometry alone.

Rule (measured on LibreOffice, reportlab and Chromium output; see FIELD-NOTES): group glyphs into
runs of equal size and baseline; a run is superscript when it is at most ~0.85 of a touching
run's size, raised by more than ~0.15 of that size, still on the same line, and touching it
horizontally. Touching keeps raised bullets and footnote markers of other lines out.

Runs and their neighbours come from the page's geometry, not from the order in which the writer
emitted the glyphs, so a writer that draws a line backwards or a superscript after the rest of
its line gives the same marks.
"""

from __future__ import annotations

import bisect
from operator import attrgetter

from .layout import Glyph

SIZE_RATIO = 0.85
MIN_RISE = 0.15
TOUCH = 1.5  # points of horizontal slack counted as touching
REACH = 0.35  # further slack, as a share of the base run's size, between base and superscript


class _Run:
    __slots__ = ("bottom", "glyphs", "size", "top", "x0", "x1")

    def __init__(self, g: Glyph) -> None:
        self.glyphs = [g]
        self.size, self.bottom, self.top, self.x0, self.x1 = g.size, g.bottom, g.top, g.x0, g.x1


_BY_X = attrgetter("x0", "stream")
_BY_BOTTOM = attrgetter("bottom")


def _runs(glyphs: list[Glyph]) -> list[_Run]:
    """Maximal runs of same-size glyphs on one baseline that follow each other left to right."""
    runs: list[_Run] = []
    band: list[Glyph] = []
    last_bottom = -1e9
    for g in sorted(glyphs, key=_BY_BOTTOM):
        if g.bottom - last_bottom >= 0.3 and band:
            _band_runs(band, runs)
            band = []
        band.append(g)
        last_bottom = g.bottom
    if band:
        _band_runs(band, runs)
    return runs


def _band_runs(band: list[Glyph], runs: list[_Run]) -> None:
    run: _Run | None = None
    last: Glyph | None = None
    band.sort(key=_BY_X)
    for g in band:
        if (
            run is not None
            and last is not None
            and -0.05 < g.size - run.size < 0.05
            and -TOUCH <= g.x0 - last.x1 <= last.size
        ):
            run.glyphs.append(g)
            if g.x1 > run.x1:
                run.x1 = g.x1
            if g.top < run.top:
                run.top = g.top
        else:
            run = _Run(g)
            runs.append(run)
        last = g


def _raised_beside(run: _Run, base: _Run) -> bool:
    """Smaller than `base` and raised above its baseline, yet still on its line."""
    if base.size <= run.size or run.size > SIZE_RATIO * base.size:
        return False
    rise = base.bottom - run.bottom
    return rise > MIN_RISE * base.size and run.bottom > base.top


def _touches(run: _Run, base: _Run) -> bool:
    """A glyph of `base` ends just left of the run, or starts just right of it."""
    slack = TOUCH + REACH * base.size
    if base.x0 - slack > run.x1 or base.x1 + slack < run.x0:
        return False
    x0, x1 = run.x0, run.x1
    return any(-TOUCH <= x0 - g.x1 <= slack or -TOUCH <= g.x0 - x1 <= slack for g in base.glyphs)


def mark_superscripts(glyphs: list[Glyph]) -> list[Glyph]:
    """Set `sup` on the glyphs of superscript runs (in place); returns `glyphs`.

    A superscript touches a glyph of its base run: the glyph just before it ("(2016)⁵") or just
    after it ("¹Footnote"). The base run may go on past the superscript on the same baseline.
    """
    runs = _runs([g for g in glyphs if g.text.strip()])
    if len(runs) < 2:
        return glyphs
    biggest = max(r.size for r in runs)
    runs.sort(key=_BY_BOTTOM)
    bottoms = [r.bottom for r in runs]
    for run in runs:
        if run.size > SIZE_RATIO * biggest:
            continue
        # a base sits lower than the run, by less than its own size
        lo = bisect.bisect_right(bottoms, run.bottom)
        hi = bisect.bisect_left(bottoms, run.bottom + biggest)
        for base in runs[lo:hi]:
            if _raised_beside(run, base) and _touches(run, base):
                for g in run.glyphs:
                    g.sup = True
                break
    return glyphs
