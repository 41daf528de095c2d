"""Page templates (cover, then running header and page numbers), PDF metadata, and output."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from ..errors import LimitError, RecordError
from ..limits import DEFAULT_LIMITS, Deadline, Limits
from ..models import Correction, Report
from ..version import __version__
from .bounded import bound_story
from .fonts import REGULAR
from .front import HTR_BAND, small_print
from .markup import esc
from .story import build_story
from .styles import (
    FRAME_WIDTH,
    LANDSCAPE_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_SIZE,
    Styles,
    build_styles,
    template_of,
)

HEADER_TOP = 34.0
PAGE_NUMBER_BASELINE = 40.0
HEADER_TITLE = 200  # characters of the title in the running header (it must fit the margin)
INFO_TITLE = 1000  # characters of the title in the PDF's document information


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _header_markup(report: Report, st: Styles) -> str | None:
    """'SUMMARY OF ABSTRACTS Title' (2021: 'CADTH Health Technology Review Title'); the 2013
    template prints no running header."""
    if st.theme.template == "2013":
        return None
    lead = HTR_BAND if st.theme.template == "2021" else (report.metadata.report_type or "").upper()
    title = esc(_shortened(report.metadata.title or "", HEADER_TITLE))
    return f'<font color="{st.theme.accent.hexval()}"><b>{esc(lead)}</b></font> {title}'.strip()


def _decorate(
    report: Report, st: Styles, size: tuple[float, float], footer: list[Paragraph] | None = None
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """onPage callback: running header in the top margin, page number in the bottom margin
    (2013 page 1: the small-print block above the page number instead of a header)."""
    markup = _header_markup(report, st)
    header = Paragraph(markup, st.header) if markup else None
    page_width, page_height = size

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        # portrait width on landscape pages too: the header must wrap into the same lines on
        # every page, because readers (ours included) drop margin lines that repeat verbatim
        if header is not None and footer is None:
            _, height = header.wrap(FRAME_WIDTH, MARGIN_TOP)
            header.drawOn(canvas, MARGIN_LEFT, page_height - HEADER_TOP - height)
        y = MARGIN_BOTTOM
        for paragraph in reversed(footer or []):
            _, height = paragraph.wrap(FRAME_WIDTH, page_height)
            paragraph.drawOn(canvas, MARGIN_LEFT, y)
            y += height + paragraph.style.spaceAfter
        canvas.setFont(REGULAR, 10)
        canvas.drawRightString(
            page_width - MARGIN_RIGHT, PAGE_NUMBER_BASELINE, str(canvas.getPageNumber())
        )
        canvas.restoreState()

    return draw


def _frame(size: tuple[float, float], reserve: float = 0.0) -> Frame:
    """The text frame; `reserve` keeps room above the bottom margin (2013's small print)."""
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM + reserve,
        size[0] - MARGIN_LEFT - MARGIN_RIGHT,
        size[1] - MARGIN_TOP - MARGIN_BOTTOM - reserve,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


class _Document(BaseDocTemplate):
    """The document, held to the time and page limits: checked after every flowable, which
    `bound_story` keeps short. `deadline` is shared by every pass of `render_to_bytes`."""

    def __init__(
        self,
        out: io.BytesIO,
        limits: Limits,
        name: str | Path | None,
        deadline: Deadline,
        **kw: Any,
    ):
        super().__init__(out, **kw)
        self.limits, self.name, self.deadline = limits, name, deadline

    def afterFlowable(self, flowable: object) -> None:
        self.deadline.check(f"rendering stopped on page {self.page}")
        if self.page > self.limits.max_pages:
            raise LimitError(
                self.name,
                f"would have more than {self.limits.max_pages} pages; see --max-pages",
            )


def _subject(report: Report) -> str:
    kind = report.metadata.report_type
    subject = f"CADTH Rapid Response Report: {kind}" if kind else ""
    if report.edition is not None and report.edition.corrections:
        subject = f"{subject} (corrected edition)".strip()
    return subject


def _document(
    report: Report,
    out: io.BytesIO,
    st: Styles,
    limits: Limits,
    name: str | Path | None,
    deadline: Deadline,
) -> BaseDocTemplate:
    md = report.metadata
    keywords = ["CADTH", "Rapid Response", md.report_type or ""]
    keywords += sorted({r.section for r in report.references if r.section})
    doc = _Document(
        out,
        limits,
        name,
        deadline,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_shortened(md.title or "", INFO_TITLE),
        author=", ".join(md.authors),
        subject=_subject(report),
        keywords=[k for k in keywords if k],
        creator=f"cadthkit {__version__}",
    )
    footer = small_print(report, st) if st.theme.template == "2013" else []
    reserve = sum(p.wrap(FRAME_WIDTH, PAGE_SIZE[1])[1] + p.style.spaceAfter for p in footer)
    first = PageTemplate(id="cover", frames=[_frame(PAGE_SIZE)], pagesize=PAGE_SIZE)
    if footer:
        first = PageTemplate(
            id="cover",
            frames=[_frame(PAGE_SIZE, reserve + 12)],
            onPage=_decorate(report, st, PAGE_SIZE, footer),
            pagesize=PAGE_SIZE,
        )
    doc.addPageTemplates(
        [
            first,
            PageTemplate(
                id="body",
                frames=[_frame(PAGE_SIZE)],
                onPage=_decorate(report, st, PAGE_SIZE),
                pagesize=PAGE_SIZE,
            ),
            PageTemplate(
                id="landscape",
                frames=[_frame(LANDSCAPE_SIZE)],
                onPage=_decorate(report, st, LANDSCAPE_SIZE),
                pagesize=LANDSCAPE_SIZE,
            ),
        ]
    )
    return doc


def _build(
    doc: BaseDocTemplate, report: Report, st: Styles, corrections: list[Correction]
) -> str | None:
    """Lay the document out; None, or why it failed: "memory", or reportlab's layout error.
    (Returning, not raising from the handler, lets the half-built pages go first.)"""
    try:
        doc.build(bound_story(build_story(report, st, corrections)))
    except MemoryError:
        return "memory"
    except LayoutError as exc:
        return str(exc).splitlines()[0][:200]
    return None


def render_to_bytes(
    report: Report,
    corrections: Iterable[Correction] = (),
    limits: Limits = DEFAULT_LIMITS,
    name: str | Path | None = None,
) -> bytes:
    """The rendered PDF as bytes (used by tests and by `render_pdf`).

    The cover's "Report Length" states this PDF's own page count, not the source's (a refreshed
    report is usually longer): render, count, and render again if the count changed. The work
    is held to `limits` (time, pages) as extraction is; `name` (the output) names the file in
    the one-line error.
    """
    st = build_styles(template_of(report))
    corrections = list(corrections)
    deadline = Deadline(Path(name or "render"), limits.timeout_s)
    for _ in range(3):
        buf = io.BytesIO()
        doc = _document(report, buf, st, limits, name, deadline)
        failure = _build(doc, report, st, corrections)
        if failure is not None:
            page = getattr(doc, "page", 0)
            del doc, buf  # give the memory back before saying why
            if failure == "memory":
                raise LimitError(
                    name, f"ran out of memory rendering page {page}; see --max-memory-mb"
                )
            raise RecordError(name, f"cannot be laid out ({failure})")
        if report.metadata.report_length_pages == doc.page:
            break
        metadata = report.metadata.model_copy(update={"report_length_pages": doc.page})
        report = report.model_copy(update={"metadata": metadata})
    return buf.getvalue()
