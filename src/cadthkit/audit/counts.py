"""Study counts stated in words ("Five systematic reviews, three randomized controlled trials")
and the design names reports use for table sections, reference headings and running text.

Designs are compared as canonical keys (`sr`, `rct`, `nrs`, ...): "Systematic Reviews and
Meta-analyses", "systematic reviews" and "meta-analyses" are all `sr`; prospective and
retrospective observational studies are both `nrs`, with the direction kept as a detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .matching import fold

NUMBER_WORDS = {
    "no": 0, "zero": 0, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip

DESIGN_NAMES = {
    "hta": "health technology assessments",
    "sr": "systematic reviews",
    "rct": "randomized controlled trials",
    "nrs": "non-randomized studies",
    "ee": "economic evaluations",
    "guideline": "guidelines",
}

# Most specific first: the first pattern that matches a phrase names its design.
_DESIGN_PATTERNS: list[tuple[str, str]] = [
    ("hta", r"health\s+technology\s+assessments?|HTAs?\b"),
    ("sr", r"systematic\s+reviews?(?:\s+and\s+meta[-\s]?analys[ie]s)?|meta[-\s]?analys[ie]s"
           r"|(?-i:\bSRs?\b)"),
    ("nrs", r"non[-\s]?randomi[sz]ed(?:\s+controlled)?\s+(?:stud(?:y|ies)|trials?)"),
    ("rct", r"randomi[sz]ed\s+(?:controlled\s+)?(?:clinical\s+)?trials?|RCTs?\b"),
    (
        "nrs",
        r"(?:(?:prospective|retrospective)\s+)?(?:observational|cohort|case[-\s]control"
        r"|before[-\s]and[-\s]after|cross[-\s]sectional)(?:\s+(?:cohort|observational))?"
        r"\s+(?:stud(?:y|ies)|designs?)",
    ),
    ("nrs", r"(?:(?:prospective|retrospective)\s+)?(?:chart\s+reviews?|case\s+series)"),
    ("ee", r"economic\s+evaluations?"
           r"|cost[-\s](?:effectiveness|utility)\s+(?:analys[ie]s|stud(?:y|ies))"),
    ("guideline", r"(?:evidence[-\s]based\s+)?(?:clinical\s+practice\s+)?guidelines?"),
]  # fmt: skip
_DESIGN_RES = [(key, re.compile(pat, re.I)) for key, pat in _DESIGN_PATTERNS]
_DESIGN_ANY = "|".join(f"(?:{pat})" for _, pat in _DESIGN_PATTERNS)
_NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# "Five systematic reviews", "nine non-randomized studies", "No relevant health technology
# assessments", "two prospective observational studies (n = 2)"; optional callout after it.
_COUNT = re.compile(
    rf"\b(?P<word>{_NUMBER})\s+(?:(?:relevant|additional|eligible|included|further)\s+)?"
    rf"(?P<design>(?:(?:prospective|retrospective)\s+)?(?:{_DESIGN_ANY}))"
    r"(?:\s*\([^)]*\))?\s*,?\s*(?:\^\{(?P<callout>[^}]*)\})?",
    re.I,
)


def design_of(text: str | None) -> str | None:
    """Canonical design key of a heading or phrase, or None when it names no design."""
    if not text:
        return None
    folded = fold(text)
    for key, rx in _DESIGN_RES:
        if rx.search(folded):
            return key
    return None


def _designs(text: str) -> list[tuple[int, str]]:
    """(start, design) of every design phrase; a phrase matched by a more specific pattern is
    blanked first, so 'non-randomized trials' is not also a randomized trial."""
    folded = fold(text)
    found = []
    for key, rx in _DESIGN_RES:
        for m in rx.finditer(folded):
            found.append((m.start(), key))
            folded = folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end() :]
    return found


def first_design(text: str | None) -> str | None:
    """Design named first in a phrase: 'SR with MA of 19 studies (15 RCTs …)' is a review."""
    found = _designs(text or "")
    return min(found)[1] if found else None


def sole_design(text: str | None) -> str | None:
    """The design a title names when it names exactly one ('… of Included Systematic Reviews');
    None for none or several ('… Randomized Controlled Trials and Cohort Studies')."""
    keys = {key for _, key in _designs(text or "")}
    return keys.pop() if len(keys) == 1 else None


def direction_of(text: str | None) -> str | None:
    """'prospective' or 'retrospective' when a heading or phrase says so."""
    m = re.search(r"\b(prospective|retrospective)\b", text or "", re.I)
    return m.group(1).lower() if m else None


def number_value(word: str) -> int | None:
    """5 for 'Five' or '5'; None for anything else."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


@dataclass(frozen=True)
class StatedCount:
    """A count in words followed by a design, e.g. 'three randomized controlled trials^{6-8}'."""

    value: int
    word: str
    design: str
    phrase: str
    direction: str | None
    callout: str | None
    start: int


def stated_counts(text: str) -> list[StatedCount]:
    """Every '<number> <design>' phrase in a paragraph, in order."""
    found: list[StatedCount] = []
    for m in _COUNT.finditer(text):
        value = number_value(m.group("word"))
        design = design_of(m.group("design"))
        if value is None or design is None:
            continue
        found.append(
            StatedCount(
                value=value,
                word=m.group("word"),
                design=design,
                phrase=m.group(0).split("^{")[0].rstrip(" ,"),
                direction=direction_of(m.group("design")),
                callout=m.group("callout"),
                start=m.start(),
            )
        )
    return found
