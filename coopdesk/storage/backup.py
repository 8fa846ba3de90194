"""Backups that can be trusted: taken with SQLite's online backup API, checked, rotated, restorable.

A backup is a complete SQLite file written page by page by SQLite itself (safe while the database
is open in WAL mode, never a plain file copy), checked with ``PRAGMA integrity_check`` before it
gets its final name, and created readable by the owner only. Names carry the database, the time and
the reason: ``coopdesk-20261127-173000-close.db``. Rotation keeps the newest backup of each of the
last 7 days, 4 weeks and 12 months that have one.

The backup of an encrypted database is encrypted with the same key (both sides of the backup API are
keyed SQLCipher connections), and the database's keys file is copied beside it as
``<backup>.db.keys``: a backup carried to another disk opens with the passwords or the recovery key
of the day it was made. Functions that read a backup take the database ``key``; without it an
encrypted backup is refused with a clear message (log in first).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from coopdesk.core.errors import StorageError
from coopdesk.core.input_files import InputFileError, read_limited
from coopdesk.storage import config, paths
from coopdesk.storage.cancel import Cancel, Cancelled, interrupted
from coopdesk.storage.encryption import (
    SQLITE_HEADER,
    EncryptedDatabaseError,
    WrongDatabaseKeyError,
    connect,
    database_errors,
    encrypt_database,
    export_encrypted,
    is_encrypted_file,
)
from coopdesk.storage.files import write_atomic
from coopdesk.storage.full_disk import file_disk_full, is_full, is_full_error, wal_settled
from coopdesk.storage.keyfile import (
    MAX_KEYS_BYTES,
    DamagedKeyFileError,
    KeyFile,
    MissingKeyFileError,
    key_file_path,
    same_database,
)
from coopdesk.storage.schema import HEAD, known_revisions
from coopdesk.storage.sqlite_codes import SQLITE_NOTADB, sqlite_code

REASONS = ("auto", "manual", "close", "migration", "restore", "damaged")
REASON_SV = {
    "auto": "automatisk (daglig)",
    "manual": "manuell",
    "close": "när programmet stängdes",
    "migration": "före uppdatering av databasen",
    "restore": "före återställning",
    "damaged": "skadad databas (sparad som den var)",
}
# Copies of the database as it was before a restore (or too damaged to back up) are never rotated away:
# they are what makes a restore undoable. An administrator removes them (``remove_kept``).
KEPT_REASONS = ("restore", "damaged")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>[0-9]{8}-[0-9]{6})-(?P<reason>" + "|".join(REASONS) + r")\.db$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size: int
    reason: str
    encrypted: bool = False

    @property
    def restorable(self) -> bool:
        return self.reason != "damaged"

    @property
    def kept_until_removed(self) -> bool:
        """A copy made before a restore (or of a damaged database): outside the rotation."""
        return self.reason in KEPT_REASONS


def _folder(folder: Path | None) -> Path:
    chosen = folder or config.backup_folder()
    try:
        paths.private_dir(chosen)
    except OSError as exc:
        raise StorageError(
            f"Säkerhetskopiemappen {chosen} kan inte användas: {exc.strerror}. Välj en annan mapp i Inställningar.",
            f"The backup folder {chosen} cannot be used: {exc.strerror}. Choose another folder in the settings.",
        ) from exc
    return chosen


OWNERS_FILE = ".databases.json"  # in the backup folder: which database each file name there belongs to


def folder_for(db_path: Path, folder: Path | None = None, *, claim: bool = False) -> Path:
    """Where the backups of ``db_path`` go: ``folder`` (default: the setting) itself for the first
    database with that file name to be backed up there, a folder of its own for another database with
    the same file name in another folder (``paths.backup_subfolder``). Two ``coopdesk.db`` in different
    folders therefore never share, list or rotate away each other's backups. ``claim``: a backup is being
    written, so an unclaimed name becomes this database's. A name whose database no longer exists where
    it was (moved to another disk or PC) is free again: a moved database finds its backups."""
    import json

    base = folder or config.backup_folder()
    try:
        resolved = str(Path(db_path).expanduser().resolve())
    except (OSError, RuntimeError):
        resolved = str(db_path)
    owners_path = base / OWNERS_FILE
    try:
        # a few lines written by coopdesk; a FIFO or a link to /dev/zero there is not read
        owners = json.loads(read_limited(owners_path, 1024 * 1024).decode("utf-8"))
    except (OSError, ValueError, RecursionError, InputFileError):
        owners = {}
    if not isinstance(owners, dict):
        owners = {}
    owner = owners.get(Path(db_path).stem)
    if owner == resolved:
        return base
    if owner is not None and not Path(owner).exists():
        owner = None  # that database was moved (another disk, another PC) or is gone: the name is free again
    if owner is None:
        if claim:
            with contextlib.suppress(OSError, StorageError):
                paths.private_dir(base)
                owners[Path(db_path).stem] = resolved
                write_atomic(owners_path, (json.dumps(owners, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return base
    return base / paths.backup_subfolder(db_path)


def _where(source: str | Path, folder: Path | None) -> tuple[str, Path]:
    """(stem, folder) of the backups of ``source``: a database file (its own folder, see
    :func:`folder_for`), or a stem whose backups are in ``folder`` (default: the backup folder itself)."""
    if isinstance(source, Path):
        return source.stem, folder_for(source, folder) if folder is None else folder
    return source, folder or config.backup_folder()


#: Pages copied between two looks at a :class:`Cancel` (4 MB of 4 kB pages: a few milliseconds).
BACKUP_PAGES = 1024


def backup_name(stem: str, taken_at: dt.datetime, reason: str) -> str:
    return f"{stem}-{taken_at:%Y%m%d-%H%M%S}-{reason}.db"


def integrity(path: Path, key: bytes | None = None, cancel: Cancel | None = None) -> str:
    """``ok`` or SQLite's description of what is wrong with the file (opened with ``key`` if encrypted).

    With ``cancel``, the check stops with :class:`Cancelled` once it is cancelled."""
    return _integrity(path, key, cancel)[0]


def _integrity(path: Path, key: bytes | None, cancel: Cancel | None = None) -> tuple[str, int | None]:
    """:func:`integrity`, with SQLite's result code when the file could not even be read (else None)."""
    try:
        connection = connect(path, key if _encrypted(path) else None, readonly=True)
        try:
            if cancel is not None:
                cancel.watch(connection)
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except database_errors() as exc:
        if cancel is not None and interrupted(exc):
            raise Cancelled() from exc
        return str(exc), sqlite_code(exc)
    return "; ".join(str(r[0]) for r in rows[:5]), None


