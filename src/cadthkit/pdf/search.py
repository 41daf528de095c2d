"""Find printed phrases on the pages (for findings whose record item has no box, such as a
count stated in words inside a paragraph)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber

from ..models import Box


def _find(pdf: pdfplumber.PDF, text: str, section: str) -> Box | None:
    """Box of the first words of `text`, searched after the heading `section`."""
    words = text.split()[:8]
    if not words:
        return None
    phrase = r"\s+".join(re.escape(w) for w in words)
    heading = r"\s+".join(re.escape(w) for w in section.split())
    seen_heading = not heading
    for number, page in enumerate(pdf.pages, start=1):
        after = 0.0
        if not seen_heading:
            hits = page.search(heading, regex=True, case=False)
            if not hits:
                continue
            seen_heading, after = True, hits[0]["top"]
        for hit in page.search(phrase, regex=True, case=False):
            if hit["top"] >= after:
                return Box(
                    page=number, x0=hit["x0"], top=hit["top"], x1=hit["x1"], bottom=hit["bottom"]
                )
    return None


def find_phrases(source: Path | bytes, queries: list[tuple[str, str]]) -> list[Box | None]:
    """For each (phrase, section heading), the box where the phrase is printed, or None.
    `source` is a PDF's path or its bytes."""
    with pdfplumber.open(io.BytesIO(source) if isinstance(source, bytes) else source) as pdf:
        return [_find(pdf, text, section) for text, section in queries]
