"""Rendering speed: median seconds to render each fixture's record to PDF bytes, one process.

python benchmarks/bench_render.py [--repeat 7]

Records are extracted once first (not timed); fonts are registered by a warm-up render, as in
any process that renders more than once. The first render in a fresh process also pays about
0.05 s to parse the four TrueType fonts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from cadthkit import extract
from cadthkit.render import render_to_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
BUDGET_S = 0.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    records = [(pdf.stem, extract(pdf)) for pdf in sorted(FIXTURES.glob("*.pdf"))]
    start = time.perf_counter()
    render_to_bytes(records[0][1])
    print(f"first render (fonts loaded): {time.perf_counter() - start:.3f} s")
    medians: list[float] = []
    print(f"{'fixture':34} {'pages':>5} {'median s':>9}")
    for name, record in records:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            data = render_to_bytes(record)
            times.append(time.perf_counter() - start)
        pages = data.count(b"/Type /Page\n")
        medians.append(statistics.median(times))
        print(f"{name:34} {pages:>5} {medians[-1]:>9.3f}")
    overall = statistics.median(medians)
    verdict = "within" if overall < BUDGET_S else "OVER"
    print(f"median over fixtures: {overall:.3f} s ({verdict} the {BUDGET_S} s budget)")


if __name__ == "__main__":
    main()