def _encrypted(path: Path) -> bool:
    """Encrypted: not a plain SQLite file. (Anything unreadable is left to SQLite to refuse.)"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head != SQLITE_HEADER and is_encrypted_file(path)


def _needs_key(path: Path, what_sv: str, what_en: str) -> EncryptedDatabaseError:
    return EncryptedDatabaseError(
        f"{what_sv} {path} är krypterad{'t' if what_sv == 'Filen' else ''}. Logga in (lösenord eller "
        "återställningsnyckel) för att använda den.",
        f"{what_en} {path} is encrypted. Log in (password or recovery key) to use it.",
    )


def make_backup(
    source: Path,
    *,
    folder: Path | None = None,
    target: Path | None = None,
    reason: str = "manual",
    now: dt.datetime | None = None,
    key: bytes | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """Back up the live database ``source`` to ``target`` (or a named file in the backup folder).

    An encrypted database needs its ``key``: the backup is encrypted with it, and the keys file is
    copied beside the backup (when the database has none, the backup is made without: any keys file
    of the same database opens it).

    With ``cancel``, the copy and its check stop with :class:`Cancelled` once it is cancelled (asked
    every :data:`BACKUP_PAGES` pages); the partial file is removed, so nothing half-made is left.
    """
    now = now or dt.datetime.now()
    source = Path(source)
    if key is None and _encrypted(source):
        raise _needs_key(source, "Databasen", "The database")
    if target is None:
        chosen = folder_for(source, claim=True) if folder is None else folder
        target = _folder(chosen) / backup_name(source.stem, now, reason)
    target = Path(target)
    if target.name in ("", ".", ".."):
        raise StorageError(
            f"{target} är inget filnamn för en säkerhetskopia.", f"{target} is not a file name for a backup."
        )
    partial = target.with_name(f".{target.name}.partial")
    keys = _read_keys(source) if key is not None else None
    try:
        paths.private_dir(target.parent)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        src = _connect_source(source, key)
        dst = connect(partial, key)
        try:
            with dst:
                if cancel is None:
                    src.backup(dst)
                else:
                    # In steps, so a cancel is seen within milliseconds; an exception raised by the
                    # progress callback ends the backup (sqlite3 and sqlcipher3 alike).
                    src.backup(dst, pages=BACKUP_PAGES, progress=lambda *_: cancel.check())
            # A backup is one self-contained file: no -wal or -shm beside it on a USB stick.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        result = integrity(partial, key, cancel)
        if result != "ok":
            raise StorageError(
                f"Säkerhetskopian {target} klarade inte kontrollen ({result}). Databasen är oförändrad.",
                f"The backup {target} failed its check ({result}). The database is unchanged.",
            )
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        if keys is not None:  # before the backup gets its name: a named backup always has its keys
            write_atomic(key_file_path(target), keys)
        os.replace(partial, target)
    except database_errors() as exc:
        _remove(partial)
        if "full" in str(exc).lower() or is_full(partial.parent):
            raise file_disk_full(target) from exc
        raise StorageError(
            f"Databasen {source} kunde inte säkerhetskopieras: {exc}.",
            f"The database {source} could not be backed up: {exc}.",
        ) from exc
    except OSError as exc:
        _remove(partial)
        if is_full_error(exc):
            raise file_disk_full(target) from exc
        raise StorageError(
            f"Säkerhetskopian {target} kunde inte skrivas: {exc.strerror}. Kontrollera mappen och att disken "
            "inte är full.",
            f"The backup {target} could not be written: {exc.strerror}. Check the folder and that the disk is "
            "not full.",
        ) from exc
    except BaseException:
        _remove(partial)
        raise
    return target


def _connect_source(source: Path, key: bytes | None):  # -> a DB-API connection
    """The database to back up, read-only; on a full disk (no ``-shm`` can be made) without touching it."""
    connection = connect(source, key, readonly=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except database_errors():
        connection.close()
        if not (is_full(source.parent) and wal_settled(source)):
            raise
    return connect(source, key, immutable=True)


def _read_keys(db_path: Path) -> bytes | None:
    """The keys file's bytes as they are (copied, not parsed: even a damaged one is worth keeping)."""
    try:
        return read_limited(key_file_path(db_path), MAX_KEYS_BYTES, "Nyckelfilen", "The keys file")
    except FileNotFoundError:
        return None


