"""Run the same per-file work on a Dask distributed cluster; results come back to the one
process that writes the store.

Files are shipped as bytes, so workers need no shared filesystem, and only as many are in
flight as the cluster has threads. Limits: Dask cannot kill a running task, so a task past
--timeout is recorded as a timeout and abandoned (its thread stays busy until it returns);
--max-memory-mb is not applied (use the Dask worker's own --memory-limit).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import BatchArgumentError
from .worker import Outcome, Task, Work, hooks_from_env, one_line, run_one


def run_remote(work: Work, path: str, data: bytes, hooks: dict[str, str]) -> Outcome:
    """On a Dask worker: write the bytes to a private temp file, run the work, and give the
    result the original path back."""
    with tempfile.TemporaryDirectory(prefix="cadthkit-") as tmp:
        local = Path(tmp) / Path(path).name
        local.write_bytes(data)
        outcome = run_one(work, str(local), hooks)
    if outcome.rows is not None:
        report = outcome.rows.report
        record = json.loads(report["record"])
        record["source"]["path"] = path
        report["record"] = json.dumps(record, ensure_ascii=False)
        report["path"] = path
    return outcome


def run_dask(
    tasks: list[Task], *, scheduler: str, timeout: float, work: Work
) -> Iterator[tuple[Task, Outcome]]:
    """Yield (task, outcome) as the cluster finishes them."""
    try:
        from distributed import Client, wait
    except ImportError as e:  # pragma: no cover - depends on the install
        raise BatchArgumentError(
            None, "--executor dask needs the dask extra: pip install 'cadthkit[dask]'"
        ) from e
    if not tasks:
        return
    try:
        client = Client(scheduler, set_as_default=False, timeout=10)
    except (OSError, TimeoutError) as e:
        raise BatchArgumentError(None, f"cannot reach Dask scheduler {scheduler} ({e})") from e
    queue = list(reversed(tasks))
    hooks = hooks_from_env()
    running: dict[Any, tuple[Task, float]] = {}
    try:
        slots = max(1, sum(client.nthreads().values()))
        while queue or running:
            while queue and len(running) < slots:
                task = queue.pop()
                data = Path(task.path).read_bytes()
                future = client.submit(run_remote, work, task.path, data, hooks, pure=False)
                running[future] = (task, time.monotonic())
            next_deadline = min(start for _, start in running.values()) + timeout
            try:
                with client.as_current():  # wait() asks for the current client, not ours
                    done = wait(
                        list(running),
                        timeout=max(0.0, next_deadline - time.monotonic()),
                        return_when="FIRST_COMPLETED",
                    ).done
            except TimeoutError:
                done = set()
            for future in done:
                task, start = running.pop(future)
                yield task, _result(future, start)
            now = time.monotonic()
            for future, (task, start) in list(running.items()):
                if now - start >= timeout:
                    running.pop(future)
                    future.cancel()
                    message = f"no result after {timeout:g} s; task abandoned"
                    yield task, Outcome(None, now - start, 0.0, "timeout", None, message)
    finally:
        for future in running:
            future.cancel()
        client.close()


def _result(future: Any, start: float) -> Outcome:
    try:
        outcome: Outcome = future.result()
        return outcome
    except Exception as e:  # the task itself failed: worker lost, unpicklable result, ...
        return Outcome(
            None,
            time.monotonic() - start,
            0.0,
            "crashed",
            type(e).__name__,
            f"the Dask task failed: {one_line(e)}",
        )
