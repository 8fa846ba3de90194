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


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real per-user data folder and database."""
    home = tmp_path / "home"
    monkeypatch.setenv("COOPDESK_HOME", str(home))
    monkeypatch.delenv("COOPDESK_DB", raising=False)
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return home


@pytest.fixture
def actor() -> Actor:
    return Actor("Sara Svensson")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(str(tmp_path / "test.db"))
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
