"""Local worker processes, from pebble's ProcessPool: one file at a time per process, a deadline
per file (a hung process is killed), a dead process replaced by a fresh one, and a memory cap
set in each worker as it starts.

concurrent.futures cannot kill a task that hangs; pebble can, and it notices a worker that died
(segfault, OOM killer) while holding a task.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from pebble import ProcessExpired, ProcessPool

from ..errors import WorkerStartError
from ..memory import limit_memory
from .worker import Outcome, Task, Work, hooks_from_env, one_line, run_one


def run_local(
    tasks: Iterable[Task], *, workers: int, timeout: float, max_memory_mb: int | None, work: Work
) -> Iterator[tuple[Task, Outcome]]:
    """Yield (task, outcome) as tasks finish, in completion order."""
    todo = list(tasks)
    if not todo:
        return
    # spawn: a worker starts from a clean interpreter (no copies of the parent's threads, such
    # as the progress bar's), with the parent's sys.path (forkserver in 3.11 drops it).
    pool = ProcessPool(
        max_workers=min(workers, len(todo)),
        initializer=limit_memory,
        initargs=(max_memory_mb,),
        context=mp.get_context("spawn"),
    )
    hooks = hooks_from_env()
    try:
        futures: dict[Future[Outcome], Task] = {
            pool.schedule(run_one, (work, t.path, hooks), timeout=timeout): t for t in todo
        }
        for future in as_completed(futures):
            yield futures[future], _outcome(future, timeout)
    finally:
        pool.stop()  # also on Ctrl-C or an abandoned generator: no worker outlives the run
        pool.join()


def _outcome(future: Future[Outcome], timeout: float) -> Outcome:
    """The worker's Outcome, or what its death or deadline means for the file."""
    try:
        return future.result()
    except FutureTimeout:
        return Outcome(
            None, timeout, 0.0, "timeout", None, f"no result after {timeout:g} s; worker killed"
        )
    except ProcessExpired as e:
        code = e.exitcode
        if code is not None and code < 0:
            how = f"signal {signal.Signals(-code).name}"
            hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        else:
            how, hint = f"exit code {code}", ""
        message = f"the worker process died ({how}){hint} while reading the file"
        return Outcome(None, None, 0.0, "crashed", how, message)
    except BrokenProcessPool as e:
        raise WorkerStartError(
            None, f"the worker processes could not start or keep running ({e or 'no detail'})"
        ) from e
    except Exception as e:  # the result could not travel back (pickling), ...
        return Outcome(None, None, 0.0, "error", type(e).__name__, one_line(e))
