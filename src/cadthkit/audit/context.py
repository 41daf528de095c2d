"""What every check reads, worked out once per audit: the settled rows, the studies behind
them, the numbered references, the callouts and the paragraphs that state counts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..models.provenance import Box
from ..models.report import Reference, Report
from ..parse.citations import SUPERSCRIPT, parse_callout
from .rows import RowCheck, resolve_rows
from .studies import Study, group_studies

# Where a report states how many studies of each design it found, by heading (case-folded).
COUNT_HEADINGS = {
    "key findings": "Key Findings",
    "key messages": "Key Messages",
    "quantity of research available": "Quantity of Research Available",
    "summary of study characteristics": "Summary of Study Characteristics",
}


@dataclass(frozen=True)
class Callout:
    """A citation callout outside the tables' study labels: running text or a table title."""

    raw: str
    numbers: list[int] | None  # None when it is not a readable callout
    where: str  # the heading it sits under, or the table title
    sentence: str
    page: int | None
    box: Box | None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text and the heading it sits under."""

    where: str
    text: str


def _heading_key(heading: str) -> str:
    return " ".join(heading.strip().rstrip(":").split()).lower()


def _format1_paragraphs(report: Report) -> Iterator[tuple[str, str, int, str]]:
    """(field, where, index, text) of the text fields every record format has."""
    if report.key_findings:
        yield "key_findings", "Key Findings", 0, report.key_findings
    for i, text in enumerate(report.results_paragraphs):
        yield "results_paragraphs", "Results", i, text
    for i, text in enumerate(report.overall_summary):
        yield "overall_summary", "Overall Summary of Findings", i, text


class AuditContext:
    """One record under audit; each part is computed on first use."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def rows(self) -> list[RowCheck]:
        return resolve_rows(self.report)

    @cached_property
    def studies(self) -> list[Study]:
        return group_studies(self.rows)

    @cached_property
    def numbered(self) -> list[Reference]:
        """Every numbered reference, main list and appendix (unnumbered ones cannot be cited)."""
        refs = self.report.references + [r for g in self.report.appendix for r in g.references]
        return [r for r in refs if r.number is not None]

    @cached_property
    def listed(self) -> set[int]:
        return {r.number for r in self.numbered if r.number is not None}

    @cached_property
    def last_number(self) -> int:
        return max(self.listed, default=0)

    @cached_property
    def callouts(self) -> list[Callout]:
        """Callouts in running text (the record's text citations) and in table titles ('…
        using AMSTAR 2^{7}'), which cite the appraisal tools."""
        out = [
            Callout(
                raw=tc.raw,
                numbers=list(tc.numbers) or parse_callout(tc.raw),
                where=tc.section,
                sentence=tc.sentence,
                page=tc.page,
                box=tc.box,
            )
            for tc in self.report.text_citations
        ]
        seen = {(c.where, c.raw) for c in out}
        for table in self.report.summary_tables:
            for m in SUPERSCRIPT.finditer(table.title):
                if (table.title, m.group(1)) in seen:
                    continue
                out.append(
                    Callout(
                        raw=m.group(1),
                        numbers=parse_callout(m.group(1)),
                        where=table.title,
                        sentence=table.title,
                        page=table.pages[0] if table.pages else None,
                        box=None,
                    )
                )
        return out

    @cached_property
    def cited(self) -> set[int]:
        """Numbers the report cites: callouts as printed, rows by the study they summarise."""
        cited = {n for c in self.callouts for n in c.numbers or []}
        for check in self.rows:
            cited.update(check.cites)
        return cited

    @cached_property
    def count_paragraphs(self) -> list[Paragraph]:
        """Paragraphs that state how many studies of each design the report found."""
        if self.report.body:
            return [
                Paragraph(COUNT_HEADINGS[key], text)
                for section in self.report.body
                if (key := _heading_key(section.heading)) in COUNT_HEADINGS
                for text in section.paragraphs
            ]
        return [
            Paragraph(where, text)
            for field, where, _, text in _format1_paragraphs(self.report)
            if field != "overall_summary"
        ]

    @cached_property
    def running_text(self) -> list[Paragraph]:
        """Every paragraph of running text that may carry callouts."""
        if self.report.body:
            return [
                Paragraph(section.heading, text)
                for section in self.report.body
                for text in section.paragraphs
            ]
        return [Paragraph(where, text) for _, where, _, text in _format1_paragraphs(self.report)]

    def paragraph_box(self, text: str) -> Box | None:
        """Where a paragraph is printed, from the record's text blocks (a body paragraph is
        located through the format-1 field that holds its copy, else as 'body' block N)."""
        report = self.report
        for field, _, index, copy in _format1_paragraphs(report):
            if copy == text:
                return report.text_box(field, index)
        for field in ("methods", "selection_criteria_intro"):
            if getattr(report, field) == text:
                return report.text_box(field)
        paragraphs = [p for section in report.body for p in section.paragraphs]
        if text in paragraphs:
            return report.text_box("body", paragraphs.index(text))
        return None

    def callout_box(self, raw: str, where: str, text: str) -> tuple[int | None, Box | None]:
        """Page and box of a callout printed in a paragraph under `where`."""
        for c in self.callouts:
            if c.raw == raw and (c.where == where or c.sentence in text or where in c.sentence):
                return c.page, c.box
        return None, None
