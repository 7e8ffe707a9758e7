"""`storyline serve` on the command line: loopback by default, a flag and a warning otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import cli

pytest.importorskip("uvicorn", reason="storyline serve needs the 'serve' extra")


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record uvicorn.run's arguments instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append(kw))
    return calls


def test_serves_on_loopback_by_default(web_db: Path, started: list[dict[str, Any]]):
    """Without options the server listens on 127.0.0.1:8000 and says so."""
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    assert started[0]["host"] == "127.0.0.1"
    assert started[0]["port"] == 8000
    assert "read-only at http://127.0.0.1:8000/" in result.output


def test_another_address_needs_public(web_db: Path, started: list[dict[str, Any]]):
    """--host 0.0.0.0 alone is refused in one line; with --public it serves with a warning."""
    refused = CliRunner().invoke(cli, ["serve", "--db", str(web_db), "--host", "0.0.0.0"])
    assert refused.exit_code == 1
    assert "--public" in refused.output
    assert started == []
    allowed = CliRunner().invoke(
        cli, ["serve", "--db", str(web_db), "--host", "0.0.0.0", "--public"]
    )
    assert allowed.exit_code == 0
    assert "warning" in allowed.output
    assert started[0]["host"] == "0.0.0.0"


def test_missing_store_is_one_line(tmp_path: Path, started: list[dict[str, Any]]):
    """A path with no store is an error naming it; nothing is created."""
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store at" in result.output
    assert not (tmp_path / "none.db").exists()
    assert started == []


def test_an_older_store_is_upgraded_first(
    web_db: Path, tmp_path: Path, started: list[dict[str, Any]]
):
    """A store without the search migrations gets them before serving, and says so."""
    import sqlite3

    old = tmp_path / "old.db"
    shutil.copy(web_db, old)
    with sqlite3.connect(old) as db:
        db.execute("DROP TABLE articles_fts")
        db.execute("DROP TABLE quotes_fts")
        db.execute("DROP TABLE entities_fts")
        for name in ("articles", "quotes", "entities"):
            for event in ("insert", "delete", "update"):
                db.execute(f"DROP TRIGGER {name}_fts_{event}")
        db.execute("DELETE FROM _migrations WHERE name = '0007_search'")
    result = CliRunner().invoke(cli, ["serve", "--db", str(old)])
    assert result.exit_code == 0, result.output
    assert "upgrading" in result.output
    assert "0007_search" in result.output
    with sqlite3.connect(old) as db:
        assert (
            db.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'spill'"
            ).fetchone()[0]
            > 0
        )
