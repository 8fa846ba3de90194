"""A full disk: said as such, and the data can still be read out (export, a backup to another disk).

SQLite cannot even open a database in WAL mode on a full disk (its ``-shm`` file cannot be made), and
says "disk I/O error". When the database's disk has (almost) no free space left, coopdesk says "Disken
är full" instead, and, when the database was closed cleanly (its ``-wal`` is empty or gone, so the file
alone holds every committed change), opens it read-only without touching the disk (SQLite's
``immutable``): a login is then checked but cannot be recorded, and nothing can be changed, but the
data can be exported or backed up to another disk.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from coopdesk.core.errors import StorageError

LOW_SPACE_BYTES = 1 << 20  # below this a database cannot be opened for writing with any confidence


class DiskFullError(StorageError):
    """The disk of a file coopdesk writes is full."""


def unlogged_notice() -> StorageError:
    """Said after a file was handed out that its full disk kept out of the audit log (docs/rules.md, "En
    full disk"): the command line on standard error, the window in a message."""
    return StorageError(
        "Disken är full: det här kunde inte föras in i händelseloggen. Frigör utrymme snart.",
        "The disk is full: this could not be entered in the audit log. Free some space soon.",
    )


def is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def is_full_error(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def wal_settled(path: Path) -> bool:
    """The database file alone holds every committed change: its ``-wal`` is empty or gone."""
    wal = Path(f"{path}-wal")
    try:
        return not wal.exists() or wal.stat().st_size == 0
    except OSError:
        return False


def database_disk_full(path: Path) -> DiskFullError:
    readable = wal_settled(path)
    return DiskFullError(
        f"Disken är full: databasen {path} kan inte öppnas för att ändras. Frigör utrymme på disken."
        + (" Export och säkerhetskopia till en annan disk fungerar ändå." if readable else ""),
        f"The disk is full: the database {path} cannot be opened for changes. Free some space on the disk."
        + (" Export and a backup to another disk still work." if readable else ""),
    )


def read_only_disk_full(path: Path) -> DiskFullError:
    return DiskFullError(
        f"Disken är full: databasen {path} kan bara läsas just nu, inget kan ändras. Frigör utrymme på disken "
        "och försök igen.",
        f"The disk is full: the database {path} can only be read just now, nothing can be changed. Free some "
        "space on the disk and try again.",
    )


def file_disk_full(path: Path) -> DiskFullError:
    return DiskFullError(
        f"Disken är full: {path} kunde inte skrivas. Frigör utrymme, eller välj en annan disk.",
        f"The disk is full: {path} could not be written. Free some space, or choose another disk.",
    )
