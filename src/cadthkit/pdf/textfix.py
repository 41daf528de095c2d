"""Repair glyph text that a PDF writer encoded wrongly, where the repair can be proved.

Both readers pass every glyph's text through here, so the stages above see the same words
whichever writer made the file:

- ligature glyphs: presentation forms ("ﬁ" → "fi"), the private-use ligatures of Adobe's and
  Apple's fonts, and ToUnicode maps written byte-swapped (Ghostscript's pdfwrite writes "ti" as
  U+7400 U+6900, and a three-letter ligature with its last two letters summed: "ffi" as U+6600
  U+CF00, 0xCF = "f" + "i"). Byte-swapping is proved by the glyph itself: one glyph that maps to
  several code points, every one of the form 0xXX00, none of them text in a Latin font;
- spaces that are not U+0020 (no-break, thin, figure spaces) become spaces; zero-width spaces,
  joiners and byte-order marks are dropped; a tab is a space;
- a soft hyphen (U+00AD) is kept: at the end of a line it marks a word broken by the writer,
  which the line joiner closes up.
"""

from __future__ import annotations

import re
import unicodedata

from .layout import Glyph

SOFT_HYPHEN = "\u00ad"

# One code point → its text ("" drops the glyph).
SINGLE: dict[str, str] = {
    "\t": " ",
    "\x02": "-",  # PDFium marks a hyphen at a line end as U+0002
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\uf001": "fi",  # private-use ligatures of Adobe and Apple fonts
    "\uf002": "fl",
}

# The Latin ligatures fonts carry; a byte-swapped three-letter one is keyed by its first letter
# and the sum of the other two, which must name exactly one ligature.
_LIGATURES = ("ffb", "ffh", "ffi", "ffj", "ffk", "ffl", "fft", "fti", "tti")
_SUMMED = {(lig[0], ord(lig[1]) + ord(lig[2])): lig for lig in _LIGATURES}
assert len(_SUMMED) == len(_LIGATURES), "ambiguous ligature sums"

_CID = re.compile(r"\(cid:\d+\)")


def _unswap(text: str) -> str | None:
    """The text of a glyph mapped to byte-swapped UTF-16 code points, or None if it is not."""
    codes = [ord(c) for c in text]
    if len(codes) < 2 or any(c & 0xFF or c < 0x100 or c > 0xFFFF for c in codes):
        return None
    high = [c >> 8 for c in codes]
    if all(0x20 < b < 0x7F for b in high):
        return "".join(map(chr, high))
    if len(high) == 2 and chr(high[0]).isalpha() and high[0] < 0x7F:
        return _SUMMED.get((chr(high[0]), high[1]))
    return None


def repair(text: str) -> str:
    """The text a glyph really prints (see the module docstring)."""
    if len(text) == 1:
        return SINGLE.get(text, text)
    if text.isascii() and text.isprintable():
        return text
    swapped = _unswap(text)
    if swapped is not None:
        return swapped
    fixed = "".join(SINGLE.get(c, c) for c in text)
    return unicodedata.normalize("NFC", fixed)


def clean(glyphs: list[Glyph]) -> int:
    """Drop glyphs that print nothing (zero-width spaces) or no text at all (see `unreadable`);
    returns how many were unreadable."""
    verdicts: dict[str, bool] = {}  # glyph text → unreadable; a page repeats few texts
    bad = 0
    drop = False
    for g in glyphs:
        text = g.text
        verdict = verdicts.get(text)
        if verdict is None:
            verdict = verdicts[text] = unreadable(text)
        if verdict or not text:
            bad += verdict
            drop = True
    if drop:
        glyphs[:] = [g for g in glyphs if g.text and not verdicts[g.text]]
    return bad


def unreadable(text: str) -> bool:
    """Whether a glyph's text is no text at all: a control character, an unassigned or
    replacement code point, or pdfminer's "(cid:N)" for a code its font cannot map."""
    if text.isascii() and text.isprintable():
        return text.startswith("(cid:") and bool(_CID.fullmatch(text))
    if text.startswith("(cid:"):
        return bool(_CID.fullmatch(text))
    return any(c == "\ufffd" or unicodedata.category(c) in ("Cc", "Cn", "Cs") for c in text)
