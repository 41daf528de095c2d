"""Page 1 and the front matter: the cover of the 2017 and 2021 templates (the 2021 one under a
teal "CADTH Health Technology Review" band), or the 2013 run-in TITLE:/DATE: lines, and the
authors and cite-as block."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..models import Report
from .markup import bold_label, esc, inline
from .styles import FRAME_WIDTH, TEAL, Styles

HTR_BAND = "CADTH Health Technology Review"


def band_text(report: Report) -> str:
    """The cover band, e.g. 'CADTH RAPID RESPONSE REPORT: SUMMARY OF ABSTRACTS'."""
    kind = report.metadata.report_type
    return f"CADTH RAPID RESPONSE REPORT: {kind.upper()}" if kind else "CADTH RAPID RESPONSE REPORT"


def fit_one_line(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """The style, shrunk if needed so `text` fits on one line (a wrapped band reads as title)."""
    width = stringWidth(text, style.fontName, style.fontSize)
    if width <= FRAME_WIDTH:
        return style
    size = max(6.0, style.fontSize * FRAME_WIDTH / width * 0.99)
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.25)


def publication_date(report: Report) -> str | None:
    """The date as printed in the source, else the ISO date written like 'November 7, 2017'
    (2013: '30 May 2013')."""
    md = report.metadata
    if md.publication_date_raw:
        return md.publication_date_raw
    if md.publication_date:
        d = md.publication_date
        if md.template == "2013":
            return f"{d.day} {d:%B} {d.year}"
        return f"{d:%B} {d.day}, {d.year}"
    return None


def _teal_band(st: Styles) -> Table:
    style = ParagraphStyle("band-2021", parent=st.band, spaceAfter=0)
    band = Table([[Paragraph(esc(HTR_BAND), style)]], colWidths=[FRAME_WIDTH])
    band.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TEAL),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return band


def corrected_date(report: Report) -> str | None:
    """'November 25, 2026' (2013: '25 November 2026') for a corrected edition, else None."""
    edition = report.edition
    if edition is None or not edition.corrections:
        return None
    d = edition.corrected
    return (
        f"{d.day} {d:%B} {d.year}"
        if report.metadata.template == "2013"
        else f"{d:%B} {d.day}, {d.year}"
    )


def _cover_block(report: Report, st: Styles) -> list[Flowable]:
    """Service Line / Version / Publication Date (a corrected edition: Corrected) / Report
    Length."""
    md = report.metadata
    pages = f"{md.report_length_pages} Pages" if md.report_length_pages is not None else None
    return [
        Paragraph(bold_label(label, value), st.label)
        for label, value in (
            ("Service Line", md.service_line),
            ("Version", md.version),
            ("Publication Date", publication_date(report)),
            ("Corrected", corrected_date(report)),
            ("Report Length", pages),
        )
        if value
    ]


def cover(report: Report, st: Styles) -> list[Flowable]:
    """Page 1 of the 2017 and 2021 templates: band, (2021: type), title, 'Label: value' block."""
    md = report.metadata
    out: list[Flowable]
    if st.theme.template == "2021":
        out = [_teal_band(st), Spacer(0, 24)]
        if md.report_type:
            out.append(Paragraph(esc(md.report_type), st.kind))
    else:
        band = band_text(report)
        out = [Paragraph(esc(band), fit_one_line(st.band, band))]
    out.append(Paragraph(esc(md.title or ""), st.title))
    out += _cover_block(report, st)
    return [*out, NextPageTemplate("body"), PageBreak()]


def run_in(report: Report, st: Styles) -> list[Flowable]:
    """Page 1 of the 2013 template: 'TITLE: …' and 'DATE: 30 May 2013' before the text."""
    md = report.metadata
    out: list[Flowable] = [Paragraph(bold_label("TITLE", md.title or ""), st.label)]
    date = publication_date(report)
    if date:
        out.append(Paragraph(bold_label("DATE", date), st.label))
    corrected = corrected_date(report)
    if corrected:
        out.append(Paragraph(bold_label("CORRECTED", corrected), st.label))
    return [*out, Spacer(0, 12)]


def blocks(report: Report, style: ParagraphStyle) -> list[Paragraph]:
    """The labelled front-matter blocks (Disclaimer, About CADTH …) as printed: the label in
    bold before the first paragraph, or alone where the source prints it alone."""
    out: list[Paragraph] = []
    for block in report.front_matter:
        first, *rest = block.paragraphs or [""]
        out.append(Paragraph(bold_label(block.label, first), style))
        out += [Paragraph(inline(p), style) for p in rest]
    return out


def front_matter(report: Report, st: Styles) -> list[Flowable]:
    """Page 2 of the 2017 and 2021 templates: authors, the suggested citation, then the
    acknowledgments, disclaimer and "About CADTH" blocks in small print."""
    md = report.metadata
    out: list[Flowable] = []
    if md.authors:
        out += [Paragraph(bold_label("Authors", ", ".join(md.authors)), st.body), Spacer(0, 6)]
    if md.cite_as:
        out.append(Paragraph(bold_label("Cite As", md.cite_as), st.body))
    if report.front_matter:
        out += [Spacer(0, 8), *blocks(report, st.front)]
    return [*out, PageBreak()] if out else []


def small_print(report: Report, st: Styles) -> list[Paragraph]:
    """The 2013 first-page footer: authors and cite-as in small print (the only place that
    template prints the report type)."""
    md = report.metadata
    out = []
    if md.authors:
        out.append(Paragraph(bold_label("Authors", ", ".join(md.authors)), st.small))
    if md.cite_as:
        out.append(Paragraph(bold_label("Cite as", md.cite_as), st.small))
    return out + blocks(report, st.small)
