"""An annotated copy is for reading: nothing in it may run, launch, submit or carry a file.

The copy is made from the pages alone (`pdf.pagecopy`), so the document's open action, its
JavaScript name tree, embedded files, forms and outline are already gone. What a page can
still carry is removed here: its own actions (/AA: on open, on close), presentation keys
(auto-advance), and in its annotations every action but a link to a web address or to a page,
and the annotation types that play or hold something (file attachments, sound, movie, screen,
rich media, 3D).
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

# Page keys that draw the page; anything else (/AA, /Dur, /Trans, /PieceInfo, /Metadata, …)
# is dropped.
PAGE_KEYS = {
    "/Type",
    "/Parent",
    "/Resources",
    "/MediaBox",
    "/CropBox",
    "/BleedBox",
    "/TrimBox",
    "/ArtBox",
    "/Contents",
    "/Rotate",
    "/Annots",
    "/Group",
    "/UserUnit",
}
ACTIVE_ANNOTATIONS = {
    "/FileAttachment",
    "/Sound",
    "/Movie",
    "/Screen",
    "/RichMedia",
    "/3D",
}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def make_inert(writer: PdfWriter) -> int:
    """Strip every page of `writer` as the module docstring says; returns how many actions,
    keys and annotations were removed."""
    removed = 0
    for page in writer.pages:
        for key in [k for k in page if k not in PAGE_KEYS]:
            del page[key]
            removed += 1
        annots = page.get("/Annots")
        if annots is None:
            continue
        kept = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            if not isinstance(annot, DictionaryObject):
                removed += 1
                continue
            if annot.get("/Subtype") in ACTIVE_ANNOTATIONS:
                removed += 1
                continue
            removed += _inert_annotation(annot)
            kept.append(ref)
        page[NameObject("/Annots")] = kept
    return removed


def _inert_annotation(annot: DictionaryObject) -> int:
    removed = 0
    for key in ("/AA", "/FS", "/Sound", "/Movie", "/RichMediaContent"):
        if key in annot:
            del annot[key]
            removed += 1
    action = annot.get("/A")
    if action is not None and not _safe(action.get_object()):
        del annot["/A"]
        removed += 1
    return removed


def _safe(action: object) -> bool:
    """A link to a web address or mail, or to a page of this copy; never a chain of actions."""
    if not isinstance(action, DictionaryObject) or "/Next" in action:
        return False
    kind = action.get("/S")
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        return uri.startswith(SAFE_SCHEMES)
    return kind == "/GoTo"
