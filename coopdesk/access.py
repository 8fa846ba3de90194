"""Opening the database as a person: logging in, setting up a new database with its first
administrator, and the account changes that must also touch the keys file.

The GUI and the CLI both come through here, so they log in the same way. An encrypted database
(the default for new ones) cannot even be read without a key; its key is unwrapped from the keys
file beside it with the user's password (coopdesk.storage.keyfile). Then, for every database, the
account is checked in the database itself: it must exist, be active and have that password. A
wrong login or password gives one message whichever part was wrong, and the attempt is logged.

Qt-free: it is the layer above the core's services and the storage, not part of either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session as OrmSession

from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.errors import CoopdeskError, StorageError
from coopdesk.core.passwords import BACKOFF_WINDOW, backoff_seconds
from coopdesk.storage.database import Database, open_database

# The file checks live in a module without SQLAlchemy (the login dialog decides from them); kept here too
# for the callers that have always used them from access.
from coopdesk.storage.database_file import is_demo as is_demo
from coopdesk.storage.database_file import is_encrypted as is_encrypted
from coopdesk.storage.database_file import is_new as is_new
from coopdesk.storage.database_file import sqlite_path as sqlite_path

# The demo database's accounts. Their passwords are public on purpose (README, the demo's login
# dialog): a demo holds invented people only.
DEMO_ACCOUNTS = (
    ("admin", "Alex Administratör", ROLE_ADMIN, "demo-admin"),
    ("handledare", "Kim Handledare", ROLE_SUPERVISOR, "demo-handledare"),
)
RECOVERY_ACTOR = "återställningsnyckel"


class LoginError(CoopdeskError):
    """Wrong login or password (or an inactive account). The attempt is logged."""

    def __init__(self) -> None:
        super().__init__(
            "Fel användarnamn eller lösenord. Försök igen; en administratör kan ge dig ett nytt lösenord.",
            "Wrong login or password. Try again; an administrator can give you a new password.",
        )


class NoUsersError(CoopdeskError):
    """The database has no accounts yet (made before accounts existed): its first administrator is due."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"Databasen {where} har inga användare ännu. Skapa den första administratören: starta programmet, "
            "eller 'coopdesk init --admin NAMN' (lösenordet från COOPDESK_PASSWORD).",
            f"The database {where} has no users yet. Create its first administrator: start the app, or "
            "'coopdesk init --admin NAME' (password from COOPDESK_PASSWORD).",
        )


@dataclass
class UserSession:
    """A logged-in user on an open database (not SQLAlchemy's Session, which is a unit of work)."""

    db: Database
    actor: Actor
    must_change_password: bool = False


@dataclass
class Created:
    """A database just set up: its first administrator, and the recovery key to print (encrypted only)."""

    session: UserSession
    recovery_key: str | None
    populated: object = None  # what ``populate`` returned (an import's summary)


def _key_file(path: Path):  # -> KeyFile
    from coopdesk.storage.keyfile import KeyFile, MissingKeyFileError

    keys = KeyFile.load(path)
    if keys is None:
        raise MissingKeyFileError(path)
    return keys


def has_users(db: Database) -> bool:
    from coopdesk.core.services import users

    with db.session() as s:
        return users.has_users(s)


