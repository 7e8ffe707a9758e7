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
    (
        "0003_articles_local_text",
        # `text` is `local_text` less the lines its source repeats, recomputed after each run
        # from `local_text`, so what is learnt never depends on the order of runs.
        """
        ALTER TABLE articles ADD COLUMN local_text TEXT;
        UPDATE articles SET local_text = text;
        """,
    ),
    (
        "0004_analysis",
        """
        CREATE TABLE analysed (
            article TEXT PRIMARY KEY,
            steps TEXT NOT NULL
        );
        CREATE TABLE published_dates (
            article TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            origin TEXT,
            confidence REAL NOT NULL,
            conflict TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE dates (
            article TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (article, start, "end")
        );
        CREATE TABLE quotes (
            article TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT NOT NULL DEFAULT '',
            speaker TEXT NOT NULL DEFAULT '',
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_entity TEXT,
            "group" TEXT,
            first_seen TEXT,
            changed TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article, start, "end")
        );
        CREATE TABLE article_entities (
            article TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            articles TEXT NOT NULL,
            PRIMARY KEY (article, id)
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            articles TEXT NOT NULL
        );
        CREATE TABLE links (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            relation TEXT NOT NULL,
            score REAL NOT NULL,
            origin TEXT,
            evidence TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            level TEXT NOT NULL,
            title TEXT NOT NULL,
            articles TEXT NOT NULL,
            parent TEXT,
            start TEXT,
            "end" TEXT,
            summary TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE timeline (
            storyline TEXT NOT NULL,
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            articles TEXT NOT NULL,
            confidence REAL NOT NULL,
            sources INTEGER NOT NULL,
            conflict TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (storyline, date, text)
        );
        """,
    ),
    (
        "0005_story_state",
        # The clusterer's state (centroids, assignments) between runs: new articles join
        # existing events and storylines without clustering everything again.
        """
        CREATE TABLE story_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            state TEXT NOT NULL
        );
        """,
    ),
    (
        "0006_quote_type_parts",
        # Speech apart from stances, and the spans of a quotation split around its cue. Old
        # rows are analysed again (quotes.v3), so the defaults only hold until then.
        """
        ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'speech';
        ALTER TABLE quotes ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
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
    "links": ("a", "b", "relation", "score", "origin", "evidence"),
    "published_dates": ("article", "value", "origin", "confidence", "conflict"),
    "dates": ("article", "start", "end", "text", "type", "value"),
    "quotes": (
        "article",
        "start",
        "end",
        "text",
        "kind",
        "type",
        "cue",
        "speaker",
        "speaker_entity",
        "group",
        "first_seen",
        "changed",
        "parts",
    ),
    "entities": ("id", "name", "type", "aliases", "roles", "articles"),
    "stories": ("id", "level", "parent", "title", "articles", "start", "end", "summary"),
    "timeline": ("storyline", "date", "text", "articles", "confidence", "sources", "conflict"),
}
