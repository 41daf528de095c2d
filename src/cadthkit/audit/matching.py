"""Match a summary-table row ("Author (Year)") to the reference it summarises.

A row gives a first author and a year; a reference gives its author list and a year. Names are
compared as folded keys (diacritics folded, Ø→O, case, hyphens, apostrophes and spaces dropped) so
that "Ramos-Medina", "O'Brien", "Ødegaard", "Côté" and "van der Berg" match however a layout
engine or an editor spelled them. Only the first author counts: a co-author with the row's name
is a different study.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models.report import Reference, StudyRow

# Letters that Unicode does not decompose into base letter + accent.
_FOLD = str.maketrans(
    {
        "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss",
        "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th",
        "ı": "i", "Ħ": "H", "ħ": "h",
    }
)  # fmt: skip
# Name particles that may be dropped or moved: "van der Berg" is filed under "Berg" too.
PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du",
        "la", "le", "lo", "ten", "ter", "zu", "af", "al", "el", "bin", "st",
    }
)  # fmt: skip
_ET_AL = re.compile(r"[,\s]*\bet\.?\s*al\b\.?", re.I)
_INITIALS = re.compile(r"^[A-Z]{1,3}\.?$|^(?:[A-Z]\.){1,3}$|^[A-Z]\.?-[A-Z]\.?$")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_CITED = re.compile(r"\[(?:cited|updated|accessed)[^\]]*\]", re.I)

# Scores for how well a row's author names a reference's first author.
EXACT, PARTICLES_DROPPED, PARTIAL = 1.0, 0.95, 0.8


def fold(text: str) -> str:
    """Text with diacritics folded to ASCII letters where there is an obvious one."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """Lower-case ASCII tokens of a name; hyphens and spaces split, apostrophes join."""
    name = _ET_AL.sub("", fold(name)).lower()
    name = re.sub(r"['’‘`´]", "", name)
    return [t for t in re.split(r"[^a-z0-9]+", name) if t]


def name_key(name: str) -> str:
    """One comparable key: 'Ramos-Medina' → 'ramosmedina', "O'Brien" → 'obrien'."""
    return "".join(name_tokens(name))


def core_key(name: str) -> str:
    """Key without particles: 'van der Berg' → 'berg', 'de la Cruz' → 'cruz'."""
    tokens = [t for t in name_tokens(name) if t not in PARTICLES]
    return "".join(tokens) or name_key(name)


def surname(author: str) -> str:
    """Surname part of a Vancouver author ('van der Berg BL' → 'van der Berg').

    Trailing initials are dropped; a group author ('ImmuReMIPD Study Group') is kept whole.
    """
    tokens = _ET_AL.sub("", author).strip(" ,.;").split()
    while len(tokens) > 1 and _INITIALS.match(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def first_author(ref: Reference) -> str | None:
    """The reference's first author as printed; falls back to the text before the first comma."""
    if ref.authors:
        return ref.authors[0]
    head = ref.text.split(". ", 1)[0]
    return head.split(",", 1)[0].strip() or None


def reference_year(ref: Reference) -> int | None:
    """Publication year: the parsed one, else the first year outside a '[cited ...]' note."""
    if ref.year is not None:
        return ref.year
    m = _YEAR.search(_CITED.sub("", ref.text))
    return int(m.group(1)) if m else None


def name_score(row_author: str, ref_author: str) -> float:
    """How well the row's author names the reference's first author (0 = not at all)."""
    row_name = surname(row_author)
    ref_name = surname(ref_author)
    if not name_key(row_name) or not name_key(ref_name):
        return 0.0
    if name_key(row_name) == name_key(ref_name):
        return EXACT
    if core_key(row_name) == core_key(ref_name):
        return PARTICLES_DROPPED
    row_tokens = [t for t in name_tokens(row_name) if t not in PARTICLES]
    ref_tokens = [t for t in name_tokens(ref_name) if t not in PARTICLES]
    # One half of a compound surname ("Ramos" for "Ramos-Medina"), long enough to mean it.
    if row_tokens and set(row_tokens) < set(ref_tokens) and len("".join(row_tokens)) >= 4:
        return PARTIAL
    return 0.0


def year_score(row_year: int | None, ref_year: int | None) -> float:
    """1 for the same year; 0.5 when a year is missing or one apart (epub vs print); else 0."""
    if row_year is None or ref_year is None:
        return 0.5
    gap = abs(row_year - ref_year)
    return 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0


@dataclass(frozen=True)
class Candidate:
    """A reference that could be the row's study, with the reasons."""

    reference: Reference
    name: float
    year: float

    @property
    def score(self) -> float:
        return self.name * (0.5 + self.year / 2)

    @property
    def number(self) -> int:
        """Candidates are drawn from numbered references only."""
        assert self.reference.number is not None
        return self.reference.number

    def describe(self, row: StudyRow) -> str:
        """Evidence in words: what matched and how well."""
        author = surname(first_author(self.reference) or "") or "?"
        ref_year = reference_year(self.reference)
        how = {EXACT: "same", PARTICLES_DROPPED: "same apart from particles"}.get(
            self.name, "partly the same"
        )
        year = (
            "same year"
            if self.year == 1.0
            else f"year {ref_year} vs {row.year_raw}"
            if ref_year is not None
            else "no year printed"
        )
        return (
            f"reference {self.number} ({author}, {ref_year or 'n.d.'}): {how} first author, {year}"
        )


def score(row: StudyRow, ref: Reference) -> Candidate:
    """Score one row against one reference."""
    author = first_author(ref)
    return Candidate(
        reference=ref,
        name=name_score(row.first_author, author) if author else 0.0,
        year=year_score(row.year, reference_year(ref)),
    )


def candidates(row: StudyRow, references: list[Reference]) -> list[Candidate]:
    """References whose first author is the row's author, best first (year breaks ties)."""
    numbered = (ref for ref in references if ref.number is not None)
    found = [c for c in (score(row, ref) for ref in numbered) if c.name >= PARTIAL]
    found = [c for c in found if c.year > 0] or found
    return sorted(found, key=lambda c: (-c.score, c.number))


def is_match(candidate: Candidate) -> bool:
    """Good enough to say 'this row summarises this reference'."""
    return candidate.name >= PARTIAL and candidate.year >= 0.5
