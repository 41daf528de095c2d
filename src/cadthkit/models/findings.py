"""Audit results: a wrong citation is a `Finding`, never an exception."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .defaults import empty_list
from .provenance import Box
from .text import JsonSafe

Severity = Literal["error", "warning", "info"]

# Built on first use: `cadthkit extract` never validates a finding, and building these classes
# up front was a tenth of its start-up spent on models.
_CONFIG = ConfigDict(extra="forbid", defer_build=True)


class Location(BaseModel):
    """Where a finding applies; every field optional because findings differ in scope."""

    model_config = _CONFIG

    page: int | None = Field(None, ge=1, description="1-based page number.")
    table: str | None = Field(None, description="Table caption, e.g. 'Table 2: ...'.")
    section: str | None = Field(None, description="Table section or document heading.")
    row: str | None = Field(
        None, description="Summary-table row: its study label as printed, e.g. 'Wong (2014)'."
    )
    first_author: str | None = Field(None, description="First author of the row's study.")
    paragraph: str | None = Field(None, description="Start of the paragraph concerned.")
    quote: str | None = Field(
        None, description="The printed words concerned, e.g. 'Five systematic reviews'."
    )
    reference: int | None = Field(None, ge=1, description="Reference number concerned.")
    box: Box | None = Field(None, description="Area to highlight in the source PDF.")


class Finding(JsonSafe):
    """One inconsistency found by the citation audit."""

    model_config = _CONFIG

    code: str = Field(description="Finding code, e.g. 'citation_mismatch' (see README).")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="One sentence a person can act on.")
    location: Location = Field(default_factory=Location, description="Where it applies.")
    printed: int | str | None = Field(
        None, description="What is printed: a number where it is one, else the raw text."
    )
    printed_text: str | None = Field(
        None, description="Printed words behind a number, e.g. 'Five' for a count."
    )
    expected: int | None = Field(None, description="What should be printed, where known.")
    numbers: list[int] = Field(
        default_factory=empty_list, description="Reference numbers involved (gaps, duplicates)."
    )
    evidence: str | None = Field(None, description="Why: the reference matched and how.")
    matched_reference: int | None = Field(None, description="Reference the row matched.")
    confidence: float | None = Field(
        None, ge=0, le=1, description="How sure the match is (1 = unique exact match)."
    )
    suggested_fix: str | None = Field(None, description="What to change.")


class Correction(JsonSafe):
    """One change applied by `cadthkit fix`, with the evidence that justified it."""

    model_config = _CONFIG

    table: str = Field(description="Table caption.")
    row: str = Field(description="Row as 'Author (Year)'.")
    printed: str = Field(description="Citation as printed.")
    corrected: int = Field(ge=1, description="Reference number written instead.")
    finding_code: str = Field(description="Code of the finding that prompted the change.")
    evidence: str = Field(description="Why the new number is right.")


FINDINGS_SCHEMA_VERSION = 1


class SeverityCounts(BaseModel):
    """How many findings of each severity one audit produced."""

    model_config = _CONFIG

    error: int = Field(0, ge=0, description="Findings of severity error.")
    warning: int = Field(0, ge=0, description="Findings of severity warning.")
    info: int = Field(0, ge=0, description="Findings of severity info.")


class AuditResult(JsonSafe):
    """The citation audit of one input (a PDF or a record JSON)."""

    model_config = _CONFIG

    source: str = Field(description="The input path as given (PDF or record JSON).")
    pdf_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the audited PDF, from the record."
    )
    title: str | None = Field(None, description="Report title from the record.")
    report_type: str | None = Field(None, description="Report type from the record.")
    counts: SeverityCounts = Field(
        default_factory=SeverityCounts, description="Findings per severity."
    )
    findings: list[Finding] = Field(
        default_factory=empty_list, description="Findings, errors first, in document order."
    )


class AuditFile(JsonSafe):
    """What `cadthkit check --format json` prints: one result per input."""

    model_config = _CONFIG

    record_type: Literal["cadthkit.findings"] = Field(
        "cadthkit.findings", description="Names this record's kind for tools that read it."
    )
    schema_version: int = Field(
        FINDINGS_SCHEMA_VERSION, description="Version of this findings format."
    )
    tool_version: str = Field(description="cadthkit version that ran the audit.")
    results: list[AuditResult] = Field(default_factory=empty_list, description="One per input.")
