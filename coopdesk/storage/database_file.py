"""What the start learns about the database's file before it opens anything: where it is, whether it is
new, encrypted, a demo. Only the standard library and light storage modules: the login dialog is decided
from these before SQLAlchemy is imported (it is imported while the dialog waits for the password)."""

from __future__ import annotations

from pathlib import Path

from coopdesk.storage import paths


def sqlite_path(db: str | None) -> Path | None:
    url = paths.database_url(db)
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def is_new(db: str | None) -> bool:
    """No database there yet (or an empty file): it must be set up, with a first administrator."""
    from coopdesk.storage.creation import settle

    path = sqlite_path(db)
    if path is not None:
        settle(path)
    return path is not None and (not path.exists() or path.stat().st_size == 0)


def is_encrypted(db: str | None) -> bool:
    from coopdesk.storage.encryption import is_encrypted_file

    path = sqlite_path(db)
    return path is not None and path.exists() and is_encrypted_file(path)


def is_demo(db: str | None) -> bool:
    """Whether the login dialog may show the demo accounts (a demo database says so in its keys file,
    or, unencrypted, has exactly the demo logins)."""
    path = sqlite_path(db)
    if path is None or not path.exists():
        return False
    if is_encrypted(db):
        from coopdesk.storage.keyfile import KeyFile

        keys = KeyFile.load(path)
        return bool(keys is not None and keys.demo)
    return False


def unwrap_key(db: str | None, login_name: str, password: str) -> bytes | None:
    """The key of an encrypted database file, unwrapped from its keys file with ``login_name``'s password;
    None when the database is not an encrypted file. Raises WrongPasswordError (a wrong login or password)
    and MissingKeyFileError. This is the login's one key derivation (scrypt), which needs nothing of the
    database layer: the login dialog starts it on a thread at Return, while SQLAlchemy may still be
    loading, and access.login() takes its result (``unwrapped``) instead of deriving again."""
    from coopdesk.storage.creation import settle
    from coopdesk.storage.keyfile import KeyFile, MissingKeyFileError

    path = sqlite_path(db)
    if path is None:
        return None
    settle(path)
    if not is_encrypted(db):
        return None
    keys = KeyFile.load(path)
    if keys is None:
        raise MissingKeyFileError(path)
    return keys.unwrap_for(login_name, password)
