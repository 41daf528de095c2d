"""The pages of a PDF as the extractor read them, as a new, clean PDF.

`check --annotate` must draw on the pages the record's boxes came from. PDFium is the reader
that made them, and it repairs what it can (a damaged cross-reference table, a page tree that
loops, a catalog it has to find). Importing the pages PDFium read into a new document and
saving it gives a file any PDF library can open: it holds the pages (their content, resources
and annotations) and nothing else, so no document-level JavaScript, open action, embedded
file or form comes along.
"""

from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import InputError
from .pdfium_calls import handle
from .pdfium_reader import open_document, page_frame


def _settle(page: pdfium.PdfPage) -> None:
    """Write down the page box and rotation PDFium used, as the extractor's frame has them
    (a damaged /MediaBox, or a /Rotate that is no quarter turn, is copied as it was)."""
    try:
        frame = page_frame(handle(page.raw))
        page.set_mediabox(frame.x0, frame.y0, frame.x1, frame.y1)
        page.set_cropbox(frame.x0, frame.y0, frame.x1, frame.y1)
        page.set_rotation(frame.rotation)
    finally:
        page.close()


def pages_as_read(path: Path, data: bytes) -> bytes | None:
    """A new PDF with the pages of `data` as PDFium reads them; None when PDFium refuses the
    file (the extractor then read it with pdfminer). Raises InputError for an encrypted file."""
    try:
        source = open_document(path, data)
    except InputError as exc:
        if "encrypted" in exc.problem:
            raise
        return None
    try:
        copy = pdfium.PdfDocument.new()
        try:
            # our reader's document is a bare handle into the same PDFium library
            source_handle = ctypes.cast(source.raw, pdfium_c.FPDF_DOCUMENT)
            if not pdfium_c.FPDF_ImportPages(copy.raw, source_handle, None, 0):
                return None
            for index in range(len(copy)):
                _settle(copy[index])
            out = io.BytesIO()
            copy.save(out)
            return out.getvalue()
        finally:
            copy.close()
    except pdfium.PdfiumError:
        return None
    finally:
        source.close()