def _load_keys(db_path: Path) -> KeyFile | None:
    """The keys file beside ``db_path``; a damaged one counts as none (a sound one may replace it)."""
    try:
        return KeyFile.load(db_path)
    except DamagedKeyFileError:
        return None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # its folder may not exist (a path under a file): nothing was written
        path.unlink(missing_ok=True)


def list_backups(source: str | Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of the database ``source`` (a file, or a stem in ``folder``), newest first."""
    stem, chosen = _where(source, folder)
    if not chosen.is_dir():
        return []
    found = []
    for path in chosen.iterdir():
        match = _NAME.match(path.name)
        if match and match["stem"] == stem and path.is_file():
            taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(BackupInfo(path, taken, path.stat().st_size, match["reason"], _encrypted(path)))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(stem: str | Path, folder: Path | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 ISO weeks and 12 months; remove the rest.

    Copies made before a restore and copies of a damaged database are never removed here: they may be
    all that is left of some data (an administrator removes them with ``remove_kept``).
    """
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    removed = []
    for backup in list_backups(stem, folder):
        if backup.kept_until_removed:
            continue
        day = backup.taken_at.date()
        week = tuple(day.isocalendar())[:2]
        month = (day.year, day.month)
        keep = False
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep = True
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)  # type: ignore[arg-type]
            keep = True
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep = True
        if not keep:
            backup.path.unlink(missing_ok=True)
            key_file_path(backup.path).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def backup_due(stem: str | Path, folder: Path | None = None, today: dt.date | None = None) -> bool:
    """True when no backup of the database has been taken today, or one was cut short (closing the app
    did not wait for it: :func:`mark_backup_due`)."""
    today = today or dt.date.today()
    if _due_marker(stem, folder).exists():
        return True
    return not any(b.taken_at.date() == today and not b.kept_until_removed for b in list_backups(stem, folder))


def _due_marker(source: str | Path, folder: Path | None = None) -> Path:
    stem, chosen = _where(source, folder)
    return chosen / f".{stem}.backup-due"


def mark_backup_due(source: str | Path, folder: Path | None = None) -> None:
    """Remember that a backup was cut short, so that the next start takes it (whatever the day)."""
    marker = _due_marker(source, folder)
    with contextlib.suppress(OSError):  # at worst the daily rule takes the backup a day later
        paths.private_dir(marker.parent)
        marker.touch(mode=0o600)


