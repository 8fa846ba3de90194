"""Accounts through the command line: setting up, logging in (unattended and refused), the role,
user management, one's own password, the recovery key and encrypting an existing database."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from coopdesk.access import DEMO_ACCOUNTS
from tests.backends import ON_POSTGRES
from tests.conftest import EXAMPLE, TEST_LOGIN, TEST_PASSWORD
from tests.unit.test_cli import run

NAME = "Anna Andersson"  # the member of the example document


def recovery_key_in(out: str) -> str:
    found = re.search(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){6})\b", out)
    assert found, out
    return found.group(1)


def as_user(monkeypatch: pytest.MonkeyPatch, login: str, password: str) -> None:
    monkeypatch.setenv("COOPDESK_USER", login)
    monkeypatch.setenv("COOPDESK_PASSWORD", password)


@pytest.fixture
def encrypted(new_db) -> tuple[str, str | None]:
    """The example imported into a new database, so an encrypted one on SQLite (a database on the
    server on the PostgreSQL run, which has no encryption of coopdesk's own); its recovery key."""
    path = new_db("enc.db")
    code, out, err = run("--db", path, "import", str(EXAMPLE))
    assert code == 0, err
    return path, None if ON_POSTGRES else recovery_key_in(out)


@pytest.fixture
def with_supervisor(encrypted: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    path = encrypted[0]
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "tillfälligt-1")
    code, _, err = run("--db", path, "users", "add", "kim", "--name", "Kim Ek")
    assert code == 0, err
    monkeypatch.delenv("COOPDESK_NEW_PASSWORD")
    return path


@pytest.mark.sqlite_only("encryption at rest (on PostgreSQL: test_postgres.py)")
def test_init_admin_sets_up_an_encrypted_database_without_questions(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    code, out, err = run("--db", str(path), "init", "--admin", "Anna", "--name", "Anna Berg")
    assert code == 0, err
    assert "encrypted" in out and "anna" in out
    recovery_key_in(out)
    assert Path(f"{path}.keys").exists()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM user_account").fetchall()
    assert run("--db", str(path), "--user", "anna", "users", "list")[1].startswith("anna")


@pytest.mark.sqlite_only("encryption at rest")
def test_no_encryption_is_possible_for_tests_and_demos(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    code, out, _ = run("--db", str(path), "init", "--admin", "anna", "--no-encryption")
    assert code == 0 and "not encrypted" in out
    assert path.read_bytes().startswith(b"SQLite format 3") and not Path(f"{path}.keys").exists()


def test_a_script_runs_every_command_unattended(encrypted: tuple[str, str], tmp_path: Path) -> None:
    path = encrypted[0]
    assert run("--db", path, "statement", "--month", "2026-05", "--district", "Norrmalm")[0] == 0
    assert run("--db", path, "export", "-o", str(tmp_path / "x.json"))[0] == 0
    assert run("--db", path, "backup")[0] == 0
    assert run("--db", path, "audit", "--limit", "5")[0] == 0
    assert run("--db", path, "member-export", "--member", NAME, "-o", str(tmp_path / "m.json"))[0] == 0


def test_without_a_password_and_a_terminal_the_command_says_what_it_needs(
    encrypted: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COOPDESK_PASSWORD")
    code, _, err = run("--db", encrypted[0], "statement", "--month", "2026-05", "--all")
    assert code == 1 and "COOPDESK_PASSWORD" in err
    monkeypatch.delenv("COOPDESK_USER")
    code, _, err = run("--db", encrypted[0], "statement", "--month", "2026-05", "--all")
    assert code == 1 and "--user" in err


@pytest.mark.parametrize("login, password", [(TEST_LOGIN, "fel-lösenord"), ("okänd", TEST_PASSWORD)])
def test_a_wrong_password_is_refused_and_the_attempt_logged(
    encrypted: tuple[str, str], monkeypatch: pytest.MonkeyPatch, login: str, password: str
) -> None:
    as_user(monkeypatch, login, password)
    code, out, err = run("--db", encrypted[0], "statement", "--month", "2026-05", "--all")
    assert code == 1 and out == ""
    assert "Wrong login or password" in err
    as_user(monkeypatch, TEST_LOGIN, TEST_PASSWORD)
    code, out, _ = run("--db", encrypted[0], "audit", "--limit", "3")
    assert code == 0 and f"{login.lower()} failed to log in" in out


def test_a_supervisor_cannot_do_an_administrators_action_through_the_cli(
    with_supervisor: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "kims-eget-1")
    as_user(monkeypatch, "kim", "tillfälligt-1")
    assert run("--db", with_supervisor, "password")[0] == 0
    as_user(monkeypatch, "kim", "kims-eget-1")
    assert run("--db", with_supervisor, "statement", "--month", "2026-05", "--all")[0] == 0  # allowed
    for args in (
        ("users", "list"),
        ("users", "add", "eva", "--name", "Eva Ek"),
        ("audit",),
        ("member-export", "--member", NAME, "-o", str(tmp_path / "m.json")),
        ("restore", "--yes"),
        ("import", str(EXAMPLE)),
        ("encrypt",),
    ):
        code, _, err = run("--db", with_supervisor, *args)
        assert code == 1, args
        assert "Only an administrator" in err, (args, err)
    assert not (tmp_path / "m.json").exists()


def test_administrator_manages_accounts(with_supervisor: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("--db", with_supervisor, "users", "list")
    assert code == 0 and "kim" in out and "Kim Ek" in out and "handledare" in out
    assert run("--db", with_supervisor, "users", "deactivate", "kim")[0] == 0
    as_user(monkeypatch, "kim", "tillfälligt-1")
    assert run("--db", with_supervisor, "statement", "--month", "2026-05", "--all")[0] == 1
    as_user(monkeypatch, TEST_LOGIN, TEST_PASSWORD)
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "tillbaka-igen-1")
    assert run("--db", with_supervisor, "users", "activate", "kim")[0] == 0
    assert run("--db", with_supervisor, "users", "role", "kim", "administratör")[0] == 0
    as_user(monkeypatch, "kim", "tillbaka-igen-1")
    assert run("--db", with_supervisor, "users", "list")[0] == 0  # an administrator now


def test_the_last_administrator_cannot_deactivate_themselves(encrypted: tuple[str, str]) -> None:
    code, _, err = run("--db", encrypted[0], "users", "deactivate", TEST_LOGIN)
    assert code == 1 and "only active administrator" in err


@pytest.mark.sqlite_only("the recovery key unwraps an SQLCipher key")
def test_the_recovery_key_gives_a_forgotten_administrator_a_new_password(
    encrypted: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = encrypted
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "återfått-1")
    monkeypatch.delenv("COOPDESK_PASSWORD")
    code, _, err = run("--db", path, "recover", "--recovery-key", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG")
    assert code == 1 and err
    typed = key.lower().replace("-", " ")  # as typed back from paper
    code, out, err = run("--db", path, "--user", TEST_LOGIN, "recover", "--recovery-key", typed)
    assert code == 0, err
    as_user(monkeypatch, TEST_LOGIN, "återfått-1")
    code, out, _ = run("--db", path, "audit", "--limit", "5")
    assert code == 0 and "återställningsnyckel" in out


@pytest.mark.sqlite_only("encryption at rest (on PostgreSQL 'encrypt' says why not: test_postgres.py)")
def test_encrypt_converts_an_unencrypted_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gammal.db"
    assert run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")[0] == 0
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "kims-lösen-1")
    assert run("--db", str(path), "users", "add", "kim", "--name", "Kim Ek")[0] == 0
    assert any(NAME.encode() in f.read_bytes() for f in path.parent.glob("gammal.db*"))
    code, out, err = run("--db", str(path), "encrypt")
    assert code == 0, err
    recovery_key_in(out)
    assert "kim" in out  # needs a new password: only the one who encrypted has a copy of the key
    for file in path.parent.glob("gammal.db*"):
        assert NAME.encode() not in file.read_bytes(), file
    code, out, _ = run("--db", str(path), "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0 and '"amount": "1400.00"' in out


def test_the_demo_has_two_accounts_whose_passwords_are_shown(new_db, monkeypatch: pytest.MonkeyPatch) -> None:
    path = new_db("demo.db")
    code, out, err = run("--db", path, "demo")
    assert code == 0, err
    for login, _name, role, password in DEMO_ACCOUNTS:
        assert f"{login} / {password} ({role})" in out
        as_user(monkeypatch, login, password)
        assert run("--db", path, "statement", "--month", "2026-10", "--all")[0] == 0


def test_an_attested_month_refuses_edits_until_an_administrator_reopens_it(
    with_supervisor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's walk-through, on the command line: a supervisor registers and attests; the month
    then refuses a change; the supervisor cannot reopen it; the administrator can, with a reason; all
    of it is in the audit log."""
    path = with_supervisor
    monkeypatch.setenv("COOPDESK_NEW_PASSWORD", "kims-eget-1")
    as_user(monkeypatch, "kim", "tillfälligt-1")
    assert run("--db", path, "password")[0] == 0
    as_user(monkeypatch, "kim", "kims-eget-1")
    register = ("register", "--member", NAME, "--day", "2026-06-01", "--status")
    code, out, err = run("--db", path, *register, "present", "--hours", "kopiering=4")
    assert code == 0, err
    code, _, err = run("--db", path, "attest", "--month", "2026-06")
    assert code == 1 and "unregistered" in err  # the rest of June is still unregistered
    assert run("--db", path, "attest", "--month", "2026-06", "--yes")[0] == 0
    code, _, err = run("--db", path, *register, "sick")
    assert code == 1 and "June 2026 was attested by Kim Ek" in err
    code, _, err = run("--db", path, "reopen", "--month", "2026-06", "--reason", "fel")
    assert code == 1 and "Only an administrator can reopen" in err
    as_user(monkeypatch, TEST_LOGIN, TEST_PASSWORD)
    with pytest.raises(SystemExit) as usage:  # the reason is required
        run("--db", path, "reopen", "--month", "2026-06")
    assert usage.value.code == 2
    assert run("--db", path, "reopen", "--month", "2026-06", "--reason", "Sjukdag glömd")[0] == 0
    assert run("--db", path, *register, "sick")[0] == 0
    code, out, _ = run("--lang", "sv", "--db", path, "audit", "--from", "2026-01-01")
    assert code == 0
    for seen in ("Kim Ek", "attesterade", "Sjukdag glömd", "loggade in"):
        assert seen.lower() in out.lower(), seen


def test_attest_says_first_that_a_month_is_attested_already_or_not_begun(encrypted: tuple[str, str]) -> None:
    code, _, err = run("--db", encrypted[0], "attest", "--month", "2026-04")  # attested in the example
    assert code == 1 and "attested by" in err and "unregistered" not in err
    code, _, err = run("--db", encrypted[0], "attest", "--month", "2099-01")
    assert code == 1 and "unregistered" not in err and "2099" in err


def test_a_mistyped_recovery_key_is_said_before_a_new_password_is_asked_for(encrypted: tuple[str, str]) -> None:
    code, _, err = run("--db", encrypted[0], "recover", "--recovery-key", "ABCD")
    assert code == 1 and "COOPDESK_NEW_PASSWORD" not in err and "recovery key" in err.lower()


def test_init_under_a_file_instead_of_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    """Found by the CLI fuzz test: the clean-up after a failed first open must not hide the message."""
    (tmp_path / "cli.db").write_bytes(b"")
    code, out, err = run("--db", str(tmp_path / "cli.db" / "x.db"), "init", "--admin", "anna")
    assert code == 1 and out == "" and "Traceback" not in err and "cannot be created" in err
