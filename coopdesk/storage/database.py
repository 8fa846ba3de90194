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
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coopdesk.core.errors import StorageError
from coopdesk.storage import paths
from coopdesk.storage.encryption import (
    EncryptedDatabaseError,
    WrongDatabaseKeyError,
    cipher_module,
    database_errors,
    is_encrypted_file,
    key_pragma,
)
from coopdesk.storage.schema import HEAD

if TYPE_CHECKING:  # alembic is imported only when a migration has to run (start-up time)
    from alembic.config import Config

BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5  # PostgreSQL: how long to wait for the server before saying it cannot be reached
# TCP keepalives (libpq's parameters): a server that vanished mid-query is noticed in about a minute,
# not after the operating system's two hours.
PG_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}
# An advisory lock held while a PostgreSQL schema is migrated, so that two PCs upgrading at the same
# moment take turns instead of both altering the tables (the number is arbitrary but fixed).
PG_MIGRATION_LOCK = 0x636F6F70  # "coop"


class ServerUnreachableError(StorageError):
    """The database server cannot be reached (down, network gone, timeout, connection lost).

    Nothing was changed: the unit of work was rolled back (or never started), so the caller may keep
    what the user typed and try the same thing again.
    """


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _keyed_creator(path: Path, key: bytes) -> tuple[ModuleType, Callable[[], object]]:
    """Connections to an SQLCipher file, keyed before SQLAlchemy (or anything else) reads the file."""
    from coopdesk.storage.encryption import connect

    return cipher_module(), lambda: connect(path, key, check_same_thread=False)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates "%": a folder such as C:\\Users\\Björn (percent-encoded in URLs) or a
    # name with "%" must not break the migrations, so every value is escaped.
    config.set_main_option("script_location", str(paths.migrations_dir()).replace("%", "%%"))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


