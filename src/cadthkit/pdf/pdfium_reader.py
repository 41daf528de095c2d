"""Glyphs and ruling edges through PDFium (the library pypdfium2 ships, called directly: see
`pdfium_calls`).

Speed: the page text comes in one `FPDFText_GetText` call; per character PDFium is asked only
for its box, through bare ctypes prototypes on raw handles (pypdfium2's wrapper objects cost
more than the calls). Font size, weight, baseline and direction are the same for every character
of a text object, so they are read once per object, and an object's run of characters is found
by bisection rather than by asking each character.

Geometry: everything comes out as displayed (see `frame`): a page stored sideways with /Rotate
and text drawn with rotated matrices read like an upright page. Text that runs another way than
most of the page's text (a stamp, a sideways label) is not report content and is left out; a
page whose text mostly runs sideways is read turned, as a reader would turn it.
"""

from __future__ import annotations

import ctypes
from ctypes import c_float
from pathlib import Path

from ..errors import InputError
from . import pdfium_calls as C
from .frame import Frame
from .layout import Glyph, PageSource, TooManyChars
from .paths import edges_and_discs
from .textfix import SINGLE, clean, repair

DESCENT = 0.2  # bottom of a glyph box below the baseline, as a share of the font size
_LINE_BREAKS = {"\n", "\r"}


class Document:
    """An open PDFium document over bytes that it keeps alive (PDFium reads them lazily)."""

    def __init__(self, raw: int, data: bytes) -> None:
        self.raw, self._data = raw, data
        self._pages = C.page_count(raw)

    def __len__(self) -> int:
        return self._pages

    def close(self) -> None:
        if self.raw:
            C.close_document(self.raw)
            self.raw = 0


def open_document(path: Path, data: bytes | None = None) -> Document:
    content = data if data is not None else path.read_bytes()
    raw = C.load_document(content, len(content), None) or 0
    if raw and C.page_count(raw) >= 1:
        return Document(raw, content)
    code = C.last_error()
    if raw:
        C.close_document(raw)
    # PDFium's reason is its *last* error, which can be left over from an earlier file
    # (a password error, then "success" for the next failure): confirm from the bytes.
    if code == C.PASSWORD_ERROR and b"/Encrypt" in content:
        raise InputError(path, "is encrypted (password protected)")
    reason = C.ERRORS.get(code, f"error {code}").lower()
    raise InputError(path, f"is damaged or truncated (PDFium: {reason})")


def page_frame(page: int) -> Frame:
    box = C.FS_RECTF()
    rotation = (C.page_rotation(page) * 90) % 360
    if not C.page_box(page, ctypes.addressof(box)):
        return Frame(rotation, 0.0, 0.0, C.page_width(page), C.page_height(page))
    return Frame(rotation, box.left, box.bottom, box.right, box.top)


