"""The story: the record's sections, in the seed report's order, as platypus flowables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from ..models import Correction, Reference, Report, SummaryTable
from .markup import bold_label, esc, inline, link
from .styles import (
    FRAME_WIDTH,
    LANDSCAPE_COLUMNS,
    LANDSCAPE_FRAME_WIDTH,
    LINK_BLUE,
    Styles,
)
from .tables import corrections_table, criteria_table, summary_table

PUBMED_URL = "https://www.ncbi.nlm.nih.gov/pubmed/{}"
DESIGN_ORDER = [
    "Health Technology Assessments",
    "Systematic Reviews and Meta-analyses",
    "Randomized Controlled Trials",
    "Non-Randomized Studies",
    "Guidelines",
    "Economic Evaluations",
]
KEEP_CAPTION = 120.0  # a caption needs room for itself, the header row and a first row
_URL = re.compile(r"https?://[^\s<>\"]+")


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
    """The date as printed in the source, else the ISO date written like 'November 7, 2017'."""
    md = report.metadata
    if md.publication_date_raw:
        return md.publication_date_raw
    if md.publication_date:
        d = md.publication_date
        return f"{d:%B} {d.day}, {d.year}"
    return None


def _paragraphs(text: str | None, st: Styles) -> list[Flowable]:
    if not text:
        return []
    return [Paragraph(inline(p), st.body) for p in text.split("\n") if p.strip()]


def cover(report: Report, st: Styles) -> list[Flowable]:
    """Page 1: type band, title, and the 'Label: value' cover block."""
    md = report.metadata
    band = band_text(report)
    out: list[Flowable] = [Paragraph(esc(band), fit_one_line(st.band, band))]
    out.append(Paragraph(esc(md.title or ""), st.title))
    pages = f"{md.report_length_pages} Pages" if md.report_length_pages is not None else None
    for label, value in (
        ("Service Line", md.service_line),
        ("Version", md.version),
        ("Publication Date", publication_date(report)),
        ("Report Length", pages),
    ):
        if value:
            out.append(Paragraph(bold_label(label, value), st.label))
    return [*out, NextPageTemplate("body"), PageBreak()]


def front_matter(report: Report, st: Styles) -> list[Flowable]:
    """Page 2: authors and the suggested citation."""
    md = report.metadata
    out: list[Flowable] = []
    if md.authors:
        out += [Paragraph(bold_label("Authors", ", ".join(md.authors)), st.body), Spacer(0, 6)]
    if md.cite_as:
        out.append(Paragraph(bold_label("Cite As", md.cite_as), st.body))
    return [*out, PageBreak()] if out else []


def body(report: Report, st: Styles) -> list[Flowable]:
    """Research questions through the summary tables."""
    out: list[Flowable] = []
    if report.research_questions:
        out.append(Paragraph("Research Questions", st.h1))
        if len(report.research_questions) == 1:
            out.append(Paragraph(inline(report.research_questions[0]), st.body))
        else:
            for i, q in enumerate(report.research_questions, 1):
                out.append(Paragraph(inline(q), st.numbered, bulletText=f"{i}."))
    for heading, text in (("Key Findings", report.key_findings), ("Methods", report.methods)):
        if text:
            out += [Paragraph(heading, st.h1), *_paragraphs(text, st)]
    if report.selection_criteria or report.selection_criteria_intro:
        out.append(Paragraph("Selection Criteria", st.h2))
        out += _paragraphs(report.selection_criteria_intro, st)
        if report.selection_criteria:
            out.append(CondPageBreak(KEEP_CAPTION))
            out.append(Paragraph("Table 1: Selection Criteria", st.caption))
            out.append(criteria_table(report.selection_criteria, st))
            out.append(Spacer(0, 8))
    for heading, paras in (
        ("Results", report.results_paragraphs),
        ("Overall Summary of Findings", report.overall_summary),
    ):
        if paras:
            out.append(Paragraph(heading, st.h1))
            out += [Paragraph(inline(p), st.body) for p in paras]
    for table in report.summary_tables:
        out += summary_block(table, st)
    return out


def summary_block(table: SummaryTable, st: Styles) -> list[Flowable]:
    """Caption, table and footnote; a table of many columns gets landscape pages of its own."""
    wide = len(table.columns) >= LANDSCAPE_COLUMNS
    width = LANDSCAPE_FRAME_WIDTH if wide else FRAME_WIDTH
    out: list[Flowable] = (
        [NextPageTemplate("landscape"), PageBreak()] if wide else [CondPageBreak(KEEP_CAPTION)]
    )
    out.append(Paragraph(esc(table.title), st.caption))
    out.append(summary_table(table, st, width))
    if table.footnote:
        out.append(Paragraph(inline(table.footnote), st.footnote))
    else:
        out.append(Spacer(0, 10))
    if wide:
        out += [NextPageTemplate("body"), PageBreak()]
    return out


def reference_paragraphs(ref: Reference, st: Styles) -> list[Flowable]:
    """'N. text' with any URL clickable, then the 'PubMed: PM<id>' link line."""
    text = esc(ref.text)
    text = _URL.sub(lambda m: link(m.group(0), m.group(0), "black"), text)
    out: list[Flowable] = [Paragraph(text, st.reference, bulletText=f"{ref.number}.")]
    if ref.pmid:
        url = PUBMED_URL.format(ref.pmid)
        out.append(Paragraph(link(url, f"PubMed: PM{ref.pmid}", LINK_BLUE), st.pubmed))
    return out


def _rank(heading: str) -> int:
    return DESIGN_ORDER.index(heading) if heading in DESIGN_ORDER else -1


def _empty_before(rank: int, pending: list[str]) -> list[str]:
    """Empty headings that belong before a populated section of this design rank."""
    due = [h for h in pending if _rank(h) < rank]
    for h in due:
        pending.remove(h)
    return due


def _no_literature(heading: str, st: Styles) -> list[Flowable]:
    return [Paragraph(esc(heading), st.h2), Paragraph("No literature identified.", st.body)]


def references(report: Report, st: Styles) -> list[Flowable]:
    """The main list grouped by design heading (in record order) and subheading; headings with
    no literature slot in by design order."""
    if not (report.references or report.reference_sections_empty):
        return []
    out: list[Flowable] = [
        PageBreak(),
        Paragraph(esc(report.references_heading or "References"), st.h1),
    ]
    pending = list(report.reference_sections_empty)
    section: object = object()
    subsection: str | None = None
    for ref in report.references:
        if ref.section != section:
            for h in _empty_before(_rank(ref.section or ""), pending):
                out += _no_literature(h, st)
            if ref.section:
                out.append(Paragraph(esc(ref.section), st.h2))
            section, subsection = ref.section, None
        if ref.subsection and ref.subsection != subsection:
            out.append(Paragraph(esc(ref.subsection), st.h3))
        subsection = ref.subsection
        out += reference_paragraphs(ref, st)
    for h in pending:
        out += _no_literature(h, st)
    return out


def appendix(report: Report, st: Styles) -> list[Flowable]:
    """Further-information references, by appendix heading."""
    if not report.appendix:
        return []
    out: list[Flowable] = [
        PageBreak(),
        Paragraph(esc(report.appendix_heading or "Appendix"), st.h1),
    ]
    for group in report.appendix:
        if group.heading:
            out.append(Paragraph(esc(group.heading), st.h2))
        subsection: str | None = None
        for ref in group.references:
            if ref.subsection and ref.subsection != subsection:
                out.append(Paragraph(esc(ref.subsection), st.h3))
            subsection = ref.subsection
            out += reference_paragraphs(ref, st)
    return out


def corrections_section(corrections: Sequence[Correction], st: Styles) -> list[Flowable]:
    """The changes made by `cadthkit fix`, only when there are any."""
    if not corrections:
        return []
    n = len(corrections)
    intro = (
        f"This version corrects {n} citation{'s' if n != 1 else ''} in the summary tables. "
        "Each row now cites the reference that it summarizes."
    )
    return [
        PageBreak(),
        Paragraph("Corrections", st.h1),
        Paragraph(esc(intro), st.body),
        corrections_table(corrections, st),
    ]


def _single_breaks(story: list[Flowable]) -> list[Flowable]:
    """Drop a PageBreak that follows another: two in a row would leave a blank page (e.g. a
    landscape table just before the references). A template switch between the two moves
    before the break that is kept, so the next page still gets that template."""
    out: list[Flowable] = []
    kept: int | None = None  # index in `out` of the break that nothing has followed yet
    for item in story:
        if isinstance(item, PageBreak) and kept is not None:
            switches = [f for f in out[kept + 1 :] if isinstance(f, NextPageTemplate)]
            out[kept:] = [*switches, out[kept]]
            kept = len(out) - 1
            continue
        if isinstance(item, PageBreak):
            kept = len(out)
        elif not isinstance(item, NextPageTemplate):
            kept = None
        out.append(item)
    return out


def build_story(
    report: Report, st: Styles, corrections: Iterable[Correction] = ()
) -> list[Flowable]:
    """All flowables, cover to corrections."""
    return _single_breaks(
        [
            *cover(report, st),
            *front_matter(report, st),
            *body(report, st),
            *references(report, st),
            *appendix(report, st),
            *corrections_section(list(corrections), st),
        ]
    )
