"""Glyphs → text lines, with superscripts written inline as `^{...}`."""

from __future__ import annotations

from collections import Counter

from .layout import Glyph, Line

BULLETS = {"•", "\uf0b7", "◦", "▪", "", "·"}
BASELINE_TOLERANCE = 1.0
# A gap wider than this share of the font size is a word space. Measured on the fixtures of
# four writers: letters of one word sit at most 0.053 em apart, words at least 0.195 em.
WORD_GAP = 0.12


def _baseline_clusters(body: list[Glyph]) -> list[list[Glyph]]:
    clusters: list[list[Glyph]] = []
    for g in sorted(body, key=lambda g: g.bottom):
        if clusters and g.bottom - clusters[-1][-1].bottom <= BASELINE_TOLERANCE:
            clusters[-1].append(g)
        else:
            clusters.append([g])
    return clusters


def _attach_superscripts(clusters: list[list[Glyph]], sups: list[Glyph]) -> None:
    for s in sups:
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
    for d in discs:
        mid = (d.top + d.bottom) / 2
        best, best_dx = None, None
        for cluster in clusters:
            top = min(g.top for g in cluster)
            bottom = max(g.bottom for g in cluster)
            right = [g.x0 - d.x1 for g in cluster if g.x0 >= d.x1 - 0.5]
            if top - 1 <= mid <= bottom + 1 and right:
                dx = min(right)
                if dx < 3 * cluster[0].size and (best_dx is None or dx < best_dx):
                    best, best_dx = cluster, dx
        if best is None:
            clusters.append([d])
        else:
            best.append(d)


def _join(glyphs: list[Glyph]) -> str:
    out: list[str] = []
    prev: Glyph | None = None
    in_sup = False
    for g in glyphs:
        text = "•" if g.text in BULLETS else g.text
        if text == "\xa0":
            text = " "
        if prev is not None and not text.isspace():
            gap = g.x0 - prev.x1
            if gap > WORD_GAP * min(g.size, prev.size) * (1.6 if g.sup or prev.sup else 1):
                if in_sup and not g.sup:
                    out.append("}")
                    in_sup = False
                if out and not out[-1].endswith(" "):
                    out.append(" ")
        if g.sup and not in_sup:
            if not text.strip():
                continue
            out.append("^{")
            in_sup = True
        elif not g.sup and in_sup:
            out.append("}")
            in_sup = False
        out.append(text)
        prev = g
    if in_sup:
        out.append("}")
    text = "".join(out)
    text = text.replace(" }", "}").replace("^{ ", "^{")
    return " ".join(text.split())


def glyphs_to_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Cluster glyphs by baseline, attach superscripts, and read each line left to right."""
    body = [g for g in glyphs if not g.sup and g.text != "•"]
    raised = [g for g in glyphs if g.sup]
    discs = [g for g in glyphs if g.text == "•" and not g.sup]
    clusters = _baseline_clusters(body)
    _attach_superscripts(clusters, raised)
    _attach_discs(clusters, discs)
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=lambda g: (g.x0, g.stream))
        text = _join(cluster)
        if not text:
            continue
        body_glyphs = [g for g in cluster if not g.sup and g.text.strip() and g.text != "•"]
        body_glyphs = body_glyphs or cluster
        size = Counter(round(g.size, 1) for g in body_glyphs).most_common(1)[0][0]
        bold = sum(g.bold for g in body_glyphs) * 2 > len(body_glyphs)
        bullet = text.startswith("•")
        sups: list[tuple[str, float, float, float, float]] = []
        for g in cluster:
            if not g.sup or not g.text.strip():
                continue
            if sups and g.x0 - sups[-1][3] < g.size:
                t, x0, top, _, bottom = sups[-1]
                sups[-1] = (t + g.text, x0, min(top, g.top), g.x1, max(bottom, g.bottom))
            else:
                sups.append((g.text, g.x0, g.top, g.x1, g.bottom))
        if bullet:
            text = text[1:].strip()
        lines.append(
            Line(
                text=text,
                page=page,
                x0=min(g.x0 for g in cluster),
                top=min(g.top for g in body_glyphs),
                x1=max(g.x1 for g in cluster),
                bottom=max(g.bottom for g in body_glyphs),
                size=size,
                bold=bold,
                bullet=bullet,
                sups=sups,
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines
