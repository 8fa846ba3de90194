"""Files the interface writes, through the one way coopdesk writes files (storage/files.py), and the
checks that keep an output away from the database, its keys and its backups (storage/output_paths.py)."""

from __future__ import annotations

from pathlib import Path

from coopdesk.storage.files import safe_file_name, write_atomic, write_logged
from coopdesk.storage.full_disk import unlogged_notice
from coopdesk.storage.output_paths import check_output_folder, check_output_path

__all__ = [
    "check_output_folder",
    "check_output_path",
    "safe_file_name",
    "unlogged_notice",
    "write_logged",
    "write_private",
]


def write_private(path: Path, data: bytes) -> None:
    """Owner-only and whole, or not at all (the file names members and their days)."""
    write_atomic(path, data)
