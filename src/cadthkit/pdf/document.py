"""Open a PDF and turn every page into text lines and table grids: input checks, a reader,
page building, furniture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..limits import DEFAULT_LIMITS, Deadline, Limits
from . import pdfium_reader
from .furniture import strip_furniture
from .inputfile import InputFile, read_input
from .layout import Line, Page, PageSource
from .pages import UnmappedText, build_pages
from .quiet import quiet_libraries

READERS = ("pdfium", "pdfplumber")


def read_document(
    source: str | Path | InputFile,
    limits: Limits = DEFAULT_LIMITS,
    table_engine: str = "pdfplumber",
    reader: str = "pdfium",
) -> list[Page]:
    """Read every page of a PDF (a path, or an `InputFile` already read) into lines and grids.

    `reader` picks who reads characters and ruling lines: PDFium (fast, default) or pdfplumber
    (pdfminer); both feed the same table algorithm (pdfplumber's, in our copy) and the same
    parsers. PDFium hands over to pdfminer for a damaged file it refuses, and for glyph codes
    its fonts cannot map (pdfminer recovers them from the embedded fonts where it can).
    """
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(map(repr, READERS))}, not {reader!r}")
    with quiet_libraries():
        return _read(source, limits, table_engine, reader)


def _read(
    source: str | Path | InputFile, limits: Limits, table_engine: str, reader: str
) -> list[Page]:
    file = source if isinstance(source, InputFile) else read_input(source, limits)
    path = file.path
    deadline = Deadline(path, limits.timeout_s)
    pages: list[Page] | None = None
    if reader == "pdfium":
        doc = None
        try:
            doc = pdfium_reader.open_document(path, file.data)
        except InputError as exc:
            if "encrypted" in exc.problem:
                raise
            # PDFium refuses some damaged files that pdfminer recovers: fall back to it.
        if doc is not None:
            try:
                pages = build_pages(
                    path, _pdfium_sources(doc, limits), len(doc), limits, deadline, table_engine
                )
            except UnmappedText:
                pages = None
            finally:
                doc.close()
    if pages is None:
        from . import plumber_reader  # here: pdfminer costs a tenth of a second to import

        with plumber_reader.open_pdf(path, file.data) as pdf:
            n = plumber_reader.page_count(pdf, path)
            sources = plumber_reader.sources(pdf, limits)
            pages = build_pages(path, sources, n, limits, deadline, table_engine)
    strip_furniture(pages)
    return pages


def _pdfium_sources(doc: pdfium_reader.Document, limits: Limits) -> Iterator[PageSource]:
    for index in range(len(doc)):
        yield pdfium_reader.read_page(doc, index, limits.max_chars_per_page)


def all_lines(pages: list[Page]) -> list[Line]:
    return [line for page in pages for line in page.lines]