class Database:
    """One open database: an engine and a session factory. Sessions are never shared by threads."""

    def __init__(self, engine: Engine, key: bytes | None = None) -> None:
        self.engine = engine
        self.key = key  # the SQLCipher key of an encrypted file (backups use it), None for a plain one
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
            raise _storage_error(self, exc) from exc
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
            raise _storage_error(self, exc) from exc

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    db: str | None = None, *, create: bool = True, check: bool = True, key: bytes | None = None
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
    """
    url = paths.database_url(db)
    try:
        if url.startswith("sqlite:///"):
            # Built from the path, not parsed: a file name may hold '?', '#' or '%'.
            parsed = URL.create("sqlite", database=url.removeprefix("sqlite:///"))
        else:
            parsed = make_url(url)
    except ArgumentError as exc:
        raise _bad_url(url, exc) from exc
    if key is not None:
        key_pragma(key)  # a malformed key is a programming error, refused at once
        cipher_module()  # not installed: say so before a file is created
    path: Path | None = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
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
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
    try:
        if key is not None and path is not None:
            module, creator = _keyed_creator(path, key)
            engine = create_engine(parsed, module=module, creator=creator)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(parsed, pool_pre_ping=True, connect_args=_pg_connect_args(parsed))
        else:
            engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:  # an unknown dialect, or its driver is not installed
        raise _bad_url(url, exc) from exc
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
        raise _storage_error(database, exc) from exc
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


def _bad_url(url: str, exc: Exception) -> StorageError:
    shown = make_url_safe(url)
    if isinstance(exc, ImportError) and url.startswith("postgresql"):
        return StorageError(
            f"Stöd för PostgreSQL är inte installerat ({exc.name}). Installera coopdesk[postgres].",
            f"PostgreSQL support is not installed ({exc.name}). Install coopdesk[postgres].",
        )
    return StorageError(
        f"Databasadressen {shown} kan inte användas ({exc}). Ange en fil, eller en adress som "
        "postgresql+psycopg://användare@server/databas.",
        f"The database address {shown} cannot be used ({exc}). Give a file, or an address such as "
        "postgresql+psycopg://user@host/database.",
    )


def make_url_safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _storage_error(database: Database, exc: Exception) -> StorageError:
    text = str(exc).lower()
    where = database.describe()
    if not database.is_sqlite:
        server = _server_error(database, exc, text)
        if server is not None:
            return server
    if "malformed" in text and database.sqlite_path is not None:
        return corrupt_error(database.sqlite_path, str(getattr(exc, "orig", exc)).split("\n")[0], key=database.key)
    if ("not a database" in text or "file is encrypted" in text) and database.key is not None:
        return WrongDatabaseKeyError(
            f"Nyckeln öppnar inte databasen {where}. Nyckelfilen {where}.keys hör kanske till en annan databas "
            "(lägg tillbaka den som hör till), eller så är filen skadad.",
            f"The key does not open the database {where}. The keys file {where}.keys may belong to another "
            "database (put back the one that belongs to it), or the file is damaged.",
        )
    if "not a database" in text or "file is encrypted" in text:
        return StorageError(
            f"Filen {where} är ingen coopdesk-databas (eller så är den skadad).",
            f"The file {where} is not a coopdesk database (or it is damaged).",
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            f"Disken är full: {where} kunde inte sparas. Inget ändrades. Frigör utrymme och försök igen.",
            f"The disk is full: {where} could not be saved. Nothing was changed. Free some space and try again.",
        )
    if "disk i/o error" in text:
        return StorageError(
            f"Ett fel uppstod när {where} skulle läsas eller skrivas (disken). Inget ändrades. Kontrollera disken "
            "eller USB-minnet och försök igen.",
            f"A disk error occurred while reading or writing {where}. Nothing was changed. Check the disk and try "
            "again.",
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            f"Databasen {where} är låst av ett annat program (väntade {BUSY_TIMEOUT_MS // 1000} sekunder). "
            "Inget ändrades. Försök igen om en stund.",
            f"The database {where} is locked by another program (waited {BUSY_TIMEOUT_MS // 1000} seconds). "
            "Nothing was changed. Try again in a moment.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"Databasen {where} kan inte öppnas för skrivning. Kontrollera behörigheterna för filen och mappen.",
            f"The database {where} cannot be opened for writing. Check the permissions of the file and folder.",
        )
    detail = str(getattr(exc, "orig", exc)).split("\n")[0]
    return StorageError(
        f"Databasen {where} kunde inte användas: {detail}. Inget ändrades.",
        f"The database {where} could not be used: {detail}. Nothing was changed.",
    )


# What libpq and the server say when the server cannot be reached or the connection is lost.
_UNREACHABLE = (
    "connection refused",
    "connection failed",
    "could not connect",
    "timeout expired",
    "timed out",
    "failed to resolve host",
    "could not translate host name",
    "name or service not known",
    "no route to host",
    "network is unreachable",
    "server closed the connection",
    "connection is closed",
    "connection not open",
    "terminating connection",
    "the database system is starting up",
    "the database system is shutting down",
    "could not receive data",
    "could not send data",
    "ssl syscall error",
    "consuming input failed",
    "connection reset",
    "broken pipe",
)


def _server_error(database: Database, exc: Exception, text: str) -> StorageError | None:
    """A database server's known errors: refused login, a missing database, an unreachable server."""
    where = database.describe()
    server = database.engine.url.host or "localhost"
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    if "password authentication failed" in text or "no password supplied" in text or sqlstate.startswith("28"):
        return StorageError(
            f"Databasservern {server} godtog inte inloggningen till {where}. Kontrollera användarnamnet i adressen "
            "och lösenordet (i ~/.pgpass eller PGPASSFILE).",
            f"The database server {server} refused the login to {where}. Check the user name in the address and "
            "the password (in ~/.pgpass or PGPASSFILE).",
        )
    if "no pg_hba.conf entry" in text:
        return StorageError(
            f"Databasservern {server} tar inte emot anslutningar från den här datorn ({where}). Den som sköter "
            "servern lägger till datorns nät i pg_hba.conf.",
            f"The database server {server} does not accept connections from this computer ({where}). Whoever "
            "looks after the server adds this computer's network to pg_hba.conf.",
        )
    if "does not exist" in text and "database" in text and sqlstate in ("", "3D000"):
        return StorageError(
            f"Databasen {where} finns inte på servern {server}. Den som sköter servern skapar den "
            "(CREATE DATABASE), sedan 'coopdesk init'.",
            f"The database {where} does not exist on the server {server}. Whoever looks after the server creates "
            "it (CREATE DATABASE), then 'coopdesk init'.",
        )
    lost = bool(getattr(exc, "connection_invalidated", False))
    if (
        lost
        or sqlstate.startswith("08")
        or sqlstate in ("57P01", "57P02", "57P03")
        or any(phrase in text for phrase in _UNREACHABLE)
    ):
        return ServerUnreachableError(
            f"Servern {server} går inte att nå ({where}). Inget ändrades; försök igen. Om felet kvarstår: "
            "kontrollera nätverket, eller fråga den som sköter servern.",
            f"The server {server} cannot be reached ({where}). Nothing was changed; try again. If it persists, "
            "check the network or ask whoever looks after the server.",
        )
    return None


