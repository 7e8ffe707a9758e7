"""Where the shared seeds and evaluation data live: the `shared` folder beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


def require(path: Path) -> Path:
    """Return `path`, or skip the test with a message saying what is missing."""
    if not path.exists():
        pytest.skip(f"needs {path.name} from the shared folder next to the checkout; not found")
    return path
