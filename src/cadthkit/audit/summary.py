"""The first page(s) of an annotated copy: every finding, numbered as on its page, with its
message and fix and a link to the page where it is boxed."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..models.findings import Finding
from ..render.fonts import BOLD, ITALIC, REGULAR, register_fonts
from ..version import __version__
from .notes import COLOURS

MARGIN = 54.0
BODY = 9.0
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1, y up


@dataclass
class Entry:
    """One finding as the summary lists it; `page` is where it is boxed (None: nowhere)."""

    number: int
    finding: Finding
    page: int | None


@dataclass
class Summary:
    """The summary pages and where their links and unplaced notes go."""

    pdf: bytes
    pages: int
    links: list[tuple[int, Rect, int]] = field(default_factory=list)  # summary page, rect, page
    notes: list[tuple[int, Rect, Entry]] = field(default_factory=list)  # for unplaced findings


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _Writer:
    """Lines down the page, starting a new page when one is full."""

    def __init__(self, size: tuple[float, float], out: io.BytesIO) -> None:
        self.width, self.height = size
        self.canvas = Canvas(out, pagesize=size)
        self.canvas.setTitle("Citation audit")
        self.page = 0
        self.y = self.height - MARGIN

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.canvas.showPage()
            self.page += 1
            self.y = self.height - MARGIN
            self.line(BOLD, 11, "Citation audit (continued)", (0.2, 0.2, 0.2))
            self.y -= 6

    def line(self, font: str, size: float, text: str, colour: tuple[float, ...]) -> None:
        self.canvas.setFont(font, size)
        self.canvas.setFillColorRGB(*colour)
        self.canvas.drawString(MARGIN, self.y - size, text)
        self.y -= size * 1.3

    def para(self, font: str, size: float, text: str, colour: tuple[float, ...]) -> None:
        for piece in simpleSplit(text, font, size, self.width - 2 * MARGIN):
            self.need(size * 1.3)
            self.line(font, size, piece, colour)


def summary_pages(entries: list[Entry], source: str, size: tuple[float, float]) -> Summary:
    """Lay out the summary of `entries` (the findings of `source`) on pages of `size`."""
    register_fonts()
    out = io.BytesIO()
    w = _Writer(size, out)
    counts = {s: sum(e.finding.severity == s for e in entries) for s in COLOURS}
    w.line(BOLD, 18, "Citation audit", (0.1, 0.1, 0.1))
    w.y -= 4
    w.para(REGULAR, BODY, f"{source} — checked by cadthkit {__version__}", (0.3, 0.3, 0.3))
    w.y -= 4
    tally = ", ".join(_plural(counts[s], s) for s in ("error", "warning")) + (
        f", {counts['info']} info"
    )
    w.para(BOLD, 11, tally, (0.1, 0.1, 0.1))
    w.y -= 2
    w.para(
        REGULAR,
        BODY,
        "Each finding is boxed and numbered on its page, explained in the column beside it, "
        "and listed in your PDF viewer's comments. The page links below go to it.",
        (0.1, 0.1, 0.1),
    )
    w.para(
        ITALIC,
        8.5,
        "This copy is for reading: the original's scripts, actions, forms and embedded files "
        "were left out.",
        (0.35, 0.35, 0.35),
    )
    w.y -= 8
    summary = Summary(b"", 0)
    for entry in entries:
        _entry(w, entry, summary)
    w.canvas.showPage()
    w.canvas.save()
    summary.pdf, summary.pages = out.getvalue(), w.page + 1
    return summary


def _entry(w: _Writer, entry: Entry, summary: Summary) -> None:
    f = entry.finding
    colour = COLOURS[f.severity]
    w.need(4 * BODY * 1.3)
    w.y -= 4
    top = w.y
    w.line(BOLD, 10, f"{entry.number}. {f.code} ({f.severity})", colour)
    where = f"page {entry.page} →" if entry.page else "not located on a page"
    text_width = stringWidth(where, BOLD, 10)
    x1 = w.width - MARGIN
    w.canvas.setFont(BOLD, 10)
    w.canvas.setFillColorRGB(0.1, 0.3, 0.7) if entry.page else w.canvas.setFillColorRGB(
        0.4, 0.4, 0.4
    )
    w.canvas.drawRightString(x1, top - 10, where)
    rect = (x1 - text_width - 2, top - 13, x1 + 2, top + 1)
    if entry.page:
        summary.links.append((w.page, rect, entry.page))
    else:
        summary.notes.append((w.page, (MARGIN - 22, top - 14, MARGIN - 4, top + 2), entry))
    w.para(REGULAR, BODY, f.message, (0.1, 0.1, 0.1))
    if f.suggested_fix:
        w.para(ITALIC, BODY, f"Fix: {f.suggested_fix}", (0.25, 0.25, 0.25))
