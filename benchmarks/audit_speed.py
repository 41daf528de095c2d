"""Median time of the citation audit alone (record already extracted) and of annotation, per
fixture. Run: python3 benchmarks/audit_speed.py"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cadthkit import api

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"{'fixture':32} {'check (ms)':>10} {'annotate (ms)':>14} {'findings':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in sorted(FIXTURES.glob("*.pdf")):
            report = api.extract(pdf)
            findings = api.check(report)
            check = median_ms(lambda r=report: api.check(r), 21)
            out = Path(tmp) / "a.pdf"
            annotate = median_ms(lambda p=pdf, f=findings, o=out: api.annotate(p, f, o), 5)
            print(f"{pdf.stem:32} {check:10.2f} {annotate:14.1f} {len(findings):8d}")


if __name__ == "__main__":
    main()
