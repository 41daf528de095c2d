"""The pipeline on one file, with no argument checks and no output: PDF → record → findings.

`cadthkit.api` (the public functions) and the batch workers both call these, so the batch
never imports the public API and the two cannot drift apart.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
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


FEW_COLLECTIONS = 50_000  # gen-0 threshold while reading a PDF (Python's default: 700)


@contextmanager
def few_collections() -> Iterator[None]:
    """Collect garbage cycles rarely while reading a PDF. Extraction allocates hundreds of
    thousands of short-lived objects that reference counting frees, and makes few cycles (some
    forty a file); a collection every 700 allocations took 5 % of its CPU (measured with
    gc.callbacks over the fixtures) and left memory no lower. Process-wide, so restored after."""
    old = gc.get_threshold()
    if old[0] >= FEW_COLLECTIONS:  # already raised (by the caller, or another thread's call)
        yield
        return
    gc.set_threshold(FEW_COLLECTIONS, *old[1:])
    try:
        yield
    finally:
        if gc.get_threshold()[0] == FEW_COLLECTIONS:
            gc.set_threshold(*old)


def extract(
    path: Path,
    *,
    table_engine: str = "pdfplumber",
    limits: Limits = DEFAULT_LIMITS,
    reader: str = "pdfium",
) -> Report:
    """Read one report PDF into its validated record."""
    with few_collections():
        file = read_input(path, limits)  # checked, read and hashed in one pass
        pages = read_document(file, limits=limits, table_engine=table_engine, reader=reader)
        source = Source(path=str(path), sha256=file.sha256, page_count=len(pages))
        return build_report(pages, source, __version__)


def check(report: Report) -> list[Finding]:
    """Audit every citation number of `report`; findings, errors first."""
    from .audit import audit  # here: `cadthkit extract` never needs the audit

    return audit(report)
