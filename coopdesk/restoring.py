"""Restoring a backup as a person, on the record: the GUI and the CLI both come through here.

``storage/backup.py`` replaces the file (the current one is kept first, outside the rotation). This
module adds what makes a restore something that can be looked back on and undone:

* the restore writes an audit entry INTO the restored database (the one that lives on): who, which
  backup (file name and when it was taken), where the replaced database was kept, and how many
  entries were carried over;
* the audit entries of the replaced database that are newer than the backup's newest entry are
  carried into the restored one, unchanged (time, actor, old and new values) but for their summary,
  which starts with ``[från före återställningen]``: the log of what happened is not silently lost
  with the data it describes (the data themselves are in the kept copy);
* a database that cannot be opened (missing, empty, truncated, damaged, or encrypted without its keys
  file) can still be restored: the key then comes from its keys file or from the keys file beside a
  backup, unwrapped with the user's password.

Qt-free, like ``access.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coopdesk.core.actor import ROLE_ADMIN, Actor
from coopdesk.core.errors import StorageError

CARRIED_MARK = "[från före återställningen] "
_COLUMNS = "at, actor, action, entity, entity_id, member_id, summary, old, new"


@dataclass
class Restored:
    kept: Path | None  # the database as it was before (None when there was none)
    carried: int  # audit entries carried over from the replaced database


def _at(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _audit_rows(path: Path, key: bytes | None) -> list[tuple] | None:
    """Every audit entry of the database file, oldest first; None when it cannot be read."""
    from coopdesk.storage.backup import _encrypted
    from coopdesk.storage.encryption import connect, database_errors

    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        connection = connect(path, key if _encrypted(path) else None, readonly=True)
        try:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY at, id").fetchall()
        finally:
            connection.close()
    except (*database_errors(), ValueError):
        return None
    return [(_at(row[0]), *row[1:]) for row in rows if _at(row[0]) is not None]


def entries_after(current: list[tuple], backup: list[tuple]) -> list[tuple]:
    """The entries of ``current`` newer than the newest of ``backup`` (those of the same second that the
    backup does not hold count as newer)."""
    if not backup:
        return list(current)
    newest = max(row[0] for row in backup)
    same_second = {row for row in backup if row[0] == newest}
    return [row for row in current if row[0] > newest or (row[0] == newest and row not in same_second)]


def restore_database(
    db_path: Path,
    source: Path,
    *,
    actor: Actor,
    key: bytes | None = None,
    folder: Path | None = None,
    note: str = "",
) -> Restored:
    """Replace the closed database ``db_path`` with the backup ``source``, on the record (module doc).

    ``note`` is added to the audit entry's summary (e.g. that the database could not be opened).
    """
    from coopdesk.core import audit
    from coopdesk.core.models import AuditEntry
    from coopdesk.storage import backup as backups
    from coopdesk.storage.database import open_database

    db_path, source = Path(db_path), Path(source)
    backups.verify_backup(source, key)
    before = _audit_rows(db_path, key)
    carried = entries_after(before, _audit_rows(source, key) or []) if before else []
    taken = backups.taken_at(source)
    kept = backups.restore(db_path, source, folder=folder, key=key)
    encrypted = backups._encrypted(db_path)
    database = open_database(str(db_path), create=False, check=False, key=key if encrypted else None)
    try:
        with database.session() as s:
            for at, who, action, entity, entity_id, member_id, summary, old, new in carried:
                s.add(
                    AuditEntry(
                        at=at,
                        actor=who,
                        action=action,
                        entity=entity,
                        entity_id=entity_id,
                        member_id=member_id,
                        summary=(CARRIED_MARK + (summary or ""))[:300],
                        old=old,
                        new=new,
                    )
                )
            when = f" (tagen {taken:%Y-%m-%d %H:%M})" if taken else ""
            audit.record(
                s,
                actor,
                "restore",
                "database",
                None,
                summary=(
                    f"Återställde databasen från säkerhetskopian {source.name}{when}"
                    + (f"; databasen som den var sparades som {kept.name}" if kept else "")
                    + (f"; {len(carried)} händelser från före återställningen fördes över" if carried else "")
                    + (f"; {note}" if note else "")
                ),
                new={
                    "backup": source.name,
                    "backup_taken_at": taken,
                    "kept": kept.name if kept else None,
                    "carried_entries": len(carried),
                    "unreadable_before": before is None and kept is not None,
                },
            )
    finally:
        database.close()
    return Restored(kept, len(carried))


def key_for_restore(db_path: Path, login: str, password: str, source: Path | None = None) -> bytes | None:
    """The database key for restoring over a database that cannot be opened: unwrapped with the user's
    password from the database's keys file, or else from the keys file beside ``source`` or beside any
    backup of the database. None when nothing is encrypted; LoginError when no keys file opens."""
    from coopdesk.access import LoginError
    from coopdesk.storage import backup as backups
    from coopdesk.storage.keyfile import DamagedKeyFileError, KeyFile, WrongPasswordError

    candidates: list[Path] = [db_path]
    if source is not None and source.name and source.is_file():  # else the restore says what is wrong with it
        candidates.append(source)
    candidates += [b.path for b in backups.list_backups(db_path) if b.encrypted]
    tried: set[str] = set()
    found_any = False
    for path in candidates:
        try:
            keys = KeyFile.load(path)
        except (DamagedKeyFileError, StorageError):
            continue
        if keys is None or keys.database_id + repr(keys._users.get(login)) in tried:
            continue
        found_any = True
        tried.add(keys.database_id + repr(keys._users.get(login)))
        try:
            return keys.unwrap_for(login, password)
        except WrongPasswordError:
            continue
    if found_any:
        raise LoginError()
    return None


def put_back_keys(db_path: Path, login: str, password: str) -> Path | None:
    """An encrypted database whose keys file is missing, but intact itself: the keys file beside one of its
    backups that opens it (with the user's password) is copied into place, and nothing else changes.
    Returns the backup whose keys file was used (None when none opens the database)."""
    from coopdesk.storage import backup as backups
    from coopdesk.storage.encryption import connect, database_errors
    from coopdesk.storage.keyfile import DamagedKeyFileError, KeyFile, WrongPasswordError, key_file_path

    if key_file_path(db_path).exists():
        return None
    for backup in backups.list_backups(db_path):
        try:
            keys = KeyFile.load(backup.path)
            key = keys.unwrap_for(login, password) if keys is not None else None
        except (DamagedKeyFileError, WrongPasswordError, StorageError):
            continue
        if key is None:
            continue
        try:
            connection = connect(db_path, key, readonly=True)
            try:
                ok = connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                connection.close()
        except database_errors():
            ok = False
        if ok:
            keys.copy_to(db_path)
            return backup.path
    return None


def backup_admin(source: Path, key: bytes | None, login: str, password: str) -> Actor | None:
    """The actor when ``login``/``password`` is an active administrator in the backup (read-only)."""
    from coopdesk.core import passwords
    from coopdesk.core.services.users import normal_login
    from coopdesk.storage.backup import _encrypted
    from coopdesk.storage.encryption import connect, database_errors

    try:
        connection = connect(source, key if _encrypted(source) else None, readonly=True)
        try:
            row = connection.execute(
                "SELECT name, role, active, password_hash FROM user_account WHERE login = ?", (normal_login(login),)
            ).fetchone()
        finally:
            connection.close()
    except database_errors():
        return None
    if row is None or not row[2] or row[1] != ROLE_ADMIN or not passwords.verify_password(password, row[3]):
        return None
    return Actor(name=row[0], role=ROLE_ADMIN, login=normal_login(login))


def unopenable(db_path: Path, error: StorageError | None = None) -> bool:
    """A database that cannot be opened at all: what a restore is for (module doc)."""
    from coopdesk.storage.database_errors import CorruptDatabaseError
    from coopdesk.storage.encryption import WrongDatabaseKeyError
    from coopdesk.storage.keyfile import DamagedKeyFileError, MissingKeyFileError

    if not db_path.is_file() or db_path.stat().st_size == 0:
        return not db_path.is_dir()
    if isinstance(error, CorruptDatabaseError | MissingKeyFileError | DamagedKeyFileError | WrongDatabaseKeyError):
        return True
    from coopdesk.storage.backup import integrity

    return error is not None and integrity(db_path) != "ok"
