"""The default store: one SQLite file in WAL mode; upserts, so every run can be repeated."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from storyline.errors import StoreError
from storyline.model import Article, Record, Reject
from storyline.store.schema import MIGRATIONS
from storyline.timestamps import format_timestamp

BUSY_TIMEOUT_MS = 60_000  # workers write in turns; a slow batch must not fail its neighbours


class Store:
    """Read and write storyline records in one SQLite database file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps it crash-safe
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self.migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open store {self.path}: {err}; is it a storyline database?"
            ) from err

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def migrate(self) -> list[str]:
        """Apply the named migrations this store has not seen yet; return their names."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
            "applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM _migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # re-check inside the lock: another process may have migrated meanwhile
                if not self.db.execute(
                    "SELECT 1 FROM _migrations WHERE name=?", (name,)
                ).fetchone():
                    for statement in filter(str.strip, sql.split(";")):
                        self.db.execute(statement)
                    self.db.execute(
                        "INSERT INTO _migrations VALUES (?, ?)",
                        (name, datetime.now(UTC).isoformat()),
                    )
                    applied.append(name)
                self.db.execute("COMMIT")
            except sqlite3.Error:
                self.db.execute("ROLLBACK")
                raise
        return applied

    # -- writing -------------------------------------------------------------------------------

    def save(self, records: Iterable[Record]) -> None:
        """Write articles and rejects in one transaction; other records are ignored."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for record in records:
                if isinstance(record, Article):
                    self._save_article(record)
                elif isinstance(record, Reject):
                    self._save_reject(record.path, record.input_file, record.reason)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def forget_inputs(self, files: Iterable[str]) -> None:
        """Remove what earlier runs stored for these input files, so they are stored afresh."""
        self.db.execute("BEGIN IMMEDIATE")
        for file in files:
            for table in ("articles", "rejects", "inputs"):
                column = "path" if table == "inputs" else "file"
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (file,))
        self.db.execute("COMMIT")

    def _save_article(self, article: Article) -> None:
        # Ids come from content, so two inputs may carry the same article. The one with the
        # smaller path keeps it and the other becomes a duplicate reject: whichever arrives
        # first, every run ends in the same store.
        holder = self.db.execute(
            "SELECT path, file FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if holder is not None and holder[0] != article.path:
            if holder[0] < article.path:
                self._save_reject(
                    article.path,
                    article.file,
                    f"duplicate: same article as {holder[0]} (id {article.id})",
                )
                return
            self._save_reject(
                holder[0], holder[1], f"duplicate: same article as {article.path} (id {article.id})"
            )
        self.db.execute("DELETE FROM rejects WHERE path = ?", (article.path,))
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, path, file, format, url, source, title, text, "
            "raw_text, author, published, published_from, modified, fetched, language) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.path,
                article.file,
                article.format,
                article.url,
                article.source,
                article.title,
                article.text,
                article.raw_text,
                article.author,
                format_timestamp(article.published_at),
                article.published_from,
                format_timestamp(article.modified_at),
                format_timestamp(article.fetched_at),
                article.language,
            ),
        )

    def _save_reject(self, path: str, file: str, reason: str) -> None:
        self.db.execute("DELETE FROM articles WHERE path = ?", (path,))
        self.db.execute(
            "INSERT OR REPLACE INTO rejects (path, file, reason) VALUES (?, ?, ?)",
            (path, file, reason),
        )

    def mark_input_done(self, path: str, size: int, mtime_ns: int) -> None:
        """Record that every unit of an input file is stored, so later runs can skip it."""
        counts = [
            self.db.execute(f"SELECT count(*) FROM {table} WHERE file = ?", (path,)).fetchone()[0]
            for table in ("articles", "rejects")
        ]
        self.db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)", (path, size, mtime_ns, *counts)
        )

    def set_texts(self, texts: Iterable[tuple[str, str]]) -> None:
        """Replace the cleaned text of articles, given (id, text) pairs, in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany(
            "UPDATE articles SET text = ? WHERE id = ?", ((text, id_) for id_, text in texts)
        )
        self.db.execute("COMMIT")

    def replace_boilerplate(self, lines: Iterable[tuple[str, str, int]]) -> None:
        """Replace the learnt (source, line, articles) boilerplate table."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("DELETE FROM boilerplate_lines")
        self.db.executemany("INSERT INTO boilerplate_lines VALUES (?, ?, ?)", lines)
        self.db.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------------

    def done_inputs(self) -> dict[str, tuple[int, int]]:
        """Return {path: (size, mtime_ns)} of the input files fully stored by earlier runs."""
        rows = self.db.execute("SELECT path, size, mtime_ns FROM inputs")
        return {row[0]: (row[1], row[2]) for row in rows}

    def rows(
        self,
        table: str,
        columns: Iterable[str] = ("*",),
        order_by: str = "rowid",
        where: str = "",
        params: tuple[Any, ...] = (),
    ) -> Iterator[sqlite3.Row]:
        """Yield rows of a table, streaming."""
        sql = f"SELECT {', '.join(columns)} FROM {table}"
        if where:
            sql += f" WHERE {where}"
        yield from self.db.execute(f"{sql} ORDER BY {order_by}", params)

    def count(self, table: str) -> int:
        """Return the number of rows in a table."""
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def tally(self, table: str, expression: str) -> list[tuple[str, int]]:
        """Return (value, count) of an SQL expression over a table, most frequent first."""
        sql = (
            f"SELECT {expression} AS value, count(*) AS n FROM {table} "
            "GROUP BY value ORDER BY n DESC, value"
        )
        return [(row[0], row[1]) for row in self.db.execute(sql)]
