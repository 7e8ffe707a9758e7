"""`storyline serve`: a local, read-only web app over a store, with full-text search.

Needs the 'serve' extra (Starlette and uvicorn), imported only when the app is built.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import MissingExtraError, StoreError

if TYPE_CHECKING:
    from starlette.applications import Starlette

log = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Tell whether `host` is reachable from this machine only."""
    return host in LOOPBACK or host.startswith("127.")


def build_app(db_path: Path, *, public: bool = False) -> Starlette:
    """Return the web app over the store at `db_path`; MissingExtraError without the extra."""
    try:
        from storyline.web.app import LOOPBACK_HOSTS, create_app
    except ImportError as err:
        raise MissingExtraError(
            f"storyline serve needs the 'serve' extra ({err.name} is missing): "
            "pip install 'storyline[serve]'"
        ) from err
    if not db_path.is_file():
        raise StoreError(f"no store at {db_path}: run `storyline run --db {db_path} FILES` first")
    return create_app(db_path, allowed_hosts=("*",) if public else LOOPBACK_HOSTS)


def pending_migrations(db_path: Path) -> list[str]:
    """Return the names of the migrations the store at `db_path` has not had yet."""
    import sqlite3

    from storyline.store.schema import MIGRATIONS

    if not db_path.is_file():
        raise StoreError(f"no store at {db_path}: run `storyline run --db {db_path} FILES` first")
    db = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{db_path} is not a storyline store: {err}") from err
    finally:
        db.close()
    return [name for name, _ in MIGRATIONS if name not in done]


def upgrade_store(db_path: Path) -> None:
    """Apply the store's pending migrations (the search indexes of an older store)."""
    from storyline.store.sqlite import Store

    Store(db_path).close()  # opening a store migrates it
