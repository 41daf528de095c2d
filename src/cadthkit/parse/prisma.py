"""The study-selection flow diagram (PRISMA, Appendix 1): bordered boxes of text joined by
arrows. Each box is read on its own (lone boxes arrive as boxed lines, boxes sharing a side
as a one-column grid); the arrows and any text outside a box are ignored, and nothing here
becomes a table row, a citation or a paragraph."""

from __future__ import annotations

import re

from ..models import Box, ExclusionReason, Prisma
from ..pdf import Line
from .flow import Item
from .text import join_lines

_N = r"(\d[\d,]*)"
# role → pattern of its box text; the order is the diagram's flow, which is how boxes are
# listed (a side box such as 'citations excluded' follows the box it branches from).
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("identified", re.compile(rf"^{_N}\s+(?:citations|records)\s+identified", re.I)),
    ("excluded_screening", re.compile(rf"^{_N}\s+(?:citations|records)\s+excluded", re.I)),
    ("full_text", re.compile(rf"^{_N}\s+potentially\s+relevant\s+articles\s+retrieved", re.I)),
    (
        "other_sources",
        re.compile(rf"^{_N}\s+potentially\s+relevant\s+\w+\s+retrieved\s+from\s+other", re.I),
    ),
    ("potentially_relevant", re.compile(rf"^{_N}\s+potentially\s+relevant\s+\w+$", re.I)),
    ("excluded_full_text", re.compile(rf"^{_N}\s+\w+\s+excluded", re.I)),
    ("included", re.compile(rf"^{_N}\s+\w+\s+included", re.I)),
)
_REASON = re.compile(r"^-\s*(.+?)\s*\((\d+)\)$")


def _box_texts(lines: list[Line]) -> list[str]:
    """A box's text; each '- reason (N)' line starts a text of its own."""
    parts: list[list[str]] = []
    for line in lines:
        if line.text.startswith("-") or not parts:
            parts.append([line.text])
        else:
            parts[-1].append(line.text)
    return [join_lines(p) for p in parts]


def _boxes(items: list[Item]) -> list[list[Line]]:
    boxed: dict[int, list[Line]] = {}
    boxes: list[list[Line]] = []
    for item in items:
        if item.box is not None and item.line is not None:
            if item.box not in boxed:
                boxed[item.box] = []
                boxes.append(boxed[item.box])
            boxed[item.box].append(item.line)
        elif item.kind == "grid" and item.grid is not None:
            boxes += [c.lines for row in item.grid.rows for c in row if c is not None and c.lines]
    return boxes


def _order(box: list[Line]) -> tuple[int, float, float]:
    first = join_lines([ln.text for ln in box])
    rank = next((k for k, (_, rx) in enumerate(_ROLES) if rx.match(first)), len(_ROLES))
    return rank, box[0].top, box[0].x0


def parse_prisma(items: list[Item]) -> Prisma | None:
    boxes = sorted(_boxes(items), key=_order)
    if not boxes:
        return None
    numbers: dict[str, int] = {}
    texts: list[str] = []
    reasons: list[ExclusionReason] = []
    for box in boxes:
        parts = _box_texts(box)
        texts += parts
        for name, rx in _ROLES:
            if name not in numbers and (m := rx.match(parts[0])):
                numbers[name] = int(m.group(1).replace(",", ""))
                break
        for part in parts[1:]:
            if m := _REASON.match(part):
                reasons.append(ExclusionReason(reason=m.group(1), count=int(m.group(2))))
    lines = [ln for box in boxes for ln in box]
    page = lines[0].page
    on = [ln for ln in lines if ln.page == page]
    area = Box(
        page=page,
        x0=min(ln.x0 for ln in on),
        top=min(ln.top for ln in on),
        x1=max(ln.x1 for ln in on),
        bottom=max(ln.bottom for ln in on),
    )
    return Prisma(**numbers, exclusion_reasons=reasons, boxes=texts, page=page, box=area)
