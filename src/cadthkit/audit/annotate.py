"""Draw findings onto a copy of the source PDF: a box around what is wrong and a short note in
the nearest side margin, joined by a leader line. One reportlab overlay per annotated page is
merged onto the original page with pypdf, so the original content is untouched underneath.

Boxes come from the record's provenance (citation, row and reference boxes, in pdfplumber's
top-left frame). Paragraph findings such as count_mismatch have no box in the record, so their
paragraph is found by searching the page text after the section heading.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..models.findings import Finding
from ..models.provenance import Box
from ..pdf.search import find_phrases

COLOURS = {"error": (0.85, 0.1, 0.1), "warning": (0.95, 0.55, 0.0), "info": (0.1, 0.45, 0.8)}
FONT, FONT_BOLD, SIZE = "Helvetica", "Helvetica-Bold", 5.5
PAD = 1.5  # points of space around a boxed item


@dataclass
class Mark:
    """One finding placed on a page."""

    finding: Finding
    box: Box


def note_text(f: Finding) -> tuple[str, str]:
    """Heading and body of the margin note: the code, then what to change."""
    head = f.code
    if f.code == "count_mismatch":
        body = f"'{f.printed_text}' should be {f.expected}"
    elif f.code in ("numbering_gap",):
        body = f"{', '.join(map(str, f.numbers))} missing"
    elif f.code == "duplicate_reference":
        body = f"same work: {', '.join(map(str, f.numbers))}"
    elif f.code == "uncited_reference":
        body = "cited nowhere"
    elif f.expected is not None and f.printed is not None:
        body = f"fix: {f.printed} -> {f.expected}"
    else:
        body = f.suggested_fix or f.message
    return _latin1(head), _latin1(body)


def _latin1(text: str) -> str:
    """Standard-14 fonts cover Latin-1 only: map arrows and dashes, drop the rest."""
    text = text.replace("→", "->").replace("–", "-").replace("—", "-").replace("’", "'")
    return text.encode("latin-1", "replace").decode("latin-1")


def place(source: Path, findings: list[Finding]) -> tuple[list[Mark], list[Finding]]:
    """Findings with a box to draw, and those that could not be placed."""
    marks: list[Mark] = []
    unplaced: list[Finding] = []
    needs_search = [
        f for f in findings if f.location.box is None and (f.location.quote or f.location.paragraph)
    ]
    located: dict[int, Box] = {}
    if needs_search:
        queries = [
            ((f.location.quote or f.location.paragraph or ""), f.location.section or "")
            for f in needs_search
        ]
        for f, box in zip(needs_search, find_phrases(source, queries), strict=True):
            if box is not None:
                located[id(f)] = box
    for f in findings:
        box = f.location.box or located.get(id(f))
        if box is None:
            unplaced.append(f)
        else:
            marks.append(Mark(f, box))
    return marks, unplaced


def _draw_page(width: float, height: float, marks: list[Mark], extra: list[Finding]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    margin = max(48.0, min(72.0, width * 0.085))
    next_free = {"left": height - 4.0, "right": height - 4.0}  # lowest free y per column
    for mark in sorted(marks, key=lambda m: m.box.top):
        f, b = mark.finding, mark.box
        r, g, bl = COLOURS[f.severity]
        x0, x1 = b.x0 - PAD, b.x1 + PAD
        y0, y1 = height - b.bottom - PAD, height - b.top + PAD
        canvas.setStrokeColorRGB(r, g, bl)
        canvas.setFillColorRGB(r, g, bl, alpha=0.15)
        canvas.setLineWidth(1.2)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
        side = "left" if (b.x0 + b.x1) / 2 < width / 2 else "right"
        head, body = note_text(f)
        inner = margin - 8
        size = min(SIZE, SIZE * inner / max(stringWidth(head, FONT_BOLD, SIZE), 1))
        lines = [head, *simpleSplit(body, FONT, size, inner)]
        block = len(lines) * (size + 1) + 3
        top = min(y1 + 2, next_free[side])
        next_free[side] = top - block - 2
        nx = 3.0 if side == "left" else width - margin + 1
        canvas.setFillColorRGB(1, 1, 1, alpha=0.9)
        canvas.rect(nx, top - block, margin - 4, block, stroke=1, fill=1)
        # Leader: from the note to just above the boxed item, so it does not strike the text.
        edge = nx + margin - 4 if side == "left" else nx
        target = x0 if side == "left" else x1
        canvas.setLineWidth(0.6)
        path = canvas.beginPath()
        path.moveTo(edge, top - 2)
        path.lineTo(target, y1)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setFillColorRGB(r, g, bl)
        y = top - size - 0.5
        for i, line in enumerate(lines):
            canvas.setFont(FONT_BOLD if i == 0 else FONT, size)
            canvas.drawString(nx + 2, y, line)
            y -= size + 1
    if extra:
        canvas.setFillColorRGB(*COLOURS["error"])
        canvas.setFont(FONT, SIZE + 1)
        y = 12.0
        for f in extra:
            canvas.drawString(8, y, _latin1(f"[not located] {f.code}: {f.message}")[:180])
            y += SIZE + 2
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def annotate_pdf(source: Path, findings: list[Finding], out: Path) -> None:
    """Write the annotated copy to `out`; findings that cannot be placed are listed on page 1."""
    marks, unplaced = place(source, findings)
    writer = PdfWriter(clone_from=PdfReader(source))
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        if 1 <= mark.box.page <= len(writer.pages):
            by_page.setdefault(mark.box.page, []).append(mark)
        else:
            unplaced.append(mark.finding)
    if unplaced:
        by_page.setdefault(1, [])
    for number, page_marks in sorted(by_page.items()):
        page = writer.pages[number - 1]
        box = page.mediabox
        x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        # Boxes are as displayed: draw on the page a viewer shows, then turn the overlay into
        # the stored page's space (a page stored sideways carries /Rotate).
        rotation = page.rotation % 360
        width, height = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
        overlay = _draw_page(width, height, page_marks, unplaced if number == 1 else [])
        turn = {0: (x0, y0), 90: (x1, y0), 180: (x1, y1), 270: (x0, y1)}[rotation]
        page.merge_transformed_page(
            PdfReader(io.BytesIO(overlay)).pages[0],
            Transformation().rotate(rotation).translate(*turn),
        )
    with out.open("wb") as fh:
        writer.write(fh)
