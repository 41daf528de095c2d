"""Glyphs → text lines, with superscripts written inline as `^{...}`."""

from __future__ import annotations

from collections import Counter

from .layout import Glyph, Line

BULLETS = {"•", "\uf0b7", "◦", "▪", "", "·"}
BASELINE_TOLERANCE = 1.0


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
            if gap > 0.22 * min(g.size, prev.size) * (1.6 if g.sup or prev.sup else 1):
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
    body = [g for g in glyphs if not g.sup]
    sups = [g for g in glyphs if g.sup]
    clusters = _baseline_clusters(body)
    _attach_superscripts(clusters, sups)
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=lambda g: (g.x0, g.stream))
        text = _join(cluster)
        if not text:
            continue
        body_glyphs = [g for g in cluster if not g.sup and g.text.strip()] or cluster
        size = Counter(round(g.size, 1) for g in body_glyphs).most_common(1)[0][0]
        bold = sum(g.bold for g in body_glyphs) * 2 > len(body_glyphs)
        bullet = text.startswith("•")
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
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines
