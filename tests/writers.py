"""Builders for PDFs that encode the same printed page the ways other writers do: stored with
/Rotate, drawn in another order, glyphs placed one by one without spaces, ligatures mapped
byte-swapped, fonts without any text mapping. Made at test time, never committed as files."""

from __future__ import annotations

import random
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas

FONT = (
    Path(__file__).resolve().parents[1] / "src" / "cadthkit" / "render" / "fonts" / "DejaVuSans.ttf"
)
W, H = 612.0, 792.0

# What the page says: (x, baseline, size, text); superscripts are their own smaller raised runs.
PARAGRAPH = [
    (72, 700, 16, "Summary of the Evidence"),
    (72, 670, 10, "Two randomized controlled trials"),
    (72, 656, 10, "and one cohort study met the criteria."),
]
SUPERSCRIPT = (72 + stringWidth("Two randomized controlled trials", "Helvetica", 10), 674, 6, "2,3")
TABLE_X = [72, 200, 400, 540]
TABLE_Y = [600, 580, 540, 500]  # top edge of each row, and the table's bottom
CELLS = [
    ["First Author, Year", "Population", "Main Findings"],
    ["Meng (2016)", "Women with RSA", "Live birth rate 92%"],
    ["Wong (2014)", "Adults", "No difference"],
]


def _pieces() -> list[tuple[float, float, float, str]]:
    pieces = [*PARAGRAPH, SUPERSCRIPT]
    for r, row in enumerate(CELLS):
        for c, text in enumerate(row):
            pieces.append((TABLE_X[c] + 4, TABLE_Y[r] - 12, 9, text))
    x = TABLE_X[0] + 4 + stringWidth("Meng (2016)", "Helvetica", 9)
    pieces.append((x, TABLE_Y[1] - 9, 5.5, "5"))
    return pieces


def _rules() -> list[tuple[float, float, float, float]]:
    rules = [(TABLE_X[0], y, TABLE_X[-1], y) for y in TABLE_Y]
    rules += [(x, TABLE_Y[0], x, TABLE_Y[-1]) for x in TABLE_X]
    return rules


def ruled_page(path: Path, shuffled: bool = False, words_backwards: bool = False) -> Path:
    """A page of text with a superscript and a ruled table. `shuffled` draws the pieces and
    rules in a random order; `words_backwards` draws every piece's words right to left."""
    canvas = Canvas(str(path), pagesize=(W, H))
    pieces, rules = _pieces(), _rules()
    if shuffled:
        rng = random.Random(7)
        rng.shuffle(pieces)
        rng.shuffle(rules)
    for x0, y0, x1, y1 in rules:
        canvas.line(x0, y0, x1, y1)
    for x, y, size, text in pieces:
        canvas.setFont("Helvetica", size)
        if not words_backwards:
            canvas.drawString(x, y, text)
            continue
        starts, pos = [], x
        for word in text.split(" "):
            starts.append((pos, word))
            pos += stringWidth(word + " ", "Helvetica", size)
        for wx, word in reversed(starts):
            canvas.drawString(wx, y, word)
    canvas.save()
    return path


def stored_rotated(src: Path, dst: Path, rotation: int) -> Path:
    """Every page stored turned counter-clockwise by `rotation` in a box to match, with
    /Rotate `rotation`, so that a viewer shows exactly the original page."""
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        move = {90: (h, 0.0), 180: (w, h), 270: (0.0, w)}[rotation]
        page.add_transformation(Transformation().rotate(rotation).translate(*move))
        box = RectangleObject([0, 0, h, w] if rotation in (90, 270) else [0, 0, w, h])
        page.mediabox = box
        page.cropbox = box
        page.rotation = rotation
    writer.write(dst)
    return dst


def printed_sideways(src: Path, dst: Path) -> Path:
    """The content turned a quarter turn on a page of swapped size, with no /Rotate: a viewer
    shows it sideways, as a landscape table printed on a portrait page."""
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(h, 0))
        box = RectangleObject([0, 0, h, w])
        page.mediabox = box
        page.cropbox = box
    writer.write(dst)
    return dst


