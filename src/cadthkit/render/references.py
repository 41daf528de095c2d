"""The reference list (grouped by design heading, or one flat list) and the appendix
references (numbered on from the list, or printed unnumbered: an SCA's "Additional References
of Potential Interest")."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, PageBreak, Paragraph

from ..models import Reference, Report
from .markup import esc, link
from .styles import LINK_BLUE, Styles
from .text import heading

PUBMED_URL = "https://www.ncbi.nlm.nih.gov/pubmed/{}"
DESIGN_ORDER = [
    "Health Technology Assessments",
    "Systematic Reviews and Meta-analyses",
    "Randomized Controlled Trials",
    "Non-Randomized Studies",
    "Guidelines",
    "Economic Evaluations",
]
_URL = re.compile(r"https?://[^\s<>\"]+")


def reference_paragraphs(ref: Reference, st: Styles) -> list[Flowable]:
    """'N. text' (or the text alone when unnumbered) with any URL clickable, then the
    'PubMed: PM<id>' link line."""
    text = esc(ref.text)
    text = _URL.sub(lambda m: link(m.group(0), m.group(0), "black"), text)
    number = f"{ref.number}." if ref.number is not None else None
    out: list[Flowable] = [Paragraph(text, st.reference, bulletText=number)]
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


def _no_literature(title: str, st: Styles) -> list[Flowable]:
    return [heading(title, 2, st), Paragraph("No literature identified.", st.body)]


def references(report: Report, st: Styles) -> list[Flowable]:
    """The main list grouped by design heading (in record order) and subheading; headings with
    no literature slot in by design order. A list without headings is printed flat."""
    if not (report.references or report.reference_sections_empty):
        return []
    out: list[Flowable] = [PageBreak(), heading(report.references_heading or "References", 1, st)]
    pending = list(report.reference_sections_empty)
    section: object = object()
    subsection: str | None = None
    for ref in report.references:
        if ref.section != section:
            for h in _empty_before(_rank(ref.section or ""), pending):
                out += _no_literature(h, st)
            if ref.section:
                out.append(heading(ref.section, 2, st))
            section, subsection = ref.section, None
        if ref.subsection and ref.subsection != subsection:
            out.append(heading(ref.subsection, 3, st))
        subsection = ref.subsection
        out += reference_paragraphs(ref, st)
    for h in pending:
        out += _no_literature(h, st)
    return out


def appendix(report: Report, st: Styles) -> list[Flowable]:
    """Further references, by appendix heading (a group may print none)."""
    if not report.appendix:
        return []
    out: list[Flowable] = [PageBreak(), heading(report.appendix_heading or "Appendix", 1, st)]
    for group in report.appendix:
        if group.heading:
            out.append(heading(group.heading, 2, st))
        subsection: str | None = None
        for ref in group.references:
            if ref.subsection and ref.subsection != subsection:
                out.append(heading(ref.subsection, 3, st))
            subsection = ref.subsection
            out += reference_paragraphs(ref, st)
    return out
