"""Page templates (cover, then running header and page numbers), PDF metadata, and output."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from ..models import Correction, Report
from ..version import __version__
from .fonts import REGULAR
from .markup import esc
from .story import build_story
from .styles import (
    CADTH_BLUE,
    FRAME_WIDTH,
    LANDSCAPE_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_SIZE,
    Styles,
    build_styles,
)

HEADER_TOP = 34.0
PAGE_NUMBER_BASELINE = 40.0


def _header_markup(report: Report) -> str:
    kind = (report.metadata.report_type or "").upper()
    title = esc(report.metadata.title or "")
    return f'<font color="{CADTH_BLUE.hexval()}"><b>{esc(kind)}</b></font> {title}'.strip()


def _decorate(
    report: Report, st: Styles, size: tuple[float, float]
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """onPage callback: running header in the top margin, page number in the bottom margin."""
    header = Paragraph(_header_markup(report), st.header)
    page_width, page_height = size

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        # portrait width on landscape pages too: the header must wrap into the same lines on
        # every page, because readers (ours included) drop margin lines that repeat verbatim
        _, height = header.wrap(FRAME_WIDTH, MARGIN_TOP)
        header.drawOn(canvas, MARGIN_LEFT, page_height - HEADER_TOP - height)
        canvas.setFont(REGULAR, 10)
        canvas.drawRightString(
            page_width - MARGIN_RIGHT, PAGE_NUMBER_BASELINE, str(canvas.getPageNumber())
        )
        canvas.restoreState()

    return draw


def _frame(size: tuple[float, float]) -> Frame:
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        size[0] - MARGIN_LEFT - MARGIN_RIGHT,
        size[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def _document(report: Report, out: io.BytesIO, st: Styles) -> BaseDocTemplate:
    md = report.metadata
    keywords = ["CADTH", "Rapid Response", md.report_type or ""]
    keywords += sorted({r.section for r in report.references if r.section})
    doc = BaseDocTemplate(
        out,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=md.title or "",
        author=", ".join(md.authors),
        subject=f"CADTH Rapid Response Report: {md.report_type}" if md.report_type else "",
        keywords=[k for k in keywords if k],
        creator=f"cadthkit {__version__}",
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[_frame(PAGE_SIZE)], pagesize=PAGE_SIZE),
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


def render_to_bytes(report: Report, corrections: Iterable[Correction] = ()) -> bytes:
    """The rendered PDF as bytes (used by tests and by `render_pdf`).

    The cover's "Report Length" states this PDF's own page count, not the source's (a refreshed
    report is usually longer): render, count, and render again if the count changed.
    """
    st = build_styles()
    corrections = list(corrections)
    for _ in range(3):
        buf = io.BytesIO()
        doc = _document(report, buf, st)
        doc.build(build_story(report, st, corrections))
        if report.metadata.report_length_pages == doc.page:
            break
        metadata = report.metadata.model_copy(update={"report_length_pages": doc.page})
        report = report.model_copy(update={"metadata": metadata})
    return buf.getvalue()
