"""Reference field accuracy on the fixtures: per field, and micro precision / recall / F1, as
../shared/fixtures/README.md compares a record's references with the truth `fields`.

    python benchmarks/reference_fields.py               # extract every fixture PDF, then score
    python benchmarks/reference_fields.py --text        # the parser alone, on each truth `text`
    python benchmarks/reference_fields.py --variants    # also the PDFs in fixtures/variants
    python benchmarks/reference_fields.py --wrong       # list every wrong field
    python benchmarks/reference_fields.py --text --parser refextract   # a candidate library
                                                        # (pip install refextract first)

A reference the extractor did not give is wrong in every field.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.reference_scoring: the one place the comparison is written

from tests.reference_scoring import FIELDS, Score, mismatches, scored_pairs, total  # noqa: E402

from cadthkit import extract  # noqa: E402
from cadthkit.errors import CadthkitError  # noqa: E402
from cadthkit.models import Reference  # noqa: E402
from cadthkit.parse.vancouver import parse_fields  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"


def pdfs(variants: bool) -> list[Path]:
    found = sorted(FIXTURES.glob("*.pdf"))
    if variants:
        found += sorted((FIXTURES / "variants").glob("*.pdf"))
    return found


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))


def _refextract(ref: Reference) -> Reference:
    """The fields INSPIRE's refextract gives for one reference (its fragments merged)."""
    from refextract import extract_references_from_string

    first: dict[str, str] = {}
    for fragment in extract_references_from_string(f"1. {ref.text}", is_only_references=True):
        for key, values in fragment.items():
            if values and key not in first:
                first[key] = values[0]
    names = [n.strip() for n in first.get("author", "").split(",")]
    ref.authors = [n for n in names if n and not n.lower().startswith("et al")]
    ref.title = first.get("title")
    ref.journal = first.get("journal_title")
    year = first.get("year") or first.get("journal_year")
    ref.year = int(year) if year and year.isdigit() and 1900 <= int(year) <= 2100 else None
    ref.volume, ref.pages = first.get("journal_volume"), first.get("journal_page")
    ref.doi = first["doi"].removeprefix("doi:") if "doi" in first else None
    ref.url = first.get("url")
    return ref


PARSERS = {"cadthkit": parse_fields, "refextract": _refextract}


class _TextRecord:
    """A record whose references are the truth texts, parsed: the parser apart from extraction."""

    def __init__(self, truth: dict, parser: str = "cadthkit") -> None:
        def parsed(raw: dict) -> Reference:
            return PARSERS[parser](Reference(number=raw["number"] or 1, text=raw["text"]))

        self.references = [parsed(r) for r in truth["references"]]
        self.appendix = [
            type("G", (), {"references": [parsed(r) for r in g["references"]]})()
            for g in truth.get("appendix", [])
        ]
        for raw, ref in zip(
            [r for g in truth.get("appendix", []) for r in g["references"]],
            [r for g in self.appendix for r in g.references],
            strict=True,
        ):
            if raw["number"] is None:
                ref.number = None  # type: ignore[assignment]  # unnumbered, as printed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", action="store_true", help="parse the truth texts, no PDFs")
    parser.add_argument("--variants", action="store_true", help="include fixtures/variants")
    parser.add_argument("--wrong", action="store_true", help="list every wrong field")
    parser.add_argument("--parser", choices=sorted(PARSERS), default="cadthkit", help="with --text")
    args = parser.parse_args()

    scores: list[Score] = []
    seconds: list[float] = []
    print(f"{'fixture':42} {'refs':>4} {'right':>6}")
    for pdf in pdfs(args.variants):
        truth = truth_of(pdf)
        if args.text:
            record = _TextRecord(truth, args.parser)
        else:
            start = time.perf_counter()
            try:
                record = extract(pdf)  # type: ignore[assignment]
            except CadthkitError as exc:  # not read at all: every reference missed
                print(f"  {pdf.stem}: {exc}")
                record = _TextRecord({"references": []})
            seconds.append(time.perf_counter() - start)
        score = Score()
        for want, ref in scored_pairs(truth, record):
            wrong = score.add(want["fields"], ref)
            if args.wrong and wrong:
                detail = (
                    "not found"
                    if ref is None
                    else "; ".join(
                        f"{k}: {g!r} != {w!r}"
                        for k, (g, w) in mismatches(want["fields"], ref).items()
                    )
                )
                print(f"  {pdf.stem} ref {want['number']}: {detail}")
        scores.append(score)
        right = sum(score.right.values())
        print(f"{pdf.stem:42} {score.references:4d} {right:4d}/{score.references * len(FIELDS)}")

    all_ = total(scores)
    print(f"\n{all_.references} references with fields")
    print(f"{'field':10} {'right':>9} {'accuracy':>9}")
    for name in FIELDS:
        n = all_.right[name]
        print(f"{name:10} {n:4d}/{all_.references:<4d} {100 * n / all_.references:8.1f}%")
    print(f"\nmicro precision {all_.precision:.3f}  recall {all_.recall:.3f}  F1 {all_.f1:.3f}")
    if seconds:
        print(f"median extraction {statistics.median(seconds) * 1000:.0f} ms per PDF")


if __name__ == "__main__":
    main()
