"""Record text → reportlab Paragraph markup: escape XML, turn ^{6-8} into real superscripts."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

_MARK = re.compile(r"\^\{([^}]*)\}")


def esc(text: str) -> str:
    """Escape &, < and > so reportlab's Paragraph parser prints them literally."""
    return escape(text)


def inline(text: str) -> str:
    """Escape running text and render each ^{...} mark as a <super> run."""
    parts: list[str] = []
    pos = 0
    for m in _MARK.finditer(text):
        parts.append(esc(text[pos : m.start()]))
        parts.append(f"<super>{esc(m.group(1))}</super>")
        pos = m.end()
    parts.append(esc(text[pos:]))
    return "".join(parts)


def bold_label(label: str, value: str) -> str:
    """'Label: value' with the label bold, as on the cover and front matter."""
    return f"<b>{esc(label)}:</b> {inline(value)}"


def link(url: str, text: str, color: str) -> str:
    """A clickable link run."""
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{color}">{esc(text)}</a>'
