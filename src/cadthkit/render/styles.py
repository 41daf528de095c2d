"""Page geometry, colours and paragraph styles, measured from the 2017 CADTH seed report."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle

from .fonts import BOLD, BOLD_ITALIC, REGULAR, register_fonts

PAGE_SIZE = letter
MARGIN_LEFT = 62.5
MARGIN_RIGHT = 62.5
MARGIN_TOP = 66.0  # the running header sits above this, in the top margin
MARGIN_BOTTOM = 66.0  # the page number sits below this
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
# Tables with this many columns go on landscape pages (as CADTH did), so that words fit cells.
LANDSCAPE_COLUMNS = 6
LANDSCAPE_SIZE = landscape(letter)
LANDSCAPE_FRAME_WIDTH = LANDSCAPE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

CADTH_BLUE = HexColor("#004B87")
LIGHT_BLUE = HexColor("#DCE6F1")
LINK_BLUE = "#0563C1"
GRID_COLOR: Color = black
BULLET = "•"
REF_INDENT = 21.0


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the story uses, built once the fonts are registered."""

    band: ParagraphStyle
    title: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    numbered: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_bullet: ParagraphStyle
    footnote: ParagraphStyle
    reference: ParagraphStyle
    pubmed: ParagraphStyle
    header: ParagraphStyle


def build_styles() -> Styles:
    """Styles in the seed's proportions: 14 pt headings over 10 pt body, 9 pt table text."""
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=6, textColor=black
    )
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
    return Styles(
        band=ParagraphStyle(
            "band", fontName=BOLD, fontSize=12, leading=15, textColor=CADTH_BLUE, spaceAfter=60
        ),
        title=ParagraphStyle(
            "title", fontName=BOLD, fontSize=22, leading=31, textColor=CADTH_BLUE, spaceAfter=90
        ),
        label=ParagraphStyle("label", parent=body, spaceAfter=0),
        h1=ParagraphStyle(
            "h1",
            fontName=BOLD,
            fontSize=14,
            leading=18,
            textColor=CADTH_BLUE,
            spaceBefore=12,
            spaceAfter=8,
            keepWithNext=1,
        ),
        h2=ParagraphStyle(
            "h2",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            textColor=CADTH_BLUE,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3",
            fontName=BOLD_ITALIC,
            fontSize=10,  # body size: the extractor takes larger bold lines for h1/h2
            leading=14,
            spaceBefore=4,
            spaceAfter=6,
            keepWithNext=1,
        ),
        body=body,
        numbered=ParagraphStyle(
            "numbered", parent=body, leftIndent=REF_INDENT, bulletIndent=0, bulletFontName=REGULAR
        ),
        caption=ParagraphStyle(
            "caption",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=8,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD, textColor=white),
        cell_bullet=ParagraphStyle(
            "cell_bullet",
            parent=cell,
            leftIndent=10,
            bulletIndent=0,
            bulletFontName=REGULAR,
            bulletFontSize=8.5,
        ),
        footnote=ParagraphStyle(
            "footnote", fontName=REGULAR, fontSize=8, leading=11, spaceBefore=4, spaceAfter=10
        ),
        reference=ParagraphStyle(
            "reference",
            fontName=REGULAR,
            fontSize=9.5,
            leading=13.3,
            leftIndent=REF_INDENT,
            bulletIndent=0,
            bulletFontName=REGULAR,
            bulletFontSize=9.5,
            spaceBefore=6,
        ),
        pubmed=ParagraphStyle(
            "pubmed", fontName=REGULAR, fontSize=9.5, leading=13.3, leftIndent=REF_INDENT
        ),
        header=ParagraphStyle("header", fontName=REGULAR, fontSize=8, leading=9.7),
    )