def clear_backup_due(source: str | Path, folder: Path | None = None) -> None:
    with contextlib.suppress(OSError):
        _due_marker(source, folder).unlink(missing_ok=True)


def taken_at(path: Path) -> dt.datetime | None:
    """When a backup was taken, from its name (None for a file named otherwise)."""
    match = _NAME.match(Path(path).name)
    return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match else None


def remove_kept(stem: str | Path, name: str, folder: Path | None = None) -> Path:
    """Remove a copy kept before a restore (by its file name), with its keys file and log; returns it.

    Only such copies: the others come and go with the rotation.
    """
    for backup in list_backups(stem, folder):
        if backup.path.name == Path(name).name and backup.kept_until_removed:
            for extra in ("", ".keys", "-wal"):
                Path(f"{backup.path}{extra}").unlink(missing_ok=True)
            return backup.path
    raise StorageError(
        f"{name} är ingen kopia från före en återställning av den här databasen (se 'coopdesk backup --list').",
        f"{name} is not a copy kept before a restore of this database (see 'coopdesk backup --list').",
    )


def verify_backup(path: Path, key: bytes | None = None) -> None:
    """Refuse a file that is not a sound coopdesk database this version can read.

    A plain backup verifies with or without ``key``; an encrypted one needs the key it was made with.
    """
    path = Path(path)
    if not path.is_file():
        if path.exists():  # a folder, a device or a FIFO: no backup (and a FIFO is not opened: it would wait)
            raise StorageError(
                f"{path} är ingen vanlig fil och ingen säkerhetskopia.", f"{path} is not a regular file and no backup."
            )
        raise StorageError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    encrypted = _encrypted(path)
    if encrypted and key is None:
        raise _needs_key(path, "Säkerhetskopian", "The backup")
    result, code = _integrity(path, key)
    if result != "ok":
        # the wrong key reads as SQLITE_NOTADB; SQLite's words only where the driver gives no code
        wrong_key = code == SQLITE_NOTADB if code is not None else "not a database" in result
        if encrypted and wrong_key:
            raise WrongDatabaseKeyError(
                f"Säkerhetskopian {path} är krypterad med en annan nyckel (den hör till en annan databas, eller "
                "är skadad). Välj en annan säkerhetskopia.",
                f"The backup {path} is encrypted with another key (it belongs to another database, or is "
                "damaged). Choose another backup.",
            )
        raise StorageError(
            f"Filen {path} är ingen hel coopdesk-databas ({result}). Välj en annan säkerhetskopia.",
            f"The file {path} is not a sound coopdesk database ({result}). Choose another backup.",
        )
    connection = connect(path, key if encrypted else None, readonly=True)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if ("alembic_version" in tables)
            else None
        )
    finally:
        connection.close()
    if version is None or "attendance" not in tables:
        raise StorageError(
            f"Filen {path} är ingen coopdesk-databas.",
            f"The file {path} is not a coopdesk database.",
        )
    if version[0] != HEAD and version[0] not in known_revisions():
        raise StorageError(
            f"Säkerhetskopian {path} är gjord av en nyare version av coopdesk och kan inte läsas av den här.",
            f"The backup {path} was made by a newer version of coopdesk and cannot be read by this one.",
        )


def newest_good_backup(stem: str | Path, folder: Path | None = None, *, key: bytes | None = None) -> BackupInfo | None:
    """The newest backup that verifies (encrypted ones only with ``key``)."""
    for backup in list_backups(stem, folder):
        if backup.restorable:
            try:
                verify_backup(backup.path, key)
            except StorageError:
                continue
            return backup
    return None


