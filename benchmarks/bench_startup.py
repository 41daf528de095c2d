"""Start-up cost of the command line and of the package, each in a fresh interpreter:

- `cadthkit --help`: CPU (user + system) and wall time;
- `import cadthkit.models`: wall time of the import alone, and which PDF libraries it loaded;
- the start-up of `cadthkit extract`: CPU of a process that loads the command line and the API
  (what `extract` imports) without reading a PDF;
- `cadthkit extract` on one 10-page report: wall and CPU time, start-up included, and the PDF
  libraries it loaded.

With --parts, also where the time of `cadthkit extract` goes: CPU of fresh interpreters that
stop after successive steps (the interpreter, typer, the command line, pydantic, the models,
the PDF layer, the API, the extraction, the written record), each step's cost the difference.

    python benchmarks/bench_startup.py                       # this checkout
    python benchmarks/bench_startup.py --src old=/tmp/old/src --src new=src --parts

Each `--src LABEL=DIR` is a source tree to put first on PYTHONPATH (for example a `git archive`
of an older commit); the runs of all trees are interleaved so a busy machine slows them alike.
Each tree is measured from a byte-compiled copy, as pip installs a package (this matters where
PYTHONDONTWRITEBYTECODE is set, as on the development machine: every run would compile the
package's sources again); --source measures the trees as they are. Prints medians over --repeat
runs, and the minimum beside the main figures (the nearest to a quiet machine).
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import shutil
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
EXTRACT_LIBRARIES = (
    "import sys, json; from cadthkit.cli import app\n"
    "try:\n    app(['extract', sys.argv[1], '-o', sys.argv[2]], prog_name='cadthkit')\n"
    "except SystemExit:\n    pass\n"
    f"print(json.dumps(sorted(m for m in {PDF_LIBRARIES!r} if m in sys.modules)))"
)
# Successive steps of `cadthkit extract FILE -o DIR`; each code runs the ones before it too.
PARTS = (
    ("interpreter", ""),
    ("typer", "import typer"),
    ("command line (cadthkit.cli)", "from cadthkit.cli import app"),
    ("pydantic", "from pydantic import BaseModel, ConfigDict, Field, field_validator"),
    ("models (class building)", "import cadthkit.models"),
    ("PDF layer (cadthkit.pdf)", "import cadthkit.pdf"),
    ("API: parsers, pipeline", "import cadthkit.api, cadthkit.files"),
    ("extract the 10-page report", "report = cadthkit.api.extract(sys.argv[1])"),
    (
        "record JSON written",
        "cadthkit.files.write_text_atomic(__import__('pathlib').Path(sys.argv[2]) / 'r.json', "
        "report.model_dump_json(indent=2))",
    ),
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


def extract_libraries(src: str, tmp: Path) -> str:
    _, _, out = timed([sys.executable, "-c", EXTRACT_LIBRARIES, str(FIXTURE), str(tmp)], src)
    return ",".join(json.loads(out.strip().splitlines()[-1])) or "none"


def parts(src: str, tmp: Path) -> list[float]:
    """CPU s of each step of PARTS, in one fresh interpreter: its CPU clock read after each."""
    code = "import sys, time, json\nmarks = [time.process_time()]\n"
    for _, step in PARTS[1:]:
        code += f"{step}\nmarks.append(time.process_time())\n"
    code += "print(json.dumps(marks))"
    _, _, out = timed([sys.executable, "-c", code, str(FIXTURE), str(tmp)], src)
    marks = json.loads(out.strip().splitlines()[-1])
    return [marks[0]] + [b - a for a, b in itertools.pairwise(marks)]


def compiled_copy(src: str, folder: Path) -> str:
    """A byte-compiled copy of the source tree `src` (as an installed package has)."""
    target = folder / "src"
    shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    compileall.compile_dir(target, quiet=1)
    return str(target)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR (repeatable)")
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--source", action="store_true", help="run the trees as they are")
    ap.add_argument("--parts", action="store_true", help="where the time of extract goes")
    args = ap.parse_args()
    trees = dict(s.split("=", 1) for s in args.src) or {"this checkout": str(ROOT / "src")}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as t:
        tmp = Path(t)
        if not args.source:
            trees = {
                label: compiled_copy(src, tmp / f"tree{k}")
                for k, (label, src) in enumerate(trees.items())
            }
        out = tmp / "out"
        out.mkdir()
        runs: dict[str, list[dict[str, float | str]]] = {label: [] for label in trees}
        steps: dict[str, list[list[float]]] = {label: [] for label in trees}
        for src in trees.values():  # warm the file cache
            measure(src, out)
        for _ in range(args.repeat):
            for label, src in trees.items():
                runs[label].append(measure(src, out))
                if args.parts:
                    steps[label].append(parts(src, out))
        libraries = {label: extract_libraries(src, out) for label, src in trees.items()}
    kind = "source only" if args.source else "byte-compiled"
    print(f"median (min) of {args.repeat} runs, {kind}; load average {os.getloadavg()[0]:.2f}")
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
    print(" " * width + " ".join(f"{name:>22}" for name, _ in columns))
    for label, results in runs.items():
        cells = []
        for _, key in columns:
            values = [float(r[key]) for r in results]
            cells.append(f"{statistics.median(values):.3f} ({min(values):.3f})")
        print(f"{label:<{width}}" + " ".join(f"{c:>22}" for c in cells))
    print()
    for label, results in runs.items():
        print(
            f"{label}: PDF libraries loaded by import cadthkit.models: {results[0]['pdf_libs']};"
            f" by cadthkit extract: {libraries[label]}"
        )
    if args.parts:
        print("\nwhere the CPU time of `cadthkit extract` goes (ms, median; one process per run)")
        print(f"{'step':32}" + "".join(f"{label:>16}" for label in trees))
        for k, (name, _) in enumerate(PARTS):
            row = []
            for label in trees:
                row.append(f"{1000 * statistics.median(s[k] for s in steps[label]):16.0f}")
            print(f"{name:32}" + "".join(row))
        totals = [
            f"{1000 * statistics.median(sum(s) for s in steps[label]):16.0f}" for label in trees
        ]
        print(f"{'total':32}" + "".join(totals))


if __name__ == "__main__":
    main()
