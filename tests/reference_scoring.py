"""Reference fields against the truth, the way ../shared/fixtures/README.md compares them
("How a record is compared with reference fields"): pairing, normalisation, per-field and
micro-averaged scores. Shared by the reference tests and benchmarks/reference_fields.py."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "url")


def _text(value: str) -> str:
    value = unicodedata.normalize("NFKC", value)
    value = value.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", value).strip()


def normalise(name: str, value: Any) -> Any:
    """A field value as compared: None for empty, a tuple of names, an int year, else text."""
    if value is None or value == "" or value == []:
        return None
    if name == "authors":
        names = value.split(",") if isinstance(value, str) else value
        cleaned = tuple(_text(n) for n in names if _text(n))
        return cleaned or None
    if name == "year":
        return int(value)
    return _text(str(value)) or None


def record_value(ref: Any, name: str) -> Any:
    return normalise(name, getattr(ref, name, None))


def truth_value(fields: dict, name: str) -> Any:
    return normalise(name, fields.get(name))


def truth_references(truth: dict) -> list[dict]:
    """Every truth reference, main list then appendix, in printed order."""
    return list(truth["references"]) + [
        r for g in truth.get("appendix", []) for r in g["references"]
    ]


def record_references(report: Any) -> list[Any]:
    return list(report.references) + [r for g in report.appendix for r in g.references]


def pair(truth: dict, report: Any) -> list[tuple[dict, Any | None]]:
    """Each truth reference with its record reference: same number (same text first), or for an
    unnumbered one the unnumbered record reference of the same text, else the next in order."""
    refs = record_references(report)
    used: set[int] = set()
    out: list[tuple[dict, Any | None]] = []
    last_unnumbered = -1
    for want in truth_references(truth):
        number = want.get("number")
        if number is not None:
            same = [i for i, r in enumerate(refs) if r.number == number and i not in used]
        else:
            same = [i for i, r in enumerate(refs) if r.number is None and i not in used]
        exact = [i for i in same if _text(refs[i].text) == _text(want["text"])]
        if exact:
            pick: int | None = exact[0]
        elif number is not None:
            pick = same[0] if same else None
        else:
            later = [i for i in same if i > last_unnumbered]
            pick = later[0] if later else None
        if pick is not None:
            used.add(pick)
            if number is None:
                last_unnumbered = pick
        out.append((want, refs[pick] if pick is not None else None))
    return out


@dataclass
class Score:
    """Right counts per field, and the micro-averaged counts behind precision and recall."""

    references: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    predicted: int = 0  # non-empty predictions
    predicted_right: int = 0  # right non-empty predictions
    truth_values: int = 0  # non-empty truth values
    truth_right: int = 0  # right non-empty truth values

    def add(self, fields: dict, ref: Any | None) -> list[str]:
        """Score one truth reference against its record reference; the fields it got wrong."""
        self.references += 1
        wrong = []
        for name in FIELDS:
            want = truth_value(fields, name)
            got = record_value(ref, name) if ref is not None else None
            ok = ref is not None and got == want
            self.right[name] += ok
            if got is not None:
                self.predicted += 1
                self.predicted_right += ok
            if want is not None:
                self.truth_values += 1
                self.truth_right += ok
            if not ok:
                wrong.append(name)
        return wrong

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.truth_right / self.truth_values if self.truth_values else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scored_pairs(truth: dict, report: Any) -> Iterator[tuple[dict, Any | None]]:
    """The pairs whose truth reference carries `fields`."""
    return ((w, r) for w, r in pair(truth, report) if w.get("fields") is not None)


def mismatches(fields: dict, ref: Any) -> dict[str, tuple[Any, Any]]:
    """Field → (got, want) for every field that differs after normalisation."""
    out = {}
    for name in FIELDS:
        got, want = record_value(ref, name), truth_value(fields, name)
        if got != want:
            out[name] = (got, want)
    return out


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.references += s.references
        for name in FIELDS:
            out.right[name] += s.right[name]
        out.predicted += s.predicted
        out.predicted_right += s.predicted_right
        out.truth_values += s.truth_values
        out.truth_right += s.truth_right
    return out
