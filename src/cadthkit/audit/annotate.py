"""Write an annotated copy of a report PDF: a summary of the findings first, with links to their
pages; on each page a numbered box around what is wrong and a note in a column added beside
the page; and for each finding a real PDF annotation (a highlight on a superscript, a square
around a larger item) whose comment is the finding, so it is listed in any viewer's comment
panel.

Reading what the extractor read: PDFium made the record's boxes, and PDFium repairs damaged
files that other libraries refuse (a broken startxref, a looping page tree, a missing catalog).
So the copy starts from the pages PDFium read (`pdf.pagecopy`), saved as a clean PDF that pypdf
then edits; a file PDFium refuses (read by pdfminer) is opened by pypdf directly, and what pypdf
cannot read either is refused in one line. Measured on 2,000 mutated fixtures (see the README,
"Limits and failure behaviour"), this annotates every file `extract` accepts but a few pypdf
refuses; pypdf on the original alone failed on many more.

The copy is made inert (`inert.py`): it keeps the pages and nothing that can run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.annotations import Highlight, Link, Rectangle, Text
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from ..errors import CadthkitError, InputError, LimitError
from ..models.findings import Finding
from ..models.provenance import Box
from ..pdf.pagecopy import pages_as_read
from ..pdf.quiet import quiet_libraries
from ..pdf.search import find_phrases
from .inert import make_inert
from .notes import COLOURS, HEX, NOTES_WIDTH, PAD, Mark, comment, draw_page
from .summary import Entry, summary_pages

HIGHLIGHT_HEIGHT = 14.0  # a box up to this tall is a line of text: highlighted, not squared
AUTHOR = "cadthkit"


def place(data: bytes, findings: list[Finding]) -> tuple[list[Mark], list[tuple[int, Finding]]]:
    """Findings with a box to draw (numbered as listed), and those that could not be placed."""
    marks: list[Mark] = []
    unplaced: list[tuple[int, Finding]] = []
    needs_search = [
        f for f in findings if f.location.box is None and (f.location.quote or f.location.paragraph)
    ]
    located: dict[int, Box] = {}
    if needs_search:
        queries = [
            ((f.location.quote or f.location.paragraph or ""), f.location.section or "")
            for f in needs_search
        ]
        try:
            boxes = find_phrases(data, queries)
        except Exception:  # the search is a help: what it cannot find is listed unplaced
            boxes = [None] * len(queries)
        for f, box in zip(needs_search, boxes, strict=True):
            if box is not None:
                located[id(f)] = box
    for number, f in enumerate(findings, start=1):
        box = f.location.box or located.get(id(f))
        if box is None:
            unplaced.append((number, f))
        else:
            marks.append(Mark(number, f, box))
    return marks, unplaced


@dataclass(frozen=True)
class Geometry:
    """A page as displayed: its size, and the map from displayed points (x right, y up, from
    the bottom-left corner) to the page's stored space (turned by /Rotate)."""

    rotation: int
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, page: DictionaryObject) -> Geometry:
        media, crop = page.mediabox, page.cropbox  # type: ignore[attr-defined]
        x0, y0 = (
            max(float(media.left), float(crop.left)),
            max(float(media.bottom), float(crop.bottom)),
        )
        x1, y1 = min(float(media.right), float(crop.right)), min(float(media.top), float(crop.top))
        if x1 <= x0 or y1 <= y0:  # no overlap: the media box alone
            x0, y0, x1, y1 = (float(v) for v in (media.left, media.bottom, media.right, media.top))
        return cls(page.rotation % 360, x0, y0, x1, y1)  # type: ignore[attr-defined]

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.x1 - self.x0, self.y1 - self.y0
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def stored(self, u: float, v: float) -> tuple[float, float]:
        return {
            0: (self.x0 + u, self.y0 + v),
            90: (self.x1 - v, self.y0 + u),
            180: (self.x1 - u, self.y1 - v),
            270: (self.x0 + v, self.y1 - u),
        }[self.rotation]

    def transformation(self) -> Transformation:
        turn = {0: (self.x0, self.y0), 90: (self.x1, self.y0), 180: (self.x1, self.y1)}
        return (
            Transformation()
            .rotate(self.rotation)
            .translate(*turn.get(self.rotation, (self.x0, self.y1)))
        )

    def rect(self, u0: float, v0: float, u1: float, v1: float) -> tuple[float, float, float, float]:
        """The stored rectangle of a displayed one."""
        points = [self.stored(u, v) for u in (u0, u1) for v in (v0, v1)]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))


