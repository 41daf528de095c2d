"""cadthkit: extract, audit and regenerate CADTH Rapid Response report PDFs."""

__version__ = "0.1.0"

from .api import check, extract

__all__ = ["__version__", "check", "extract"]
