"""The only package that touches PDF internals (PDFium, pdfplumber). Everything after it sees
`Page`s of text `Line`s and table `Grid`s, with superscripts already marked as `^{...}`."""

from .document import read_document
from .inputfile import InputFile, read_input
from .layout import Cell, Grid, Line, Page

__all__ = ["Cell", "Grid", "InputFile", "Line", "Page", "read_document", "read_input"]
