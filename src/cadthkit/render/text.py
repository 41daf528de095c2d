"""Running text: headings (2013: capitals and a colon), research questions, the Key Findings
(2021: a shaded "Key Messages" box), Table 1, and the summary tables with their captions; for a
Critical Appraisal record, its abbreviations and its body section by section."""

from __future__ import annotations

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..models import BodySection, Report, SummaryTable
from .markup import esc, inline
from .styles import (
    FRAME_WIDTH,
    LANDSCAPE_COLUMNS,
    LANDSCAPE_FRAME_WIDTH,
    TEAL_BOX,
    Styles,
)
from .tables import criteria_table, summary_table

KEEP_CAPTION = 120.0  # a caption needs room for itself, the header row and a first row
KEY_FINDINGS = ("key findings", "key messages")
SELECTION = ("selection criteria and methods", "selection criteria")


def _key(heading: str) -> str:
    return " ".join(heading.strip().rstrip(":").split()).lower()


def heading(text: str, level: int, st: Styles) -> Paragraph:
    """A heading at its level; the 2013 template prints sections as 'METHODS:'."""
    if level == 1 and st.theme.caps_headings and not text.lower().startswith("appendix"):
        text = f"{text.upper()}:"
    style = st.h1 if level == 1 else st.h2 if level == 2 else st.h3
    return Paragraph(esc(text), style)


def paragraphs(texts: list[str], st: Styles) -> list[Flowable]:
    return [Paragraph(inline(p), st.body) for p in texts if p.strip()]


def _split(text: str | None) -> list[str]:
    return [p for p in (text or "").split("\n") if p.strip()]


def research_questions(report: Report, st: Styles) -> list[Flowable]:
    questions = report.research_questions
    if len(questions) == 1:
        return [Paragraph(inline(questions[0]), st.body)]
    return [
        Paragraph(inline(q), st.numbered, bulletText=f"{i}.") for i, q in enumerate(questions, 1)
    ]


def key_messages_box(title: str, texts: list[str], st: Styles) -> Table:
    """2021: the Key Findings as a bordered, shaded box headed by its title."""
    content: list[Flowable] = [Paragraph(esc(title), st.box_head), *paragraphs(texts, st)]
    box = Table([[content]], colWidths=[FRAME_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TEAL_BOX),
                ("BOX", (0, 0), (-1, -1), 1.0, "black"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def key_findings(title: str, texts: list[str], st: Styles) -> list[Flowable]:
    if st.theme.template == "2021":
        return [Spacer(0, 6), key_messages_box(title, texts, st), Spacer(0, 10)]
    return [heading(title, 1, st), *paragraphs(texts, st)]


def table_1(report: Report, st: Styles) -> list[Flowable]:
    if not report.selection_criteria:
        return []
    table = criteria_table(report.selection_criteria, st)
    table.spaceAfter = 8
    return [
        CondPageBreak(KEEP_CAPTION),
        Paragraph("Table 1: Selection Criteria", st.caption),
        table,
    ]


def summary_block(table: SummaryTable, st: Styles) -> list[Flowable]:
    """Caption, table and footnote; a table of many columns gets landscape pages of its own."""
    wide = len(table.columns) >= LANDSCAPE_COLUMNS
    width = LANDSCAPE_FRAME_WIDTH if wide else FRAME_WIDTH
    out: list[Flowable] = (
        [NextPageTemplate("landscape"), PageBreak()] if wide else [CondPageBreak(KEEP_CAPTION)]
    )
    out.append(Paragraph(inline(table.title), st.caption))
    flowable = summary_table(table, st, width)
    out.append(flowable)
    if table.footnote:
        out.append(Paragraph(inline(table.footnote), st.footnote))
    else:
        flowable.spaceAfter = 10  # space, not a Spacer: a Spacer may start a page of its own
    if wide:
        out += [NextPageTemplate("body"), PageBreak()]
    return out


def summary_of_abstracts(report: Report, st: Styles) -> list[Flowable]:
    """The format-1 running text, research questions through the summary tables."""
    out: list[Flowable] = []
    if report.research_questions:
        out += [heading("Research Questions", 1, st), *research_questions(report, st)]
    if report.key_findings:
        title = "Key Messages" if st.theme.template == "2021" else "Key Findings"
        out += key_findings(title, _split(report.key_findings), st)
    if report.methods:
        out += [heading("Methods", 1, st), *paragraphs(_split(report.methods), st)]
    if report.selection_criteria or report.selection_criteria_intro:
        out.append(heading("Selection Criteria", 2, st))
        out += paragraphs(_split(report.selection_criteria_intro), st)
        out += table_1(report, st)
    for title, texts in (
        ("Results", report.results_paragraphs),
        ("Overall Summary of Findings", report.overall_summary),
    ):
        if texts:
            out += [heading(title, 1, st), *paragraphs(texts, st)]
    for table in report.summary_tables:
        out += summary_block(table, st)
    return out


def abbreviations(report: Report, st: Styles) -> list[Flowable]:
    """The abbreviations list: two borderless columns, on a page of its own."""
    if not report.abbreviations:
        return []
    rows = [
        [Paragraph(esc(k), st.body), Paragraph(esc(v), st.body)]
        for k, v in report.abbreviations.items()
    ]
    table = Table(rows, colWidths=[130.0, FRAME_WIDTH - 130.0])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [heading("Abbreviations", 1, st), table, PageBreak()]


def _section(section: BodySection, report: Report, st: Styles, table1: bool) -> list[Flowable]:
    key = _key(section.heading)
    if key in KEY_FINDINGS:
        return key_findings(section.heading, section.paragraphs, st)
    out: list[Flowable] = [heading(section.heading, section.level, st)]
    if key == "research questions":
        out += research_questions(report, st)
    out += paragraphs(section.paragraphs, st)
    if table1:
        out += table_1(report, st)
    return out


def body_sections(report: Report, st: Styles) -> list[Flowable]:
    """A Critical Appraisal record's body in reading order; Table 1 after the selection
    criteria paragraph (or at the end of the body when no such heading is printed)."""
    keys = [_key(s.heading) for s in report.body]
    at = next((i for i, k in enumerate(keys) if k in SELECTION), None)
    out: list[Flowable] = []
    for i, section in enumerate(report.body):
        out += _section(section, report, st, table1=i == at)
    if at is None:
        out += table_1(report, st)
    return out
