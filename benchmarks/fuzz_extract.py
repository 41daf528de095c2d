"""The long fuzz run: N mutants of the fixture PDFs (tests/mutants.py) through `cadthkit
extract`, in subprocesses held to a time and a memory limit; every mutant must give a valid
record or one line naming the file. Prints counts per outcome and per mutation, and the time.

With --annotate, every mutant that extract accepts also goes through `check --annotate`
(api.check + api.annotate, what the command runs), and, for comparison, through pypdf alone
on the original bytes (read, clone, write: what the annotator did before it started from
PDFium's pages).

Run: python benchmarks/fuzz_extract.py --count 5000 --seed 1 --annotate
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.mutants import Mutant, Outcome, extract_all, mutants  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"


def annotate_worker(paths: list[str], out: str) -> None:
    """Annotate each path, as `check --annotate` does; one JSON line per path."""
    import io
    import logging
    import traceback

    from pypdf import PdfReader, PdfWriter

    from cadthkit import api
    from cadthkit.errors import CadthkitError

    logging.disable(logging.CRITICAL)
    for path in paths:
        start = time.perf_counter()
        try:
            report = api.read_report(path)
            findings = api.check(report)
            api.annotate(path, findings, Path(out) / "a.pdf", sha256=report.source.sha256)
            new = "annotated"
        except CadthkitError as exc:
            new = "refused: " + exc.problem[:120]
        except Exception:
            new = "bad: " + traceback.format_exc().strip().splitlines()[-1][:200]
        seconds = time.perf_counter() - start
        try:
            writer = PdfWriter(clone_from=PdfReader(path))
            writer.write(io.BytesIO())
            old = "annotated"
        except Exception as exc:  # what the old annotator met
            old = f"fails: {type(exc).__name__}"
        print(json.dumps({"path": path, "new": new, "old": old, "seconds": seconds}), flush=True)


def annotate_all(batch: list[Mutant], out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, __file__, "--annotate-worker", str(out), *(str(m.path) for m in batch)]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60 * len(batch))
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(rows) != len(batch):
        rows += [
            {"path": str(m.path), "new": f"bad: crashed ({done.returncode})", "old": "?"}
            for m in batch[len(rows) :]
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--max-memory-mb", type=int, default=1024)
    parser.add_argument("--annotate", action="store_true")
    parser.add_argument("--annotate-worker")
    args, rest = parser.parse_known_args()
    if args.annotate_worker:
        annotate_worker(rest, args.annotate_worker)
        return
    sources = sorted(FIXTURES.glob("*.pdf"))
    tmp = Path(tempfile.mkdtemp(prefix="cadthkit-fuzz-"))
    try:
        start = time.perf_counter()
        batch = list(mutants(sources, tmp / "in", args.count, args.seed))
        chunks = [batch[i : i + args.chunk] for i in range(0, len(batch), args.chunk)]

        def run(item: tuple[int, list[Mutant]]) -> tuple[list[Outcome], float]:
            index, chunk = item
            found = extract_all(chunk, tmp / f"out{index}", args.timeout, args.max_memory_mb)
            shutil.rmtree(tmp / f"out{index}", ignore_errors=True)
            return found

        with ThreadPoolExecutor(args.workers) as pool:
            runs = list(pool.map(run, enumerate(chunks)))
        outcomes = [o for found, _ in runs for o in found]
        seconds = time.perf_counter() - start
        print(
            f"{len(outcomes)} mutants of {len(sources)} fixtures, seed {args.seed}: "
            f"{seconds:.0f} s ({seconds / len(outcomes) * 1000:.0f} ms per mutant, "
            f"{args.workers} processes)"
        )
        print("extract:", dict(Counter(o.result for o in outcomes)))
        for kind in sorted({o.mutant.kind for o in outcomes}):
            mine = Counter(o.result for o in outcomes if o.mutant.kind == kind)
            print(f"  {kind:16} {dict(mine)}")
        print(
            "refusals:",
            Counter(
                o.detail.split("(")[0].strip()[:60] for o in outcomes if o.result == "refused"
            ).most_common(8),
        )
        for o in outcomes:
            if o.result == "bad":
                print(
                    f"BAD {o.mutant.path.name} {o.mutant.kind} {o.mutant.source.name}: {o.detail}"
                )
        if args.annotate:
            accepted = [o.mutant for o in outcomes if o.result == "record"]
            start = time.perf_counter()
            parts = [accepted[i : i + args.chunk] for i in range(0, len(accepted), args.chunk)]
            with ThreadPoolExecutor(args.workers) as pool:
                rows = [
                    r
                    for rs in pool.map(
                        lambda p: annotate_all(p[1], tmp / f"ann{p[0]}"), enumerate(parts)
                    )
                    for r in rs
                ]
            seconds = time.perf_counter() - start
            print(f"check --annotate on the {len(rows)} accepted: {seconds:.0f} s")
            print(
                "  now (PDFium's pages, then pypdf):",
                dict(Counter(r["new"].split(":")[0] for r in rows)),
            )
            print(
                "  refusals:",
                Counter(r["new"] for r in rows if r["new"] != "annotated").most_common(6),
            )
            print(
                "  before (pypdf alone on the file):",
                dict(Counter(r["old"].split(":")[0] for r in rows)),
            )
            print(
                "  pypdf failures:",
                Counter(r["old"] for r in rows if r["old"] != "annotated").most_common(6),
            )
            times = sorted(r.get("seconds", 0) for r in rows)
            if times:
                print(f"  annotate (audit + copy) median {times[len(times) // 2] * 1000:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
