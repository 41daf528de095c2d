"""Keep the PDF libraries quiet: pdfminer and pypdf log what they repair in a damaged file
("Data-loss while decompressing corrupted data", "incorrect startxref pointer") as warnings,
which, with no logging set up, Python prints on stderr. A command's output on bad input is one
line; what the libraries could not repair reaches us as an exception, which says it there."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

LIBRARIES = ("pdfminer", "pdfplumber", "pypdf", "camelot")


@contextlib.contextmanager
def quiet_libraries() -> Iterator[None]:
    """Within the block, the PDF libraries log only errors and raise no warnings."""
    loggers = [logging.getLogger(name) for name in LIBRARIES]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