def glyph_by_glyph(path: Path, lines: list[str], size: float = 10, spacing: float = 0.0) -> Path:
    """Each glyph drawn on its own at its place and no space glyph printed (pdftocairo's way);
    `spacing` adds letter spacing (points) inside words."""
    canvas = Canvas(str(path), pagesize=(W, H))
    canvas.setFont("Helvetica", size)
    space = stringWidth(" ", "Helvetica", size)
    for i, line in enumerate(lines):
        x, y = 72.0, 700.0 - 14 * i
        for word in line.split(" "):
            for ch in word:
                canvas.drawString(x, y, ch)
                x += stringWidth(ch, "Helvetica", size) + spacing
            x += space - spacing
    canvas.save()
    return path


def _embedded_font() -> str:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    return "DejaVu"


def remapped_text(path: Path, lines: list[str], mapping: dict[str, str]) -> Path:
    """Lines in an embedded TrueType font whose ToUnicode maps each glyph of a character in
    `mapping` to the given UTF-16 hex instead (as a broken writer would)."""
    canvas = Canvas(str(path), pagesize=(W, H))
    canvas.setFont(_embedded_font(), 10)
    for i, line in enumerate(lines):
        canvas.drawString(72, 700 - 14 * i, line)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(path))
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        if "/ToUnicode" not in font:
            continue
        stream = font["/ToUnicode"].get_object()
        cmap = stream.get_data().decode("latin-1")
        for char, hex_text in mapping.items():
            cmap = re.sub(
                rf"(<[0-9A-F]{{2}}>) <{ord(char):04X}>", rf"\1 <{hex_text}>", cmap, flags=re.I
            )
        stream.set_data(cmap.encode("latin-1"))
    writer.write(path)
    return path


def unmapped_font(path: Path, lines: list[str], embed: bool) -> Path:
    """Lines in a Type0 Identity-H TrueType font with no ToUnicode: the codes are glyph numbers.
    With `embed`, the font program (and its cmap) is in the file; without, nothing maps them."""
    font_file = TTFontFile(str(FONT))
    gid = font_file.charToGlyph
    writer = PdfWriter()
    page = writer.add_blank_page(W, H)
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/DejaVuSans"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(
                [NumberObject(v) for v in (-1021, -463, 1793, 1232)]
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(760),
            NameObject("/Descent"): NumberObject(-240),
            NameObject("/CapHeight"): NumberObject(729),
            NameObject("/StemV"): NumberObject(80),
        }
    )
    if embed:
        program = DecodedStreamObject()
        data = FONT.read_bytes()
        program.set_data(data)
        program[NameObject("/Length1")] = NumberObject(len(data))
        descriptor[NameObject("/FontFile2")] = writer._add_object(program)
    widths = ArrayObject()
    for ch in sorted({c for line in lines for c in line}):
        width = round(stringWidth(ch, _embedded_font(), 1000))
        widths += [NumberObject(gid[ord(ch)]), ArrayObject([NumberObject(width)])]
    cid_font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/DejaVuSans"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            NameObject("/W"): widths,
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/DejaVuSans"),
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = "".join(
        f"BT /F1 10 Tf 72 {700 - 14 * i} Td <{''.join(f'{gid[ord(c)]:04X}' for c in line)}> Tj ET\n"
        for i, line in enumerate(lines)
    )
    stream = DecodedStreamObject()
    stream.set_data(content.encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(path)
    return path


def named_glyphs(path: Path, text: str, names: dict[str, str]) -> Path:
    """`text` in a Type 1 font with no ToUnicode whose /Differences encoding gives each code the
    glyph name in `names` (standard names such as "e" or "space", or meaningless ones)."""
    from .hostile import minimal_pdf

    chars = sorted(set(text))
    code = {c: i + 1 for i, c in enumerate(chars)}
    differences = b" ".join(b"/" + names[c].encode() for c in chars)
    shown = b"".join(b"\\%03o" % code[c] for c in text)
    content = b"BT /F1 12 Tf 72 700 Td (" + shown + b") Tj ET"
    path.write_bytes(
        minimal_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                b" /Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding"
                b" << /Type /Encoding /Differences [1 " + differences + b"] >> >>",
            ]
        )
    )
    return path
