"""Creating a database file atomically: built under a temporary name, moved into place when complete.

A new database (``init``, ``import``, ``demo``, the first start of the app) is built as
``.coopdesk.db.creating-<id>`` in the same folder, with its keys file ``.coopdesk.db.creating-<id>.keys``
when it is encrypted. Only when both are complete and on disk are they moved to their names: the keys
file first, then the database, each with one rename. At every instant the final names hold either
nothing, or a complete database with its keys file, or (for the moment between the two renames) the
keys file alone while the complete database still has its temporary name.

:func:`settle` runs before a database is looked at (opening, creating, "is it new?"). It finishes the
one interrupted case that is complete (the keys file at its name names the id of a temporary
database: that database was finished before its keys file moved) and removes every other leftover of
a killed creation. So a creation killed at any moment leaves, for the next command, no database or a
whole one, never an encrypted database whose keys file "must be put back".
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

from coopdesk.core.errors import StorageError
from coopdesk.core.input_files import InputFileError, read_limited
from coopdesk.storage.encryption import _fsync_dir as fsync_dir

CREATING = ".creating-"
_SIDECARS = ("", "-wal", "-shm", "-journal", ".keys")


def building_path(path: Path, token: str | None = None) -> Path:
    """The temporary name of a database being built for ``path`` (``token``: the keys file's database id)."""
    path = Path(path)
    return path.with_name(f".{path.name}{CREATING}{token or secrets.token_hex(16)}")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _leftovers(path: Path) -> list[Path]:
    prefix = f".{path.name}{CREATING}"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(
        path.parent / name
        for name in names
        if name.startswith(prefix) and not name.endswith(tuple(s for s in _SIDECARS if s))
    )


def remove_building(temp: Path) -> None:
    """A temporary database with its keys file and SQLite's side files."""
    for suffix in _SIDECARS:
        with contextlib.suppress(OSError):
            Path(f"{temp}{suffix}").unlink(missing_ok=True)


def _database_id(keys: Path) -> str | None:
    try:
        document = json.loads(read_limited(keys, 1024 * 1024).decode("utf-8"))
    except (OSError, ValueError, RecursionError, InputFileError):
        return None
    value = document.get("database_id") if isinstance(document, dict) else None
    return value if isinstance(value, str) else None


def settle(path: Path) -> None:
    """Finish a creation killed between its two renames; remove what other killed creations left."""
    path = Path(path)
    leftovers = _leftovers(path)
    if not leftovers:
        return
    keys = Path(f"{path}.keys")
    finished = _database_id(keys) if not path.exists() and keys.exists() else None
    for temp in leftovers:
        token = temp.name.rsplit(CREATING, 1)[1]
        if finished is not None and token == finished and temp.is_file() and not path.exists():
            with contextlib.suppress(OSError):
                os.replace(temp, path)
                fsync_dir(path.parent)
                continue
        remove_building(temp)


def finish(temp: Path, path: Path) -> None:
    """Move a complete database (and its keys file, if any) from ``temp`` to ``path``: keys file first."""
    temp_keys, keys = Path(f"{temp}.keys"), Path(f"{path}.keys")
    try:
        for suffix in ("-wal", "-shm", "-journal"):  # the built file is one self-contained file
            Path(f"{temp}{suffix}").unlink(missing_ok=True)
        fsync_file(temp)
        moved_keys = temp_keys.exists()
        if moved_keys:
            fsync_file(temp_keys)
            os.replace(temp_keys, keys)
            fsync_dir(path.parent)
        try:
            os.replace(temp, path)
        except OSError:
            if moved_keys:  # the database did not follow: its keys file must not stay alone
                with contextlib.suppress(OSError):
                    os.replace(keys, temp_keys)
            raise
        fsync_dir(path.parent)
    except OSError as exc:
        raise StorageError(
            f"Databasen {path} kunde inte skapas: {exc.strerror}. Kontrollera mappen och att disken inte är full.",
            f"The database {path} could not be created: {exc.strerror}. Check the folder and that the disk is "
            "not full.",
        ) from exc
