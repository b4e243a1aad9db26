"""Work on two cores through `os.fork`: a long article's attribution
(`crosscheck.attribute.split`) and its event signatures (`crosscheck.link`).
The child shares the parent's loaded models and caches without copying them,
and sends its result back through a pipe; where it fails, the parent does
its part, so a result never depends on whether a child ran."""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def usable_cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)  # Linux: the cores this process may run on
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and usable_cores() >= 2


def map_in_two(
    function: Callable[[Item], Result], items: list[Item], *, at_least: int, parent_share: float = 0.5
) -> list[Result]:
    """`[function(x) for x in items]`, the items after the parent's share
    computed by a forked child when there are `at_least` items and two cores
    (a parent with more work to do after the map takes less)."""
    if len(items) < at_least or not can_fork():
        return [function(x) for x in items]
    half = int(len(items) * parent_share)
    child = Child.start(lambda: [function(x) for x in items[half:]])
    try:
        first = [function(x) for x in items[:half]]
        second = child.result()
    finally:
        child.stop()
    return first + (second if second is not None else [function(x) for x in items[half:]])


@dataclass
class Child:
    """A forked process computing one value, read back through a pipe."""

    pid: int
    reader: int
    done: bool = False

    @classmethod
    def start(cls, work: Callable[[], object]) -> Child:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            os.close(reader)
            status = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                with os.fdopen(writer, "wb") as out:
                    pickle.dump(work(), out, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        return cls(pid, reader)

    def result(self):
        """The child's value, or None when it failed."""
        with os.fdopen(self.reader, "rb") as source:
            data = source.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if status != 0 or not data:
            return None
        return pickle.loads(data)

    def stop(self) -> None:
        """End a child whose result was never read (the parent failed or was interrupted)."""
        if not self.done:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.done = True
