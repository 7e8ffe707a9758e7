"""Run stages over sharded inputs, in process or on a local process pool."""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from storyline.model import Record
from storyline.pipeline import Stage

log = logging.getLogger(__name__)

Reader = Callable[[Any], Iterable[Record]]


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What happened to one shard: records out of each stage, or the error that stopped it."""

    shard: Any
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def stage_name(stage: Stage) -> str:
    """Return a readable name for a stage: its function name or its class name."""
    return getattr(stage, "__name__", type(stage).__name__)


def _counted(records: Iterable[Record], counts: Counter[str], name: str) -> Iterator[Record]:
    for record in records:
        counts[name] += 1
        yield record


def run_shard(read: Reader, stages: Sequence[Stage], shard: Any) -> ShardReport:
    """Read one shard, pass its records through every stage, and count what comes out."""
    counts: Counter[str] = Counter()
    try:
        records = _counted(read(shard), counts, "read")
        for stage in stages:
            records = _counted(stage(records), counts, stage_name(stage))
        for _ in records:
            pass
    except Exception as err:
        log.debug("shard %s failed", shard, exc_info=True)
        return ShardReport(shard, dict(counts), f"{type(err).__name__}: {err}")
    return ShardReport(shard, dict(counts))


def run_local(
    read: Reader, shards: Iterable[Any], stages: Sequence[Stage], workers: int = 1
) -> Iterator[ShardReport]:
    """Yield a report per shard as it finishes; with workers > 1, shards run in processes.

    Stages must be picklable (module-level functions, frozen dataclasses) to reach workers.
    """
    work = partial(run_shard, read, stages)
    if workers <= 1:
        yield from map(work, shards)
        return
    # spawn, not fork: the parent may hold an open SQLite connection a child must not inherit
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap_unordered(work, shards, chunksize=1)
