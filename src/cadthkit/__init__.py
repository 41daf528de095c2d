"""cadthkit: extract, audit and regenerate CADTH Rapid Response report PDFs."""

__version__ = "0.1.0"
