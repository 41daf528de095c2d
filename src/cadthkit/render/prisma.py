"""The study-selection flow diagram (PRISMA) as CADTH prints it: bordered boxes in two columns,
joined by arrow glyphs, each box holding the text the record keeps (or, where the record has
only the numbers, the standard wording)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ..models import Prisma
from .fonts import REGULAR
from .markup import esc
from .styles import Styles

COLUMN = 185.0  # box width
GAP = 42.0  # between the columns, where the → sits
ARROW_ROW = 30.0  # height of a row holding only a ↓
PAD = 5.0
ARROW_SIZE = 14.0

# Standard wording of each box, for records that keep only the numbers.
WORDING = {
    "identified": "{} citations identified from electronic literature search and screened",
    "excluded_screening": "{} citations excluded",
    "full_text": "{} potentially relevant articles retrieved for scrutiny (full text, if "
    "available)",
    "other_sources": "{} potentially relevant reports retrieved from other sources (grey "
    "literature, hand search)",
    "potentially_relevant": "{} potentially relevant reports",
    "excluded_full_text": "{} reports excluded:",
    "included": "{} reports included in review",
}
# How a printed box text says which box it is (after its number).
_KIND = [
    ("excluded_full_text", re.compile(r"excluded\s*:", re.I)),
    ("excluded_screening", re.compile(r"excluded", re.I)),
    ("identified", re.compile(r"identified", re.I)),
    ("other_sources", re.compile(r"other\s+sources|grey\s+literature|hand\s+search", re.I)),
    ("full_text", re.compile(r"scrutiny|full[-\s]text|retrieved", re.I)),
    ("included", re.compile(r"included", re.I)),
    ("potentially_relevant", re.compile(r"potentially\s+relevant", re.I)),
]


def box_texts(p: Prisma) -> tuple[dict[str, str], list[str]]:
    """Text of each box by field, and the exclusion-reason lines ('-irrelevant population (6)')."""
    texts: dict[str, str] = {}
    reasons = [b for b in p.boxes if b.lstrip().startswith("-")]
    for text in p.boxes:
        if text.lstrip().startswith("-"):
            continue
        kind = next((k for k, rx in _KIND if rx.search(text) and k not in texts), None)
        if kind is not None:
            texts[kind] = text
    for field, wording in WORDING.items():
        value = getattr(p, field)
        if field not in texts and value is not None:
            texts[field] = wording.format(value)
    if not reasons:
        reasons = [f"-{r.reason} ({r.count})" for r in p.exclusion_reasons]
    return texts, reasons


@dataclass
class _Box:
    x: float
    top: float  # from the top of the diagram
    height: float
    paragraphs: list[Paragraph]


class FlowDiagram(Flowable):
    """Boxes and arrows; one flowable, kept on one page."""

    def __init__(self, prisma: Prisma, st: Styles, width: float) -> None:
        super().__init__()
        self.texts, self.reasons = box_texts(prisma)
        self.st = st
        self.avail = width
        self.left = max(0.0, (width - 2 * COLUMN - GAP) / 2)
        self.right = self.left + COLUMN + GAP
        self.boxes: list[_Box] = []
        self.arrows: list[tuple[str, float, float]] = []  # glyph, x centre, top
        self.height = 0.0

    def _paragraphs(self, field: str) -> list[Paragraph]:
        text = self.texts.get(field)
        if text is None:
            return []
        out = [Paragraph(esc(text), self.st.flow)]
        if field == "excluded_full_text":
            out += [Paragraph(esc(r), self.st.flow_reason) for r in self.reasons]
        return out

    def _measure(self, paragraphs: list[Paragraph]) -> float:
        inner = COLUMN - 2 * PAD
        return sum(p.wrap(inner, 1000)[1] + p.style.spaceBefore for p in paragraphs) + 2 * PAD

    def _row(
        self, top: float, left: str | None, right: str | None, *, min_height: float = 0
    ) -> float:
        """Place a row of up to two boxes at `top`; return its height."""
        slots = ((self.left, left), (self.right, right))
        placed = [(x, ps) for x, f in slots if f and (ps := self._paragraphs(f))]
        if not placed:
            return 0.0
        height = max([min_height, *(self._measure(ps) for _, ps in placed)])
        for x, ps in placed:
            self.boxes.append(_Box(x, top, height, ps))
        return height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.boxes, self.arrows = [], []
        down = self.left + COLUMN / 2
        side = self.left + COLUMN + GAP / 2
        y = self._row(0.0, "identified", None)
        if "excluded_screening" in self.texts:
            self.arrows += [("↓", down, y + 2), ("→", side, y + 2)]
            y += self._row(y, None, "excluded_screening", min_height=ARROW_ROW)
        elif y:
            self.arrows.append(("↓", down, y + 2))
            y += ARROW_ROW
        y += self._row(y, "full_text", "other_sources")
        if "potentially_relevant" in self.texts:
            self.arrows.append(("↓", down, y + 2))
            y += ARROW_ROW
            if "excluded_full_text" in self.texts:
                self.arrows.append(("→", side, y + 2))
            y += self._row(y, "potentially_relevant", "excluded_full_text")
        else:
            y += self._row(y, None, "excluded_full_text")
        if "included" in self.texts:
            self.arrows.append(("↓", down, y + 2))
            y += ARROW_ROW
            y += self._row(y, "included", None)
        self.height = y
        return self.avail, y

    def draw(self) -> None:
        canvas: Canvas = self.canv
        top = self.height
        canvas.setLineWidth(1.0)
        for box in self.boxes:
            x0, x1 = box.x, box.x + COLUMN
            y1, y0 = top - box.top, top - box.top - box.height
            # four lines, as word processors draw text-box borders
            for a, b, c, d in (
                (x0, y1, x1, y1),
                (x0, y0, x1, y0),
                (x0, y0, x0, y1),
                (x1, y0, x1, y1),
            ):
                canvas.line(a, b, c, d)
            y = y1 - PAD
            for p in box.paragraphs:
                _, h = p.wrap(COLUMN - 2 * PAD, 1000)
                y -= h + p.style.spaceBefore
                p.drawOn(canvas, x0 + PAD, y)
        canvas.setFont(REGULAR, ARROW_SIZE)
        for glyph, x, y in self.arrows:
            canvas.drawCentredString(x, top - y - ARROW_SIZE, glyph)
