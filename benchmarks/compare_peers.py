"""cadthkit's speed next to its peers and to the floor PDFium sets, measured in one run.

    python benchmarks/compare_peers.py [--repeat 3] [--src before=/tmp/old/src --src after=src]

CPU ms per page (user + system of the process doing the work), median over the public fixtures
of each fixture's median over --repeat rounds; each engine runs in a fresh process of its own,
and the engines take turns round by round, so a busy machine slows them alike:

- PDFium text: the page loaded and its text read in one FPDFText_GetText call (the floor for
  reading a page at all);
- PDFium char boxes: the same, plus FPDFText_GetCharBox for every character (the floor for any
  reader that needs each glyph's position, as table extraction does);
- poppler: `pdftotext -bbox-layout` (words and their boxes), where poppler is installed;
- pdfplumber: `page.extract_tables()` (lines strategy) on every page;
- camelot: `camelot.read_pdf(flavor="lattice")`, where camelot is installed;
- cadthkit (each --src tree, default this checkout): `extract()` in one process, the full record;
- and the command line on one 10-page report, start-up included (CPU and wall, each tree).

Only cadthkit produces the record (tables with their text, superscripts kept, references,
sections, validated); the others are the cost of their own narrower jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
CLI_FIXTURE = FIXTURES / "ivig-offlabel-2017.pdf"
CLI = "import sys; from cadthkit.cli import app; sys.argv[0] = 'cadthkit'; sys.exit(app())"


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _pdfium(pdf: Path, boxes: bool) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            text = page.get_textpage()
            text.get_text_range()
            if boxes:
                box = [raw.c_double() for _ in range(4)]
                for k in range(text.count_chars()):
                    raw.FPDFText_GetCharBox(text, k, *box)
            text.close()
            page.close()
    finally:
        doc.close()


def _pdfplumber(pdf: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_tables()
            page.close()


def _camelot(pdf: Path) -> None:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(pdf), pages="all", flavor="lattice")


def _cadthkit(pdf: Path) -> None:
    from cadthkit import extract

    extract(pdf)


ENGINES = {
    "PDFium text": lambda pdf: _pdfium(pdf, boxes=False),
    "PDFium char boxes": lambda pdf: _pdfium(pdf, boxes=True),
    "poppler": None,  # a subprocess, measured in the parent
    "pdfplumber": _pdfplumber,
    "camelot": _camelot,
    "cadthkit": _cadthkit,
}


def child(engine: str) -> None:
    """Run one engine once over every fixture (after one warm-up run); print CPU s each."""
    run = ENGINES[engine]
    assert run is not None
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    run(pdfs[0])  # imports, caches
    out = {}
    for pdf in pdfs:
        start = time.process_time()
        run(pdf)
        out[pdf.stem] = time.process_time() - start
    print(json.dumps(out))


def poppler_round(pdfs: list[Path]) -> dict[str, float]:
    out = {}
    for pdf in pdfs:
        before = os.times()
        subprocess.run(
            ["pdftotext", "-bbox-layout", str(pdf), os.devnull],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        after = os.times()
        out[pdf.stem] = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
    return out


def cli_run(src: str, out: Path) -> tuple[float, float]:
    """(wall s, CPU s) of `cadthkit extract` on the 10-page report in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=src)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "extract", str(CLI_FIXTURE), "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"cadthkit extract failed with PYTHONPATH={src}")
    return wall, usage.ru_utime + usage.ru_stime


def compiled_copy(src: str, folder: Path) -> str:
    """A byte-compiled copy of the source tree `src`, as an installed package has."""
    import compileall

    target = folder / "src"
    shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    compileall.compile_dir(target, quiet=1)
    return str(target)


def available(engine: str) -> bool:
    if engine == "poppler":
        return shutil.which("pdftotext") is not None
    if engine == "camelot":
        try:
            import camelot  # noqa: F401
        except ImportError:
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR (repeatable)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    trees = dict(s.split("=", 1) for s in args.src) or {"cadthkit": str(ROOT / "src")}
    tmp = Path(tempfile.mkdtemp(prefix="compare-peers-"))
    trees = {
        label: compiled_copy(src, tmp / f"tree{k}") for k, (label, src) in enumerate(trees.items())
    }
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    pages = {pdf.stem: _pages(pdf) for pdf in pdfs}
    jobs: dict[str, tuple[str, str | None]] = {
        name: (name, None) for name in ENGINES if name != "cadthkit" and available(name)
    }
    for label, src in trees.items():
        jobs[label if label.startswith("cadthkit") else f"cadthkit {label}"] = ("cadthkit", src)
    cpu: dict[str, dict[str, list[float]]] = {job: {} for job in jobs}
    cli: dict[str, list[tuple[float, float]]] = {label: [] for label in trees}
    try:
        for _ in range(args.repeat):
            for job, (engine, src) in jobs.items():
                if engine == "poppler":
                    result = poppler_round(pdfs)
                else:
                    env = dict(os.environ)
                    if src:
                        env["PYTHONPATH"] = src
                    proc = subprocess.run(
                        [sys.executable, __file__, "--child", engine],
                        env=env,
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    result = json.loads(proc.stdout.strip().splitlines()[-1])
                for stem, seconds in result.items():
                    cpu[job].setdefault(stem, []).append(1000 * seconds / pages[stem])
            for label, src in trees.items():
                cli[label].append(cli_run(src, tmp))
    finally:
        shutil.rmtree(tmp)
    print(
        f"CPU ms/page, median over {len(pdfs)} fixtures of each one's median over "
        f"{args.repeat} rounds; load average {os.getloadavg()[0]:.2f}"
    )
    ours = [job for job in jobs if jobs[job][0] == "cadthkit"][-1]  # the last tree given
    base = statistics.median(statistics.median(v) for v in cpu[ours].values())
    print(f"{'':28} {'CPU ms/page':>12} {'max':>8} {'x ' + ours:>20}")
    for job in jobs:
        per = [statistics.median(v) for v in cpu[job].values()]
        med = statistics.median(per)
        print(f"{job:28} {med:12.1f} {max(per):8.1f} {med / base:20.2f}")
    print(f"\ncadthkit extract on one {pages[CLI_FIXTURE.stem]}-page report, start-up included")
    for label, runs in cli.items():
        wall = statistics.median(r[0] for r in runs)
        cpu_s = statistics.median(r[1] for r in runs)
        print(f"{label:28} wall {wall:.3f} s, CPU {cpu_s:.3f} s")


if __name__ == "__main__":
    main()
