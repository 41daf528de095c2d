"""Batch throughput: N report files (byte-different variants of the 7 fixtures) with 1 and with
2 workers, then the same at a second size to show time grows linearly with the number of files.

    python3 benchmarks/bench_batch.py --files 500 --sizes 100,500

Prints reports/s, pages/s, speed-up and peak memory per worker (max ru_maxrss any worker
reported). Each configuration runs --repeat times into a fresh store; medians are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cadthkit.batch.options import BatchOptions  # noqa: E402
from cadthkit.batch.runner import run  # noqa: E402

FIXTURES = ROOT / ".." / "shared" / "fixtures"


def make_archive(folder: Path, n: int) -> list[Path]:
    """n files cycling through the fixtures, each with a distinct trailing comment."""
    sources = sorted(FIXTURES.glob("*.pdf"))
    data = [p.read_bytes() for p in sources]
    files = []
    for i in range(n):
        k = i % len(sources)
        path = folder / f"{i // 100:02d}" / f"{sources[k].stem}-{i:04d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data[k] + f"\n%bench variant {i}\n".encode())
        files.append(path)
    return files


def measure(folder: Path, workers: int, repeat: int, tmp: Path) -> dict[str, float]:
    runs = []
    for r in range(repeat):
        db = tmp / f"w{workers}-{r}-{time.monotonic_ns()}.sqlite"
        before = resource.getrusage(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        summary = run([folder], db, BatchOptions(workers=workers, timeout=120))
        seconds = time.perf_counter() - start  # includes worker start-up and hashing
        parent = _cpu(resource.RUSAGE_SELF) - _cpu_of(before[0])
        children = _cpu(resource.RUSAGE_CHILDREN) - before[1]  # workers, once joined
        assert summary.failed == 0, summary.failures[:3]
        runs.append(
            (seconds, summary.reports, summary.pages, summary.peak_worker_mb, parent, children)
        )
    seconds = statistics.median(r[0] for r in runs)
    return {
        "seconds": seconds,
        "reports": runs[0][1],
        "pages": runs[0][2],
        "reports_s": runs[0][1] / seconds,
        "pages_s": runs[0][2] / seconds,
        "peak_mb": max(r[3] for r in runs),
        "parent_cpu": statistics.median(r[4] for r in runs),
        "worker_cpu": statistics.median(r[5] for r in runs),
        "load": os.getloadavg()[0],
    }


def _cpu_of(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _cpu(who: int) -> float:
    return _cpu_of(resource.getrusage(who))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=500, help="files for the 1 vs 2 worker runs")
    ap.add_argument("--sizes", default="", help="e.g. 100,500: 2-worker runs for scaling")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as t:
        tmp = Path(t)
        folder = tmp / f"archive-{args.files}"
        make_archive(folder, args.files)
        print(f"{args.files} files, repeat {args.repeat} (median)", flush=True)
        header = (
            "workers",
            "seconds",
            "reports/s",
            "pages/s",
            "peak MB/worker",
            "parent CPU s",
            "workers CPU s",
            "load avg",
        )
        print("{:>7} {:>8} {:>9} {:>8} {:>14} {:>12} {:>13} {:>8}".format(*header))
        results = {}
        for workers in (1, 2):
            m = measure(folder, workers, args.repeat, tmp)
            results[workers] = m
            print(
                f"{workers:>7} {m['seconds']:>8.1f} {m['reports_s']:>9.2f} {m['pages_s']:>8.1f}"
                f" {m['peak_mb']:>14.0f} {m['parent_cpu']:>12.1f} {m['worker_cpu']:>13.1f}"
                f" {m['load']:>8.2f}",
                flush=True,
            )
        print(f"speed-up with 2 workers: {results[1]['seconds'] / results[2]['seconds']:.2f}")
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:
            print("\nscaling, 2 workers")
            print(
                "{:>6} {:>8} {:>8} {:>13} {:>12} {:>6}".format(
                    "files", "seconds", "ms/file", "workers CPU s", "CPU ms/file", "load"
                )
            )
            for n in sizes:
                if n == args.files:
                    m = results[2]  # the run above
                else:
                    sub = tmp / f"archive-scale-{n}"
                    make_archive(sub, n)
                    m = measure(sub, 2, args.repeat, tmp)
                print(
                    f"{n:>6} {m['seconds']:>8.1f} {1000 * m['seconds'] / n:>8.1f}"
                    f" {m['worker_cpu']:>13.1f} {1000 * m['worker_cpu'] / n:>12.1f}"
                    f" {m['load']:>6.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
