"""Database errors translated into known errors (:class:`StorageError`) with clear messages.

A locked, full, damaged or unwritable database, a wrong key, a refused login or a server that cannot
be reached is a state of the world, not a bug: the user gets a message that says what happened, that
nothing was changed, and what to do. Anything not recognised still becomes a StorageError naming
the driver's own first line. ``database.py`` re-exports the public names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from coopdesk.core.errors import StorageError
from coopdesk.storage.encryption import WrongDatabaseKeyError

if TYPE_CHECKING:
    from coopdesk.storage.database import Database


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


def storage_error(database: Database, exc: Exception, *, busy_timeout_ms: int) -> StorageError:
    """A database error as a known error with a clear message: locked, full, damaged, unreachable, …

    ``busy_timeout_ms`` is how long the connections wait for a lock (``database.BUSY_TIMEOUT_MS``, read
    when the error happens: a test may shorten it).
    """
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
            f"Databasen {where} är låst av ett annat program (väntade {busy_timeout_ms // 1000} sekunder). "
            "Inget ändrades. Försök igen om en stund.",
            f"The database {where} is locked by another program (waited {busy_timeout_ms // 1000} seconds). "
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


def corrupt_error(path: Path, detail: str, *, key: bytes | None = None) -> CorruptDatabaseError:
    """The damage named, with the newest sound backup to restore (backups are looked up only now)."""
    from coopdesk.storage.backup import newest_good_backup

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
