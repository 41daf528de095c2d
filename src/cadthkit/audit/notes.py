"""What is drawn on an annotated page: a numbered box around each finding and, in a column of
notes added beside the page, the finding's number, code, fix and message, joined to its box by
a leader line. Text is 8 pt or more in DejaVu Sans, the Unicode font the renderer ships, so
"Łukasz" and "9 → 5" print as they are.

Coordinates are as displayed: x from the left, `top`/`bottom` from the top of the page (the
record's boxes), drawn on a reportlab page of the displayed size plus the notes column.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from ..models.findings import Finding
from ..models.provenance import Box
from ..render.fonts import BOLD, REGULAR, register_fonts

COLOURS = {"error": (0.85, 0.1, 0.1), "warning": (0.9, 0.5, 0.0), "info": (0.1, 0.45, 0.8)}
HEX = {k: "".join(f"{round(c * 255):02x}" for c in v) for k, v in COLOURS.items()}
SIZE = 8.0  # the smallest text on an annotated page
LEADING = SIZE + 1.6
NOTES_WIDTH = 170.0  # the column added beside each annotated page
PAD = 1.5  # points of space around a boxed item
MAX_BODY_LINES = 6  # a longer message is cut here; the PDF comment holds all of it
WIDE = 40.0  # a box at least this wide holds a phrase, not a superscript


@dataclass
class Mark:
    """One finding placed on a page, with its number in the summary."""

    number: int
    finding: Finding
    box: Box


def fix_text(f: Finding) -> str:
    """What to change, in a few words."""
    if f.code == "count_mismatch":
        return f"'{f.printed_text}' should be {f.expected}"
    if f.code == "numbering_gap":
        return f"{', '.join(map(str, f.numbers))} missing"
    if f.code == "duplicate_reference":
        return f"same work: {', '.join(map(str, f.numbers))}"
    if f.code == "uncited_reference":
        return "cited nowhere"
    if f.expected is not None and f.printed is not None:
        return f"fix: {f.printed} → {f.expected}"
    return f.suggested_fix or ""


def comment(number: int, f: Finding) -> str:
    """The text of the finding's PDF comment: all of it."""
    lines = [f"{number}. {f.code} ({f.severity})", f.message]
    if f.suggested_fix:
        lines.append(f"Fix: {f.suggested_fix}")
    return "\n".join(lines)


def _note(mark: Mark, compact: int) -> list[tuple[str, str]]:
    """(font, text) lines of a note; `compact` 0: all, 1: no message, 2: the heading only."""
    f = mark.finding
    width = NOTES_WIDTH - 16
    lines = [(BOLD, line) for line in simpleSplit(f"{mark.number}. {f.code}", BOLD, SIZE, width)]
    if compact < 2 and fix_text(f):
        lines += [(BOLD, line) for line in simpleSplit(fix_text(f), BOLD, SIZE, width)]
    if compact < 1:
        body = simpleSplit(f.message, REGULAR, SIZE, width)
        if len(body) > MAX_BODY_LINES:
            body = [*body[: MAX_BODY_LINES - 1], body[MAX_BODY_LINES - 1].rstrip() + " …"]
        lines += [(REGULAR, line) for line in body]
    return lines


def _height(lines: list[tuple[str, str]]) -> float:
    return len(lines) * LEADING + 4


def _place(marks: list[Mark], height: float) -> tuple[list[tuple[Mark, list, float]], int]:
    """Each note's lines and top (y up): level with its box where there is room, never
    overlapping, shortened (no message, then the heading only) when the column is full; notes
    that do not fit even so are left out (counted)."""
    room = height - 8
    for compact in (0, 1, 2):
        notes = [(m, _note(m, compact)) for m in marks]
        if sum(_height(lines) + 3 for _, lines in notes) <= room:
            break
    left_out = 0
    while notes and sum(_height(lines) + 3 for _, lines in notes) > room:
        notes.pop()
        left_out += 1
    tops: list[float] = []
    ceiling = height - 4
    for mark, lines in notes:  # from the top: level with the box, below the note above
        tops.append(min(height - mark.box.top + PAD + 2, ceiling))
        ceiling = tops[-1] - _height(lines) - 3
    floor = 4.0
    for i in reversed(range(len(notes))):  # from the bottom: none below the page
        tops[i] = max(tops[i], floor + _height(notes[i][1]))
        floor = tops[i] + 3
    return [(m, lines, top) for (m, lines), top in zip(notes, tops, strict=True)], left_out


