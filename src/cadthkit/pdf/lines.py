"""Glyphs → text lines, with superscripts written inline as `^{...}`.

Lines come from geometry alone: glyphs are clustered by baseline and read left to right, and a
word space is a printed space or a gap wider than `WORD_GAP` of the font size (writers such as
pdftocairo print no space glyphs at all). The order in which the writer emitted glyphs only
breaks ties between glyphs at the same spot.
"""

from __future__ import annotations

from operator import attrgetter

from .columns import column_breaks
from .layout import Glyph, Line
from .textfix import SOFT_HYPHEN

BULLETS = {"•", "\uf0b7", "◦", "▪", "·"}
BASELINE_TOLERANCE = 1.0
# A gap wider than this share of the font size is a word space. Measured on the fixtures of
# four writers: letters of one word sit at most 0.053 em apart, words at least 0.195 em.
WORD_GAP = 0.12
SUP_GAP = 1.6  # a gap next to a superscript must be this much wider to part words

_BY_BOTTOM = attrgetter("bottom")
_READING = attrgetter("x0", "stream")
_PLACE = attrgetter("bottom", "x0", "stream")


def _baseline_clusters(body: list[Glyph]) -> list[list[Glyph]]:
    clusters: list[list[Glyph]] = []
    last = -1e9
    for g in sorted(body, key=_BY_BOTTOM):
        if g.bottom - last <= BASELINE_TOLERANCE:
            clusters[-1].append(g)
        else:
            clusters.append([g])
        last = g.bottom
    return clusters


def _attach_superscripts(clusters: list[list[Glyph]], sups: list[Glyph]) -> None:
    for s in sorted(sups, key=_PLACE):
        best, best_d = None, None
        for cluster in clusters:
            base = cluster[0]
            rise = base.bottom - s.bottom
            if 0 < rise <= max(base.size, s.size * 1.3) and s.bottom > base.top - 0.5:
                near = min(abs(s.x0 - g.x1) + abs(g.x0 - s.x1) for g in cluster)
                d = rise + near
                if best_d is None or d < best_d:
                    best, best_d = cluster, d
        if best is None:  # lone superscript: its own line
            clusters.append([s])
        else:
            best.append(s)


def _attach_discs(clusters: list[list[Glyph]], discs: list[Glyph]) -> None:
    """Put vector bullet discs on the text line they sit beside (their baseline is synthetic)."""
    if not discs:
        return
    extents = [(min(g.top for g in c), max(g.bottom for g in c)) for c in clusters]
    for d in sorted(discs, key=_PLACE):
        mid = (d.top + d.bottom) / 2
        best, best_dx = -1, None
        for i, cluster in enumerate(clusters):
            top, bottom = extents[i]
            if not top - 1 <= mid <= bottom + 1:
                continue
            right = [g.x0 - d.x1 for g in cluster if g.x0 >= d.x1 - 0.5]
            if right:
                dx = min(right)
                if dx < 3 * cluster[0].size and (best_dx is None or dx < best_dx):
                    best, best_dx = i, dx
        if best < 0:
            clusters.append([d])
            extents.append((d.top, d.bottom))
        else:
            clusters[best].append(d)
            top, bottom = extents[best]
            extents[best] = (min(top, d.top), max(bottom, d.bottom))


def _join(glyphs: list[Glyph]) -> str:
    """The text of one line, left to right. A soft hyphen is kept only at the end of the line,
    where it marks a word the writer broke (see `parse.text.join_lines`)."""
    out: list[str] = []
    prev: Glyph | None = None
    in_sup = False
    hyphenated = False
    for g in glyphs:
        text = g.text
        if text in BULLETS:
            text = "•"
        elif text == SOFT_HYPHEN:
            hyphenated = True
            prev = g  # prints nothing, yet bridges the word it sits in
            continue
        space = text.isspace()
        if not space:
            hyphenated = False
            if prev is not None:
                gap = g.x0 - prev.x1
                limit = WORD_GAP * (g.size if g.size < prev.size else prev.size)
                if gap > (limit * SUP_GAP if g.sup or prev.sup else limit):
                    if in_sup and not g.sup:
                        out.append("}")
                        in_sup = False
                    if out and not out[-1].endswith(" "):
                        out.append(" ")
        if g.sup:
            if not in_sup:
                if space:
                    continue
                out.append("^{")
                in_sup = True
        elif in_sup:
            out.append("}")
            in_sup = False
        out.append(text)
        prev = g
    if in_sup:
        out.append("}")
    text = "".join(out).replace(" }", "}").replace("^{ ", "^{")
    text = " ".join(text.split())
    return text + SOFT_HYPHEN if hyphenated and text else text


def glyphs_to_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Cluster glyphs by baseline, attach superscripts, and read each line left to right."""
    body: list[Glyph] = []
    raised: list[Glyph] = []
    discs: list[Glyph] = []
    for g in glyphs:
        if g.sup:
            raised.append(g)
        elif g.text == "•":
            discs.append(g)
        else:
            body.append(g)
    clusters = _baseline_clusters(body)
    if raised:
        _attach_superscripts(clusters, raised)
    _attach_discs(clusters, discs)
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=_READING)
        text = _join(cluster)
        if not text:
            continue
        lines.append(_line(cluster, text, page))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _line(cluster: list[Glyph], text: str, page: int) -> Line:
    body_glyphs = [g for g in cluster if not g.sup and g.text != "•" and not g.text.isspace()]
    body_glyphs = body_glyphs or cluster
    sizes: dict[float, int] = {}
    bold = 0
    first = body_glyphs[0]
    top, bottom = first.top, first.bottom
    for g in body_glyphs:
        sizes[g.size] = sizes.get(g.size, 0) + 1
        bold += g.bold
        if g.top < top:
            top = g.top
        if g.bottom > bottom:
            bottom = g.bottom
    rounded: dict[float, int] = {}
    for s, n in sizes.items():  # in order of first use, so ties go to the leftmost size
        key = round(s, 1)
        rounded[key] = rounded.get(key, 0) + n
    size = max(rounded, key=rounded.__getitem__)
    sups: list[tuple[str, float, float, float, float]] = []
    x0, x1 = cluster[0].x0, cluster[0].x1
    for g in cluster:
        if g.x0 < x0:
            x0 = g.x0
        if g.x1 > x1:
            x1 = g.x1
        if not g.sup or g.text.isspace():
            continue
        if sups and g.x0 - sups[-1][3] < g.size:
            t, sx0, stop, _, sbottom = sups[-1]
            sups[-1] = (t + g.text, sx0, min(stop, g.top), g.x1, max(sbottom, g.bottom))
        else:
            sups.append((g.text, g.x0, g.top, g.x1, g.bottom))
    bullet = text.startswith("•")
    if bullet:
        text = text[1:].strip()
    return Line(
        text=text,
        page=page,
        x0=x0,
        top=top,
        x1=x1,
        bottom=bottom,
        size=size,
        bold=bold * 2 > len(body_glyphs),
        bullet=bullet,
        sups=sups,
        columns=column_breaks(cluster, text, _join),
    )
