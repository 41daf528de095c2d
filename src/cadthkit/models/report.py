"""The extraction record: one validated `Report` per PDF, consumed by audit, render and batch.

Running text keeps superscript citations inline as `^{...}` (e.g. "trials,^{6-8}") so that the
record can be rendered back exactly; the same citations are also listed, parsed, in
`Report.text_citations`.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .defaults import empty_dict, empty_list
from .edition import Edition
from .front import FrontMatterBlock
from .provenance import Box
from .text import JsonSafe

SCHEMA_VERSION = 2

CitationNumber = Annotated[int, Field(ge=1, description="A reference number (1 or more).")]
Year = Annotated[int, Field(ge=1900, le=2100)]
Pmid = Annotated[str, Field(pattern=r"^[0-9]{1,8}$")]
Cell = str | list[str]
Template = Literal["2013", "2017", "2021"]
TableLayout = Literal["rows", "spanning"]
ReferenceType = Literal["journal article", "report", "web page", "book", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str = Field(
        description="Path of the PDF: absolute when read by `cadthkit.extract` (so the record "
        "finds its PDF from any folder); '-' for standard input."
    )
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the PDF bytes.")
    page_count: int = Field(ge=0, description="Number of pages in the PDF.")


class Metadata(_Model):
    title: str | None = Field(None, description="Report title from the cover.")
    report_type: str | None = Field(
        None,
        description="Report type, canonical name: 'Summary of Abstracts', 'Reference List', "
        "'Summary with Critical Appraisal', or 'Rapid Review' (2021 template).",
    )
    template: Template | None = Field(
        None,
        description="Layout family recognised: '2013' (TITLE:/DATE: run-in lines, no cover "
        "block), '2017' (cover block, ruled tables) or '2021' (Health Technology Review band, "
        "tables ruled by horizontal lines only); null when not recognised.",
    )
    service_line: str | None = Field(None, description="'Service Line:' value on the cover.")
    version: str | None = Field(None, description="'Version:' value on the cover, as printed.")
    publication_date: dt.date | None = Field(
        None, description="'Publication Date:' as an ISO date; null when unreadable."
    )
    publication_date_raw: str | None = Field(
        None, description="'Publication Date:' exactly as printed."
    )
    report_length_pages: int | None = Field(
        None, ge=0, description="Page count printed as 'Report Length: N Pages'."
    )
    authors: list[str] = Field(default_factory=empty_list, description="Names after 'Authors:'.")
    cite_as: str | None = Field(None, description="The 'Cite As:' text.")


class Citation(_Model):
    """A superscript citation callout, as printed and as parsed."""

    raw: str = Field(description="The superscript exactly as printed, e.g. '5', '2-5', '1b'.")
    numbers: list[CitationNumber] = Field(
        default_factory=empty_list,
        description="Reference numbers the callout denotes, ranges expanded; empty if unreadable.",
    )
    box: Box | None = Field(None, description="Where the superscript is printed.")


class TextCitation(Citation):
    """A citation callout in running text (not in a table)."""

    section: str = Field(description="Heading of the section the paragraph sits under.")
    paragraph: int = Field(ge=0, description="Index of the paragraph within that section.")
    sentence: str = Field(description="The sentence around the callout, with ^{...} marks.")
    page: int = Field(ge=1, description="1-based page number where the callout is printed.")


class CriterionRow(_Model):
    label: str = Field(description="Row label of Table 1, e.g. 'Population'.")
    text: str = Field(description="Text of the row before any bullet list ('lead').")
    items: list[str] = Field(default_factory=empty_list, description="Bullet items, in order.")


class StudyRow(_Model):
    """One included study in a summary table."""

    section: str | None = Field(
        None, description="The merged full-width row above this one, e.g. 'Systematic Reviews'."
    )
    label: str = Field(
        "",
        description="The study label as printed, without its superscript: 'Wong (2014)', "
        "'Smith et al. (2017)', 'Smith and Jones (2017)'. Given as 'first_author (year_raw)' "
        "when absent from the input.",
    )
    first_author: str = Field(description="Author name before '(Year)' in the first column.")
    year: Year | None = Field(None, description="Study year; null when not a plausible year.")
    year_raw: str = Field(description="The year as printed inside the parentheses.")
    citation: Citation = Field(description="The superscript after 'Author (Year)'.")
    first_cell_extra: str | None = Field(
        None,
        description="Further text printed in the first cell on its own line under the label "
        "(Critical Appraisal characteristics tables: the country), else null.",
    )
    cells: list[Cell] = Field(
        default_factory=empty_list,
        description="Remaining columns in order (rows layout), or the cells of the row under "
        "the study's spanning row (spanning layout); a bulleted cell is a list of strings.",
    )
    pages: list[int] = Field(
        default_factory=empty_list, description="Pages the row spans (1-based)."
    )
    box: Box | None = Field(None, description="The first-column cell on its first page.")

    @model_validator(mode="after")
    def _default_label(self) -> "StudyRow":
        """Rows read before labels were recorded name themselves 'Author (Year)'."""
        if not self.label:
            self.label = f"{self.first_author} ({self.year_raw})"
        return self


class SummaryTable(_Model):
    number: int | None = Field(None, description="Table number from 'Table N:'.")
    title: str = Field(description="Caption as printed, e.g. 'Table 2: Summary of ...'.")
    columns: list[str] = Field(
        description="Header row cells (spanning layout: the header of the cell rows)."
    )
    layout: TableLayout = Field(
        "rows",
        description="'rows': one table row per study, its label in the first column. "
        "'spanning': each study is a full-width row holding only its label and citation, "
        "followed by one row of cells.",
    )
    appendix: str | None = Field(
        None, description="Appendix heading the table sits under (Critical Appraisal reports)."
    )
    rows: list[StudyRow] = Field(default_factory=empty_list, description="Study rows in order.")
    footnote: str | None = Field(None, description="Abbreviation note printed under the table.")
    pages: list[int] = Field(default_factory=empty_list, description="Pages the table spans.")

    @property
    def sections(self) -> list[str | None]:
        seen: list[str | None] = []
        for row in self.rows:
            if row.section not in seen:
                seen.append(row.section)
        return seen


class Reference(_Model):
    number: CitationNumber | None = Field(
        description="The reference number as printed; null for references printed unnumbered "
        "('Additional References of Potential Interest')."
    )
    section: str | None = Field(
        None,
        description="Design heading above it, e.g. 'Systematic Reviews'; null in a flat list; "
        "for an appendix reference, the appendix title.",
    )
    subsection: str | None = Field(
        None, description="Sub-heading, e.g. 'Prospective Observational Studies'."
    )
    text: str = Field(description="Reference as printed, without its number or PubMed line.")
    type: ReferenceType | None = Field(
        None,
        description="What is cited: 'journal article', 'report', 'web page', 'book' (or a "
        "chapter of one) or 'other'; null when the text was not parsed.",
    )
    authors: list[str] = Field(
        default_factory=empty_list,
        description="Names printed before the title, each as printed; a group or organisation "
        "is one name; 'et al' is not a name.",
    )
    et_al: bool = Field(False, description="True where the author list ends with 'et al'.")
    title: str | None = Field(
        None, description="Article, report or page title, without ' [Internet]'."
    )
    journal: str | None = Field(
        None, description="Journal abbreviation as printed; null for a report, page or book."
    )
    year: Year | None = Field(None, description="Publication year (never the '[cited ...]' year).")
    volume: str | None = Field(None, description="Volume, as printed.")
    issue: str | None = Field(None, description="Issue, as printed (without parentheses).")
    pages: str | None = Field(None, description="Page range or article number, as printed.")
    pmid: Pmid | None = Field(None, description="PubMed ID from the 'PubMed: PM...' line.")
    doi: str | None = Field(
        None, description="DOI printed as a doi.org link or after 'doi:', without the prefix."
    )
    url: str | None = Field(None, description="The link printed after 'Available from:'.")
    box: Box | None = Field(None, description="Where the reference starts.")


class ReferenceGroup(_Model):
    heading: str | None = Field(
        description="Appendix heading the references sit under; null where the appendix "
        "prints none above them."
    )
    references: list[Reference] = Field(
        default_factory=empty_list, description="References under the heading, in printed order."
    )


class BodySection(_Model):
    """One heading of running text and its paragraphs, in reading order."""

    heading: str = Field(description="Heading as printed, without a trailing colon.")
    level: int = Field(ge=1, le=3, description="1 = section, 2 = subsection, 3 = below.")
    paragraphs: list[str] = Field(
        default_factory=empty_list, description="Paragraphs under the heading, ^{...} marked."
    )
    page: int | None = Field(None, ge=1, description="Page where the heading is printed.")


class ExclusionReason(_Model):
    reason: str = Field(description="Reason as printed, e.g. 'irrelevant population'.")
    count: int = Field(ge=0, description="Reports excluded for it.")


class Prisma(_Model):
    """The numbers of the study-selection flow diagram (PRISMA), as printed in its boxes."""

    identified: int | None = Field(None, ge=0, description="Citations identified and screened.")
    excluded_screening: int | None = Field(
        None, ge=0, description="Citations excluded at title/abstract screening."
    )
    full_text: int | None = Field(
        None, ge=0, description="Potentially relevant articles retrieved in full text."
    )
    other_sources: int | None = Field(
        None, ge=0, description="Potentially relevant reports from other sources."
    )
    potentially_relevant: int | None = Field(
        None, ge=0, description="Potentially relevant reports in all."
    )
    excluded_full_text: int | None = Field(
        None, ge=0, description="Reports excluded after full-text review."
    )
    included: int | None = Field(None, ge=0, description="Reports included in the review.")
    exclusion_reasons: list[ExclusionReason] = Field(
        default_factory=empty_list, description="The '- reason (N)' lines of the exclusion box."
    )
    boxes: list[str] = Field(
        default_factory=empty_list, description="Box texts as printed, in reading order."
    )
    page: int | None = Field(None, ge=1, description="Page of the diagram.")
    box: Box | None = Field(None, description="Area of the diagram.")


class TextBlock(_Model):
    """Where a paragraph of running text is printed, so findings about it can point at a page."""

    field: str = Field(
        description="Record field holding the text: key_findings, methods, "
        "selection_criteria_intro, results_paragraphs or overall_summary."
    )
    index: int = Field(0, ge=0, description="Paragraph index within a list field (else 0).")
    boxes: list[Box] = Field(
        default_factory=empty_list, description="One box per page the paragraph spans, in order."
    )


class ParseWarning(_Model):
    """Something the parser had to guess or could not find; never fatal."""

    code: str = Field(description="Stable machine code, e.g. 'missing_section'.")
    message: str = Field(description="One sentence a person can act on.")
    page: int | None = Field(None, description="Page concerned, where there is one.")


# Warning codes that say part of the report is missing from the record (the PDF prints more than
# was read): the audit reports each as an `incomplete_record` finding.
INCOMPLETE_WARNINGS = (
    "unreadable_page",  # a page with no text where a table or text runs on across it
    "missing_pages",  # fewer pages than the cover's Report Length
    "missing_references",  # numbers cited that the reference list read does not hold
    "missing_tables",  # table numbers that jump
    "table_cut_short",  # a table title with no rows read, ruled rows without text, untitled grids
    "unreadable_row",  # a row whose label is not 'Author (Year)' was skipped
)


class Report(_Model, JsonSafe):
    """One CADTH Rapid Response report, extracted from its PDF."""

    record_type: Literal["cadthkit.report"] = Field(
        "cadthkit.report", description="Names this record's kind for tools that read it."
    )
    schema_version: int = Field(SCHEMA_VERSION, description="Version of this record format.")
    tool_version: str = Field(description="cadthkit version that wrote the record.")
    source: Source = Field(description="The PDF the record was extracted from.")
    metadata: Metadata = Field(
        default_factory=Metadata, description="Cover and front-matter fields."
    )
    front_matter: list[FrontMatterBlock] = Field(
        default_factory=empty_list,
        description="Labelled front-matter blocks other than Authors and Cite As "
        "(Acknowledgments, Disclaimer, About CADTH, Copyright …), in printed order.",
    )
    abbreviations: dict[str, str] = Field(
        default_factory=empty_dict, description="The abbreviations list: abbreviation → expansion."
    )
    research_questions: list[str] = Field(
        default_factory=empty_list, description="Research questions, one string each."
    )
    body: list[BodySection] = Field(
        default_factory=empty_list,
        description="Running text in reading order, heading by heading (Critical Appraisal "
        "reports); the format-1 text fields below hold copies of its paragraphs.",
    )
    key_findings: str | None = Field(None, description="'Key Findings' section text.")
    methods: str | None = Field(None, description="'Methods' section text.")
    selection_criteria_intro: str | None = Field(None, description="Sentence introducing Table 1.")
    selection_criteria: list[CriterionRow] = Field(
        default_factory=empty_list, description="Table 1 rows in order."
    )
    results_paragraphs: list[str] = Field(
        default_factory=empty_list,
        description="Paragraphs before the overall summary, ^{...} marked.",
    )
    overall_summary: list[str] = Field(
        default_factory=empty_list, description="'Overall Summary of Findings' paragraphs."
    )
    summary_tables: list[SummaryTable] = Field(
        default_factory=empty_list,
        description="Every table of included studies ('Table N: Summary of ...'; in Critical "
        "Appraisal reports the appendix tables of characteristics, appraisal and findings).",
    )
    prisma: Prisma | None = Field(None, description="The study-selection flow diagram.")
    text_citations: list[TextCitation] = Field(
        default_factory=empty_list, description="Every superscript citation in running text."
    )
    references_heading: str | None = Field(
        None, description="Heading of the reference list, e.g. 'References Summarized'."
    )
    references: list[Reference] = Field(
        default_factory=empty_list, description="Main reference list."
    )
    reference_sections_empty: list[str] = Field(
        default_factory=empty_list, description="Headings printed with 'No literature identified.'"
    )
    appendix_heading: str | None = Field(None, description="Heading of the appendix.")
    appendix: list[ReferenceGroup] = Field(
        default_factory=empty_list, description="Further-information references, by heading."
    )
    text_blocks: list[TextBlock] = Field(
        default_factory=empty_list, description="Where each paragraph of running text is printed."
    )
    warnings: list[ParseWarning] = Field(
        default_factory=empty_list, description="What the parser had to guess or could not find."
    )
    edition: Edition | None = Field(
        None,
        description="Set by `cadthkit fix`: the corrections it made and the findings it left, "
        "so that rendering the record prints the same corrected edition; null otherwise.",
    )

    def text_box(self, field: str, index: int = 0) -> Box | None:
        """First box of a paragraph of running text, e.g. text_box('key_findings')."""
        for block in self.text_blocks:
            if block.field == field and block.index == index and block.boxes:
                return block.boxes[0]
        return None

    def reference(self, number: int) -> Reference | None:
        for ref in self.references:
            if ref.number == number:
                return ref
        return None