def login(
    db: str | None,
    login_name: str,
    password: str,
    *,
    check: bool = True,
    wait: Callable[[float], object] | None = None,
    meanwhile: Callable[[], object] | None = None,
    unwrapped: Callable[[], bytes | None] | None = None,
) -> UserSession:
    """Open the database as ``login_name``; raises LoginError (logged), NoUsersError or a StorageError.

    ``wait`` (the command line: ``time.sleep``) is called before the password is tried, with the
    wait the recent wrong passwords call for (``passwords.backoff_seconds``: 1, 2, 4 … at most 30 s),
    as the login dialog makes one wait; the failures count until a login succeeds, for 15 minutes.

    ``meanwhile`` is called while the key of an encrypted database is derived (scrypt, in a thread: it
    releases the GIL, so the caller's own work, e.g. importing what it needs next, runs on the other
    core); on a plain database it is called before the database is opened. It is called in any case,
    so the caller may rely on its effects; the key derivation itself is the same, once per login.

    ``unwrapped`` is the result() of a KeyDerivation already started for the same database, login and
    password (the login dialog starts one at Return, before this module can be imported): the key, or
    its WrongPasswordError raised. Without it, ``meanwhile`` starts one here; without either, the key
    is derived on the caller's thread.
    """
    from coopdesk.core.services import users
    from coopdesk.storage.creation import settle

    key = None
    path = sqlite_path(db)
    if path is not None:
        settle(path)
    now = dt.datetime.now().replace(microsecond=0)
    if path is not None and is_encrypted(db):
        from coopdesk.storage.key_derivation import KeyDerivation
        from coopdesk.storage.keyfile import WrongPasswordError

        keys = _key_file(path)
        if wait is not None:
            _wait_after_failures(wait, [at for _login, at in keys._failed], now)
        try:
            derived = unwrapped
            if derived is None and meanwhile is not None:
                derived = KeyDerivation(lambda: keys.unwrap_for(login_name, password)).result
            if meanwhile is not None:
                meanwhile()
            key = derived() if derived is not None else None
            if key is None:  # none started, or started while the file was not yet an encrypted one
                key = keys.unwrap_for(login_name, password)
        except WrongPasswordError:
            # The database cannot be opened to log this; the keys file keeps it until the next login.
            with contextlib.suppress(StorageError):  # a full disk: the attempt cannot be kept anywhere
                keys.note_failed_login(users.normal_login(login_name), now)
            raise LoginError() from None
    elif meanwhile is not None:
        meanwhile()
    from coopdesk.storage.full_disk import DiskFullError

    try:
        database = open_database(db, create=False, check=check, key=key)
    except DiskFullError:
        # Reading out (an export, a backup to another disk) still works: the login is checked, not recorded.
        database = open_database(db, create=False, check=False, key=key, read_only=True)
        try:
            return _read_only_login(database, login_name, password)
        except BaseException:
            database.close()
            raise
    try:
        if wait is not None and key is None:
            with database.session() as s:
                failures = users.recent_failed_logins(s, now - dt.timedelta(seconds=BACKOFF_WINDOW))
            _wait_after_failures(wait, failures, now)
        with database.session() as s:
            if key is not None:
                for attempt_login, at in _key_file(path).take_failed_logins():  # type: ignore[arg-type]
                    users.record_failed_login(s, attempt_login, at)
            if not users.has_users(s):
                raise NoUsersError(database.describe())
            result = users.authenticate(s, login_name, password, at=now, password_proven=key is not None)
        if result.actor is None:
            raise LoginError()
    except BaseException:
        database.close()
        raise
    return UserSession(database, result.actor, result.must_change_password)


def _read_only_login(database: Database, login_name: str, password: str) -> UserSession:
    """The password checked against the account without writing anything (a database on a full disk)."""
    import logging

    from coopdesk.core.services import users

    with database.session() as s:
        user = users.find(s, login_name)
        ok = users.passwords.verify_password(password, user.password_hash if user else users._DUMMY_HASH)
        if user is None or not ok or not user.active:
            raise LoginError()
        actor = users.actor_for(user)
    logging.getLogger("coopdesk").info("Login of %s not recorded: the disk is full (read-only)", actor.login)
    return UserSession(database, actor)


def _wait_after_failures(wait: Callable[[float], object], failures: list, now: dt.datetime) -> None:
    """Wait as long as the wrong passwords of the last 15 minutes call for (timestamps or ISO texts)."""
    since = now - dt.timedelta(seconds=BACKOFF_WINDOW)
    recent = 0
    for at in failures:
        try:
            moment = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
        except ValueError:
            continue
        recent += moment >= since
    seconds = backoff_seconds(recent)
    if seconds:
        wait(seconds)


def database_key(db: str | None, login_name: str, password: str) -> bytes | None:
    """The key of an encrypted database, unwrapped with a user's password (None for a plain one),
    without opening the database: for a restore over a database too damaged to log in to."""
    from coopdesk.storage.keyfile import WrongPasswordError

    path = sqlite_path(db)
    if path is None or not is_encrypted(db):
        return None
    try:
        return _key_file(path).unwrap_for(login_name, password)
    except WrongPasswordError:
        raise LoginError() from None


def unlock(session: UserSession, password: str) -> bool:
    """The password again, after the idle lock: checked against the account, the attempt logged."""
    from coopdesk.core.services import users

    with session.db.session() as s:
        result = users.authenticate(s, session.actor.login, password)
    return result.actor is not None and result.actor.login == session.actor.login


