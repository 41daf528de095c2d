"""Apply audit findings to a record (only with evidence) and log what changed."""

from .correct import CITATION_CODES, Skipped, correct, plan_corrections
from .log import corrections_json, corrections_markdown

__all__ = [
    "CITATION_CODES",
    "Skipped",
    "correct",
    "corrections_json",
    "corrections_markdown",
    "plan_corrections",
]
