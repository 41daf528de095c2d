"""A record in the formats analysts and information specialists open: references for reference
managers (RIS, BibTeX, CSL-JSON) and one CSV per summary table. Pure formatting of a `Report`;
writing files is the API's job."""

from .cells import EXCEL_CELL_LIMIT, fit_cell
from .refs import REF_FORMATS, references_of, write_refs
from .tables import table_csvs, table_rows

__all__ = [
    "EXCEL_CELL_LIMIT",
    "REF_FORMATS",
    "fit_cell",
    "references_of",
    "table_csvs",
    "table_rows",
    "write_refs",
]
