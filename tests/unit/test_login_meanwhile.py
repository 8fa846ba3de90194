"""access.login's ``meanwhile``: the caller's work runs while the key is derived in a thread, and the
login is otherwise exactly what it was (one derivation, the wait after failures, wrong passwords noted)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from coopdesk import access
from coopdesk.storage.keyfile import KeyFile

LOGIN, PASSWORD = "admin", "ett långt lösenord 1"


@pytest.fixture
def encrypted(tmp_path: Path) -> str:
    path = str(tmp_path / "enc.db")
    access.create_database(path, LOGIN, "Admin", PASSWORD).session.db.close()
    return path


@pytest.mark.sqlite_only("an encrypted database file and its keys file")
def test_the_key_is_derived_in_a_thread_while_meanwhile_runs(encrypted: str, monkeypatch: pytest.MonkeyPatch) -> None:
    derivations: list[str] = []
    unwrap = KeyFile.unwrap_for

    def recording(self: KeyFile, login: str, password: str) -> bytes:
        derivations.append(threading.current_thread().name)
        return unwrap(self, login, password)

    monkeypatch.setattr(KeyFile, "unwrap_for", recording)
    calls: list[str] = []
    session = access.login(encrypted, LOGIN, PASSWORD, meanwhile=lambda: calls.append(threading.current_thread().name))
    session.db.close()
    assert session.actor.login == LOGIN
    assert derivations == ["coopdesk-key-derivation"]  # once, not on the caller's thread
    assert calls == [threading.main_thread().name]


@pytest.mark.sqlite_only("an encrypted database file and its keys file")
def test_a_wrong_password_is_refused_and_noted_with_meanwhile(encrypted: str) -> None:
    calls: list[int] = []
    with pytest.raises(access.LoginError):
        access.login(encrypted, LOGIN, "fel lösenord", meanwhile=lambda: calls.append(1))
    assert calls == [1]
    keys = KeyFile.load(Path(encrypted))
    assert keys is not None and [login for login, _at in keys._failed] == [LOGIN]


@pytest.mark.sqlite_only("an encrypted database file and its keys file")
def test_the_wait_after_failures_comes_before_the_password_is_tried(encrypted: str) -> None:
    with pytest.raises(access.LoginError):
        access.login(encrypted, LOGIN, "fel lösenord")
    events: list[str] = []
    session = access.login(
        encrypted,
        LOGIN,
        PASSWORD,
        wait=lambda seconds: events.append(f"wait {seconds:g}"),
        meanwhile=lambda: events.append("meanwhile"),
    )
    session.db.close()
    assert events == ["wait 1", "meanwhile"]


def test_meanwhile_runs_on_a_plain_database_too(db_address: str, db) -> None:
    from tests.conftest import TEST_LOGIN, TEST_PASSWORD

    calls: list[int] = []
    session = access.login(db_address, TEST_LOGIN, TEST_PASSWORD, meanwhile=lambda: calls.append(1))
    session.db.close()
    assert calls == [1]