def _page_text(tp: int, count: int) -> str:
    buf = ctypes.create_string_buffer(2 * count + 2)
    n = C.get_text(tp, 0, count, buf)
    text = buf.raw[: 2 * max(n - 1, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) != count:  # characters beyond the BMP: ask for each one
        return "".join(chr(C.get_unicode(tp, k)) for k in range(count))
    if "\ufffe" in text:  # how the bulk text writes PDFium's line-end hyphen mark (U+0002)
        chars = list(text)
        for k, ch in enumerate(chars):
            if ch == "\ufffe":
                chars[k] = chr(C.get_unicode(tp, k))
        text = "".join(chars)
    return text


class _Objects:
    """Per text object: (bottom, top, size, bold) of its glyphs when its text is upright on
    the frame, else the quarter turns that would make it upright (-1 for mirrored or slanted
    text, which is never read).

    Three PDFium calls per object (Chromium's one-glyph objects make as many as characters):
    the matrix gives direction, scale and baseline (its origin lies on the baseline, raised by
    any text rise), then the font size and the font. Whether a font maps its codes to text is
    asked once per font."""

    def __init__(self, tp: int, frame: Frame) -> None:
        self.tp, self.frame = tp, frame
        self.cache: dict[int, tuple[float, float, float, bool] | int] = {}
        self.fonts: dict[int, bool] = {}  # font → bold
        self.unmapped = False  # a font maps some of its codes to no text
        self._m = (c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self._at = ctypes.addressof(self._m)
        self._name = ctypes.create_string_buffer(256)
        # The text direction (a, b) as displayed is (a, b) turned back by the page's rotation;
        # the baseline as displayed is sign * (e or f) + offset of the object's origin (e, f).
        self._turn, self._base = {
            0: ((1, 0, 0, 1), (5, -1.0, frame.y1)),
            90: ((0, 1, -1, 0), (4, 1.0, -frame.x0)),
            180: ((-1, 0, 0, -1), (5, 1.0, -frame.y0)),
            270: ((0, -1, 1, 0), (4, -1.0, frame.x1)),
        }[frame.rotation]

    def get(self, obj: int, k: int) -> tuple[float, float, float, bool] | int:
        tp, m = self.tp, self._m
        C.char_matrix(tp, k, self._at)
        a, b, c, d = m[0], m[1], m[2], m[3]
        p, q, r, s = self._turn
        dx, dy = p * a + q * b, r * a + s * b
        value: tuple[float, float, float, bool] | int
        det = a * d - b * c
        if det <= 0 or dx <= 0 or abs(dy) > 0.0175 * dx:  # not upright within 1°
            turns = self.frame.quarter_turns(a, b) if det > 0 else None
            value = -1 if turns is None else turns  # -1: mirrored or at a slant, never read
        else:
            size = C.font_size(tp, k) * det**0.5
            i, sign, offset = self._base
            baseline = sign * m[i] + offset
            font = C.text_font(obj) or 0
            bold = self.fonts.get(font)
            if bold is None:
                C.font_name(font, self._name, 256)
                bold = self.fonts[font] = b"bold" in self._name.value.lower()
                self.unmapped = self.unmapped or bool(C.map_error(tp, k))
            bottom = baseline + DESCENT * size
            value = (bottom, bottom - size, round(size, 2), bold)
        self.cache[obj] = value
        return value


def _object_end(tp: int, obj: int, end: int, count: int) -> tuple[int, int | None]:
    """The end (exclusive) of the run of characters of text object `obj` that is known to
    reach `end`, and the object of the character there (None: PDFium's own line break).

    PDFium lists the characters of one text object together, so the run is found by galloping
    and bisecting on `FPDFText_GetTextObject`: about 2·log2(n) calls for a run of n characters
    instead of n (a LibreOffice line of 80 characters is one object; Chromium's objects hold one
    or two glyphs, and cost one call each, as before).
    """
    text_object = C.text_object
    step = 1
    while end < count:
        probe = min(end + step - 1, count - 1)
        other = text_object(tp, probe)
        if other == obj:
            end, step = probe + 1, step * 2
            continue
        lo, hi = end, probe  # obj at lo - 1, `other` at hi
        while lo < hi:
            mid = (lo + hi) // 2
            at_mid = text_object(tp, mid)
            if at_mid == obj:
                lo = mid + 1
            else:
                hi, other = mid, at_mid
        return lo, other
    return end, None


def _glyphs(
    tp: int, count: int, frame: Frame, source: PageSource
) -> tuple[dict[int, int], set[int]]:
    """Read the upright glyphs into `source`; returns how many characters run each other way
    (by quarter turns), and the text objects met.

    This is the hot path of extraction: per character one PDFium call (its box), everything
    else from the bulk text, the runs of each text object and the per-object cache.
    """
    text = _page_text(tp, count)
    objects = _Objects(tp, frame)
    cache = objects.cache
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    box_at = ctypes.addressof(box)
    text_object, loose_box = C.text_object, C.loose_box
    # The glyph's left and right edge as displayed: x = sign * box[i] + offset.
    i0, i1, sign, offset = {
        0: (0, 2, 1.0, -frame.x0),
        90: (3, 1, 1.0, -frame.y0),
        180: (2, 0, -1.0, frame.x1),
        270: (1, 3, -1.0, frame.y1),
    }[frame.rotation]
    turned: dict[int, int] = {}
    glyphs = source.glyphs
    append = glyphs.append
    merged: list[Glyph] = []  # glyphs of several code points, repaired at the end
    single = SINGLE
    k = 0
    obj = text_object(tp, 0) if count else None
    while k < count:
        if obj is None or text[k] in _LINE_BREAKS:
            k += 1  # PDFium's own line breaks
            obj = text_object(tp, k) if k < count else None
            continue
        # the run of this object's characters, and the object after it
        follow = text_object(tp, k + 1) if k + 1 < count else None
        if follow == obj:
            end, follow = _object_end(tp, obj, k + 2, count)
        else:
            end = k + 1
        info = cache.get(obj)
        if info is None:
            info = objects.get(obj, k)
        if type(info) is int:
            if info > 0:
                turned[info] = turned.get(info, 0) + end - k
            k, obj = end, follow
            continue
        bottom, top, size, bold = info  # type: ignore[misc]
        prev_x0 = prev_x1 = None
        for j in range(k, end):
            ch = text[j]
            loose_box(tp, j, box_at)
            x0 = sign * box[i0] + offset
            x1 = sign * box[i1] + offset
            if x1 <= x0:
                if ch == " " or ch in _LINE_BREAKS:
                    continue  # PDFium's own spaces have no width
                x1 = x0
            if x0 == prev_x0 and x1 == prev_x1:
                g = glyphs[-1]  # one glyph mapped to several code points (a ligature)
                if not merged or merged[-1] is not g:
                    merged.append(g)
                g.text += ch
                continue
            if ch in single:
                ch = single[ch]
            append(Glyph(ch, x0, x1, top, bottom, size, bold, j))
            prev_x0, prev_x1 = x0, x1
        k, obj = end, follow
    for g in merged:
        g.text = repair(g.text)
    source.total += len(glyphs)
    source.unreadable += clean(glyphs)
    source.unmapped = source.unmapped or objects.unmapped
    return turned, set(cache)


def read_page(doc: Document, index: int, max_chars: int) -> PageSource:
    """One page's glyphs and edges; `doc` is a `Document` (or a pypdfium2 `PdfDocument`)."""
    page = C.load_page(C.handle(doc.raw), index) or 0
    if not page:
        raise C.PdfiumError("Failed to load page.")
    try:
        frame = page_frame(page)
        tp = C.load_text_page(page) or 0
        if not tp:
            raise C.PdfiumError("Failed to load text page.")
        try:
            count = C.count_chars(tp)
            if count > max_chars:
                raise TooManyChars(index + 1, count)
            source = PageSource(index + 1, frame.width, frame.height, [], [])
            turned, text_objects = _glyphs(tp, count, frame, source)
            if turned:
                turns, most = max(turned.items(), key=lambda kv: kv[1])
                if most > len(source.glyphs):  # the page's text runs sideways: turn the page
                    frame = frame.turned(turns)
                    source = PageSource(index + 1, frame.width, frame.height, [], [])
                    _glyphs(tp, count, frame, source)
        finally:
            C.close_text_page(tp)
        edges, discs = edges_and_discs(page, frame, len(source.glyphs) + 1_000_000, text_objects)
        source.edges = edges
        source.glyphs.extend(discs)
        return source
    finally:
        C.close_page(page)