def _copy_private(source: Path, target: Path) -> None:
    """``source``'s bytes into the new file ``target``, owner-only from its first byte."""
    with (
        open(source, "rb") as src,
        os.fdopen(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as dst,
    ):
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def _keep_raw(db_path: Path, kept: Path) -> None:
    """The database's bytes (with its -wal and keys file) copied as they are, for a database too damaged
    to back up the SQLite way. All or nothing: a copy that cannot be finished (a full disk) is removed
    again and the restore refused, for a half copy would pass for the database as it was."""
    wal = db_path.with_name(db_path.name + "-wal")
    made: list[Path] = []
    try:
        for source, target in ((db_path, kept), (wal, kept.with_name(kept.name + "-wal"))):
            if source == db_path or source.exists():
                made.append(target)
                _copy_private(source, target)
        current_bytes = _read_keys(db_path)
        if current_bytes is not None:
            made.append(key_file_path(kept))
            write_atomic(key_file_path(kept), current_bytes)
    except (OSError, StorageError) as exc:
        for path in made:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        if isinstance(exc, StorageError):
            raise
        if is_full_error(exc):
            raise file_disk_full(kept) from exc
        raise StorageError(
            f"Databasen kunde inte sparas som kopia i {kept} ({exc.strerror}), så den återställs inte. "
            "Databasen är som den var.",
            f"The database could not be kept as a copy in {kept} ({exc.strerror}), so it is not restored. "
            "The database is as it was.",
        ) from exc


def restore(db_path: Path, backup_path: Path, *, folder: Path | None = None, key: bytes | None = None) -> Path | None:
    """Replace the (closed) database with a verified backup; the current file is kept as a backup first.

    Returns the copy of the database as it was before (None when there was no database).

    Encryption: an encrypted backup needs its ``key`` and comes back encrypted. A plain backup restored
    with a ``key`` (an old backup of a database encrypted since) comes back encrypted with that key;
    without a key it cannot replace an encrypted database. The keys file: the current one stays when
    it belongs to the same database as the backup's; the backup's is put beside the database when
    there is none, or when the current one belongs to another database (the replaced database keeps
    its own keys file beside its copy). An encrypted result with no keys file anywhere is refused.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if db_path.is_dir():
        raise StorageError(
            f"{db_path} är en mapp, ingen databas. Ange databasens fil.",
            f"{db_path} is a folder, not a database. Name the database file.",
        )
    verify_backup(backup_path, key)
    backup_encrypted = _encrypted(backup_path)
    current_encrypted = db_path.exists() and _encrypted(db_path)
    encrypt = backup_encrypted or key is not None
    current_keys = _load_keys(db_path)
    keys_after: KeyFile | None = None
    if encrypt:
        backup_keys = _load_keys(backup_path) if backup_encrypted else None
        keys_after = current_keys
        if backup_keys is not None and not same_database(current_keys, backup_keys):
            keys_after = backup_keys
        if keys_after is None:
            raise MissingKeyFileError(backup_path if backup_encrypted else db_path)
    elif current_encrypted:
        raise _needs_key(db_path, "Databasen", "The database")
    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:  # an empty file holds nothing to keep
        try:
            kept = make_backup(db_path, folder=folder, reason="restore", key=key if current_encrypted else None)
        except StorageError:  # too damaged to back up the SQLite way: keep its bytes as they are
            kept = _folder(folder_for(db_path, claim=True) if folder is None else folder) / backup_name(
                db_path.stem, dt.datetime.now(), "damaged"
            )
            _keep_raw(db_path, kept)
    partial = db_path.with_name(f".{db_path.name}.restoring")
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        if encrypt and not backup_encrypted:
            assert key is not None
            export_encrypted(backup_path, partial, key)
        else:
            src = connect(backup_path, key if encrypt else None, readonly=True)
            dst = connect(partial, key if encrypt else None)
            try:
                with dst:
                    src.backup(dst)
            finally:
                dst.close()
                src.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        if keys_after is not None and keys_after is not current_keys:
            keys_after.copy_to(db_path)  # first: a restored encrypted file is never without its keys
        for suffix in ("-wal", "-shm"):  # the old log belongs to the old file
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(partial, db_path)
    except (OSError, *database_errors()) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Återställningen misslyckades: {exc}. Databasen är som den var"
            + (f"; en kopia finns i {kept}." if kept else "."),
            f"The restore failed: {exc}. The database is as it was" + (f"; a copy is in {kept}." if kept else "."),
        ) from exc
    return kept


def encrypt_backups(db_path: Path, key: bytes, folder: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Encrypt the plain backups of ``db_path`` in the backup folder and give each a copy of the keys file.

    Returns (converted, failed). A backup that cannot be converted (a copy of a damaged database) is
    left as it is and listed in ``failed``: it may be all that is left of some data, so it is not
    deleted here; the caller tells the user where it is.
    """
    keys = KeyFile.require(db_path)
    converted: list[Path] = []
    failed: list[Path] = []
    for backup in list_backups(Path(db_path), folder):
        with open(backup.path, "rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                continue  # encrypted already (or not a database at all)
        keys.copy_to(backup.path)  # first: an encrypted backup is never without its keys file
        try:
            encrypt_database(backup.path, key)
        except StorageError:
            failed.append(backup.path)
            continue
        converted.append(backup.path)
    return converted, failed
