"""Shared fixtures: every test gets its own data folder and a fresh database file."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never try to reach a display in the tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import coopdesk.ui  # noqa: F401  - applies the PySide6 guard (ui/pyside_fix.py) before any test touches Qt
from coopdesk.core.audit import Actor
from coopdesk.storage.database import Database, open_database

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "interchange_example.json"
EXAMPLE_STATEMENT = FIXTURES / "interchange_example_statement_2026-05_Norrmalm.json"
TODAY = dt.date(2026, 11, 27)
TEST_LOGIN = "admin.test"
TEST_PASSWORD = "test-lösenord-1"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real per-user data folder and database."""
    home = tmp_path / "home"
    monkeypatch.setenv("COOPDESK_HOME", str(home))
    monkeypatch.delenv("COOPDESK_DB", raising=False)
    monkeypatch.setenv("COOPDESK_LANG", "en")
    # Every command runs as the administrator the test database was set up with (scripts do the same).
    monkeypatch.setenv("COOPDESK_USER", TEST_LOGIN)
    monkeypatch.setenv("COOPDESK_PASSWORD", TEST_PASSWORD)
    for name in ("COOPDESK_NEW_PASSWORD", "COOPDESK_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def cheap_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at a test-suite cost: the cost is stored with each hash and wrapped key, so everything
    verifies the same way, only hundreds of logins take seconds instead of minutes."""
    from coopdesk.core import passwords

    monkeypatch.setattr(passwords, "SCRYPT_N", 2**10)
    try:
        from coopdesk.storage import keyfile
    except ImportError:
        return
    for name in ("SCRYPT_N", "KDF_N"):
        if hasattr(keyfile, name):
            monkeypatch.setattr(keyfile, name, 2**10)


@pytest.fixture
def actor() -> Actor:
    return Actor("Sara Svensson")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new, unencrypted database whose administrator is the one COOPDESK_USER names (for commands)."""
    from coopdesk.core.services import users

    database = open_database(str(tmp_path / "test.db"))
    with database.session() as session:
        users.create_first_admin(session, TEST_LOGIN, "Test Administratör", TEST_PASSWORD)
    yield database
    database.close()


def example_document() -> dict:
    from coopdesk.core.exchange.reader import load_json_file

    return load_json_file(EXAMPLE)


@pytest.fixture
def example_db(db: Database, actor: Actor) -> Database:
    """The example document of interchange.md, imported."""
    from coopdesk.core.exchange.importer import import_document

    with db.session() as session:
        import_document(session, example_document(), actor=actor, today=TODAY)
    return db


def expected_statement() -> dict:
    return json.loads(EXAMPLE_STATEMENT.read_text(encoding="utf-8"))
