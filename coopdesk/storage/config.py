"""Settings that must work without the database: where the backups go.

Kept in ``settings.json`` in the data folder (not in the database, and not in Qt's QSettings, so
that the command line can read them and a damaged database cannot hide its own backups).
"""

from __future__ import annotations

import json
from pathlib import Path

from coopdesk.core.errors import StorageError
from coopdesk.core.input_files import InputFileError, read_limited
from coopdesk.storage import paths
from coopdesk.storage.files import write_atomic

BACKUP_FOLDER = "backup_folder"


def config_file(*, create: bool = True) -> Path:
    return paths.data_dir(create=create) / "settings.json"


def load() -> dict[str, object]:
    try:  # reading makes no folder; a settings file is a few lines (a link to /dev/zero is not read)
        data = json.loads(read_limited(config_file(create=False), 1024 * 1024).decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError, InputFileError):
        return {}  # a damaged settings file falls back to the defaults rather than stopping the program
    return data if isinstance(data, dict) else {}


def save(values: dict[str, object]) -> None:
    merged = {**load(), **values}
    write_atomic(config_file(), (json.dumps(merged, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def backup_folder(*, create: bool = True) -> Path:
    """The folder for backups: the setting, or ``backups`` beside the data (``create=False``: only named)."""
    value = load().get(BACKUP_FOLDER)
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return paths.backup_dir(create=create)


def set_backup_folder(folder: Path | None) -> None:
    if folder is not None:
        try:
            paths.private_dir(folder)
        except OSError as exc:
            raise StorageError(
                f"Mappen {folder} kan inte användas för säkerhetskopior: {exc.strerror}.",
                f"The folder {folder} cannot be used for backups: {exc.strerror}.",
            ) from exc
    save({BACKUP_FOLDER: str(folder) if folder else None})
