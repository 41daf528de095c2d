"""Render time against the length of one field: a table cell of N characters, as words and as
one unbroken word. Linear layout means the seconds grow with N, not with N squared.

python benchmarks/bench_render_long.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from cadthkit import extract
from cadthkit.models import Report
from cadthkit.render import render_to_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
SIZES = (8_000, 32_000, 128_000, 512_000)


def with_long_cell(report: Report, text: str) -> Report:
    """`report` with the first cell of its first summary-table row replaced by `text`."""
    table = report.summary_tables[0]
    row = table.rows[0]
    row = row.model_copy(update={"cells": [text, *row.cells[1:]]})
    table = table.model_copy(update={"rows": [row, *table.rows[1:]]})
    return report.model_copy(update={"summary_tables": [table, *report.summary_tables[1:]]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = extract(FIXTURES / "synthetic-s11.pdf")
    render_to_bytes(base)  # fonts registered
    print(f"{'characters':>10}  {'words s':>8}  {'one word s':>10}  (median of {args.repeat})")
    for n in SIZES:
        times = []
        for text in (("lorem ipsum " * n)[:n], "x" * n):
            record = with_long_cell(base, text)
            runs = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                render_to_bytes(record)
                runs.append(time.perf_counter() - start)
            times.append(statistics.median(runs))
        print(f"{n:>10,}  {times[0]:>8.2f}  {times[1]:>10.2f}")


if __name__ == "__main__":
    main()
