"""Checks made before a run does any work: every named path exists, every output can be written."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from storyline.errors import InputError
from storyline.writable import can_create_in


def check_run(paths: Iterable[Path], db: Path, report: Path | None) -> None:
    """Raise InputError naming the first input that is missing or output that is unwritable."""
    for path in paths:
        if not os.path.lexists(path):
            raise InputError(f"no such file or folder: {path}")
    _check_output(db, "store")
    if report is not None:
        _check_output(report, "report")


def _check_output(path: Path, what: str) -> None:
    if path.is_dir():
        raise InputError(f"cannot write the {what} {path}: it is a folder")
    # SQLite writes a -wal file beside the store, so its folder must take new files too
    if (problem := can_create_in(path.parent if str(path.parent) else Path("."))) is not None:
        raise InputError(f"cannot write the {what} {path}: {problem}")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"cannot write the {what} {path}: it is read-only")
