"""Local worker processes that can be killed: one task at a time per process, a deadline per
task, a dead or hung process replaced by a fresh one.

concurrent.futures cannot kill a task that hangs, so this holds its own processes and a pipe to
each, and waits on pipes and process sentinels together.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from ..errors import CadthkitError
from .worker import Outcome, Work, hooks_from_env, process_main


@dataclass
class Task:
    """One distinct file content to process; `files` are all paths holding it."""

    path: str
    sha256: str
    files: list[Any]


def _context() -> Any:
    """spawn: a worker starts from a clean interpreter (no copies of the parent's threads, such
    as the progress bar's), with the parent's sys.path (forkserver in 3.11 drops it)."""
    return mp.get_context("spawn")


class WorkerStartError(CadthkitError):
    """A worker process died before it was ready: the environment, not a file, is broken."""


class _Slot:
    """One worker process and the task it is working on."""

    def __init__(self, ctx: Any, work: Work, max_memory_mb: int | None) -> None:
        self.ctx, self.work, self.max_memory_mb = ctx, work, max_memory_mb
        self.hooks = hooks_from_env()
        self.task: Task | None = None
        self.started = 0.0
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(
            target=process_main,
            args=(child, self.work, self.max_memory_mb, self.hooks),
            daemon=True,
        )
        self.proc.start()
        child.close()

    def wait_ready(self, seconds: float = 120.0) -> None:
        """Block until the worker says it is ready; a worker that cannot start stops the run."""
        try:
            if self.conn.poll(seconds) and self.conn.recv() == "ready":
                return
        except (EOFError, OSError):
            pass
        self.kill()
        raise WorkerStartError(
            None,
            f"a worker process could not start (exit code {self.proc.exitcode}); "
            "see its error above",
        )

    def assign(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task.path)

    def replace(self) -> None:
        """Kill this process (it hung or died) and start a fresh one."""
        self.kill()
        self.conn.close()
        self._start()
        self.wait_ready()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)

    def died(self) -> Outcome:
        self.proc.join(5)
        code = self.proc.exitcode
        if code is not None and code < 0:
            how = f"signal {signal.Signals(-code).name}"
            hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        else:
            how, hint = f"exit code {code}", ""
        return Outcome(
            None,
            time.monotonic() - self.started,
            0.0,
            "crashed",
            how,
            f"the worker process died ({how}){hint} while reading the file",
        )

    def stop(self) -> None:
        try:
            if self.task is None and self.proc.is_alive():
                self.conn.send(None)
                self.proc.join(2)
        except OSError:
            pass
        self.kill()
        self.conn.close()


def run_local(
    tasks: Iterable[Task], *, workers: int, timeout: float, max_memory_mb: int | None, work: Work
) -> Iterator[tuple[Task, Outcome]]:
    """Yield (task, outcome) as tasks finish, in completion order."""
    queue = deque(tasks)
    if not queue:
        return
    ctx = _context()
    slots: list[_Slot] = []
    try:
        for _ in range(min(workers, len(queue))):
            slots.append(_Slot(ctx, work, max_memory_mb))
        for slot in slots:
            slot.wait_ready()
        while True:
            for slot in slots:
                if slot.task is None and queue:
                    slot.assign(queue.popleft())
            busy = [s for s in slots if s.task is not None]
            if not busy:
                return
            next_deadline = min(s.started for s in busy) + timeout
            ready = wait(
                [s.conn for s in busy] + [s.proc.sentinel for s in busy],
                timeout=max(0.0, next_deadline - time.monotonic()),
            )
            for slot in busy:
                outcome = _check(slot, ready, timeout)
                if outcome is not None:
                    task, slot.task = slot.task, None
                    assert task is not None
                    yield task, outcome
    finally:
        for slot in slots:
            slot.stop()


def _check(slot: _Slot, ready: list[Any], timeout: float) -> Outcome | None:
    """The slot's outcome if its task has ended (result, death or deadline), else None."""
    if slot.conn in ready:
        try:
            outcome: Outcome = slot.conn.recv()
            return outcome
        except (EOFError, OSError):
            outcome = slot.died()
            slot.replace()
            return outcome
    if slot.proc.sentinel in ready:
        outcome = slot.died()
        slot.replace()
        return outcome
    elapsed = time.monotonic() - slot.started
    if elapsed >= timeout:
        slot.replace()
        return Outcome(
            None, elapsed, 0.0, "timeout", None, f"no result after {timeout:g} s; worker killed"
        )
    return None
