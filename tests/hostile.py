"""Builders for bad and hostile inputs, made at test time (never committed as files)."""

from __future__ import annotations

import zlib
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A well-formed PDF from raw object bodies (object 1 must be the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def no_pages_pdf(path: Path) -> Path:
    path.write_bytes(
        minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    )
    return path


def bomb_pdf(path: Path, inflated_mb: int = 120) -> Path:
    """One page whose content stream is ~200 KB compressed and `inflated_mb` MB inflated."""
    stream = zlib.compress(b" " * (inflated_mb * 1024 * 1024), 9)
    path.write_bytes(
        minimal_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                + stream
                + b"\nendstream",
            ]
        )
    )
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    canvas = Canvas(str(path))
    for i in range(pages):
        canvas.drawString(72, 720, f"Page {i + 1}")
        canvas.showPage()
    canvas.save()
    return path


def dense_page_pdf(path: Path, chars: int = 100_000) -> Path:
    canvas = Canvas(str(path))
    text = canvas.beginText(10, 780)
    text.setFont("Helvetica", 1)
    line = "x" * 500
    for _ in range(chars // len(line)):
        text.textLine(line)
    canvas.drawText(text)
    canvas.save()
    return path


def with_actions(src: Path, path: Path, marker: Path) -> Path:
    """A copy of `src` carrying document JavaScript and a Launch action that would create
    `marker` if anything ever ran or followed them."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(src))
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject(f"/bin/sh -c 'touch {marker}'"),
        }
    )
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(f"app.launchURL('file://{marker}');"),
            NameObject("/Next"): writer._add_object(launch),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def encrypted_copy(src: Path, path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def without_pages(src: Path, path: Path, drop: set[int]) -> Path:
    """A copy of `src` without the given 1-based pages (a report missing a section)."""
    reader = PdfReader(src)
    writer = PdfWriter()
    for i, page in enumerate(reader.pages, start=1):
        if i not in drop:
            writer.add_page(page)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def surrogate_glyphs(src: Path, path: Path, char: str, hex_text: str = "DB00") -> Path:
    """A copy of `src` whose fonts map every glyph of `char` to the UTF-16 `hex_text` (by
    default a lone high surrogate, which is no character at all) in their ToUnicode maps."""
    import re

    writer = PdfWriter(clone_from=PdfReader(src))
    changed = 0
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            stream = font["/ToUnicode"].get_object()
            cmap = stream.get_data().decode("latin-1")
            cmap, n = re.subn(
                rf"(<[0-9A-Fa-f]+>\s*)<{ord(char):04X}>", rf"\1<{hex_text}>", cmap, flags=re.I
            )
            if n:
                stream.set_data(cmap.encode("latin-1"))
                changed += n
    assert changed, f"no glyph of {char!r} found in {src}"
    writer.write(path)
    return path
