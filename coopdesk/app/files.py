"""Files the interface writes, through the one way coopdesk writes files (storage/files.py)."""

from __future__ import annotations

from pathlib import Path

from coopdesk.storage.files import write_atomic


def write_private(path: Path, data: bytes) -> None:
    """Owner-only and whole, or not at all (the file names members and their days)."""
    write_atomic(path, data)
