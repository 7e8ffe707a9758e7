"""Unusable paths are one-line errors with a non-zero exit, before any work is done."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.writable import can_create_in

ARTICLE = """Harbour authority reopens river after spill

HARBORVILLE, March 3 - The harbour authority reopened the Lenne river to shipping on Monday,
four days after a chemical spill forced 2,000 residents from their homes, officials said.
"""
# A folder no one may create files in, root included (sysfs); None where there is none.
UNWRITABLE = next((Path(p) for p in ("/sys", "/proc") if can_create_in(Path(p))), None)
needs_unwritable = pytest.mark.skipif(UNWRITABLE is None, reason="no unwritable folder here")


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


def test_run_on_a_path_that_does_not_exist_fails_and_writes_nothing(tmp_path):
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "typo"), "--db", str(db)])
    one_line_error(result, "no such file or folder", "typo")
    assert not db.exists()
    assert not db.with_suffix(".html").exists()


def test_run_with_a_report_in_a_missing_folder_fails_before_ingesting(tmp_path):
    (tmp_path / "spill.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    report = tmp_path / "missing" / "r.html"
    result = CliRunner().invoke(
        cli, ["run", str(tmp_path), "--db", str(db), "--report", str(report)]
    )
    one_line_error(result, "cannot write the report", "no such folder")
    assert not db.exists()


@needs_unwritable
def test_run_with_the_report_or_store_in_an_unwritable_folder_fails_first(tmp_path):
    (tmp_path / "spill.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    report = ["--report", str(UNWRITABLE / "r.html")]
    one_line_error(CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(db), *report]))
    assert not db.exists()
    store = ["--db", str(UNWRITABLE / "s.db")]
    one_line_error(CliRunner().invoke(cli, ["run", str(tmp_path), *store]), "cannot write")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes read-only files")
def test_run_on_a_read_only_store_fails_first(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    db.chmod(0o444)
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(db), "--no-report"])
    one_line_error(result, "read-only")


def test_export_onto_an_existing_file_or_unwritable_folder_fails(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "spill.txt").write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(cli, ["run", str(tmp_path / "in"), "--db", str(db)]).exit_code == 0
    target = tmp_path / "tables.jsonl"
    target.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--out", str(target)])
    one_line_error(result, "is a file")
    assert target.read_text(encoding="utf-8") == "keep me"
    if UNWRITABLE is not None:
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--out", str(UNWRITABLE)])
        one_line_error(result, "cannot export")


def test_verbose_flag_works_after_the_command_too(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "spill.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    for flags in (["-v", "run"], ["run", "-v"], ["run", "-vv"]):
        args = [*flags, str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--quiet"]
        done = subprocess.run(
            [sys.executable, "-m", "storyline", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "INFO" in done.stderr  # -v logs progress