def switch_user(database: Database, login_name: str, password: str) -> UserSession:
    """Another user on the database that is open (Arkiv → Logga ut / Byt användare, or "Annan användare"
    on the lock screen): the same checks as :func:`login`. On an encrypted database the key must unwrap
    with this user's own password (each user has a copy of it) and be the open database's key; a wrong
    password is logged in the database like any failed login. Raises LoginError."""
    from coopdesk.core.services import users

    now = dt.datetime.now().replace(microsecond=0)
    path = database.sqlite_path
    if getattr(database, "key", None) is not None and path is not None:
        from coopdesk.storage.keyfile import WrongPasswordError

        try:
            key = _key_file(path).unwrap_for(login_name, password)
        except WrongPasswordError:
            key = None
        if key != database.key:
            with database.session() as s:
                users.record_failed_login(s, login_name, now)
            raise LoginError()
        proven = True  # the password unwrapped the open database's key: see users.authenticate
    else:
        proven = False
    with database.session() as s:
        result = users.authenticate(s, login_name, password, at=now, password_proven=proven)
    if result.actor is None:
        raise LoginError()
    return UserSession(database, result.actor, result.must_change_password)


def log_out(session: UserSession) -> None:
    """The user leaves (the window stays open for the next one): logged like the login."""
    from coopdesk.core import audit

    actor = session.actor
    with session.db.session() as s:
        audit.record(s, actor, "logout", "user", actor.login, summary=f"{actor.name} loggade ut")


def create_database(
    db: str | None,
    login_name: str,
    name: str,
    password: str,
    *,
    encrypt: bool = True,
    demo_accounts: bool = False,
    populate: Callable[[OrmSession, Actor], object] | None = None,
) -> Created:
    """Set up a new database (or one from before accounts) with its first administrator.

    Encrypted by default: a random key, wrapped for the administrator and for a recovery key that is
    returned once, to be printed and kept. ``demo_accounts`` adds the demo's supervisor too.
    ``populate(session, actor)`` fills the new database in the same unit of work (``import``, the
    demo); its result is ``Created.populated``.

    A new file is built under a temporary name and moved into place, with its keys file, only when
    complete (``storage/creation.py``): a creation killed at any moment leaves no database or a whole one.
    """
    from coopdesk.core.services import users
    from coopdesk.storage import creation

    path = sqlite_path(db)
    if path is not None:
        creation.settle(path)
    existing = path is not None and path.exists() and path.stat().st_size > 0
    if existing and is_encrypted(db):
        raise StorageError(
            f"Databasen {path} är redan uppsatt och krypterad. Logga in i den.",
            f"The database {path} is already set up and encrypted. Log in to it.",
        )
    if path is not None and not existing and Path(f"{path}.keys").exists():
        raise StorageError(
            f"Databasen {path} saknas, men dess nyckelfil {path}.keys finns kvar: databasen kan ha försvunnit. "
            "Återställ den med 'coopdesk restore' (Arkiv → Återställ), eller flytta bort nyckelfilen om du "
            "verkligen vill skapa en ny databas här.",
            f"The database {path} is missing, but its keys file {path}.keys is still there: the database may have "
            "been lost. Restore it with 'coopdesk restore', or move the keys file away if you really want to "
            "create a new database here.",
        )
    key = recovery = None
    if encrypt and path is not None:
        from coopdesk.storage.keyfile import new_database_key, new_recovery_key

        if existing:
            raise StorageError(
                f"Databasen {path} finns redan men är inte krypterad. Kryptera den med 'coopdesk encrypt', "
                "eller välj --no-encryption.",
                f"The database {path} exists but is not encrypted. Encrypt it with 'coopdesk encrypt', or choose "
                "--no-encryption.",
            )
        key, recovery = new_database_key(), new_recovery_key()
    # Validate the account before a file is created, so a bad name leaves nothing behind.
    users.passwords.check_new_password(password, users.normal_login(login_name))
    keys = None
    if key is not None and path is not None:
        from coopdesk.storage.keyfile import KeyFile, key_file_path

        keys = KeyFile.create(path, key, recovery)  # type: ignore[arg-type]
    build = None  # the temporary file a new database is built in
    if path is not None and not existing:
        # An empty file already at the name (a user's, or a killed first start's) is replaced by the rename
        # at the end, and stays as it was if the creation fails.
        build = creation.building_path(path, keys.database_id if keys is not None else None)
    target = str(build) if build is not None else db
    database = None
    try:
        database = open_database(target, create=True, key=key)
        with database.session() as s:
            actor = users.create_first_admin(s, login_name, name, password)
            extra = []
            if demo_accounts:
                for demo_login, demo_name, role, demo_password in DEMO_ACCOUNTS:
                    if demo_login != actor.login:
                        users.add_user(s, actor, demo_login, demo_name, role, demo_password, must_change=False)
                        extra.append((demo_login, demo_password))
            populated = populate(s, actor) if populate is not None else None
            if keys is not None and key is not None:
                keys.path = key_file_path(build or path)  # type: ignore[arg-type]
                keys.wrap_for(actor.login, password, key)
                for demo_login, demo_password in extra:
                    keys.wrap_for(demo_login, demo_password, key)
                keys.demo = demo_accounts
                keys.save()
        if build is not None and path is not None:
            database.close()
            database = None
            _single_file(build, key)
            creation.finish(build, path)
            database = open_database(str(path), create=False, check=False, key=key)
    except BaseException:
        if database is not None:
            database.close()
        if build is not None:  # nothing half-made stays behind
            creation.remove_building(build)
        raise
    return Created(UserSession(database, actor), recovery, populated)


