"""Database errors translated into known errors (:class:`StorageError`) with clear messages.

A locked, full, damaged or unwritable database, a wrong key, a refused login or a server that cannot
be reached is a state of the world, not a bug: the user gets a message that says what happened, that
nothing was changed, and what to do. SQLite's errors are told apart by their result code, a server's
by its SQLSTATE; anything not recognised is a bug, re-raised as it is (and logged with its traceback).
``database.py`` re-exports the public names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from coopdesk.core.errors import StorageError
from coopdesk.storage.backup import newest_good_backup
from coopdesk.storage.encryption import WrongDatabaseKeyError
from coopdesk.storage.sqlite_codes import (
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    SQLITE_PERM,
    SQLITE_READONLY,
    sqlite_code,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine


class OpenDatabase(Protocol):
    """What the error translation and the migration read of an open database (``database.Database`` is
    one). A Protocol rather than an import: database.py uses both, so neither may use database.py."""

    engine: Engine
    key: bytes | None

    @property
    def is_sqlite(self) -> bool: ...

    @property
    def sqlite_path(self) -> Path | None: ...

    def describe(self) -> str: ...


class ServerUnreachableError(StorageError):
    """The database server cannot be reached (down, network gone, timeout, connection lost).

    Nothing was changed: the unit of work was rolled back (or never started), so the caller may keep
    what the user typed and try the same thing again.
    """


class CorruptDatabaseError(StorageError):
    """The database file is damaged; the message names the newest good backup when there is one."""

    def __init__(self, sv: str, en: str, path: Path, backup: Path | None) -> None:
        super().__init__(sv, en)
        self.path = path
        self.backup = backup


def make_url_safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def bad_url(url: str, exc: Exception) -> StorageError:
    """A database address that cannot be used, or whose driver is not installed."""
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


def _sqlite_kind(exc: BaseException, text: str) -> str | None:
    """What an SQLite error means: by its result code; by its words only when it carries no code.

    Python's sqlite3 (3.11+) and sqlcipher3 give every error SQLite raised its code. An error without
    one comes from the driver itself or from an older driver: only then are SQLite's English messages
    read, which are the same in every build (the message is not translated).
    """
    code = sqlite_code(exc)
    if code is not None:
        return {
            SQLITE_CORRUPT: "corrupt",
            SQLITE_NOTADB: "notadb",
            SQLITE_FULL: "full",
            SQLITE_IOERR: "ioerr",
            SQLITE_BUSY: "locked",
            SQLITE_LOCKED: "locked",
            SQLITE_READONLY: "readonly",
            SQLITE_CANTOPEN: "readonly",
            SQLITE_PERM: "readonly",
        }.get(code)
    for words, kind in (
        (("malformed",), "corrupt"),
        (("not a database", "file is encrypted"), "notadb"),
        (("disk is full",), "full"),
        (("disk i/o error",), "ioerr"),
        (("database is locked", "database table is locked", "busy"), "locked"),
        (("readonly", "read-only", "unable to open"), "readonly"),
    ):
        if any(w in text for w in words):
            return kind
    return None


# PostgreSQL's SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) for the same states.
_PG_KINDS = {
    "53100": "full",  # disk_full
    "55P03": "locked",  # lock_not_available
    "40P01": "locked",  # deadlock_detected: rolled back, may be tried again
    "40001": "locked",  # serialization_failure: the same
    "25006": "readonly",  # read_only_sql_transaction
    "XX001": "corrupt",  # data_corrupted
    "XX002": "corrupt",  # index_corrupted
    "58030": "ioerr",  # io_error
}


def storage_error(database: OpenDatabase, exc: Exception, *, busy_timeout_ms: int) -> StorageError | None:
    """A database error as a known error with a clear message: locked, full, damaged, unreachable, …

    None when the error is none of the known states of the world: then it is a bug, and the caller
    re-raises the original (the excepthook logs it with its traceback). ``busy_timeout_ms`` is how long
    the connections wait for a lock (``database.BUSY_TIMEOUT_MS``, read when the error happens).
    """
    text = str(exc).lower()
    where = database.describe()
    if database.is_sqlite:
        kind = _sqlite_kind(exc, text)
    else:
        server = _server_error(database, exc, text)
        if server is not None:
            return server
        kind = _PG_KINDS.get(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")
    if kind == "corrupt":
        detail = str(getattr(exc, "orig", exc)).split("\n")[0]
        if database.sqlite_path is not None:
            return corrupt_error(database.sqlite_path, detail, key=database.key)
        return StorageError(
            f"Databasen {where} är skadad ({detail}). Den som sköter servern återställer en säkerhetskopia.",
            f"The database {where} is damaged ({detail}). Whoever looks after the server restores a backup.",
        )
    if kind == "notadb" and database.key is not None:
        return WrongDatabaseKeyError(
            f"Nyckeln öppnar inte databasen {where}. Nyckelfilen {where}.keys hör kanske till en annan databas "
            "(lägg tillbaka den som hör till), eller så är filen skadad.",
            f"The key does not open the database {where}. The keys file {where}.keys may belong to another "
            "database (put back the one that belongs to it), or the file is damaged.",
        )
    if kind == "notadb":
        return StorageError(
            f"Filen {where} är ingen coopdesk-databas (eller så är den skadad).",
            f"The file {where} is not a coopdesk database (or it is damaged).",
        )
    if kind == "full":
        return StorageError(
            f"Disken är full: {where} kunde inte sparas. Inget ändrades. Frigör utrymme och försök igen.",
            f"The disk is full: {where} could not be saved. Nothing was changed. Free some space and try again.",
        )
    if kind == "ioerr":
        return StorageError(
            f"Ett fel uppstod när {where} skulle läsas eller skrivas (disken). Inget ändrades. Kontrollera disken "
            "eller USB-minnet och försök igen.",
            f"A disk error occurred while reading or writing {where}. Nothing was changed. Check the disk and try "
            "again.",
        )
    if kind == "locked":
        return StorageError(
            f"Databasen {where} är låst av ett annat program (väntade {busy_timeout_ms // 1000} sekunder). "
            "Inget ändrades. Försök igen om en stund.",
            f"The database {where} is locked by another program (waited {busy_timeout_ms // 1000} seconds). "
            "Nothing was changed. Try again in a moment.",
        )
    if kind == "readonly":
        return StorageError(
            f"Databasen {where} kan inte öppnas för skrivning. Kontrollera behörigheterna för filen och mappen.",
            f"The database {where} cannot be opened for writing. Check the permissions of the file and folder.",
        )
    return None  # not a known state of the world: a bug


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


def _server_error(database: OpenDatabase, exc: Exception, text: str) -> StorageError | None:
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


def corrupt_error(path: Path, detail: str, *, key: bytes | None = None) -> CorruptDatabaseError:
    """The damage named, with the newest sound backup to restore (backups are looked up only now)."""
    good = newest_good_backup(Path(path), key=key)
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
