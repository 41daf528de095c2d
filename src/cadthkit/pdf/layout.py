"""Plain data handed from the PDF layer to the parsers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Edge(NamedTuple):
    """A ruling line as displayed: horizontal ("h", top == bottom) or vertical ("v",
    x0 == x1). `length` is its width or height, kept as the table algorithm computes it."""

    x0: float
    top: float
    x1: float
    bottom: float
    orientation: str
    length: float


@dataclass(slots=True)
class Glyph:
    """One printed glyph (one character, or the letters of a ligature) in the page's displayed
    orientation, with the style the later stages need. Not frozen: a frozen dataclass costs
    four times as much to build, and pages build thousands."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    stream: int  # position in the content stream; breaks ties in reading order
    sup: bool = False


@dataclass(slots=True)
class Line:
    """A line of text; superscripts are inlined as `^{...}`."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # dominant body size (superscripts excluded)
    bold: bool  # most body glyphs are bold
    bullet: bool = False  # the line starts with a bullet glyph (removed from `text`)
    sups: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    # each superscript run on the line: (text, x0, top, x1, bottom), left to right
    columns: list[tuple[int, float]] = field(default_factory=list)
    # where a gap wider than COLUMN_GAP em starts a new column on the line (a borderless
    # two-column list): (offset in `text`, x0 of the text after the gap), left to right


@dataclass(slots=True)
class Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(slots=True)
class Grid:
    """A ruled table on one page: rows of cells; None where a merged cell covers the slot."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[Cell | None]]


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]  # text outside tables, top to bottom
    grids: list[Grid]


@dataclass(slots=True)
class PageSource:
    """What a reader hands to page building: one page's glyphs and ruling edges, as displayed."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    edges: list[Edge]  # ruling lines (see `lattice.make_edge`)
    unreadable: int = 0  # glyphs whose font maps them to no text
    total: int = 0  # glyphs read
    unmapped: bool = False  # PDFium met codes its fonts cannot map to text


class TooManyChars(Exception):
    def __init__(self, page: int, count: int) -> None:
        self.page, self.count = page, count
