"""PDFium's C functions as bare ctypes prototypes on plain pointer arguments (ints).

pypdfium2's own bindings take its typed handles, and its helper objects wrap each call; called
for every character of a page, that wrapping cost more than PDFium's own work. These prototypes
call the same functions of the same loaded library, with handles passed as integers and output
structures by address.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from ctypes import c_double, c_int, c_uint, c_ulong, c_void_p
from typing import Any

import pypdfium2.raw as raw


def _proto(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    address = ctypes.cast(getattr(raw, name), c_void_p).value
    if not address:
        raise ImportError(f"PDFium has no {name}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def handle(obj: Any) -> int:
    """The address behind a pypdfium2 handle (its `.raw`)."""
    return ctypes.cast(obj, c_void_p).value or 0


VP = c_void_p

# text page
count_chars = _proto("FPDFText_CountChars", c_int, VP)
get_text = _proto("FPDFText_GetText", c_int, VP, c_int, c_int, VP)
get_unicode = _proto("FPDFText_GetUnicode", c_uint, VP, c_int)
text_object = _proto("FPDFText_GetTextObject", VP, VP, c_int)
loose_box = _proto("FPDFText_GetLooseCharBox", c_int, VP, c_int, VP)
char_matrix = _proto("FPDFText_GetMatrix", c_int, VP, c_int, VP)
font_size = _proto("FPDFText_GetFontSize", c_double, VP, c_int)
is_generated = _proto("FPDFText_IsGenerated", c_int, VP, c_int)
map_error = _proto("FPDFText_HasUnicodeMapError", c_int, VP, c_int)

text_font = _proto("FPDFTextObj_GetFont", VP, VP)
font_name = _proto("FPDFFont_GetBaseFontName", c_ulong, VP, VP, c_ulong)

# page
page_box = _proto("FPDF_GetPageBoundingBox", c_int, VP, VP)
page_rotation = _proto("FPDFPage_GetRotation", c_int, VP)
count_objects = _proto("FPDFPage_CountObjects", c_int, VP)
get_object = _proto("FPDFPage_GetObject", VP, VP, c_int)

# page objects and paths
object_type = _proto("FPDFPageObj_GetType", c_int, VP)
object_bounds = _proto("FPDFPageObj_GetBounds", c_int, VP, VP, VP, VP, VP)
object_matrix = _proto("FPDFPageObj_GetMatrix", c_int, VP, VP)
form_count = _proto("FPDFFormObj_CountObjects", c_int, VP)
form_object = _proto("FPDFFormObj_GetObject", VP, VP, c_ulong)
count_segments = _proto("FPDFPath_CountSegments", c_int, VP)
get_segment = _proto("FPDFPath_GetPathSegment", VP, VP, c_int)
segment_point = _proto("FPDFPathSegment_GetPoint", c_int, VP, VP, VP)
segment_type = _proto("FPDFPathSegment_GetType", c_int, VP)

PATH, FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
MOVETO, BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
FS_MATRIX, FS_RECTF = raw.FS_MATRIX, raw.FS_RECTF
