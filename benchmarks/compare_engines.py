"""Compare the table engines on the fixtures: rows and cells right, superscripts kept, time.

    python benchmarks/compare_engines.py [--repeat 3]

Engines compared:
- pdfplumber: cadthkit's default (pdfplumber lines strategy for the grid, our glyph lines for text)
- camelot: camelot lattice for the grid, our glyph lines for text (`--table-engine camelot`)
- camelot-text: camelot lattice grid *and* camelot's own cell text (what camelot gives alone)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import warnings
from pathlib import Path

from cadthkit import extract

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


def _truth_rows(truth: dict) -> list[dict]:
    return [r for t in truth["summary_tables"] for s in t["sections"] for r in s["rows"]]


def _flat(cell: str | list[str]) -> str:
    return " ".join(cell) if isinstance(cell, list) else cell


def score_cadthkit(pdf: Path, truth: dict, engine: str) -> tuple[int, int, int, float]:
    start = time.perf_counter()
    report = extract(pdf, table_engine=engine)
    ms = (time.perf_counter() - start) * 1000 / report.source.page_count
    rows = [r for t in report.summary_tables for r in t.rows]
    want = _truth_rows(truth)
    by_label = {(r.first_author, r.year): r for r in rows}
    rows_ok = cells_ok = sup_ok = 0
    for w in want:
        got = by_label.get((w["first_author"], w["year"]))
        if got is None:
            continue
        rows_ok += 1
        cells_ok += sum(a == b for a, b in zip(got.cells, w["cells"], strict=False))
        sup_ok += got.citation.raw == w["printed_citation"]
    return rows_ok, cells_ok, sup_ok, ms


def score_camelot_text(pdf: Path, truth: dict) -> tuple[int, int, int, float]:
    import camelot

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    pages = len(__import__("pypdf").PdfReader(str(pdf)).pages)
    ms = (time.perf_counter() - start) * 1000 / pages
    cells = [[" ".join(c.split()) for c in row] for t in tables for row in t.data]
    want = _truth_rows(truth)
    rows_ok = cells_ok = sup_ok = 0
    for w in want:
        label = re.compile(rf"^{re.escape(w['first_author'])}\s*\({w['year']}\)\s*(\S*)$")
        for row in cells:
            m = label.match(row[0]) if row else None
            if m:
                rows_ok += 1
                cells_ok += sum(a == _flat(b) for a, b in zip(row[1:], w["cells"], strict=False))
                # camelot prints the superscript as plain text glued to the year: "(2016)5".
                sup_ok += m.group(1) == w["printed_citation"] and "^" in row[0]
                break
    return rows_ok, cells_ok, sup_ok, ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    totals: dict[str, list] = {}
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text())
        want = _truth_rows(truth)
        n_cells = sum(len(w["cells"]) for w in want)
        for engine in ("pdfplumber", "camelot", "camelot-text"):
            runs = [
                score_camelot_text(pdf, truth)
                if engine == "camelot-text"
                else score_cadthkit(pdf, truth, engine)
                for _ in range(args.repeat)
            ]
            rows_ok, cells_ok, sup_ok, _ = runs[0]
            ms = statistics.median(r[3] for r in runs)
            t = totals.setdefault(engine, [0, 0, 0, 0, 0, []])
            t[0] += rows_ok
            t[1] += len(want)
            t[2] += cells_ok
            t[3] += n_cells
            t[4] += sup_ok
            t[5].append(ms)
    print(f"{'engine':14} {'rows right':>12} {'cells right':>12} {'sups kept':>10} {'ms/page':>8}")
    for engine, (r, rn, c, cn, s, ms) in totals.items():
        print(
            f"{engine:14} {r:>5}/{rn:<6} {c:>5}/{cn:<6} {s:>4}/{rn:<5} {statistics.median(ms):8.0f}"
        )


if __name__ == "__main__":
    main()
