"""Every command through the CLI runner: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


REPRINT_CHROME = "Daily Feed Hub\nHome | World | Business\n\n"
SPUN = (
    ARTICLE.replace("reopened", "re-opened")
    .replace("residents", "inhabitants")
    .replace("forced", "compelled")
    .replace("officials said", "authorities mentioned")
    .replace("shipping", "vessels")
)


def test_compare_prints_relation_origin_and_evidence(tmp_path: Path) -> None:
    """`compare` tells a verbatim reprint under other chrome from its original, with passages."""
    original, reprint = tmp_path / "original.txt", tmp_path / "reprint.txt"
    original.write_text(ARTICLE, encoding="utf-8")
    reprint.write_text(REPRINT_CHROME + ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(original), str(reprint), "--json"])
    assert result.exit_code == 0, result.output
    link = json.loads(result.output)
    assert link["relation"] in {"copy", "near_copy"}
    assert {link["a"], link["b"]} == {str(original), str(reprint)}
    assert link["evidence"]["passages"]


def test_compare_of_unrelated_files_says_none(tmp_path: Path) -> None:
    """Two unrelated articles have no relation, and the command still succeeds."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(
        "Council approves new cycle lanes\n\nThe city council approved 14 kilometres of new "
        "cycle lanes on Tuesday, after a two-year consultation with residents and shop owners "
        "along the northern ring road.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("relation: none")


DCT = (
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-05" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">March 5, 1998</TIMEX3></DCT>'
)
TE3INPUT = f"""<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>wsj_demo</DOCID>
{DCT}
<TEXT>
The company said on Tuesday that profits rose 12% in the past three months.
</TEXT>
</TimeML>
"""


def test_tag_dates_writes_timeml_with_timex3_tags(tmp_path: Path) -> None:
    """`tag-dates` resolves "on Tuesday" against the file's creation time and writes TimeML."""
    source = tmp_path / "wsj_demo.TE3input"
    source.write_text(TE3INPUT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["tag-dates", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    tagged = (tmp_path / "out" / "wsj_demo.TE3input").read_text(encoding="utf-8")
    assert 'value="1998-03-03"' in tagged
    assert 'value="P3M"' in tagged
    override = CliRunner().invoke(cli, ["tag-dates", str(source), "--dct", "1998-03-12"])
    assert 'value="1998-03-10"' in override.output


def test_timeline_writes_tilse_format(tmp_path: Path) -> None:
    """`timeline` over dated JSONL records writes a date line, sentences and dashes per day."""
    records = [
        {
            "id": f"r{n}",
            "title": f"Spill update {n}",
            "published": f"2025-03-0{n}T10:00:00Z",
            "text": f"HARBORVILLE - On March {n}, crews pumped {n * 100} tonnes of solvent "
            f"from the river, the harbour authority said. Residents of {n} districts were "
            "told to keep windows closed while the clean-up continued through the night.",
        }
        for n in (3, 4, 5)
    ]
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(source), "--dates", "2", "--format", "tilse"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    days = [line for line in lines if line[:4] == "2025"]
    assert len(days) == 2
    assert all(line.startswith("2025-03-0") for line in days)
    assert sum(1 for line in lines if line and set(line) == {"-"}) == 2


def test_quotes_prints_json_lines_with_offsets_into_the_file(tmp_path: Path) -> None:
    """`quotes` prints each quotation with its file, speaker and offsets into the text as read."""
    pytest.importorskip("spacy", reason="quotations need the 'nlp' extra")
    source = tmp_path / "spill.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", str(source)])
    assert result.exit_code == 0, result.output
    quotes = [json.loads(line) for line in result.output.splitlines()]
    direct = next(q for q in quotes if q["kind"] == "direct")
    assert direct["file"] == str(source)
    assert ARTICLE[direct["start"] : direct["end"]] == direct["text"]
    assert direct["text"].startswith("The water is safe again")
    assert direct["speaker_entity"] == "Maria Kessler"
