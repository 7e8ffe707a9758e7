"""The docs say what the code does: the CLI reference is current and every table documented."""

from __future__ import annotations

import importlib.util
import re
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
