"""Run stages over sharded inputs, in process or on a local process pool."""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from storyline.model import Record
from storyline.pipeline import Stage

log = logging.getLogger(__name__)

Reader = Callable[[Any], Iterable[Record]]


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What happened to one shard: records out of each stage, or the error that stopped it.

    `records` holds what the last stage yielded when the run was asked to collect it, for
    a driver that commits shards itself (workers on other machines cannot write its store).
    """

    shard: Any
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    records: tuple[Record, ...] = ()


def stage_name(stage: Stage) -> str:
    """Return a readable name for a stage: its function name or its class name."""
    return getattr(stage, "__name__", type(stage).__name__)


def _counted(records: Iterable[Record], counts: Counter[str], name: str) -> Iterator[Record]:
    for record in records:
        counts[name] += 1
        yield record


def run_shard(
    read: Reader, stages: Sequence[Stage], shard: Any, *, collect: bool = False
) -> ShardReport:
    """Read one shard, pass its records through every stage, and count what comes out.

    With `collect`, the last stage's records come back in the report, those before an
    error included (nothing read is lost).
    """
    counts: Counter[str] = Counter()
    out: list[Record] = []
    keep = out.append if collect else _drop
    try:
        records = _counted(read(shard), counts, "read")
        for stage in stages:
            records = _counted(stage(records), counts, stage_name(stage))
        for record in records:
            keep(record)
    except Exception as err:
        log.debug("shard %s failed", shard, exc_info=True)
        return ShardReport(shard, dict(counts), f"{type(err).__name__}: {err}", tuple(out))
    return ShardReport(shard, dict(counts), records=tuple(out))


def _drop(record: Record) -> None:
    pass


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


def run_apart(
    read: Reader, shards: Iterable[Any], stages: Sequence[Stage]
) -> Iterator[ShardReport]:
    """Yield a report per shard, in order, each shard run in a fresh process that ends with it.

    For shards whose peak memory is large (one very long article): the peak is given back
    to the system when the process ends, instead of staying in this one's heap for the
    steps that follow, and one such shard never runs beside another. A process killed
    (out of memory) fails its shard alone.
    """
    context = multiprocessing.get_context("spawn")  # as run_local: no inherited connection
    for shard in shards:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                yield pool.submit(run_shard, read, stages, shard).result()
            except BrokenProcessPool:
                yield ShardReport(
                    shard, {}, "its process ended abruptly (killed, or out of memory)"
                )
