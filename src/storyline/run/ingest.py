"""Ingestion: every input file into the store, once, then boilerplate learnt per source."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from storyline.clean.normalize import normalize_text
from storyline.clean.repeated import find_repeated_lines, remove_lines
from storyline.executors.choice import Executor
from storyline.ingest.read import read_input
from storyline.model import (
    Record,
    Reject,
)
from storyline.pipeline import Stage, ingest_stages
from storyline.store.save import SaveRecords
from storyline.store.sqlite import Store, storable

log = logging.getLogger(__name__)
BOILERPLATE_BATCH = 500  # articles re-cleaned per transaction
SAVE_BATCH = 500  # records a driver commits per transaction, as SaveRecords does
Progress = Callable[[int, int], None]  # (files done, files in all)
# Rejects the environment causes, not the file's content: retried by every run.
TRANSIENT_REASONS = ("permission denied", "unreadable:", "broken symbolic link", "no such file")


def read_path(shard: str) -> Iterator[Record]:
    """Read one input file named by its path (the shard unit of ingestion)."""
    return read_input(Path(shard))


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def ingest_files(
    store: Store,
    files: list[str],
    *,
    workers: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> int:
    """Store every file not stored completely by an earlier run or changed since; return skipped.

    Files are named by absolute path: ids and resumption depend on it. A file is marked
    done only once its records are committed, so a killed run stores it again.
    """
    executor = executor or Executor(workers=workers)
    done = store.done_inputs()
    signatures = {f: _signature(f) for f in files}
    pending = [f for f in files if signatures[f] is None or done.get(storable(f)) != signatures[f]]
    # Forget half-stored or changed files, then store them afresh, in parallel.
    store.forget_inputs(pending)
    stages: list[Stage] = ingest_stages()
    if not executor.driver_commits:
        stages.append(SaveRecords(str(store.path)))
    for finished, report in enumerate(executor.run(read_path, pending, stages), 1):
        for start in range(0, len(report.records), SAVE_BATCH):
            store.save(report.records[start : start + SAVE_BATCH])
        if report.error:
            store.save([Reject(report.shard, f"internal error: {report.error}")])
        signature = signatures[report.shard]
        if signature is not None and not _rejected_by_environment(store, report.shard):
            store.mark_input_done(report.shard, *signature)
        if progress:
            progress(finished, len(pending))
    return len(files) - len(pending)


def _rejected_by_environment(store: Store, path: str) -> bool:
    """Tell whether the file was rejected for a reason outside it (permissions, a bad link).

    Such a file is not marked done, so the next run reads it again: fixing its permissions
    changes neither its size nor its mtime.
    """
    rows = store.rows("rejects", ("reason",), where="path = ?", params=(storable(path),))
    return any(row["reason"].startswith(TRANSIENT_REASONS) for row in rows)


def learn_boilerplate(store: Store) -> int:
    """Find lines each source repeats across its articles, strip them from texts; return count.

    Learnt from the raw texts and applied to the texts as the per-article rules left them,
    both of which never change, so any order of runs ends with the same texts. One source
    at a time, streaming, so memory does not grow with the store.
    """
    learnt: list[tuple[str, str, int]] = []
    for source, _ in store.tally("articles", "source"):
        if not source:
            continue
        raws = store.rows("articles", ("raw_text",), where="source = ?", params=(source,))
        lines = find_repeated_lines(normalize_text(row["raw_text"]) for row in raws)
        learnt.extend((source, line, n) for line, n in lines.items())
        chrome = frozenset(lines)
        ids = [
            row["id"]
            for row in store.rows("articles", ("id",), where="source = ?", params=(source,))
        ]
        for start in range(0, len(ids), BOILERPLATE_BATCH):
            batch = ids[start : start + BOILERPLATE_BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = store.rows(
                "articles",
                ("id", "local_text", "text"),
                where=f"id IN ({marks})",
                params=tuple(batch),
            )
            updates = []
            for row in list(rows):
                local = row["local_text"] or row["text"]
                if (text := remove_lines(local, chrome) if chrome else local) != row["text"]:
                    updates.append((row["id"], text))
            store.set_texts(updates)
    store.replace_boilerplate(learnt)
    return len(learnt)
