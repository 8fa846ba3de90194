"""One key derivation per login (issue 20.1): on an encrypted database the password's unwrap of the key
proves it, so the account's hash is not computed again; the account's other checks stay."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coopdesk import access
from coopdesk.core.actor import ROLE_SUPERVISOR
from coopdesk.core.services import users


@pytest.fixture
def scrypts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the scrypt derivations (the key's unwrap and the password hash both use hashlib.scrypt)."""
    calls: list[int] = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return calls


def make(path: Path, *, encrypt: bool) -> None:
    created = access.create_database(str(path), "admin", "Admin", "ett-bra-lösenord-1", encrypt=encrypt)
    access.add_user(created.session, "kim", "Kim Handledare", ROLE_SUPERVISOR, "kims-lösenord-1")
    created.session.db.close()


def test_a_login_to_an_encrypted_database_derives_once(tmp_path: Path, scrypts: list[int]) -> None:
    db = tmp_path / "coop.db"
    make(db, encrypt=True)
    scrypts.clear()
    session = access.login(str(db), "admin", "ett-bra-lösenord-1")
    session.db.close()
    assert len(scrypts) == 1  # it was 2: the unwrap, then the hash


def test_a_plain_database_still_checks_the_hash(tmp_path: Path, scrypts: list[int]) -> None:
    db = tmp_path / "plain.db"
    make(db, encrypt=False)
    scrypts.clear()
    access.login(str(db), "admin", "ett-bra-lösenord-1").db.close()
    assert len(scrypts) == 1
    with pytest.raises(access.LoginError):
        access.login(str(db), "admin", "fel-lösenord-123")


def test_wrong_passwords_and_inactive_accounts_are_still_refused(tmp_path: Path) -> None:
    db = tmp_path / "coop.db"
    make(db, encrypt=True)
    with pytest.raises(access.LoginError):
        access.login(str(db), "admin", "fel-lösenord-123")
    with pytest.raises(access.LoginError):
        access.login(str(db), "kim", "ett-bra-lösenord-1")  # another account's password
    admin = access.login(str(db), "admin", "ett-bra-lösenord-1")
    with admin.db.session() as s:
        kim = users.find(s, "kim")
        assert kim is not None
        kim_id = kim.id
    access.set_active(admin, kim_id, False)
    admin.db.close()
    with pytest.raises(access.LoginError):
        access.login(str(db), "kim", "kims-lösenord-1")  # its key may still unwrap: the account is inactive
