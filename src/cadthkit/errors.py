"""One exception family. Raise for input we cannot use at all; warn (ParseWarning in the record)
for anything the parser had to guess; report a Finding for inconsistencies in the report."""

from __future__ import annotations

from pathlib import Path


class CadthkitError(Exception):
    """Base class: the CLI turns these into one line and a non-zero exit."""

    exit_code = 2

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class InputError(CadthkitError):
    """The input file is missing, unreadable, not a PDF, encrypted, or damaged."""


class NotAReportError(CadthkitError):
    """A readable PDF that is not a CADTH Rapid Response report."""


class RecordError(CadthkitError):
    """A record JSON that does not validate against the Report model."""


class LimitError(CadthkitError):
    """A resource limit (pages, size, time, characters) stopped the work."""


class OutputError(CadthkitError):
    """The output location cannot be written."""


class BatchArgumentError(CadthkitError):
    """A batch option that cannot work (worker count, timeout, executor settings)."""


class WorkerStartError(CadthkitError):
    """A batch worker process could not start: the environment, not a file, is broken."""
