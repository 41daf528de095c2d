"""Pydantic models only: no I/O here."""

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
