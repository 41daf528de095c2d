"""Apply audit findings to a record (only with evidence), make it a corrected edition that says
what it left as printed, and write the outputs as one consistent set."""

from .correct import CITATION_CODES, Skipped, correct, plan_corrections
from .edition import left_as_printed, make_edition, next_version
from .log import corrections_json, corrections_markdown
from .outputs import FixOutputs, set_is_complete, write_set

__all__ = [
    "CITATION_CODES",
    "FixOutputs",
    "Skipped",
    "correct",
    "corrections_json",
    "corrections_markdown",
    "left_as_printed",
    "make_edition",
    "next_version",
    "plan_corrections",
    "set_is_complete",
    "write_set",
]