def _single_file(path: Path, key: bytes | None) -> None:
    """Fold the write-ahead log into the closed database file, so that one rename moves all of it."""
    from coopdesk.storage.encryption import connect, database_errors

    try:
        connection = connect(path, key)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()
    except database_errors() as exc:
        raise StorageError(
            f"Den nya databasen {path} kunde inte skrivas färdigt: {exc}.",
            f"The new database {path} could not be finished: {exc}.",
        ) from exc


@contextlib.contextmanager
def _keys_changing(session: UserSession) -> Iterator[object | None]:
    """The keys file of an encrypted database, restored as it was if the database change fails."""
    path = session.db.sqlite_path
    if getattr(session.db, "key", None) is None or path is None:
        yield None
        return
    keys = _key_file(path)
    from coopdesk.core.input_files import read_limited
    from coopdesk.storage.keyfile import MAX_KEYS_BYTES

    before = read_limited(keys.path, MAX_KEYS_BYTES, "Nyckelfilen", "The keys file")
    try:
        yield keys
    except BaseException:
        from coopdesk.storage.files import write_atomic

        write_atomic(keys.path, before)
        raise


def _change_account(session: UserSession, change: Callable[[OrmSession], tuple[str, str | None]]) -> None:
    """Run an account change in one unit of work; ``change`` returns (login, new password or None).

    On an encrypted database the user's copy of the key is rewrapped with the new password (and only
    that copy), in the keys file, which is put back as it was if the database change fails.
    """
    with _keys_changing(session) as keys, session.db.session() as s:
        login_name, password = change(s)
        if keys is not None and password is not None:
            keys.wrap_for(login_name, password, session.db.key)  # type: ignore[attr-defined]
            keys.save()  # type: ignore[attr-defined]


def add_user(session: UserSession, login_name: str, name: str, role: str, password: str) -> None:
    from coopdesk.core.services import users

    def change(s: OrmSession) -> tuple[str, str | None]:
        return users.add_user(s, session.actor, login_name, name, role, password).login, password

    _change_account(session, change)


def set_password(session: UserSession, user_id: int, password: str) -> None:
    """An administrator gives someone a new password (rewraps only that user's copy of the key)."""
    from coopdesk.core.services import users

    _change_account(session, lambda s: (users.reset_password(s, session.actor, user_id, password).login, password))


def change_own_password(session: UserSession, current: str, new: str) -> None:
    from coopdesk.core.services import users

    _change_account(session, lambda s: (users.change_own_password(s, session.actor, current, new).login, new))
    session.must_change_password = False


def set_active(
    session: UserSession,
    user_id: int,
    active: bool,
    password: str | None = None,
    *,
    expected_version: int | None = None,
) -> None:
    """Make an account inactive (its copy of the key is removed) or active again (with a new password,
    which an encrypted database needs to wrap the key for it). ``expected_version``: the account's
    version as the user saw it; another PC's change since is refused (ConflictError, nothing changed)."""
    from coopdesk.core.errors import ValidationError
    from coopdesk.core.services import users

    with _keys_changing(session) as keys, session.db.session() as s:
        user = users.update_user(s, session.actor, user_id, active=active, expected_version=expected_version)
        if keys is None:
            if active and password:
                users.reset_password(s, session.actor, user_id, password)
            return
        if not active:
            keys.remove(user.login)  # type: ignore[attr-defined]
        else:
            if not password:
                raise ValidationError(
                    "password",
                    None,
                    "Ge användaren ett nytt lösenord när kontot blir aktivt igen.",
                    "Give the user a new password when the account becomes active again.",
                )
            users.reset_password(s, session.actor, user_id, password)
            keys.wrap_for(user.login, password, session.db.key)  # type: ignore[attr-defined]
        keys.save()  # type: ignore[attr-defined]


