"""Whether a file can be created in a folder, asked before work that would write one."""

from __future__ import annotations

import tempfile
from pathlib import Path


def can_create_in(folder: Path) -> str | None:
    """Return why no file can be created in `folder`, or None when one can.

    Tried for real (a temporary file), since permission bits say nothing for root or on a
    read-only file system.
    """
    if not folder.is_dir():
        return f"no such folder {folder}"
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        return f"cannot write in {folder}: {err.strerror or err}"
    return None
