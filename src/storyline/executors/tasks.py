"""Where the tasks of a global step run: this process, a local process pool, or Ray.

A global step written against `Tasks` hands data over once (`put`), starts tasks on it
(`run`) and waits for results (`get`). What `put` and `run` return is a reference: the
value itself here, a future for the pool, an object reference on Ray. A reference passed
as an argument of `run` reaches the task as its value, as Ray does for its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol


class Tasks(Protocol):
    """Hand data to tasks, start them, and wait for their results."""

    def put(self, value: Any) -> Any:
        """Return a reference to `value` that tasks can take as an argument."""
        ...

    def run(self, fn: Callable[..., Any], *args: Any, returns: int = 1) -> Any:
        """Start `fn(*args)`; return a reference to its result, or `returns` references."""
        ...

    def get(self, refs: Sequence[Any]) -> list[Any]:
        """Wait for the results behind `refs`, in their order."""
        ...

    def close(self) -> None:
        """Release what running the tasks took (a pool); the results stay valid."""
        ...


class LocalTasks:
    """Run tasks in this process, or in a pool of `workers` processes.

    Only tasks with one result go to the pool (the heavy ones: verifying pairs); tasks
    with several results are cheap array work and run here, so their parts are values.
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def put(self, value: Any) -> Any:
        return value

    def run(self, fn: Callable[..., Any], *args: Any, returns: int = 1) -> Any:
        values = [a.result() if isinstance(a, Future) else a for a in args]
        if self.workers <= 1 or returns > 1:
            return fn(*values)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers)
        return self._pool.submit(fn, *values)

    def get(self, refs: Sequence[Any]) -> list[Any]:
        return [r.result() if isinstance(r, Future) else r for r in refs]

    def close(self) -> None:
        """Stop the pool, if one was started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
