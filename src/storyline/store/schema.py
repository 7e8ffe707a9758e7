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
        "0006_foreign_keys",
        # SQLite adds a foreign key only by rebuilding the table: create it anew with the
        # declarations, copy the rows, swap. The keys are declared, not enforced (the store
        # keeps PRAGMA foreign_keys off: the analysis of a removed article lives until the
        # next run forgets it); they tell readers such as Datasette which rows a column names.
        """
        CREATE TABLE analysed_new (
            article TEXT PRIMARY KEY REFERENCES articles (id),
            steps TEXT NOT NULL
        );
        INSERT INTO analysed_new SELECT * FROM analysed;
        DROP TABLE analysed;
        ALTER TABLE analysed_new RENAME TO analysed;
        CREATE TABLE published_dates_new (
            article TEXT PRIMARY KEY REFERENCES articles (id),
            value TEXT NOT NULL,
            origin TEXT,
            confidence REAL NOT NULL,
            conflict TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO published_dates_new SELECT * FROM published_dates;
        DROP TABLE published_dates;
        ALTER TABLE published_dates_new RENAME TO published_dates;
        CREATE TABLE dates_new (
            article TEXT NOT NULL REFERENCES articles (id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (article, start, "end")
        );
        INSERT INTO dates_new SELECT * FROM dates;
        DROP TABLE dates;
        ALTER TABLE dates_new RENAME TO dates;
        CREATE TABLE quotes_new (
            article TEXT NOT NULL REFERENCES articles (id),
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
            first_seen TEXT REFERENCES articles (id),
            changed TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article, start, "end")
        );
        INSERT INTO quotes_new SELECT * FROM quotes;
        DROP TABLE quotes;
        ALTER TABLE quotes_new RENAME TO quotes;
        CREATE INDEX quotes_group ON quotes ("group");
        CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);
        CREATE TABLE article_entities_new (
            article TEXT NOT NULL REFERENCES articles (id),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            articles TEXT NOT NULL,
            PRIMARY KEY (article, id)
        );
        INSERT INTO article_entities_new SELECT * FROM article_entities;
        DROP TABLE article_entities;
        ALTER TABLE article_entities_new RENAME TO article_entities;
        CREATE TABLE links_new (
            a TEXT NOT NULL REFERENCES articles (id),
            b TEXT NOT NULL REFERENCES articles (id),
            relation TEXT NOT NULL,
            score REAL NOT NULL,
            origin TEXT REFERENCES articles (id),
            evidence TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        INSERT INTO links_new SELECT * FROM links;
        DROP TABLE links;
        ALTER TABLE links_new RENAME TO links;
        CREATE INDEX links_b ON links (b);
        CREATE TABLE stories_new (
            id TEXT PRIMARY KEY,
            level TEXT NOT NULL,
            title TEXT NOT NULL,
            articles TEXT NOT NULL,
            parent TEXT REFERENCES stories (id),
            start TEXT,
            "end" TEXT,
            summary TEXT NOT NULL DEFAULT '[]'
        );
        INSERT INTO stories_new SELECT * FROM stories;
        DROP TABLE stories;
        ALTER TABLE stories_new RENAME TO stories;
        CREATE INDEX stories_parent ON stories (parent);
        CREATE TABLE timeline_new (
            storyline TEXT NOT NULL REFERENCES stories (id),
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            articles TEXT NOT NULL,
            confidence REAL NOT NULL,
            sources INTEGER NOT NULL,
            conflict TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (storyline, date, text)
        );
        INSERT INTO timeline_new SELECT * FROM timeline;
        DROP TABLE timeline;
        ALTER TABLE timeline_new RENAME TO timeline;
        """,
    ),
    (
        "0007_search",
        # Full-text indexes over article titles and texts, quotations and their speakers, and
        # entity names. External content: the index holds no second copy of the text, and the
        # triggers keep it in step with every write, whichever code makes it. The store turns
        # on recursive_triggers, without which INSERT OR REPLACE skips the delete trigger and
        # would leave the index naming a row that is gone. `content="..."` is the spelling
        # Datasette looks for to offer ?_search= on the table.
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content="articles", content_rowid="rowid",
            tokenize="unicode61 remove_diacritics 2"
        );
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker, speaker_entity, content="quotes", content_rowid="rowid",
            tokenize="unicode61 remove_diacritics 2"
        );
        INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts (rowid, text, speaker, speaker_entity)
            VALUES (new.rowid, new.text, new.speaker, new.speaker_entity);
        END;
        CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker, speaker_entity)
            VALUES ('delete', old.rowid, old.text, old.speaker, old.speaker_entity);
        END;
        CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker, speaker_entity ON quotes
        BEGIN
            INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker, speaker_entity)
            VALUES ('delete', old.rowid, old.text, old.speaker, old.speaker_entity);
            INSERT INTO quotes_fts (rowid, text, speaker, speaker_entity)
            VALUES (new.rowid, new.text, new.speaker, new.speaker_entity);
        END;
        CREATE VIRTUAL TABLE entities_fts USING fts5(
            name, aliases, content="entities", content_rowid="rowid",
            tokenize="unicode61 remove_diacritics 2"
        );
        INSERT INTO entities_fts (entities_fts) VALUES ('rebuild');
        CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
            INSERT INTO entities_fts (rowid, name, aliases)
            VALUES (new.rowid, new.name, new.aliases);
        END;
        CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
            INSERT INTO entities_fts (entities_fts, rowid, name, aliases)
            VALUES ('delete', old.rowid, old.name, old.aliases);
        END;
        CREATE TRIGGER entities_fts_update AFTER UPDATE OF name, aliases ON entities BEGIN
            INSERT INTO entities_fts (entities_fts, rowid, name, aliases)
            VALUES ('delete', old.rowid, old.name, old.aliases);
            INSERT INTO entities_fts (rowid, name, aliases)
            VALUES (new.rowid, new.name, new.aliases);
        END;
        """,
    ),
    (
        "0008_story_and_entity_articles",
        # Which articles each story and entity holds, one row per pair, kept by triggers from
        # their JSON `articles` lists: "which storylines hold this article" becomes an index
        # lookup instead of a scan of every story, and Datasette links both ends.
        """
        CREATE TABLE story_articles (
            story TEXT NOT NULL REFERENCES stories (id),
            article TEXT NOT NULL REFERENCES articles (id),
            PRIMARY KEY (story, article)
        ) WITHOUT ROWID;
        CREATE INDEX story_articles_article ON story_articles (article);
        INSERT OR IGNORE INTO story_articles
            SELECT s.id, j.value FROM stories s, json_each(s.articles) j;
        CREATE TRIGGER story_articles_insert AFTER INSERT ON stories BEGIN
            INSERT OR IGNORE INTO story_articles SELECT new.id, value FROM json_each(new.articles);
        END;
        CREATE TRIGGER story_articles_delete AFTER DELETE ON stories BEGIN
            DELETE FROM story_articles WHERE story = old.id;
        END;
        CREATE TRIGGER story_articles_update AFTER UPDATE OF id, articles ON stories BEGIN
            DELETE FROM story_articles WHERE story = old.id;
            INSERT OR IGNORE INTO story_articles SELECT new.id, value FROM json_each(new.articles);
        END;
        CREATE TABLE entity_articles (
            entity TEXT NOT NULL REFERENCES entities (id),
            article TEXT NOT NULL REFERENCES articles (id),
            PRIMARY KEY (entity, article)
        ) WITHOUT ROWID;
        CREATE INDEX entity_articles_article ON entity_articles (article);
        INSERT OR IGNORE INTO entity_articles
            SELECT e.id, j.value FROM entities e, json_each(e.articles) j;
        CREATE TRIGGER entity_articles_insert AFTER INSERT ON entities BEGIN
            INSERT OR IGNORE INTO entity_articles SELECT new.id, value FROM json_each(new.articles);
        END;
        CREATE TRIGGER entity_articles_delete AFTER DELETE ON entities BEGIN
            DELETE FROM entity_articles WHERE entity = old.id;
        END;
        CREATE TRIGGER entity_articles_update AFTER UPDATE OF id, articles ON entities BEGIN
            DELETE FROM entity_articles WHERE entity = old.id;
            INSERT OR IGNORE INTO entity_articles SELECT new.id, value FROM json_each(new.articles);
        END;
        """,
    ),
    (
        "0009_story_keywords",
        # A story's title is now a headline; the generated keywords keep a column of their own.
        "ALTER TABLE stories ADD COLUMN keywords TEXT NOT NULL DEFAULT '';",
    ),
    (
        "0010_timeline_background",
        # History a storyline mentions (an anniversary, "since 1984") is kept apart from its news.
        "ALTER TABLE timeline ADD COLUMN background INTEGER NOT NULL DEFAULT 0;",
    ),
    (
        "0011_articles_authors_site_name",
        # every author as a JSON list, and the publisher's readable name; `published` keeps
        # the offset the page states (older rows hold UTC, which is the same instant)
        """
        ALTER TABLE articles ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN site_name TEXT NOT NULL DEFAULT '';
        """,
    ),
    (
        "0012_articles_brief",
        # Headline-only items (title, source, time, at most a short summary) are articles too.
        "ALTER TABLE articles ADD COLUMN brief INTEGER NOT NULL DEFAULT 0;",
    ),
    (
        "0013_quote_type_parts",
        # Speech apart from stances, and the spans of a quotation split around its cue. Old
        # rows are analysed again (quotes.v3), so the defaults only hold until then.
        """
        ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'speech';
        ALTER TABLE quotes ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        "0014_link_signatures_and_checks",
        # What linking keeps between runs, so that a run verifies only pairs it has not
        # verified: each article's signatures (with a fingerprint of the text and settings
        # they came from), and the verdict on every candidate pair that is not in `links`,
        # unrelated (relation NULL) or a same-event follow-up that was dropped.
        """
        CREATE TABLE link_signatures (
            article TEXT PRIMARY KEY REFERENCES articles (id),
            fingerprint TEXT NOT NULL,
            exact BLOB NOT NULL,
            spun BLOB NOT NULL,
            sampled BLOB NOT NULL
        );
        CREATE TABLE link_checks (
            a TEXT NOT NULL REFERENCES articles (id),
            b TEXT NOT NULL REFERENCES articles (id),
            relation TEXT,
            score REAL NOT NULL,
            origin TEXT REFERENCES articles (id),
            evidence TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX link_checks_b ON link_checks (b);
        """,
    ),
)

# Article columns holding JSON, exported as lists.
ARTICLE_JSON_COLUMNS = frozenset({"authors"})

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
        "authors",
        "site_name",
        "published",
        "published_from",
        "modified",
        "fetched",
        "language",
        "format",
        "brief",
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
    "stories": (
        "id",
        "level",
        "parent",
        "title",
        "keywords",
        "articles",
        "start",
        "end",
        "summary",
    ),
    "timeline": (
        "storyline",
        "date",
        "text",
        "articles",
        "confidence",
        "sources",
        "conflict",
        "background",
    ),
}
