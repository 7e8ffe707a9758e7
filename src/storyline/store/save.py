"""The stage that writes articles and rejects to the store as they stream past."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from storyline.model import Record
from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class SaveRecords:
    """Write each article and reject to the SQLite store at `db_path`, in batches."""

    db_path: str
    batch_size: int = 500  # one transaction per batch: fewer fsyncs, short write locks

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        with Store(self.db_path) as store:
            batch: list[Record] = []
            try:
                for record in records:
                    batch.append(record)
                    if len(batch) >= self.batch_size:
                        store.save(batch)
                        batch = []
                    yield record
            finally:  # a failure upstream must not cost the records already read
                store.save(batch)
