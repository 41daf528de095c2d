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


# --- damaged files that PDFium repairs (check --annotate must read what extract read) ---------


def _object(data: bytes, number: int) -> bytes:
    import re

    m = re.search(rb"\n%d 0 obj\s*(.*?)\s*endobj" % number, data, re.S)
    assert m, f"object {number} not found"
    return m.group(1)


def _root(data: bytes) -> int:
    import re

    return int(re.findall(rb"/Root (\d+) 0 R", data)[-1])


def incremental_update(data: bytes, objects: dict[int, bytes]) -> bytes:
    """`data` with an update appended that redefines (or adds) `objects` {number: body}."""
    import re

    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = max(int(s) for s in re.findall(rb"/Size (\d+)", data))
    out = bytearray(data)
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    size = max(size, max(offsets) + 1)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        _root(data),
        prev,
        xref,
    )
    return bytes(out)


def _pages_object(data: bytes) -> int:
    import re

    catalog = _object(data, _root(data))
    return int(re.search(rb"/Pages (\d+) 0 R", catalog).group(1))  # type: ignore[union-attr]


def _first_page_object(data: bytes) -> int:
    import re

    kids = _object(data, _pages_object(data))
    return int(re.search(rb"/Kids\s*\[\s*(\d+) 0 R", kids).group(1))  # type: ignore[union-attr]


def damaged_startxref(src: Path, path: Path) -> Path:
    data = src.read_bytes()
    path.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n999999\n%%EOF\n")
    return path


def cyclic_page_tree(src: Path, path: Path) -> Path:
    """A page tree node whose kids include the root of the tree again."""
    data = src.read_bytes()
    pages = _pages_object(data)
    size = max(int(s) for s in __import__("re").findall(rb"/Size (\d+)", data))
    body = _object(data, pages)
    looped = body.replace(b"]", b" %d 0 R ]" % size, 1)
    loop = b"<< /Type /Pages /Parent %d 0 R /Kids [ %d 0 R ] /Count 1 >>" % (pages, pages)
    path.write_bytes(incremental_update(data, {pages: looped, size: loop}))
    return path


def huge_name(src: Path, path: Path, size: int = 1 << 20) -> Path:
    """A 1 MB name in the first page's dictionary (pypdf stops at names over 4 KB)."""
    data = src.read_bytes()
    first = _first_page_object(data)
    body = _object(data, first).replace(b"<<", b"<< /Huge /" + b"N" * size + b" ", 1)
    path.write_bytes(incremental_update(data, {first: body}))
    return path


def no_cross_reference(src: Path, path: Path) -> Path:
    """Cut off before the cross-reference table: no xref, no trailer, no /Root to start
    from. PDFium finds the catalog by scanning; pypdf cannot."""
    data = src.read_bytes()
    path.write_bytes(data[: data.rfind(b"xref")])
    return path


def external_stream(src: Path, path: Path) -> Path:
    """The first page's content stream claims its data lives in an external file (/F)."""
    import re

    data = src.read_bytes()
    page = _object(data, _first_page_object(data))
    contents = int(re.search(rb"/Contents (\d+) 0 R", page).group(1))  # type: ignore[union-attr]
    body = _object(data, contents).replace(b"<<", b"<< /F (/etc/passwd) /FFilter /FlateDecode ", 1)
    path.write_bytes(incremental_update(data, {contents: body}))
    return path


def active_content(src: Path, path: Path, marker: Path) -> Path:
    """A copy of `src` carrying every kind of active content a reader could act on, each of
    which would create `marker`: an open action (JavaScript, then Launch), a document-level
    JavaScript name tree, an embedded file and a file-attachment annotation, page open/close
    actions, a Launch link, a javascript: link and a form field with a keystroke script."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    with_actions(src, path, marker)
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_attachment("payload.sh", f"touch {marker}\n".encode())

    def js(code: str) -> DictionaryObject:
        return DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)}
        )

    names = writer._root_object["/Names"].get_object()
    names[NameObject("/JavaScript")] = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("init"), js(f"app.launchURL('file://{marker}');")]
            )
        }
    )

    def rect() -> ArrayObject:
        return ArrayObject(FloatObject(v) for v in (10, 10, 40, 40))

    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): js(f"touch('{marker}')"), NameObject("/C"): js("app.alert(1)")}
    )
    page[NameObject("/Dur")] = FloatObject(1)  # auto-advance: a presentation key
    launch = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rect(),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/Launch"),
                    NameObject("/F"): TextStringObject(f"/bin/sh -c 'touch {marker}'"),
                }
            ),
        }
    )
    script_link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rect(),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject(f"javascript:touch('{marker}')"),
                }
            ),
        }
    )
    attachment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): rect(),
            NameObject("/FS"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("payload.sh"),
                }
            ),
        }
    )
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("name"),
            NameObject("/Rect"): rect(),
            NameObject("/AA"): DictionaryObject({NameObject("/K"): js("app.alert(2)")}),
        }
    )
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else ArrayObject()
    for annotation in (launch, script_link, attachment, field):
        annots.append(writer._add_object(annotation))
    page[NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([annots[-1]])}
    )
    writer._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): js("app.alert(3)")}
    )
    with path.open("wb") as fh:
        writer.write(fh)
    return path
