"""Joining printed lines back into running text."""

from __future__ import annotations

import re

from ..pdf import Line

_SOFT_HYPHEN_END = re.compile(r"[A-Za-z0-9]-$")
_MINUS_END = re.compile(r"(^|[\s(\[,;:=])[-\u2212]$")  # "95% CI, -" before a wrapped "3.3 to 7.1"
_DISCRETIONARY = "\u00ad"  # a soft hyphen: the writer broke the word here


def join_lines(texts: list[str], tight_after: str = "") -> str:
    """Join wrapped lines: a line ending in 'word-' joins the next without a space
    ('down-' + 'regulated' → 'down-regulated'); otherwise one space. Lines ending in a
    character of `tight_after` also join tight (references wrap after ';' in '21;(10):…'), and
    so does a minus sign before a wrapped number ('95% CI, -' + '3.3 to 7.1'). A line ending
    in a soft hyphen (U+00AD) joins without it."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if not out:
            out = t
        elif out.endswith(_DISCRETIONARY):
            out = out[:-1] + t
        elif (
            _SOFT_HYPHEN_END.search(out)
            or out.endswith("/")
            or (tight_after and out[-1] in tight_after)
            or (t[0].isdigit() and _MINUS_END.search(out))
        ):
            out += t
        else:
            out += " " + t
    return out.replace(_DISCRETIONARY, "")


def paragraphs(lines: list[Line], gap_ratio: float = 0.75) -> list[list[Line]]:
    """Group consecutive lines into paragraphs by the vertical gap between them.

    A paragraph that reaches the bottom of a page continues on the next page unless it ended
    a sentence.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            if line.page == prev.page:
                if line.top - prev.bottom <= gap_ratio * max(line.size, prev.size):
                    groups[-1].append(line)
                    continue
            elif not prev.text.rstrip().endswith((".", "?", "!", ":")):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def paragraph_text(lines: list[Line]) -> str:
    return join_lines([ln.text for ln in lines])
