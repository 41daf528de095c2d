"""Extraction speed on the fixture PDFs: median ms per page, one process.

Wall time, and the process's CPU time beside it: on a busy machine wall time also counts the
time other processes held the CPU, CPU time much less so.

python benchmarks/bench_extract.py [--repeat 5] [--engine pdfplumber|camelot] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

from cadthkit import extract

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engine", default="pdfplumber", help="table engine")
    parser.add_argument("--reader", default="pdfium", help="character reader")
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    args = parser.parse_args()
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    extract(pdfs[0], table_engine=args.engine, reader=args.reader)  # warm imports
    all_ms: list[float] = []
    all_cpu: list[float] = []
    print(f"{'fixture':34} {'pages':>5} {'median ms':>10} {'ms/page':>8} {'CPU ms/page':>12}")
    for pdf in pdfs:
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            report = extract(pdf, table_engine=args.engine, reader=args.reader)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        pages = report.source.page_count
        med = statistics.median(times) * 1000
        med_cpu = statistics.median(cpu) * 1000 / pages
        all_ms.append(med / pages)
        all_cpu.append(med_cpu)
        print(f"{pdf.stem:34} {pages:5d} {med:10.0f} {med / pages:8.1f} {med_cpu:12.1f}")
    print(
        f"median over fixtures: {statistics.median(all_ms):.1f} ms/page "
        f"(max {max(all_ms):.1f}; CPU {statistics.median(all_cpu):.1f}) "
        f"reader={args.reader} table engine={args.engine}"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for pdf in pdfs:
            extract(pdf, table_engine=args.engine, reader=args.reader)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
