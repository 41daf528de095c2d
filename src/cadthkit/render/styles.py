"""Page geometry, colours and paragraph styles of each CADTH template, measured from the
reports: the 2017 Rapid Response look (the seed report), the 2021 Health Technology Review look
(teal cover band, horizontal rules only) and the older 2013 look (run-in TITLE:/DATE:, headings
in capitals)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle

from ..models import Report
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
TEAL = HexColor("#006B7F")  # 2021 cover band, headings and header
TEAL_HEADER = HexColor("#DDEBEF")  # 2021 table header row
TEAL_BOX = HexColor("#E8F1F3")  # 2021 Key Messages box
TEAL_RULE = HexColor("#5A7D8C")  # 2021 table rules
GREY_HEADER = HexColor("#D9D9D9")  # 2013 table header row
GRID_COLOR: Color = black
BULLET = "•"
REF_INDENT = 21.0


@dataclass(frozen=True)
class Theme:
    """What differs between templates, beyond paragraph styles."""

    template: str
    accent: Color  # headings, running header, cover
    head_fill: Color  # table header row
    head_text: Color
    section_fill: Color  # merged section rows and spanning study rows
    label_fill: Color  # Table 1's label column
    ruled: bool  # True: horizontal rules only (2021); False: a full grid
    rule_color: Color
    caps_headings: bool  # 2013: "CONTEXT AND POLICY ISSUES:"


THEMES = {
    "2017": Theme("2017", CADTH_BLUE, CADTH_BLUE, white, LIGHT_BLUE, LIGHT_BLUE,
                  ruled=False, rule_color=black, caps_headings=False),
    "2021": Theme("2021", TEAL, TEAL_HEADER, black, LIGHT_BLUE, LIGHT_BLUE,
                  ruled=True, rule_color=TEAL_RULE, caps_headings=False),
    "2013": Theme("2013", black, GREY_HEADER, black, LIGHT_BLUE, GREY_HEADER,
                  ruled=False, rule_color=black, caps_headings=True),
}  # fmt: skip


def template_of(report: Report) -> str:
    """The record's template; an unrecognised one is laid out as 2017."""
    return report.metadata.template or "2017"


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the story uses, built once the fonts are registered."""

    theme: Theme
    band: ParagraphStyle
    kind: ParagraphStyle  # 2021: the report type under the cover band
    title: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    box_head: ParagraphStyle  # 2021: "Key Messages" in its box
    body: ParagraphStyle
    numbered: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_bullet: ParagraphStyle
    footnote: ParagraphStyle
    small: ParagraphStyle  # 2013: the disclaimer and cite-as block
    front: ParagraphStyle  # 2017, 2021: the disclaimer and "About CADTH" on page 2
    reference: ParagraphStyle
    pubmed: ParagraphStyle
    header: ParagraphStyle
    flow: ParagraphStyle  # PRISMA box text
    flow_reason: ParagraphStyle


@cache
def build_styles(template: str = "2017") -> Styles:
    """Styles in the template's proportions: 10 pt body, 9 pt table text."""
    register_fonts()
    theme = THEMES.get(template, THEMES["2017"])
    accent = theme.accent
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=6, textColor=black
    )
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
    heading = {
        "2017": dict(fontName=BOLD, fontSize=14, leading=18, textColor=accent),
        "2021": dict(fontName=REGULAR, fontSize=16, leading=20, textColor=accent),
        "2013": dict(fontName=BOLD, fontSize=12, leading=16, textColor=accent),
    }[theme.template]
    return Styles(
        theme=theme,
        band=ParagraphStyle(
            "band",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=white if template == "2021" else accent,
            spaceAfter=60,
        ),
        kind=ParagraphStyle(
            "kind", fontName=BOLD, fontSize=13, leading=16, textColor=accent, spaceAfter=24
        ),
        title=ParagraphStyle(
            "title",
            fontName=REGULAR if template == "2021" else BOLD,
            fontSize=24 if template == "2021" else 22,
            leading=33 if template == "2021" else 31,
            textColor=accent,
            spaceAfter=90,
        ),
        label=ParagraphStyle("label", parent=body, spaceAfter=0),
        h1=ParagraphStyle("h1", **heading, spaceBefore=12, spaceAfter=8, keepWithNext=1),
        h2=ParagraphStyle(
            "h2",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            textColor=accent,
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
        box_head=ParagraphStyle(
            "box_head", fontName=BOLD, fontSize=12, leading=15, textColor=accent, spaceAfter=6
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
        cell_head=ParagraphStyle(
            "cell_head", parent=cell, fontName=BOLD, textColor=theme.head_text
        ),
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
        small=ParagraphStyle("small", fontName=REGULAR, fontSize=7, leading=8.6, spaceAfter=3),
        front=ParagraphStyle("front", fontName=REGULAR, fontSize=8, leading=10, spaceAfter=5),
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
        flow=ParagraphStyle("flow", fontName=REGULAR, fontSize=9, leading=12, alignment=TA_CENTER),
        flow_reason=ParagraphStyle(
            "flow_reason", fontName=REGULAR, fontSize=8.5, leading=11, spaceBefore=5
        ),
    )
