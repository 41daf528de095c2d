"""reportlab renderer: a Report record (plus any corrections) → a CADTH-style PDF."""

from .document import render_to_bytes

__all__ = ["render_to_bytes"]
