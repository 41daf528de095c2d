"""PDFium's C functions as bare ctypes prototypes on plain pointer arguments (ints).

pypdfium2's own bindings take its typed handles, and its helper objects wrap each call; called
for every character of a page, that wrapping cost more than PDFium's own work. These prototypes
call the same functions of the same library, with handles passed as integers and output
structures by address.

The library is loaded here, from the pypdfium2_raw package, without importing pypdfium2:
`import pypdfium2` declares a prototype for each of PDFium's ~450 functions and costs about
0.1 s, a third of a one-file `cadthkit extract` on a quiet machine. Where the library file is
not found in that package (a pypdfium2 built against a system PDFium), the addresses come from
pypdfium2 itself. PDFium is initialised once per process whoever loads it first: its init
returns at once when already done, so pypdfium2 imported later (the camelot engine) is safe.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from collections.abc import Callable
from ctypes import c_double, c_float, c_int, c_uint, c_ulong, c_void_p
from typing import Any

if sys.platform.startswith(("win32", "cygwin", "msys")):
    _LIBRARY = "pdfium.dll"
elif sys.platform.startswith(("darwin", "ios")):
    _LIBRARY = "libpdfium.dylib"
else:
    _LIBRARY = "libpdfium.so"


def _load() -> Callable[[str], int]:
    """A function giving the address of a PDFium function by name."""
    spec = importlib.util.find_spec("pypdfium2_raw")  # finds the package, does not import it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, _LIBRARY)
        if os.path.isfile(path):
            library = ctypes.CDLL(path)
            return lambda name: ctypes.cast(getattr(library, name), c_void_p).value or 0
    import pypdfium2.raw as raw  # initialises PDFium too

    return lambda name: ctypes.cast(getattr(raw, name), c_void_p).value or 0


_address = _load()


def _proto(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    address = _address(name)
    if not address:
        raise ImportError(f"PDFium has no {name}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def handle(obj: Any) -> int:
    """The address behind a handle: an int, or a pypdfium2 object's `.raw`."""
    return obj if isinstance(obj, int) else ctypes.cast(obj, c_void_p).value or 0


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(name, c_float) for name in ("a", "b", "c", "d", "e", "f")]


class FS_RECTF(ctypes.Structure):
    _fields_ = [(name, c_float) for name in ("left", "top", "right", "bottom")]


class _Config(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2 (what pypdfium2 passes)."""

    _fields_ = [
        ("version", c_int),
        ("m_pUserFontPaths", c_void_p),
        ("m_pIsolate", c_void_p),
        ("m_v8EmbedderSlot", c_uint),
    ]


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

PATH, FORM = 2, 5  # FPDF_PAGEOBJ_*
MOVETO, BEZIER = 2, 1  # FPDF_SEGMENT_*

# library, documents, pages
_init = _proto("FPDF_InitLibraryWithConfig", None, VP)
load_document = _proto("FPDF_LoadMemDocument64", VP, ctypes.c_char_p, ctypes.c_size_t, VP)
close_document = _proto("FPDF_CloseDocument", None, VP)
page_count = _proto("FPDF_GetPageCount", c_int, VP)
last_error = _proto("FPDF_GetLastError", c_ulong)
load_page = _proto("FPDF_LoadPage", VP, VP, c_int)
close_page = _proto("FPDF_ClosePage", None, VP)
page_width = _proto("FPDF_GetPageWidthF", c_float, VP)
page_height = _proto("FPDF_GetPageHeightF", c_float, VP)
load_text_page = _proto("FPDFText_LoadPage", VP, VP)
close_text_page = _proto("FPDFText_ClosePage", None, VP)

_config = _Config(2, None, None, 0)
_init(ctypes.addressof(_config))  # returns at once if PDFium is initialised already

# FPDF_GetLastError codes, in pypdfium2's words (error messages keep them)
ERRORS = {
    0: "Success",
    1: "Unknown error",
    2: "File access error",
    3: "Data format error",
    4: "Incorrect password error",
    5: "Unsupported security scheme error",
    6: "Page not found or content error",
}
PASSWORD_ERROR = 4


class PdfiumError(Exception):
    """PDFium refused a document or a page (named like pypdfium2's, as messages show it)."""
