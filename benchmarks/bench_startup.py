"""Start-up cost of the command line and of the package, each in a fresh interpreter:

- `cadthkit --help`: CPU (user + system) and wall time;
- `import cadthkit.models`: wall time of the import alone, and which PDF libraries it loaded;
- the start-up of `cadthkit extract`: CPU of a process that loads the command line and the API
  (what `extract` imports) without reading a PDF;
- `cadthkit extract` on one 10-page report: wall and CPU time, start-up included.

    python benchmarks/bench_startup.py                       # this checkout
    python benchmarks/bench_startup.py --src old=/tmp/old/src --src new=src

Each `--src LABEL=DIR` is a source tree to put first on PYTHONPATH (for example a `git archive`
of an older commit); the runs of all trees are interleaved so a busy machine slows them alike.
Prints medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / ".." / "shared" / "fixtures" / "ivig-offlabel-2017.pdf"
PDF_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2", "reportlab", "cryptography", "pypdf")
CLI = "import sys; from cadthkit.cli import app; sys.argv[0] = 'cadthkit'; sys.exit(app())"
EXTRACT_STARTUP = (
    "import sys; from cadthkit.cli import app\n"
    "try:\n    app(['extract', '--help'], prog_name='cadthkit')\nexcept SystemExit:\n    pass\n"
    "import cadthkit.api"
)
IMPORT_MODELS = (
    "import sys, time, json; t = time.perf_counter(); import cadthkit.models; "
    "s = time.perf_counter() - t; "
    f"print(json.dumps([s, sorted(m for m in {PDF_LIBRARIES!r} if m in sys.modules)]))"
)


def timed(args: list[str], src: str) -> tuple[float, float, str]:
    """(wall s, CPU s, stdout) of one child process."""
    env = dict(os.environ, PYTHONPATH=src)
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stdout:
        proc.stdout.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited with {proc.returncode} (PYTHONPATH={src})")
    return wall, usage.ru_utime + usage.ru_stime, out.decode()


def measure(src: str, tmp: Path) -> dict[str, float | str]:
    py = sys.executable
    floor_wall, floor_cpu, _ = timed([py, "-c", "pass"], src)
    help_wall, help_cpu, _ = timed([py, "-c", CLI, "--help"], src)
    _, startup_cpu, _ = timed([py, "-c", EXTRACT_STARTUP], src)
    _, _, out = timed([py, "-c", IMPORT_MODELS], src)
    models_s, loaded = json.loads(out)
    extract_wall, extract_cpu, _ = timed(
        [py, "-c", CLI, "extract", str(FIXTURE), "-o", str(tmp)], src
    )
    return {
        "python": floor_cpu,
        "help_cpu": help_cpu,
        "help_wall": help_wall,
        "models_ms": 1000 * models_s,
        "pdf_libs": ",".join(loaded) or "none",
        "startup_cpu": startup_cpu,
        "extract_wall": extract_wall,
        "extract_cpu": extract_cpu,
        "floor_wall": floor_wall,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR (repeatable)")
    ap.add_argument("--repeat", type=int, default=11)
    args = ap.parse_args()
    trees = dict(s.split("=", 1) for s in args.src) or {"this checkout": str(ROOT / "src")}
    runs: dict[str, list[dict[str, float | str]]] = {label: [] for label in trees}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as t:
        for src in trees.values():  # warm the file cache and the bytecode
            measure(src, Path(t))
        for _ in range(args.repeat):
            for label, src in trees.items():
                runs[label].append(measure(src, Path(t)))
    print(f"median of {args.repeat} runs; load average {os.getloadavg()[0]:.2f}")
    columns = (
        ("python -c pass CPU s", "python"),
        ("--help CPU s", "help_cpu"),
        ("--help wall s", "help_wall"),
        ("import models ms", "models_ms"),
        ("extract start-up CPU s", "startup_cpu"),
        ("extract 10 p. wall s", "extract_wall"),
        ("extract 10 p. CPU s", "extract_cpu"),
    )
    width = max(len(label) for label in trees) + 2
    print(" " * width + " ".join(f"{name:>22}" for name, _ in columns) + "  PDF libraries loaded")
    for label, results in runs.items():
        cells = [statistics.median(float(r[key]) for r in results) for _, key in columns]
        libs = results[0]["pdf_libs"]
        print(f"{label:<{width}}" + " ".join(f"{c:>22.3f}" for c in cells) + f"  {libs}")


if __name__ == "__main__":
    main()
