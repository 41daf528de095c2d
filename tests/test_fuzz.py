"""Fuzzing: every fixture PDF mutated every way (bytes flipped in a content stream, in the
cross-reference table and anywhere, cut short, an object deleted, two object numbers swapped),
seeded so a failure can be made again. For every mutant `cadthkit extract`, run in a
subprocess held to a time and a memory limit, gives a valid record or one line naming the
file; never a traceback, a crash or a hang. The long run (5,000 mutants) is
benchmarks/fuzz_extract.py."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import BASE_FIXTURE_NAMES, fixture_pdf
from .mutants import MUTATORS, extract_all, mutants

SEED = 20261125
TIMEOUT_S = 20  # per file; the fixtures take well under a second
MEMORY_MB = 1024


@pytest.mark.slow
def test_mutated_fixtures_give_a_record_or_one_line(tmp_path: Path) -> None:
    sources = [fixture_pdf(name) for name in BASE_FIXTURE_NAMES]
    count = 2 * len(sources) * len(MUTATORS)  # each fixture mutated each way twice
    batch = list(mutants(sources, tmp_path / "in", count, SEED))
    chunks = [batch[i : i + 17] for i in range(0, len(batch), 17)]
    with ThreadPoolExecutor(2) as pool:
        runs = list(
            pool.map(
                lambda c: extract_all(c[1], tmp_path / f"out{c[0]}", TIMEOUT_S, MEMORY_MB),
                enumerate(chunks),
            )
        )
    outcomes = [o for found, _ in runs for o in found]
    assert len(outcomes) == count
    bad = [
        f"{o.mutant.path.name} ({o.mutant.kind} of {o.mutant.source.name}, seed {SEED}): {o.detail}"
        for o in outcomes
        if o.result == "bad"
    ]
    assert not bad, "\n".join(bad)
    results = Counter(o.result for o in outcomes)
    assert results["record"] and results["refused"], results  # both ways were taken
    assert {o.mutant.kind for o in outcomes} == set(MUTATORS)
