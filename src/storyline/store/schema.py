"""Tables, indexes and named migrations of the SQLite store."""

from __future__ import annotations

# Applied in order, once each; a name is never reused or edited after release, so a store
# written by an older version upgrades by running only the migrations it has not seen.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_rejects_inputs",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            file TEXT NOT NULL,
            format TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            published TEXT,
            published_from TEXT,
            modified TEXT,
            fetched TEXT,
            language TEXT
        );
        CREATE INDEX articles_source ON articles (source);
        CREATE INDEX articles_file ON articles (file);
        CREATE TABLE rejects (
            path TEXT PRIMARY KEY,
            file TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX rejects_file ON rejects (file);
        CREATE TABLE inputs (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            rejects INTEGER NOT NULL
        );
        """,
    ),
    (
        "0002_boilerplate_lines",
        """
        CREATE TABLE boilerplate_lines (
            source TEXT NOT NULL,
            line TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (source, line)
        );
        """,
    ),
)

# What `storyline export` writes, table by table, in column order.
EXPORT_TABLES: dict[str, tuple[str, ...]] = {
    "articles": (
        "id",
        "path",
        "url",
        "source",
        "title",
        "text",
        "raw_text",
        "author",
        "published",
        "published_from",
        "modified",
        "fetched",
        "language",
        "format",
    ),
    "rejects": ("path", "reason"),
}
