"""Citation callouts: '5', '2-5', '2–5', '2,3', '2, 4-6' → reference numbers."""

from __future__ import annotations

import re

_DASHES = "-‐‑‒–—−"
_PART = re.compile(rf"^\s*(\d+)\s*(?:[{_DASHES}]\s*(\d+))?\s*$")
MAX_RANGE = 200  # a longer "range" is a misprint, not 200 citations


def parse_callout(raw: str) -> list[int] | None:
    """Numbers a callout denotes, in order; None when it is not a readable callout.

    >>> parse_callout("2, 4-6")
    [2, 4, 5, 6]
    >>> parse_callout("1b") is None
    True
    """
    parts = [p for p in re.split(r"[,;]", raw)]
    if not raw.strip() or any(not p.strip() for p in parts):
        return None
    numbers: list[int] = []
    for part in parts:
        m = _PART.match(part)
        if not m:
            return None
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else start
        if start < 1 or end < start or end - start > MAX_RANGE:
            return None
        numbers.extend(range(start, end + 1))
    return numbers


SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")


def strip_marks(text: str) -> str:
    """Text with the ^{...} superscript marks removed (contents dropped)."""
    return SUPERSCRIPT.sub("", text)
