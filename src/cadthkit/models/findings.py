"""Audit results: a wrong citation is a `Finding`, never an exception."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .provenance import Box

Severity = Literal["error", "warning", "info"]


class Location(BaseModel):
    """Where a finding applies; every field optional because findings differ in scope."""

    model_config = ConfigDict(extra="forbid")

    page: int | None = Field(None, ge=1, description="1-based page number.")
    table: str | None = Field(None, description="Table caption, e.g. 'Table 2: ...'.")
    section: str | None = Field(None, description="Table section or document heading.")
    row: str | None = Field(None, description="Summary-table row as 'Author (Year)'.")
    paragraph: str | None = Field(None, description="Start of the paragraph concerned.")
    reference: int | None = Field(None, ge=1, description="Reference number concerned.")
    box: Box | None = Field(None, description="Area to highlight in the source PDF.")


class Finding(BaseModel):
    """One inconsistency found by the citation audit."""

    model_config = ConfigDict(extra="forbid")

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
        default_factory=list, description="Reference numbers involved (gaps, duplicates)."
    )
    evidence: str | None = Field(None, description="Why: the reference matched and how.")
    matched_reference: int | None = Field(None, description="Reference the row matched.")
    confidence: float | None = Field(
        None, ge=0, le=1, description="How sure the match is (1 = unique exact match)."
    )
    suggested_fix: str | None = Field(None, description="What to change.")


class Correction(BaseModel):
    """One change applied by `cadthkit fix`, with the evidence that justified it."""

    model_config = ConfigDict(extra="forbid")

    table: str = Field(description="Table caption.")
    row: str = Field(description="Row as 'Author (Year)'.")
    printed: str = Field(description="Citation as printed.")
    corrected: int = Field(ge=1, description="Reference number written instead.")
    finding_code: str = Field(description="Code of the finding that prompted the change.")
    evidence: str = Field(description="Why the new number is right.")
