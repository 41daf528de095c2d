"""The pipeline on one file, with no argument checks and no output: PDF → record → findings.

`cadthkit.api` (the public functions) and the batch workers both call these, so the batch
never imports the public API and the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import InputError
from .limits import DEFAULT_LIMITS, Limits
from .models import Finding, Report, Source
from .parse.build import build_report
from .pdf import read_document, read_input
from .version import __version__


def sha256_of(path: Path) -> str:
    """SHA-256 of the file's bytes, in hex."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def extract(
    path: Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
    reader: str = "pdfium",
) -> Report:
    """Read one report PDF into its validated record."""
    file = read_input(path, limits)  # checked, read and hashed in one pass
    pages = read_document(file, limits=limits, table_engine=table_engine, reader=reader)
    source = Source(path=str(path), sha256=file.sha256, page_count=len(pages))
    return build_report(pages, source, __version__)


def check(report: Report) -> list[Finding]:
    """Audit every citation number of `report`; findings, errors first."""
    from .audit import audit  # here: `cadthkit extract` never needs the audit

    return audit(report)
