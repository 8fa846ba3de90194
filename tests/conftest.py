"""Shared fixtures: every test gets its own data folder and a fresh database.

The database is an SQLite file in the test's folder, or, with ``COOPDESK_TEST_DB_URL`` set, a new
database on that PostgreSQL server (tests/backends.py). Tests that are about SQLite files (WAL,
file permissions, backup files, encryption, the crash harness) are marked ``sqlite_only``; the GUI
tests run on SQLite only (the widgets call the same services). ``postgres_only`` tests need a server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesis
import pytest

# Qt must never try to reach a display in the tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import coopdesk.ui  # noqa: F401  - applies the PySide6 guard (ui/pyside_fix.py) before any test touches Qt
from coopdesk.core.audit import Actor
from coopdesk.storage.database import Database, open_database
from tests.backends import BACKEND, ON_POSTGRES, TEST_DB_URL, PostgresServer

# Property and fuzz tests (Hypothesis): new random cases on every local run, so that they keep finding
# bugs; the same cases on every CI run (HYPOTHESIS_PROFILE=ci, set by .ci/run), so that a change lands
# or not on its own merits. A bug found locally becomes a named regression test.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "interchange_example.json"
EXAMPLE_STATEMENT = FIXTURES / "interchange_example_statement_2026-05_Norrmalm.json"
TODAY = dt.date(2026, 11, 27)
TEST_LOGIN = "admin.test"
TEST_PASSWORD = "test-lösenord-1"


TESTS = Path(__file__).parent
SQLITE_ONLY_FOLDERS = {
    TESTS / "gui": "GUI tests run on SQLite only: the widgets call the same services, tested on both backends",
    TESTS / "crash": "the crash harness kills a writer of an SQLite file (PostgreSQL's durability is the server's)",
}


def pytest_report_header(config: pytest.Config) -> str:
    from sqlalchemy.engine import make_url

    where = make_url(TEST_DB_URL).render_as_string(hide_password=True) if TEST_DB_URL else "a file per test"
    return f"coopdesk database backend: {BACKEND} ({where})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if ON_POSTGRES:
            reason = next((why for folder, why in SQLITE_ONLY_FOLDERS.items() if folder in item.path.parents), None)
            marker = item.get_closest_marker("sqlite_only")
            if marker is not None:
                reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "about SQLite files")
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        elif item.get_closest_marker("postgres_only") is not None:
            item.add_marker(pytest.mark.skip(reason="needs a PostgreSQL server: set COOPDESK_TEST_DB_URL"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    """The PostgreSQL server of COOPDESK_TEST_DB_URL, or None on the SQLite run."""
    if TEST_DB_URL is None:
        yield None
        return
    server = PostgresServer(TEST_DB_URL)
    yield server
    server.close()


@pytest.fixture
def new_db(tmp_path: Path, pg_server: PostgresServer | None) -> Iterator[Callable[..., str]]:
    """Addresses of new databases, for ``open_database`` and ``--db``: ``new_db("cli.db")`` is a file
    in the test's folder on SQLite, or an empty database of its own on the server (``migrated=True``:
    one already at the newest schema, which saves the migrations' time). Put back after the test."""
    created: list[str] = []

    def make(name: str = "test.db", *, migrated: bool = False) -> str:
        if pg_server is None:
            return str(tmp_path / name)
        url = pg_server.create(migrated=migrated)
        created.append(url)
        return url

    yield make
    for url in created:
        pg_server.release(url)  # type: ignore[union-attr]


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
def row_versions_from_one(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """New rows start at version 1 in the tests, so that they can name versions (1, 2, 3). The program
    starts each new row at a random version (models.next_version); tests marked ``random_versions``
    check that."""
    if request.node.get_closest_marker("random_versions") is None:
        from coopdesk.core import models

        monkeypatch.setattr(models, "_first_version", lambda: 1)


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
def db_address(new_db: Callable[..., str]) -> str:
    """The address of the ``db`` fixture's database (a file path or a server URL), for ``--db``."""
    return new_db("test.db", migrated=True)


@pytest.fixture
def db(db_address: str) -> Iterator[Database]:
    """A new, unencrypted database whose administrator is the one COOPDESK_USER names (for commands)."""
    from coopdesk.core.services import users

    database = open_database(db_address)
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