def schema_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(database: Database) -> None:
    """Bring the schema to the newest version; back up an existing database first."""
    if _current_revision(database) == HEAD:
        return  # the everyday case, decided without importing alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current == head:
        return
    if current is None and tables - {"alembic_version"}:
        raise StorageError(
            f"Filen {database.describe()} är en databas, men ingen coopdesk-databas.",
            f"The file {database.describe()} is a database, but not a coopdesk database.",
        )
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StorageError(
            f"Databasen {database.describe()} är skapad av en nyare version av coopdesk. "
            "Uppdatera programmet innan du öppnar den.",
            f"The database {database.describe()} was written by a newer version of coopdesk. "
            "Update the program before you open it.",
        )
    if current is not None:
        backup_before_migration(database, current)
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Another PC may be migrating the same database right now: wait for it; then alembic
            # finds the schema already at head and does nothing.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_before_migration(database: Database, revision: str) -> Path | None:
    """A checked backup of the database as it was, before its schema changes.

    SQLite only: a server database is backed up on the server (pg_dump, see README), and its
    migration runs in one transaction (PostgreSQL's DDL is transactional), so a failed one changes
    nothing.
    """
    from coopdesk.storage.backup import make_backup

    source = database.sqlite_path
    return make_backup(source, reason="migration", key=database.key) if source is not None else None


def known_revisions() -> set[str]:
    """Every schema revision this version of coopdesk can read (imports alembic)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


class CorruptDatabaseError(StorageError):
    """The database file is damaged; the message names the newest good backup when there is one."""

    def __init__(self, sv: str, en: str, path: Path, backup: Path | None) -> None:
        super().__init__(sv, en)
        self.path = path
        self.backup = backup


def check_integrity(database: Database) -> None:
    """A quick check when the database opens, so damage is found at once and not half-way a task."""
    path = database.sqlite_path
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA quick_check").fetchall()
    result = "; ".join(str(r[0]) for r in rows[:3])
    if result == "ok":
        return
    raise corrupt_error(path, result, key=database.key)


def corrupt_error(path: Path, detail: str, *, key: bytes | None = None) -> CorruptDatabaseError:
    from coopdesk.storage.backup import newest_good_backup

    good = newest_good_backup(path.stem, key=key)
    if good is not None:
        hint_sv = (
            f" Den senaste hela säkerhetskopian är från {good.taken_at:%Y-%m-%d %H:%M}: "
            f"återställ den med 'coopdesk restore \"{good.path}\"' (eller Arkiv → Återställ)."
        )
        hint_en = (
            f" The newest sound backup is from {good.taken_at:%Y-%m-%d %H:%M}: restore it with "
            f"'coopdesk restore \"{good.path}\"' (or File → Restore)."
        )
    else:
        hint_sv = " Det finns ingen säkerhetskopia att återställa; kontakta den som sköter datorn."
        hint_en = " There is no backup to restore; contact whoever looks after the computer."
    return CorruptDatabaseError(
        f"Databasen {path} är skadad ({detail}).{hint_sv}",
        f"The database {path} is damaged ({detail}).{hint_en}",
        path,
        good.path if good else None,
    )