def annotate_pdf(source: Path, findings: list[Finding], out: Path) -> None:
    """Write the annotated copy of `source` to `out` (see the module docstring)."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    try:
        with quiet_libraries():
            writer = _annotated(source, data, findings)
    except CadthkitError:
        raise
    except MemoryError:
        raise LimitError(source, "ran out of memory annotating; see --max-memory-mb") from None
    except Exception as exc:  # a PDF library meeting what it cannot read: say so in one line
        why = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        raise InputError(
            source,
            "cannot be annotated: it is too damaged to copy its pages "
            f"({type(exc).__name__}{': ' + why if why else ''}); extract and check can read it",
        ) from None
    with out.open("wb") as fh, quiet_libraries():
        writer.write(fh)


def _annotated(source: Path, data: bytes, findings: list[Finding]) -> PdfWriter:
    clean = pages_as_read(source, data)
    reader = PdfReader(io.BytesIO(clean if clean is not None else data), strict=False)
    if clean is not None:
        writer = PdfWriter(clone_from=reader)
    else:  # only the pages: the catalog (scripts, open action, files) stays behind
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
    make_inert(writer)
    originals = len(writer.pages)
    marks, unplaced = place(clean if clean is not None else data, findings)
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        if 1 <= mark.box.page <= originals:
            by_page.setdefault(mark.box.page, []).append(mark)
        else:
            unplaced.append((mark.number, mark.finding))
    geometry = {n: Geometry.of(writer.pages[n - 1]) for n in by_page}
    for number, page_marks in by_page.items():
        _draw(writer.pages[number - 1], geometry[number], page_marks)

    entries = sorted(
        [Entry(m.number, m.finding, m.box.page) for ms in by_page.values() for m in ms]
        + [Entry(n, f, None) for n, f in unplaced],
        key=lambda e: e.number,
    )
    size = Geometry.of(writer.pages[0]).size if originals else (612.0, 792.0)
    summary = summary_pages(entries, source.name, size)
    for index, summary_page in enumerate(PdfReader(io.BytesIO(summary.pdf)).pages):
        writer.insert_page(summary_page, index)
    first = summary.pages  # index of the report's page 1 in the copy

    for number, page_marks in by_page.items():
        for mark in page_marks:
            writer.add_annotation(first + number - 1, _markup(mark, geometry[number]))
    for index, rect, target in summary.links:
        link = Link(rect=rect, target_page_index=first + target - 1, border=[0, 0, 0])
        writer.add_annotation(index, link)
    for index, rect, entry in summary.notes:
        note = Text(rect=rect, text=comment(entry.number, entry.finding), open=False)
        _describe(note, entry.number, entry.finding)
        writer.add_annotation(index, note)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    return writer


def _draw(page: DictionaryObject, geo: Geometry, marks: list[Mark]) -> None:
    """Merge the boxes and notes onto the page, then widen the page by the notes column (on
    the displayed right, whichever way the page is stored)."""
    width, height = geo.size
    overlay = PdfReader(io.BytesIO(draw_page(width, height, marks))).pages[0]
    page.merge_transformed_page(overlay, geo.transformation())  # type: ignore[attr-defined]
    box = RectangleObject(geo.rect(0, 0, width + NOTES_WIDTH, height))
    page[NameObject("/MediaBox")] = box
    page[NameObject("/CropBox")] = box


def _markup(mark: Mark, geo: Geometry) -> DictionaryObject:
    """The PDF annotation of one finding, in the page's stored space."""
    b = mark.box
    height = geo.size[1]
    u0, u1 = b.x0 - PAD, b.x1 + PAD
    v0, v1 = height - b.bottom - PAD, height - b.top + PAD
    rect = geo.rect(u0, v0, u1, v1)
    severity = mark.finding.severity
    annotation: DictionaryObject
    if b.bottom - b.top <= HIGHLIGHT_HEIGHT:
        corners = [geo.stored(u, v) for u, v in ((u0, v1), (u1, v1), (u0, v0), (u1, v0))]
        quads = ArrayObject(FloatObject(c) for point in corners for c in point)
        annotation = Highlight(rect=rect, quad_points=quads, highlight_color=HEX[severity])
        annotation[NameObject("/CA")] = FloatObject(0.35)
    else:
        annotation = Rectangle(rect)
        annotation[NameObject("/C")] = ArrayObject(FloatObject(c) for c in COLOURS[severity])
        annotation[NameObject("/BS")] = DictionaryObject(
            {NameObject("/W"): FloatObject(1.2), NameObject("/S"): NameObject("/S")}
        )
    _describe(annotation, mark.number, mark.finding)
    annotation[NameObject("/Contents")] = TextStringObject(comment(mark.number, mark.finding))
    return annotation


def _describe(annotation: DictionaryObject, number: int, finding: Finding) -> None:
    annotation[NameObject("/T")] = TextStringObject(AUTHOR)
    annotation[NameObject("/Subj")] = TextStringObject(finding.code)
    annotation[NameObject("/NM")] = TextStringObject(f"cadthkit-finding-{number}")
    annotation[NameObject("/F")] = NumberObject(4)  # printed
    annotation[NameObject("/C")] = ArrayObject(FloatObject(c) for c in COLOURS[finding.severity])
