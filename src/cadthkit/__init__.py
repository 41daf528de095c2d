"""cadthkit: extract, audit and regenerate CADTH Rapid Response report PDFs.

The public functions live in `cadthkit.api` (extract, check, correct, render, fix, batch,
export); the two most used are re-exported here. `render`, `fix` and `batch` are not, because
those names are also subpackages.
"""

__version__ = "0.1.0"

from .api import check, extract

__all__ = ["__version__", "check", "extract"]