def draw_page(width: float, height: float, marks: list[Mark]) -> bytes:
    """One overlay page: the boxes on the page (width × height as displayed) and their notes
    in a column to its right."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + NOTES_WIDTH, height))
    canvas.setFillColorRGB(0.965, 0.965, 0.965)
    canvas.rect(width, 0, NOTES_WIDTH, height, stroke=0, fill=1)
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setLineWidth(0.5)
    canvas.line(width, 0, width, height)
    ordered = sorted(marks, key=lambda m: (m.box.top, m.box.x0))
    placed, left_out = _place(ordered, height)
    for mark in ordered:
        _draw_box(canvas, mark, height)
    for mark, lines, top in placed:
        _draw_note(canvas, mark, lines, top, width, height)
    if left_out:
        canvas.setFillColorRGB(0.2, 0.2, 0.2)
        canvas.setFont(BOLD, SIZE)
        canvas.drawString(width + 5, 8, f"{left_out} more: see the summary on page 1")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _radius(mark: Mark) -> float:
    return max(5.5, 2.6 * len(str(mark.number)) + 2)


def _draw_box(canvas: Canvas, mark: Mark, height: float) -> None:
    b = mark.box
    r, g, bl = COLOURS[mark.finding.severity]
    x0, y0 = b.x0 - PAD, height - b.bottom - PAD
    canvas.setStrokeColorRGB(r, g, bl)
    canvas.setLineWidth(1.2)
    canvas.rect(x0, y0, b.x1 - b.x0 + 2 * PAD, b.bottom - b.top + 2 * PAD, stroke=1, fill=0)
    # the number, in a disc beside the box: right of a superscript (it ends its label), left
    # of a phrase (it starts in the margin or after a space)
    label = str(mark.number)
    radius = _radius(mark)
    side = 1 if b.x1 - b.x0 < WIDE else -1
    cx = (b.x1 if side > 0 else b.x0) + side * (PAD + radius + 0.8)
    cy = height - (b.top + b.bottom) / 2
    canvas.setFillColorRGB(r, g, bl)
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(BOLD, SIZE)
    canvas.drawCentredString(cx, cy - SIZE * 0.35, label)


def _draw_note(
    canvas: Canvas, mark: Mark, lines: list, top: float, width: float, height: float
) -> None:
    r, g, bl = COLOURS[mark.finding.severity]
    x = width + 4
    block = _height(lines)
    canvas.setStrokeColorRGB(r, g, bl)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setLineWidth(0.8)
    canvas.rect(x, top - block, NOTES_WIDTH - 8, block, stroke=1, fill=1)
    b = mark.box
    canvas.setLineWidth(0.5)
    canvas.setStrokeColorRGB(r, g, bl, alpha=0.5)
    path = canvas.beginPath()
    start = b.x1 + PAD + (2 * _radius(mark) + 0.8 if b.x1 - b.x0 < WIDE else 0)
    path.moveTo(start, height - (b.top + b.bottom) / 2)
    path.lineTo(x, top - LEADING / 2 - 1)
    canvas.drawPath(path, stroke=1, fill=0)
    y = top - SIZE - 1.5
    for font, text in lines:
        canvas.setFillColorRGB(r, g, bl) if font == BOLD else canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(font, SIZE)
        canvas.drawString(x + 3, y, text)
        y -= LEADING
