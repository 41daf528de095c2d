"""Mutated PDFs for fuzzing: the fixture PDFs with bytes flipped in their content streams and
cross-reference tables, cut short, objects deleted and object numbers swapped. Seeded, so a
failing mutant can be made again from its seed and number.

Used by tests/test_fuzz.py (a bounded run) and benchmarks/fuzz_extract.py (the long run)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n")
_OBJECT = re.compile(rb"(?<![0-9])([0-9]+) ([0-9]+) obj\b")


def _flip(data: bytearray, start: int, end: int, rng: random.Random, most: int) -> None:
    if end <= start:
        return
    for _ in range(rng.randint(1, most)):
        at = rng.randrange(start, end)
        data[at] ^= rng.randint(1, 255)


def _streams(data: bytes) -> list[tuple[int, int]]:
    spans = []
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end > m.end():
            spans.append((m.end(), end))
    return spans


def content_flip(data: bytes, rng: random.Random) -> bytes:
    """A few bytes flipped inside one stream (most are page content or fonts)."""
    out = bytearray(data)
    spans = _streams(data)
    if spans:
        _flip(out, *rng.choice(spans), rng, 8)
    return bytes(out)


def xref_flip(data: bytes, rng: random.Random) -> bytes:
    """A few bytes flipped in the last cross-reference table (or what stands for it)."""
    out = bytearray(data)
    start = data.rfind(b"xref")
    end = data.find(b"trailer", start) if start >= 0 else -1
    if start < 0 or end < 0:
        start, end = max(0, len(data) - 2000), len(data)
    _flip(out, start, end, rng, 4)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) // 20, len(data))]


def delete_object(data: bytes, rng: random.Random) -> bytes:
    """One object removed: cut out (offsets after it shift) or blanked (they stay)."""
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return data
    m = rng.choice(objects)
    end = data.find(b"endobj", m.end())
    if end < 0:
        return data
    end += len(b"endobj")
    if rng.random() < 0.5:
        return data[: m.start()] + data[end:]
    return data[: m.start()] + b" " * (end - m.start()) + data[end:]


def swap_numbers(data: bytes, rng: random.Random) -> bytes:
    """Two objects trade numbers (their references do not)."""
    objects = list(_OBJECT.finditer(data))
    if len(objects) < 2:
        return data
    a, b = sorted(rng.sample(objects, 2), key=lambda m: m.start())
    head_a = b"%s %s obj" % (b.group(1), a.group(2))
    head_b = b"%s %s obj" % (a.group(1), b.group(2))
    return data[: a.start()] + head_a + data[a.end() : b.start()] + head_b + data[b.end() :]


def anywhere_flip(data: bytes, rng: random.Random) -> bytes:
    """A few bytes flipped anywhere (dictionaries, names, numbers)."""
    out = bytearray(data)
    _flip(out, 0, len(data), rng, 6)
    return bytes(out)


MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "content flip": content_flip,
    "xref flip": xref_flip,
    "truncation": truncate,
    "deleted object": delete_object,
    "swapped numbers": swap_numbers,
    "flip anywhere": anywhere_flip,
}


@dataclass(frozen=True)
class Mutant:
    number: int
    kind: str
    source: Path
    path: Path


def mutants(sources: list[Path], folder: Path, count: int, seed: int) -> Iterator[Mutant]:
    """`count` mutants of `sources` written to `folder`, the same ones for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[Path, bytes] = {}
    kinds = sorted(MUTATORS)
    for number in range(count):
        source = sources[number % len(sources)]
        kind = kinds[(number // len(sources)) % len(kinds)]
        data = cache.setdefault(source, source.read_bytes())
        path = folder / f"m{number:05d}.pdf"
        path.write_bytes(MUTATORS[kind](data, rng))
        yield Mutant(number, kind, source, path)


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    result: str  # "record" | "refused" | "bad"
    detail: str


SRC = Path(__file__).resolve().parents[1] / "src"


def extract_all(
    batch: list[Mutant], out: Path, timeout_s: float, memory_mb: int
) -> tuple[list[Outcome], float]:
    """Run `cadthkit extract` on `batch` in one subprocess held to the per-file limits; each
    mutant must give a valid record or one error line naming it. Returns the outcomes and the
    child's peak memory (MB). A crash, a traceback or a hang past the limits is "bad" for the
    file it happened on and for the rest of the batch."""
    import os
    import resource
    import subprocess
    import sys

    from cadthkit.models import Report

    out.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-c", "from cadthkit.cli import app; app(prog_name='cadthkit')"]
    argv += ["extract", *(str(m.path) for m in batch), "-o", str(out)]
    argv += ["--timeout", str(timeout_s), "--max-memory-mb", str(memory_mb)]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            timeout=len(batch) * (timeout_s + 5) + 30,
        )
    except subprocess.TimeoutExpired:
        return [Outcome(m, "bad", "the run hung past every time limit") for m in batch], 0.0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = done.stderr.splitlines()
    outcomes = []
    crashed = done.returncode not in (0, 1, 2) or "Traceback" in done.stderr
    for m in batch:
        mine = [line for line in lines if line.startswith((f"{m.path} → ", f"error: {m.path}: "))]
        if crashed and not mine:
            detail = f"exit {done.returncode}: " + " | ".join(lines[-3:])
            outcomes.append(Outcome(m, "bad", detail))
            continue
        if len(mine) != 1:
            outcomes.append(Outcome(m, "bad", f"{len(mine)} status lines: {mine}"))
            continue
        if mine[0].startswith("error: "):
            outcomes.append(Outcome(m, "refused", mine[0][len(f"error: {m.path}: ") :]))
            continue
        record = out / f"{m.path.stem}.json"
        try:
            Report.model_validate_json(record.read_text(encoding="utf-8"))
        except Exception as exc:  # any way the record is not valid
            outcomes.append(Outcome(m, "bad", f"invalid record: {str(exc)[:200]}"))
            continue
        outcomes.append(Outcome(m, "record", ""))
    others = [
        line
        for line in lines
        if not line.startswith(("  warning: ", "error: ")) and " → " not in line
    ]
    if others:
        outcomes = [Outcome(o.mutant, "bad", f"stray output: {others[:3]}") for o in outcomes]
    return outcomes, peak