def recover(db: str | None, recovery_key: str, login_name: str, new_password: str) -> UserSession:
    """Forgotten administrator password on an encrypted database: the printed recovery key opens it and
    gives ``login_name`` (an active administrator) a new password; the change is logged."""
    from coopdesk.core.errors import ValidationError
    from coopdesk.core.services import users

    path = sqlite_path(db)
    if path is None or not is_encrypted(db):
        raise StorageError(
            "Återställningsnyckeln gäller krypterade databaser; den här är inte krypterad.",
            "The recovery key is for encrypted databases; this one is not encrypted.",
        )
    keys = _key_file(path)
    key = keys.unwrap_with_recovery(recovery_key)
    database = open_database(db, create=False, key=key)
    try:
        with database.session() as s:
            user = users.find(s, login_name)
            if user is None or not user.active or user.role != ROLE_ADMIN:
                raise ValidationError(
                    "login",
                    login_name,
                    f"{login_name} är ingen aktiv administratör i databasen.",
                    f"{login_name} is not an active administrator of the database.",
                )
            stand_in = Actor(name=RECOVERY_ACTOR, role=ROLE_ADMIN, login="")
            users.reset_password(s, stand_in, user.id, new_password)
            user.must_change_password = False
            keys.wrap_for(user.login, new_password, key)
            keys.save()
            actor = users.actor_for(user)
    except BaseException:
        database.close()
        raise
    return UserSession(database, actor)


def encrypt_existing(session: UserSession, password: str) -> tuple[str, list[str], list[Path]]:
    """Encrypt the open, unencrypted database in place (``coopdesk encrypt``), and its plain backups.

    ``password`` is the administrator's own, to wrap the new key for them. Returns the recovery key
    and the logins that need a new password from an administrator: only the one who ran it has a
    copy of the key, because the others' passwords are not known here. ``session.db`` is reopened
    on the encrypted file.

    An ``encrypt`` killed half-way is finished by running it again: a keys file left beside the still
    plain database is replaced (it never opened anything); an encrypted database whose keys file still
    says ``unfinished_encrypt`` gets its remaining plain backups encrypted, its encryption logged and a
    new recovery key (the first one may never have been shown).
    """
    from coopdesk.core import audit
    from coopdesk.core.permissions import require_admin
    from coopdesk.core.services import users
    from coopdesk.storage.backup import encrypt_backups
    from coopdesk.storage.encryption import encrypt_database
    from coopdesk.storage.keyfile import KeyFile, key_file_path, new_database_key, new_recovery_key

    require_admin(session.actor, "kryptera databasen", "encrypt the database")
    path = session.db.sqlite_path
    if path is None:
        raise StorageError(
            f"'coopdesk encrypt' gäller SQLite-filer; {session.db.describe()} ligger på en databasserver och "
            "ändrades inte. Där skyddar servern uppgifterna: kryptera serverns disk och anslut med TLS "
            "(sslmode=verify-full i adressen), se README.",
            f"'coopdesk encrypt' is for SQLite files; {session.db.describe()} is on a database server and was not "
            "changed. There the server protects the data: encrypt the server's disk and connect with TLS "
            "(sslmode=verify-full in the address), see the README.",
        )
    key = getattr(session.db, "key", None)
    with session.db.session() as s:
        if not users.authenticate(s, session.actor.login, password).actor:
            raise LoginError()
        others = [u.login for u in users.users(s) if u.active and u.login != session.actor.login]
    if key is not None and not _key_file(path).unfinished:
        raise StorageError(f"Databasen {path} är redan krypterad.", f"The database {path} is already encrypted.")
    recovery = new_recovery_key()
    if key is None:
        key = new_database_key()
        keys = KeyFile.create(path, key, recovery)
        keys.wrap_for(session.actor.login, password, key)
        keys.unfinished = True  # until the backups are encrypted and the encryption is logged
        session.db.close()
        # A keys file beside a plain database is what a killed 'encrypt' left: it never opened anything.
        key_file_path(path).unlink(missing_ok=True)
        keys.save()  # before the file is encrypted, so that it is never without its keys
        try:
            encrypt_database(path, key)
        except BaseException:
            key_file_path(path).unlink(missing_ok=True)
            session.db = open_database(str(path), create=False)
            raise
        session.db = open_database(str(path), create=False, key=key)
    else:  # encrypted by an 'encrypt' that was killed before it finished: finish it
        keys = _key_file(path)
        keys.set_recovery(recovery, key)
        keys.save()
    _converted, failed = encrypt_backups(path, key)
    with session.db.session() as s:
        audit.record(
            s,
            session.actor,
            "encrypt",
            "database",
            None,
            summary="Krypterade databasen"
            + (f"; {len(failed)} säkerhetskopior kunde inte krypteras" if failed else ""),
            new={"needs_new_password": others, "backups_not_encrypted": [str(p) for p in failed]},
        )
    keys.unfinished = False
    keys.save()
    return recovery, others, failed
