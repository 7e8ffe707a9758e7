"""The default store: one SQLite file in WAL mode; upserts, so every run can be repeated."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from storyline.errors import StoreError
from storyline.model import Article, Entity, Record, Reject
from storyline.store.schema import MIGRATIONS
from storyline.store.tables import ANALYSIS_TYPES, TABLES, AnalysisRecord, from_row, to_row
from storyline.timestamps import format_timestamp, parse_timestamp

# Tables of per-article analysis: forgotten when an article's text changes or it goes away.
PER_ARTICLE = ("analysed", "published_dates", "dates", "quotes", "article_entities")

BUSY_TIMEOUT_MS = 60_000  # workers write in turns; a slow batch must not fail its neighbours


def storable(text: str) -> str:
    """Return `text` as valid UTF-8 text: a file name's undecodable bytes become \\xNN escapes.

    Python hands back a file name that is not UTF-8 with its bytes as lone surrogates, which
    SQLite cannot store; escaping them keeps the name readable and stable from run to run.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace").encode("utf-8", "replace").decode()
    return text


def among(column: str, values: Iterable[str]) -> tuple[str, tuple[str]]:
    """Return a WHERE clause and its parameters selecting rows whose `column` is in `values`.

    The values travel as one JSON array, so there is no limit on how many there are.
    """
    return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(list(values)),)


