"""The docs say what the code does: the CLI reference is current and every table documented."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from storyline.store.schema import EXPORT_TABLES

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    """docs/cli.md matches the --help of every command (regenerate with the script if not)."""
    spec = importlib.util.spec_from_file_location(
        "make_cli_docs", ROOT / "scripts" / "make_cli_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.render_cli_docs(), "run: python scripts/make_cli_docs.py"


def test_every_exported_column_is_documented() -> None:
    """docs/schema.md names every exported table and column."""
    schema_doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for table, columns in EXPORT_TABLES.items():
        assert f"`{table}`" in schema_doc
        for column in columns:
            assert f"`{column}`" in schema_doc, f"{table}.{column} is not documented"


def test_the_hashed_spacy_model_is_the_version_the_nlp_extra_pins() -> None:
    """requirements/spacy-model.txt and the `nlp` extra name the same model release."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["nlp"]
    hashed = (ROOT / "requirements" / "spacy-model.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([\w.-]+==[\w.]+)", hashed, flags=re.M)
    assert len(pins) == 1
    assert pins[0] in extra
    assert re.search(r"--hash=sha256:[0-9a-f]{64}", hashed)


def test_the_readme_python_snippet_runs_as_written(tmp_path: Path) -> None:
    """The README's Python example, saved as a script, runs with its two worker processes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## In Python\n\n```python\n(.*?)```", readme, re.DOTALL)
    assert match is not None
    (tmp_path / "example.py").write_text(match[1], encoding="utf-8")
    (tmp_path / "crawl").mkdir()
    for n, town in enumerate(("Ashford", "Carrow")):
        (tmp_path / "crawl" / f"{n}.txt").write_text(
            f"{town} council changes bus timetable\n\nCouncillors in {town} voted on Tuesday to "
            "change the bus timetable after residents complained at a public meeting, and the "
            "council said the change would take effect from the start of next month.\n",
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 0 ")
    assert (tmp_path / "news.html").exists()
