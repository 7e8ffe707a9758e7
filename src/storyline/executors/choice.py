"""Which executor runs the per-article stages: the local pool or Ray, and with what."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storyline.executors.local import Reader, ShardReport, run_local
from storyline.executors.tasks import LocalTasks, Tasks
from storyline.pipeline import Stage

ExecutorKind = Literal["local", "ray"]
EXECUTORS: tuple[ExecutorKind, ...] = ("local", "ray")


@dataclass(frozen=True, slots=True)
class Executor:
    """Where shards run: `local` (this process or a process pool) or `ray` (a Ray cluster).

    A local worker may write the store itself, as the last of its stages; a Ray worker may
    be on another machine, so it returns its records and the driver commits them.
    """

    kind: ExecutorKind = "local"
    workers: int = 1
    address: str | None = None  # Ray only: None starts a local Ray; "auto", "ray://host:port"

    @property
    def driver_commits(self) -> bool:
        """Tell whether shards' records come back in their reports for the driver to save."""
        return self.kind == "ray"

    def tasks(self) -> Tasks:
        """Return where a global step's tasks run: the local pool, or the same Ray."""
        if self.kind == "ray":
            from storyline.executors.ray import RayTasks  # Ray is an optional extra

            return RayTasks(self.address, self.workers)
        return LocalTasks(self.workers)

    def run(
        self, read: Reader, shards: Iterable[Any], stages: Sequence[Stage]
    ) -> Iterator[ShardReport]:
        """Yield a report per shard (see run_local and run_ray)."""
        if self.kind == "ray":
            from storyline.executors.ray import run_ray  # Ray is an optional extra

            return run_ray(read, shards, stages, self.workers, address=self.address)
        return run_local(read, shards, stages, self.workers)