def statements(sql: str) -> Iterator[str]:
    """Yield the statements of an SQL script one by one; a trigger's body stays whole."""
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


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
            # INSERT OR REPLACE must fire the delete triggers that keep the search index in
            # step (migration 0007); foreign keys are declared for readers, never enforced.
            self.db.execute("PRAGMA recursive_triggers=ON")
            self.db.execute("PRAGMA foreign_keys=OFF")
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
                    for statement in statements(sql):
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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: all of it is stored, or none.

        Transactions nest: writes inside an open one join it, so a global step can commit
        several tables together (a run killed midway then finds none of them written).
        """
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    _transaction = transaction

    def save(self, records: Iterable[Record | AnalysisRecord]) -> None:
        """Write articles, rejects and analysis records in one transaction."""
        with self._transaction():
            for record in records:
                if isinstance(record, Article):
                    self._save_article(record)
                elif isinstance(record, Reject):
                    self._save_reject(
                        storable(record.path), storable(record.input_file), storable(record.reason)
                    )
                elif isinstance(record, ANALYSIS_TYPES):
                    self._insert(record)

    def save_analysis(self, records: Iterable[Record | AnalysisRecord], steps: str) -> None:
        """Write what per-article steps found; an article updates only its inferred date.

        Each article is marked analysed by `steps`, so later runs analyse only what is new.
        """
        with self._transaction():
            for record in records:
                if isinstance(record, Article):
                    self.db.execute(
                        "UPDATE articles SET published = ?, published_from = ? WHERE id = ?",
                        (
                            format_timestamp(record.published_at, keep_offset=True),
                            record.published_from,
                            record.id,
                        ),
                    )
                    self.db.execute(
                        "INSERT OR REPLACE INTO analysed VALUES (?, ?)", (record.id, steps)
                    )
                elif isinstance(record, Entity):  # one article's view; merged globally later
                    self.db.execute(
                        "INSERT OR REPLACE INTO article_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (record.articles[0], *to_row(record)),
                    )
                elif isinstance(record, ANALYSIS_TYPES):
                    self._insert(record)

    def replace_all(
        self, record_type: type[AnalysisRecord], records: Iterable[AnalysisRecord]
    ) -> int:
        """Make a global step's table (links, stories...) hold exactly `records`; return the count.

        Writes only what changed: rows whose key is gone are deleted, new or changed rows are
        upserted, and equal rows are left alone, so a run that changes little writes little.
        """
        table = TABLES[record_type]
        rows = (tuple(to_row(record)) for record in records)
        return self._replace_rows(table.name, table.columns, table.key, rows)

    def _replace_rows(
        self,
        name: str,
        columns: tuple[str, ...],
        key: tuple[str, ...],
        rows: Iterable[tuple[Any, ...]],
    ) -> int:
        """Make table `name` hold exactly `rows`, writing only what changed; return the count."""
        listed = ", ".join(f'"{c}"' for c in columns)
        key_at = [columns.index(k) for k in key]
        stored = {
            tuple(row[i] for i in key_at): tuple(row)
            for row in self.db.execute(f"SELECT {listed} FROM {name}")
        }
        wanted: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in rows:
            wanted[tuple(row[i] for i in key_at)] = row  # a repeated key: the last one wins
        changed = [row for k, row in wanted.items() if stored.get(k) != row]
        gone = [k for k in stored if k not in wanted]
        marks = ", ".join("?" for _ in columns)
        match = " AND ".join(f'"{k}" = ?' for k in key)
        with self._transaction():
            self.db.executemany(f"DELETE FROM {name} WHERE {match}", gone)
            self.db.executemany(
                f"INSERT OR REPLACE INTO {name} ({listed}) VALUES ({marks})", changed
            )
        return len(wanted)

    def save_link_signatures(self, rows: Iterable[tuple[str, str, bytes, bytes, bytes]]) -> None:
        """Keep (article, fingerprint, exact, spun, sampled) signatures for later runs.

        Verdicts that name these articles are forgotten in the same transaction: they were
        reached on other texts, and must never pass for verdicts on these signatures.
        """
        with self._transaction():
            for row in rows:
                self.db.execute(
                    "INSERT OR REPLACE INTO link_signatures VALUES (?, ?, ?, ?, ?)", row
                )
                self._forget_verdicts(row[0])

    def forget_link_signatures(self, article_ids: Iterable[str]) -> None:
        """Drop the signatures of these articles, and every verdict and link naming them."""
        with self._transaction():
            for id_ in article_ids:
                self.db.execute("DELETE FROM link_signatures WHERE article = ?", (id_,))
                self._forget_verdicts(id_)

    def _forget_verdicts(self, article_id: str) -> None:
        for table in ("links", "link_checks"):
            self.db.execute(f"DELETE FROM {table} WHERE a = ? OR b = ?", (article_id, article_id))

    def replace_link_checks(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Make `link_checks` hold exactly `rows` (the columns of `links`, relation NULL for
        an unrelated pair); return the count."""
        columns = ("a", "b", "relation", "score", "origin", "evidence")
        return self._replace_rows("link_checks", columns, ("a", "b"), rows)

    def _insert(self, record: AnalysisRecord) -> None:
        table = TABLES[type(record)]
        columns = ", ".join(f'"{c}"' for c in table.columns)
        marks = ", ".join("?" for _ in table.columns)
        self.db.execute(
            f"INSERT OR REPLACE INTO {table.name} ({columns}) VALUES ({marks})", to_row(record)
        )

    def save_story_state(self, state: str) -> None:
        """Keep the story clusterer's state (JSON) for the next run."""
        self.db.execute("INSERT OR REPLACE INTO story_state VALUES (1, ?)", (state,))

    def story_state(self) -> str | None:
        """Return the story clusterer's state saved by the last run, if any."""
        row = self.db.execute("SELECT state FROM story_state WHERE id = 1").fetchone()
        return None if row is None else str(row[0])

    def forget_analysis(self, article_ids: Iterable[str] | None = None) -> None:
        """Drop per-article analysis of these articles, or of articles no longer stored."""
        with self._transaction():
            if article_ids is None:
                for table in PER_ARTICLE:
                    self.db.execute(
                        f"DELETE FROM {table} WHERE article NOT IN (SELECT id FROM articles)"
                    )
            else:
                for id_ in article_ids:
                    for table in PER_ARTICLE:
                        self.db.execute(f"DELETE FROM {table} WHERE article = ?", (id_,))

    def forget_inputs(self, files: Iterable[str]) -> None:
        """Remove what earlier runs stored for these input files, so they are stored afresh."""
        with self._transaction():
            for file in map(storable, files):
                for table in ("articles", "rejects", "inputs"):
                    column = "path" if table == "inputs" else "file"
                    self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (file,))

    def _save_article(self, article: Article) -> None:
        article = replace(article, path=storable(article.path), file=storable(article.file))
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
            # Earlier duplicates named the old holder: they now name the new one, so any
            # order of saving ends with the same reasons.
            self.db.execute(
                "UPDATE rejects SET reason = ? WHERE reason = ?",
                (
                    f"duplicate: same article as {article.path} (id {article.id})",
                    f"duplicate: same article as {holder[0]} (id {article.id})",
                ),
            )
        self.db.execute("DELETE FROM rejects WHERE path = ?", (article.path,))
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, path, file, format, url, source, title, text, "
            "raw_text, author, published, published_from, modified, fetched, language, "
            "local_text, authors, site_name, brief) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                format_timestamp(article.published_at, keep_offset=True),
                article.published_from,
                format_timestamp(article.modified_at),
                format_timestamp(article.fetched_at),
                article.language,
                article.text,
                json.dumps(list(article.authors), ensure_ascii=False),
                article.site_name,
                int(article.brief),
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
        path = storable(path)
        counts = [
            self.db.execute(f"SELECT count(*) FROM {table} WHERE file = ?", (path,)).fetchone()[0]
            for table in ("articles", "rejects")
        ]
        self.db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)", (path, size, mtime_ns, *counts)
        )

    def set_texts(self, texts: Iterable[tuple[str, str]]) -> None:
        """Replace the cleaned text of articles, given (id, text) pairs; forget its analysis."""
        with self._transaction():
            for id_, text in texts:
                self.db.execute("UPDATE articles SET text = ? WHERE id = ?", (text, id_))
                for table in PER_ARTICLE:  # offsets into the old text mean nothing now
                    self.db.execute(f"DELETE FROM {table} WHERE article = ?", (id_,))

    def replace_boilerplate(self, lines: Iterable[tuple[str, str, int]]) -> None:
        """Replace the learnt (source, line, articles) boilerplate table."""
        with self._transaction():
            self.db.execute("DELETE FROM boilerplate_lines")
            self.db.executemany("INSERT INTO boilerplate_lines VALUES (?, ?, ?)", lines)

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

    def articles(self, where: str = "", params: tuple[Any, ...] = ()) -> Iterator[Article]:
        """Yield stored articles, in id order, as records."""
        for row in self.rows("articles", order_by="id", where=where, params=params):
            yield article_from_row(row)

    def records(
        self, record_type: type[AnalysisRecord], where: str = "", params: tuple[Any, ...] = ()
    ) -> Iterator[Any]:
        """Yield the stored records of one analysis type, in key order."""
        table = TABLES[record_type]
        order = ", ".join(f'"{c}"' for c in table.key)
        for row in self.rows(table.name, order_by=order, where=where, params=params):
            yield from_row(record_type, dict(row))

    def link_fingerprints(self) -> dict[str, str]:
        """Return {article: fingerprint} of the stored link signatures."""
        rows = self.db.execute("SELECT article, fingerprint FROM link_signatures")
        return {row[0]: row[1] for row in rows}

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


def article_from_row(row: sqlite3.Row) -> Article:
    """Return the article record a row of the articles table holds."""
    return Article(
        id=row["id"],
        path=row["path"],
        file=row["file"],
        format=row["format"],
        raw_text=row["raw_text"],
        text=row["text"],
        url=row["url"],
        source=row["source"],
        title=row["title"],
        author=row["author"],
        published_at=parse_timestamp(row["published"], keep_offset=True),
        published_from=row["published_from"],
        modified_at=parse_timestamp(row["modified"]),
        fetched_at=parse_timestamp(row["fetched"]),
        language=row["language"],
        authors=tuple(json.loads(row["authors"] or "[]")),
        site_name=row["site_name"],
        brief=bool(row["brief"]),
    )
