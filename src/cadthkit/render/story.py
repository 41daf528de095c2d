"""The story: the record's parts in the order its report type and template print them, as
platypus flowables.

Summary of Abstracts / Reference List: cover, front matter, research questions … summary
tables, references, appendix. Summary with Critical Appraisal: cover, front matter,
abbreviations, the body section by section, references, then the appendices (the PRISMA flow
diagram, the tables under their appendix headings, the unnumbered further references). The
2013 template has no cover: page 1 opens with TITLE:/DATE:.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..models import Correction, Report
from .corrections import corrections_section
from .front import cover, front_matter, run_in
from .prisma import FlowDiagram
from .references import appendix, references
from .styles import FRAME_WIDTH, Styles
from .text import abbreviations, body_sections, heading, summary_block, summary_of_abstracts

PRISMA_HEADING = "Appendix 1: Selection of Included Studies"


def appendices(report: Report, st: Styles) -> list[Flowable]:
    """A Critical Appraisal record's appendices: the flow diagram, then each appendix heading
    on a new page followed by its tables."""
    out: list[Flowable] = []
    if report.prisma is not None:
        diagram = FlowDiagram(report.prisma, st, FRAME_WIDTH)
        out += [PageBreak(), heading(PRISMA_HEADING, 1, st), diagram]
    current: object = object()
    for table in report.summary_tables:
        if table.appendix != current:
            out.append(PageBreak())
            if table.appendix:
                out.append(heading(table.appendix, 1, st))
            current = table.appendix
        out += summary_block(table, st)
    return out


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
    """All flowables, page 1 to corrections."""
    if st.theme.template == "2013":
        opening = [NextPageTemplate("body"), *run_in(report, st)]
    else:
        opening = [*cover(report, st), *front_matter(report, st)]
    if report.body:
        content = [
            *abbreviations(report, st),
            *body_sections(report, st),
            *references(report, st),
            *appendices(report, st),
        ]
    else:
        content = [
            *abbreviations(report, st),
            *summary_of_abstracts(report, st),
            *references(report, st),
        ]
    return _single_breaks(
        [
            *opening,
            *content,
            *appendix(report, st),
            *corrections_section(list(corrections), st, report.edition, report.metadata.version),
        ]
    )
