"""Encryption at rest with SQLCipher: raw connections with a key, and converting a plain database.

The database key is a random 32-byte key (see ``keyfile.py`` for how users open it). It is handed to
SQLCipher as a raw key (``PRAGMA key = "x'…'"``), so a connection costs no key derivation. sqlcipher3
is imported only when a key is used: a plain database (tests, demos) starts as fast as before.

``encrypt_database`` converts an existing plain database in place; ``backup.encrypt_backups`` converts
its plain backups, which would otherwise leave the same data readable beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from coopdesk.core.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


class EncryptedDatabaseError(StorageError):
    """An encrypted database (or backup) was opened without its key: log in first."""


class WrongDatabaseKeyError(StorageError):
    """The key does not open the database: another database's keys file, or a damaged file."""


def cipher_module() -> ModuleType:
    """``sqlcipher3.dbapi2``, or a clear StorageError when it is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise StorageError(
            "Stöd för krypterade databaser (sqlcipher3) är inte installerat. Installera om coopdesk.",
            "Support for encrypted databases (sqlcipher3) is not installed. Reinstall coopdesk.",
        ) from exc
    return dbapi2


def database_errors() -> tuple[type[BaseException], ...]:
    """The DB-API errors a raw connection may raise: sqlite3's, and sqlcipher3's once it is in use."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.DatabaseError, cipher.DatabaseError) if cipher is not None else (sqlite3.DatabaseError,)


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw 256-bit key (no per-connection PBKDF2)."""
    if not isinstance(key, bytes) or len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def apply_key(connection: Any, key: bytes) -> None:
    """Key a new sqlcipher3 connection; must be its first statement."""
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not lines on stderr
    connection.execute(key_pragma(key))


def is_encrypted_file(path: Path) -> bool:
    """True when ``path`` looks like an SQLCipher database: not empty, no SQLite header.

    An encrypted file starts with 16 random bytes (its salt) where a plain SQLite file says
    ``SQLite format 3``. Without the key it cannot be told from other random bytes, so files that are
    plainly something else (text, zeros, a size that is no whole number of pages) count as not encrypted.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
        size = os.path.getsize(path)
    except OSError:
        return False
    if len(head) < 16 or head == SQLITE_HEADER or size % 512:
        return False
    if head == b"\0" * 16:
        return False
    return not all(32 <= b < 127 or b in (9, 10, 13) for b in head)  # text is not a salt


def connect(
    path: Path,
    key: bytes | None,
    *,
    readonly: bool = False,
    check_same_thread: bool = True,
    immutable: bool = False,
) -> Any:
    """A raw DB-API connection: sqlite3 for a plain file, sqlcipher3 keyed with ``key`` otherwise.

    The path is given as it is (a file name may hold '?', '#' or '%'); only a read-only connection
    needs a URI, and then the path is quoted. ``immutable`` (read-only, no lock, no ``-shm``, the
    ``-wal`` ignored): for reading a cleanly closed database on a full disk (``full_disk.py``).
    """
    if readonly or immutable:
        from urllib.request import pathname2url

        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        target, uri = f"file:{pathname2url(str(Path(path).absolute()))}?{flags}", True
    else:
        target, uri = str(path), False
    module = sqlite3 if key is None else cipher_module()
    connection = module.connect(target, uri=uri, check_same_thread=check_same_thread)
    if key is None:
        return connection
    try:
        apply_key(connection, key)
    except BaseException:
        connection.close()
        raise
    return connection


def _table_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    tables = [
        r[0]
        for r in connection.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='table' ORDER BY name")
        if not r[0].startswith("sqlite_")
    ]
    return {t: connection.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0] for t in tables}


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_sidecars(path: Path) -> None:
    """Remove the ``-wal``, ``-shm`` and ``-journal`` files of a closed database."""
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def encrypt_database(path: Path, key: bytes) -> None:
    """Convert the plain SQLite database ``path`` into an encrypted one with ``key``, in place.

    The database must be closed (the command line holds the instance lock). The data are exported
    with ``sqlcipher_export`` into a new file in the same folder, which is checked (``quick_check``,
    the same number of rows in every table) and flushed to disk before it replaces the plain file
    atomically; the old ``-wal``/``-shm`` files go too. Create and save the keys file *before*
    calling this (``KeyFile.create`` … ``save``), so that the encrypted file is never without it.
    Plain backups are converted by :func:`backup.encrypt_backups`.
    """
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"Databasen {path} finns inte.", f"The database {path} does not exist.")
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head != SQLITE_HEADER:
        if is_encrypted_file(path):
            raise StorageError(f"Databasen {path} är redan krypterad.", f"The database {path} is already encrypted.")
        raise StorageError(
            f"Filen {path} är ingen SQLite-databas och kan inte krypteras.",
            f"The file {path} is not an SQLite database and cannot be encrypted.",
        )
    key_pragma(key)  # refuse a malformed key before anything is written
    dbapi = cipher_module()
    partial = path.with_name(f".{path.name}.encrypting")
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        source = dbapi.connect(str(path))
        try:
            source.execute("PRAGMA cipher_log_level = NONE")
            busy, _, _ = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise StorageError(
                    f"Databasen {path} används av ett annat program. Stäng coopdesk och försök igen.",
                    f"The database {path} is in use by another program. Close coopdesk and try again.",
                )
            # Counted before the export: a program writing meanwhile makes the check below fail.
            expected = _table_counts(source)
            source.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(partial), f"x'{key.hex()}'"))
            source.execute("SELECT sqlcipher_export('encrypted')")
            version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
            source.execute(f"PRAGMA encrypted.user_version = {version}")  # not copied by the export
            source.execute("DETACH DATABASE encrypted")
        finally:
            source.close()
        check = connect(partial, key)
        try:
            result = "; ".join(str(r[0]) for r in check.execute("PRAGMA quick_check").fetchall()[:3])
            counts = _table_counts(check)
        finally:
            check.close()
        if result != "ok" or counts != expected:
            raise StorageError(
                f"Den krypterade kopian av {path} klarade inte kontrollen ({result}). Databasen är oförändrad.",
                f"The encrypted copy of {path} failed its check ({result}). The database is unchanged.",
            )
        remove_sidecars(partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        remove_sidecars(path)  # checkpointed above: the old log holds nothing more (but plain text)
        os.replace(partial, path)
        _fsync_dir(path.parent)
    except database_errors() as exc:
        raise StorageError(
            f"Databasen {path} kunde inte krypteras: {exc}. Den är oförändrad.",
            f"The database {path} could not be encrypted: {exc}. It is unchanged.",
        ) from exc
    except OSError as exc:
        raise StorageError(
            f"Databasen {path} kunde inte krypteras: {exc.strerror}. Den är oförändrad.",
            f"The database {path} could not be encrypted: {exc.strerror}. It is unchanged.",
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
        remove_sidecars(partial)


def export_encrypted(source: Path, target: Path, key: bytes) -> None:
    """Write the plain SQLite file ``source`` (not changed) as a new encrypted file ``target``."""
    connection = connect(target, key)
    try:
        connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(source),))
        connection.execute("SELECT sqlcipher_export('main', 'plain')")
        version = int(connection.execute("PRAGMA plain.user_version").fetchone()[0])
        connection.execute(f"PRAGMA main.user_version = {version}")
        connection.execute("DETACH DATABASE plain")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
