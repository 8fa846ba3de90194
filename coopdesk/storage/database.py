"""Opening a coopdesk database: the engine, its pragmas, sessions and automatic migrations.

SQLite is the default store. Each connection gets WAL (readers never block the writer),
``synchronous=FULL`` (a committed registration survives a power cut), foreign keys and a busy
timeout (a second process waits for a write lock instead of failing at once). Opening a database
brings its schema up to date with alembic, after a backup made with SQLite's online backup API;
a database written by a newer coopdesk is refused rather than damaged.

Given a key, the file is an SQLCipher database (encryption at rest, see ``encryption.py`` and
``keyfile.py``): every connection is keyed before anything else touches the file.

PostgreSQL (``postgresql+psycopg://user@host/database``, the ``coopdesk[postgres]`` extra) is the
shared store for several PCs. Its connections time out after ``CONNECT_TIMEOUT_S`` unless the URL
says otherwise, are checked before use (``pool_pre_ping``), and a server that cannot be reached,
or a connection lost half-way, becomes :class:`ServerUnreachableError`: nothing was changed, and
the same unit of work can simply be tried again.

The translation of database errors into clear messages lives in ``database_errors.py``, the
migrations in ``schema_migration.py`` (the alembic configuration in ``schema.py``); their public names are
importable from here as well. This module sits at the top of storage's opening path: it uses those
modules, and none of them uses it (they read an open database through the ``OpenDatabase`` Protocol),
so the dependencies run one way (tests/unit/test_import_graph.py).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coopdesk.core.errors import StorageError
from coopdesk.storage import paths
from coopdesk.storage.cancel import Cancel, Cancelled, interrupted
from coopdesk.storage.creation import settle
from coopdesk.storage.database_errors import (
    CorruptDatabaseError,
    ServerUnreachableError,
    bad_url,
    corrupt_error,
    make_url_safe,
    storage_error,
)
from coopdesk.storage.encryption import (
    EncryptedDatabaseError,
    WrongDatabaseKeyError,
    cipher_module,
    connect,
    database_errors,
    is_encrypted_file,
    key_pragma,
)
from coopdesk.storage.full_disk import database_disk_full, is_full, read_only_disk_full, wal_settled
from coopdesk.storage.schema import HEAD, alembic_config, known_revisions, schema_head
from coopdesk.storage.schema_migration import backup_before_migration, migrate

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CONNECT_TIMEOUT_S",
    "PG_KEEPALIVES",
    "CorruptDatabaseError",
    "Database",
    "EncryptedDatabaseError",
    "ServerUnreachableError",
    "WrongDatabaseKeyError",
    "alembic_config",
    "backup_before_migration",
    "check_integrity",
    "corrupt_error",
    "is_encrypted_file",
    "known_revisions",
    "make_url_safe",
    "migrate",
    "open_database",
    "schema_head",
]

BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5  # PostgreSQL: how long to wait for the server before saying it cannot be reached
# TCP keepalives (libpq's parameters): a server that vanished mid-query is noticed in about a minute,
# not after the operating system's two hours.
PG_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _keyed_creator(path: Path, key: bytes) -> tuple[ModuleType, Callable[[], object]]:
    """Connections to an SQLCipher file, keyed before SQLAlchemy (or anything else) reads the file."""
    return cipher_module(), lambda: connect(path, key, check_same_thread=False)


class Database:
    """One open database: an engine and a session factory. Sessions are never shared by threads."""

    def __init__(self, engine: Engine, key: bytes | None = None, *, read_only: bool = False) -> None:
        self.engine = engine
        self.key = key  # the SQLCipher key of an encrypted file (backups use it), None for a plain one
        self.read_only = read_only  # opened read-only on a full disk (full_disk.py): nothing can change
        self.unlogged = False  # an output was handed out on a full disk without its audit entry
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_encrypted(self) -> bool:
        return self.key is not None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.engine.url.database) if self.is_sqlite and self.engine.url.database else None

    def describe(self) -> str:
        """The database as a supervisor would name it: the file, or the server without password."""
        return str(self.sqlite_path) if self.sqlite_path else self.url

    @contextlib.contextmanager
    def output_session(self) -> Iterator[Session]:
        """The unit of work that logs a file handed out (an export, a backup): :meth:`session`, except on a
        database opened read-only because its disk is full. There the entry cannot be kept, and refusing
        would stop the very export or backup to another disk that frees the user (docs/rules.md, "En full
        disk"): the work is rolled back and ``unlogged`` is set, so the face says that it was not logged."""
        if not self.read_only:
            with self.session() as session:
                yield session
            return
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()
            self.unlogged = True

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back whole on any error.

        A database that is locked, full, damaged or unwritable becomes a StorageError with a clear
        message (a known error, not a bug), whoever asked: the GUI, the CLI or a script.
        """
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            if isinstance(exc, IntegrityError):
                raise  # a broken constraint is a bug in the rules, not a state of the file
            if self.read_only and self.sqlite_path is not None:
                raise read_only_disk_full(self.sqlite_path) from exc
            known = storage_error(self, exc, busy_timeout_ms=BUSY_TIMEOUT_MS)
            if known is None:
                raise  # not a known state of the database: a bug, logged with its traceback
            raise known from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[Session]:
        """A read-only unit of work that sees the database at one moment, however long it reads and
        whoever writes meanwhile: on PostgreSQL a REPEATABLE READ, READ ONLY transaction; on SQLite
        every read transaction already is one (WAL). For backups and exports. Nothing is committed."""
        try:
            with self.engine.connect() as connection:
                if not self.is_sqlite:
                    connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
                with Session(bind=connection) as session:
                    yield session
        except (OperationalError, DatabaseError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            known = storage_error(self, exc, busy_timeout_ms=BUSY_TIMEOUT_MS)
            if known is None:
                raise
            raise known from exc

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    db: str | None = None,
    *,
    create: bool = True,
    check: bool = True,
    key: bytes | None = None,
    read_only: bool = False,
) -> Database:
    """Open (and, if ``create``, create) the database named by ``--db``/``COOPDESK_DB``/default.

    With ``key`` (32 bytes, from the keys file) the file is an SQLCipher database; a new file is
    created encrypted. Without it, an encrypted file is refused with :class:`EncryptedDatabaseError`
    (log in first); a key that does not open the file gives :class:`WrongDatabaseKeyError`.

    Raises :class:`StorageError` with a clear message for a missing file, a file that is not a
    coopdesk database, or one from a newer version of coopdesk, and :class:`CorruptDatabaseError`
    (naming the newest sound backup) for a damaged one. ``check=False`` skips the quick check
    (about 0.7 s on ten years of data): read-only commands, and the desktop app, which runs the
    check in the background once its window is up. Damage met later still gives that error.

    A database on a full disk gives :class:`~coopdesk.storage.full_disk.DiskFullError`; ``read_only``
    then opens it without touching the disk (no migration, no check; see ``full_disk.py``).
    """
    url = paths.database_url(db)
    try:
        if url.startswith("sqlite:///"):
            # Built from the path, not parsed: a file name may hold '?', '#' or '%'.
            parsed = URL.create("sqlite", database=url.removeprefix("sqlite:///"))
        else:
            parsed = make_url(url)
    except ArgumentError as exc:
        raise bad_url(url, exc) from exc
    if key is not None:
        key_pragma(key)  # a malformed key is a programming error, refused at once
        cipher_module()  # not installed: say so before a file is created
    path: Path | None = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        settle(path)  # a creation killed half-way: finished if it was complete, else its leftovers go
        if path.is_dir():
            raise StorageError(
                f"{path} är en mapp. Ange databasens fil, till exempel {path / paths.DB_FILE_NAME}.",
                f"{path} is a folder. Name the database file, e.g. {path / paths.DB_FILE_NAME}.",
            )
        if path.exists() and path.stat().st_size == 0 and not create:
            raise StorageError(
                f"Filen {path} är tom och ingen coopdesk-databas. Skapa en med 'coopdesk --db {path} init'.",
                f"The file {path} is empty, not a coopdesk database. Create one with 'coopdesk --db {path} init'.",
            )
        if not path.exists():
            if not create:
                raise StorageError(
                    f"Databasen {path} finns inte. Skapa den med 'coopdesk init' eller välj en annan fil.",
                    f"The database {path} does not exist. Create it with 'coopdesk init' or choose another file.",
                )
            try:
                paths.private_dir(path.parent)
                # Created owner-only before SQLite opens it: it holds health-related personal data.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise StorageError(
                    f"Databasen {path} kan inte skapas: {exc.strerror}. Välj en mapp där du får skriva.",
                    f"The database {path} cannot be created: {exc.strerror}. Choose a folder you can write to.",
                ) from exc
        _refuse_wrong_kind(path, key)
    elif key is not None:
        raise StorageError(
            "Kryptering med nyckel finns bara för SQLite-filer. En databasserver krypteras på servern.",
            "Encryption with a key is for SQLite files only. A database server is encrypted on the server.",
        )
    if read_only and path is not None:
        return _open_read_only(parsed, path, key)
    try:
        # pool_use_lifo: the connection used last is handed out next. SQLite's page cache is per connection,
        # and since the GUI works on its database worker besides the odd direct read, FIFO rotated reads
        # over connections with cold caches: a month switch took a third longer (bench/README.md, issue 14).
        if key is not None and path is not None:
            module, creator = _keyed_creator(path, key)
            engine = create_engine(parsed, module=module, creator=creator, pool_use_lifo=True)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(parsed, pool_pre_ping=True, connect_args=_pg_connect_args(parsed))
        elif parsed.database in (None, "", ":memory:"):  # one connection per thread: there is no queue
            engine = create_engine(parsed)
        else:
            engine = create_engine(parsed, pool_use_lifo=True)
    except (ArgumentError, ImportError) as exc:  # an unknown dialect, or its driver is not installed
        raise bad_url(url, exc) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    database = Database(engine, key)
    try:
        if check:
            check_integrity(database)
        migrate(database)
    except StorageError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError, *database_errors()) as exc:
        engine.dispose()
        if path is not None and is_full(path.parent):
            raise database_disk_full(path) from exc
        known = storage_error(database, exc, busy_timeout_ms=BUSY_TIMEOUT_MS)
        if known is None:
            raise
        raise known from exc
    return database


def _open_read_only(parsed: URL, path: Path, key: bytes | None) -> Database:
    """A cleanly closed database on a full disk, opened without writing anything (``full_disk.py``)."""
    if not wal_settled(path):
        raise read_only_disk_full(path)
    module = sqlite3 if key is None else cipher_module()
    engine = create_engine(
        parsed, module=module, creator=lambda: connect(path, key, immutable=True, check_same_thread=False)
    )
    database = Database(engine, key, read_only=True)
    try:
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except (DatabaseError, OperationalError, *database_errors()) as exc:
        engine.dispose()
        raise read_only_disk_full(path) from exc
    if version != HEAD:  # it would have to be migrated first, which needs space
        engine.dispose()
        raise read_only_disk_full(path)
    return database


def _pg_connect_args(url: URL) -> dict[str, object]:
    """A short connect timeout and TCP keepalives, unless the URL sets them itself."""
    wanted: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S, **PG_KEEPALIVES}
    return {name: value for name, value in wanted.items() if name not in url.query}


def _refuse_wrong_kind(path: Path, key: bytes | None) -> None:
    """An encrypted file without a key, or a plain one with a key: a clear message before SQLite is asked."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if key is None and is_encrypted_file(path):
        raise EncryptedDatabaseError(
            f"Databasen {path} är krypterad. Logga in med ditt användarnamn och lösenord (eller "
            "återställningsnyckeln) för att öppna den.",
            f"The database {path} is encrypted. Log in with your user name and password (or the recovery key) "
            "to open it.",
        )
    if key is not None:
        with open(path, "rb") as handle:
            plain = handle.read(16) == b"SQLite format 3\x00"
        if plain:
            raise StorageError(
                f"Databasen {path} är inte krypterad. Kryptera den först med 'coopdesk encrypt'.",
                f"The database {path} is not encrypted. Encrypt it first with 'coopdesk encrypt'.",
            )


def check_integrity(database: Database, cancel: Cancel | None = None) -> None:
    """A quick check when the database opens, so damage is found at once and not half-way a task.

    With ``cancel``, the check stops with :class:`~coopdesk.storage.cancel.Cancelled` once it is
    cancelled (closing the app does not wait for it; the next start checks again)."""
    path = database.sqlite_path
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if cancel is not None:
            cancel.watch(raw)
        try:
            rows = connection.exec_driver_sql("PRAGMA quick_check").fetchall()
        except Exception as exc:
            if cancel is not None and interrupted(getattr(exc, "orig", exc)):
                raise Cancelled() from exc
            raise
        finally:
            if cancel is not None:
                raw.set_progress_handler(None, 0)  # the connection goes back to the pool
    result = "; ".join(str(r[0]) for r in rows[:3])
    if result == "ok":
        return
    raise corrupt_error(path, result, key=database.key)
