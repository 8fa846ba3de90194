"""What the start shows — the first start of a database or the login — decided without Qt.

In the application layer, not in ui/login.py: deciding opens the database and reads its accounts (the
GUI opens no database itself), both dialogs, the login and the first start, read the plan without
importing each other, and the decision is tested without a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopdesk.storage import database_file
from coopdesk.storage.database_file import sqlite_path
from coopdesk.storage.key_derivation import KeyDerivation

#: For the GUI, which speaks to the application layer only: the start's file checks (without the database
#: layer) and the login's key derivation (ui/login.py, started at Return).
__all__ = ["FIRST_START", "LOGIN", "KeyDerivation", "StartPlan", "plan_start", "plan_switch", "sqlite_path"]

if TYPE_CHECKING:
    from coopdesk.app.database import Database

FIRST_START, LOGIN = "first_start", "login"


@dataclass(frozen=True)
class StartPlan:
    """What the start needs: ``kind`` FIRST_START (no accounts yet) or LOGIN."""

    kind: str
    where: str
    demo: bool = False
    #: A database with data from before accounts: it gets its administrator but stays unencrypted here.
    existing: bool = False


def demo_accounts_work(database: Database) -> bool:
    """An unencrypted database is a demo when the demo's accounts are there with the demo's passwords
    (checked without a login, so nothing is logged; an administrator who changed them hides the hint)."""
    from coopdesk import access
    from coopdesk.core import passwords
    from coopdesk.core.services import users

    with database.session() as s:
        for login_name, _name, _role, password in access.DEMO_ACCOUNTS:
            user = users.find(s, login_name)
            if user is None or not user.active or not passwords.verify_password(password, user.password_hash):
                return False
    return True


def plan_start(db: str | None) -> StartPlan:
    """Which dialog the start shows. Opens an unencrypted database briefly (its accounts are inside it);
    raises StorageError (CorruptDatabaseError for a damaged file) like opening it would.

    An encrypted file is decided from its file and keys file alone, without importing the database layer
    (SQLAlchemy, the models): the login dialog shows sooner, and the import happens while it waits."""
    path = database_file.sqlite_path(db)
    where = str(path) if path is not None else db or ""
    if database_file.is_new(db):
        return StartPlan(FIRST_START, where)
    if database_file.is_encrypted(db):
        return StartPlan(LOGIN, where, demo=database_file.is_demo(db))
    from coopdesk import access
    from coopdesk.app.database import open_database

    database = open_database(db, create=False, check=False)
    try:
        where = database.describe()
        if not access.has_users(database):
            return StartPlan(FIRST_START, where, existing=True)
        return StartPlan(LOGIN, where, demo=demo_accounts_work(database))
    finally:
        database.close()


def plan_switch(database: Database) -> StartPlan:
    """The login dialog after a logout, on the database that stays open."""
    path = database.sqlite_path
    # an encrypted file's demo is told from its keys file: its accounts cannot be read without a login
    encrypted_file = database.key is not None and path is not None
    demo = database_file.is_demo(str(path)) if encrypted_file else demo_accounts_work(database)
    return StartPlan(LOGIN, database.describe(), demo=demo)
