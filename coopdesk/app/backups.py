"""Backups for a face: taking one (then rotating), finding the ones a database can be restored from,
and restoring one in place of an open database.

The backups themselves are storage/backup.py's; the restore on the record is coopdesk/restoring.py's.
No SQLAlchemy at import: the database is opened again inside :func:`restore_and_reopen` only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.core.actor import Actor
from coopdesk.core.errors import CoopdeskError
from coopdesk.restoring import restore_database
from coopdesk.storage.backup import (
    REASON_SV,
    BackupInfo,
    backup_due,
    clear_backup_due,
    folder_for,
    list_backups,
    make_backup,
    mark_backup_due,
    newest_good_backup,
    rotate,
)
from coopdesk.storage.cancel import Cancel, Cancelled

if TYPE_CHECKING:
    from coopdesk.app.database import Database

__all__ = [
    "REASON_SV",
    "BackupInfo",
    "Cancel",
    "Cancelled",
    "backup_due",
    "folder_for",
    "mark_backup_due",
    "newest_good_backup",
    "restorable_backups",
    "restore_and_reopen",
    "take_backup",
]


def take_backup(db_path: Path, *, reason: str, key: bytes | None, cancel: Cancel | None = None) -> Path:
    """A backup of the live database (encrypted with its key, if it has one), then the old ones rotated
    away: every backup the app takes is followed by the rotation, so the folder does not grow forever.

    A backup cut short by ``cancel`` raises :class:`Cancelled` and leaves the backup due, so the next
    start takes it; one that is written clears that mark."""
    try:
        target = make_backup(db_path, reason=reason, key=key, cancel=cancel)
    except Cancelled:
        mark_backup_due(db_path)
        raise
    clear_backup_due(db_path)
    rotate(db_path)
    return target


def restorable_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path`` that may replace it, newest first (a copy of a damaged database may not).

    Looked up by the database's path, not its file name: another database with the same file name keeps
    its backups in a folder of its own (storage/backup.py ``folder_for``), and must never be offered."""
    return [b for b in list_backups(db_path) if b.restorable]


def restore_and_reopen(
    database: Database, db_path: Path, source: Path, *, actor: Actor, key: bytes | None
) -> tuple[Database, CoopdeskError | None]:
    """Close ``database``, replace its file with the backup ``source`` (the current one kept as a backup,
    on the record), and open it again — also when the restore was refused, so the app goes on with a
    database either way. Returns the database opened again and the known error that stopped the restore."""
    from coopdesk.app.database import open_database

    database.close()
    failed: CoopdeskError | None = None
    try:
        restore_database(db_path, source, actor=actor, key=key)
    except CoopdeskError as error:
        failed = error
    return open_database(str(db_path), check=False, key=key), failed
