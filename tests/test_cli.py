"""Every command through the CLI runner: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli

ARTICLE = """Harbour authority reopens river after spill

HARBORVILLE, March 3 - The harbour authority reopened the Lenne river to shipping on Monday,
four days after a chemical spill forced 2,000 residents from their homes, officials said.

"The water is safe again," said Maria Kessler, the city's water commissioner.

Share on Facebook
Leave a Reply
"""


def _read_jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_run_then_export_writes_one_file_per_table(tmp_path: Path) -> None:
    """`run` stores an article and `export` writes articles and rejects as JSON Lines."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "spill.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["run", str(tmp_path / "in"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 articles and 1 rejects" in result.output
    result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    articles = _read_jsonl(tmp_path / "out" / "articles.jsonl")
    rejects = _read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert [a["title"] for a in articles] == ["Harbour authority reopens river after spill"]
    assert "Leave a Reply" not in articles[0]["text"]
    assert "Leave a Reply" in articles[0]["raw_text"]
    assert rejects == [{"path": str(tmp_path / "in" / "empty.txt"), "reason": "empty file"}]


def test_run_without_paths_ingests_the_demo_corpus(tmp_path: Path) -> None:
    """`run` with no path ingests the bundled demo corpus."""
    result = CliRunner().invoke(cli, ["run", "--db", str(tmp_path / "d.db"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    count = int(result.output.split(" articles")[0].split()[-1])
    assert 15 <= count <= 25


def test_export_of_a_missing_store_fails_with_one_line(tmp_path: Path) -> None:
    """A missing store is an error of one line and exit status 1, with no traceback."""
    result = CliRunner().invoke(
        cli, ["export", "--db", str(tmp_path / "no.db"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "no store at" in result.output
    assert "Traceback" not in result.output


def test_every_command_has_help() -> None:
    """Each command answers --help with its description."""
    for command in cli.commands:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert cli.commands[command].help
        assert "Usage:" in result.output
