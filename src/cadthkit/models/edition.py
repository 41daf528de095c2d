"""What `cadthkit fix` did to a record, kept in the record itself so that `render` prints the
same corrected edition again: the changes, the findings left as printed (with why), and when."""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .defaults import empty_list
from .findings import Correction, Finding


class LeftAsPrinted(BaseModel):
    """A finding that `cadthkit fix` did not correct, and the reason."""

    model_config = ConfigDict(extra="forbid")

    finding: Finding = Field(
        description="The finding, as the audit of the corrected record has it."
    )
    reason: str = Field(description="Why fix left it as printed, in one sentence.")


class Edition(BaseModel):
    """The corrected edition written by `cadthkit fix`."""

    model_config = ConfigDict(extra="forbid")

    corrected: dt.date = Field(
        description="The day fix made this edition ('Corrected' on the cover)."
    )
    based_on_version: str | None = Field(
        None, description="The version printed on the original's cover, e.g. '1.0'."
    )
    based_on_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the original PDF."
    )
    tool_version: str = Field(description="cadthkit version that made the edition.")
    corrections: list[Correction] = Field(
        default_factory=empty_list, description="Every change made, with its evidence."
    )
    left_as_printed: list[LeftAsPrinted] = Field(
        default_factory=empty_list,
        description="Every finding of the corrected record's audit, each with why fix left it.",
    )

    @property
    def errors_left(self) -> int:
        return sum(item.finding.severity == "error" for item in self.left_as_printed)
