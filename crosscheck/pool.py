"""`--jobs N`: work on each of a list of items in N forked worker processes,
the results handed back in input order.

`crosscheck.ingest` uses it to read, attribute and embed articles in workers
while the main process links and saves them one by one, in input order.
Workers are forked, so they share every module and model the parent loaded;
they ignore Ctrl-C (the main process handles it and stops them) and exit when
the main process is killed.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

AHEAD_PER_WORKER = 4  # items worked on ahead of the caller, per worker: bounds memory

_work: Callable[[Any], Any] | None = None  # the worker's, set when the pool forks it


def start_worker(work: Callable[[Any], Any], parent: int) -> None:
    global _work
    _work = work
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()


def exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed stops instead of waiting forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def run_work(item: Any) -> Any:
    return _work(item)


def ordered_map(work: Callable[[Any], Any], items: list[Any], jobs: int) -> Iterator[tuple[Any, Any]]:
    """(item, work(item)) for each item, in input order, computed by `jobs`
    forked workers that stay a few items ahead of the caller. `work` reaches
    the workers by the fork (it need not pickle); items and results are pickled."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=start_worker, initargs=(work, os.getpid())) as pool:
        remaining = iter(items)
        pending = deque(
            (item, pool.apply_async(run_work, (item,))) for item in islice(remaining, jobs * AHEAD_PER_WORKER)
        )
        while pending:
            item, result = pending.popleft()
            if (following := next(remaining, None)) is not None:
                pending.append((following, pool.apply_async(run_work, (following,))))
            yield item, result.get()
