"""Pydantic models only: no I/O here.

Every process that extracts builds these classes, so their build time is start-up time: the
model modules do without `from __future__ import annotations` (pydantic would evaluate each
string annotation), list fields default to Python factories (`defaults`), and the audit's
models are built on first use.
"""

from .provenance import Box
from .report import (
    SCHEMA_VERSION,
    BodySection,
    Citation,
    CriterionRow,
    ExclusionReason,
    Metadata,
    ParseWarning,
    Prisma,
    Reference,
    ReferenceGroup,
    ReferenceType,
    Report,
    Source,
    StudyRow,
    SummaryTable,
    TextBlock,
    TextCitation,
)

__all__ = [
    "SCHEMA_VERSION",
    "BodySection",
    "Box",
    "Citation",
    "CriterionRow",
    "ExclusionReason",
    "Metadata",
    "ParseWarning",
    "Prisma",
    "Reference",
    "ReferenceGroup",
    "ReferenceType",
    "Report",
    "Source",
    "StudyRow",
    "SummaryTable",
    "TextBlock",
    "TextCitation",
]

from .edition import Edition, LeftAsPrinted
from .findings import Correction, Finding, Location, Severity
from .front import FrontMatterBlock

__all__ += [
    "Correction",
    "Edition",
    "Finding",
    "FrontMatterBlock",
    "LeftAsPrinted",
    "Location",
    "Severity",
]
