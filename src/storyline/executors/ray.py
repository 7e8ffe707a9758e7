"""Run stages over shards as Ray tasks, on this machine or a cluster; the driver commits.

The contract is run_local's: one ShardReport per shard, with the same counts and the same
errors-as-reports. The differences are where work runs and who writes: a task returns its
shard's records in the report (`collect`), and the caller commits them to its store, so no
worker ever opens the driver's SQLite file. Reports come back in the order the shards were
given, so the driver commits shard by shard in a fixed order and the store is the same as a
one-process run's, whatever order the tasks finish in.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.errors import MissingExtraError
from storyline.executors.local import Reader, ShardReport, run_shard
from storyline.pipeline import Stage

log = logging.getLogger(__name__)
INSTALL_HINT = "pip install 'storyline[ray]'"
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker: keeps CPUs busy, bounds driver memory


def _ray() -> Any:
    try:
        import ray
    except ImportError as err:
        raise MissingExtraError(f"the Ray executor needs Ray: {INSTALL_HINT}") from err
    return ray


def start_ray(address: str | None = None, workers: int = 1) -> Any:
    """Connect to the Ray cluster at `address`, or start a local Ray with `workers` CPUs.

    `address` is what `ray.init` takes: "auto" for the cluster this machine belongs to,
    "ray://head:10001" for a remote one. Returns the `ray` module.
    """
    ray = _ray()
    if ray.is_initialized():
        return ray
    # Workers of a local Ray inherit the driver's environment; a cluster's have their own,
    # where storyline must be installed (see docs/cluster.md).
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
    if address is None:
        options["num_cpus"] = workers
        path = os.environ.get("PYTHONPATH")
        if path:  # a source checkout on the path reaches the workers too
            options["runtime_env"] = {"env_vars": {"PYTHONPATH": path}}
    ray.init(address=address, **options)
    return ray


def run_ray(
    read: Reader,
    shards: Iterable[Any],
    stages: Sequence[Stage],
    workers: int = 1,
    *,
    address: str | None = None,
) -> Iterator[ShardReport]:
    """Yield a report per shard, in the order given, each holding the shard's records.

    At most IN_FLIGHT_PER_WORKER × workers shards are queued at once, so a long list of
    shards (or shards the driver reads lazily) never sits whole in the driver's memory.
    Stages travel to the workers by pickling, as with the local pool.
    """
    ray = start_ray(address, workers)
    task = ray.remote(num_cpus=1, max_retries=0)(run_shard)
    shared_read, shared_stages = ray.put(read), ray.put(list(stages))
    pending: deque[tuple[Any, Any]] = deque()
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    for shard in shards:
        pending.append((shard, task.remote(shared_read, shared_stages, shard, collect=True)))
        if len(pending) >= limit:
            yield _result(ray, *pending.popleft())
    while pending:
        yield _result(ray, *pending.popleft())


def _result(ray: Any, shard: Any, ref: Any) -> ShardReport:
    """Wait for one task; a worker that died (not a stage that raised) is that shard's error."""
    try:
        report: ShardReport = ray.get(ref)
    except ray.exceptions.RayError as err:
        log.debug("shard %s lost", shard, exc_info=True)
        return ShardReport(shard, {}, f"{type(err).__name__}: {err}")
    return report


class RayTasks:
    """Run the tasks of a global step on Ray: values go to its object store, not the driver."""

    def __init__(self, address: str | None = None, workers: int = 1) -> None:
        self._ray = start_ray(address, workers)
        self._remote: dict[Any, Any] = {}

    def put(self, value: Any) -> Any:
        return self._ray.put(value)

    def run(self, fn: Any, *args: Any, returns: int = 1) -> Any:
        if fn not in self._remote:
            self._remote[fn] = self._ray.remote(num_cpus=1, max_retries=0)(fn)
        return self._remote[fn].options(num_returns=returns).remote(*args)

    def get(self, refs: Sequence[Any]) -> list[Any]:
        return list(self._ray.get(list(refs)))

    def close(self) -> None:
        """Leave Ray running: the run's other phases, or the caller, may still use it."""
