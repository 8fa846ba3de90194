"""At start, a database that is missing, empty or cannot be opened is offered its newest backup (before
anyone logs in) instead of a new, empty database; the restore is on the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from coopdesk import access
from coopdesk.app import start_plan
from coopdesk.core.models import AuditEntry
from coopdesk.storage import backup as backups
from coopdesk.ui import first_start, login
from coopdesk.ui.restore_at_start import RestoreAtStart

ADMIN, PASSWORD = "anna", "anna-lösenord-1"


def made_and_backed_up(path: Path, *, encrypt: bool) -> None:
    access.create_database(str(path), ADMIN, "Anna Admin", PASSWORD, encrypt=encrypt).session.db.close()
    backups.make_backup(path, reason="manual", key=access.database_key(str(path), ADMIN, PASSWORD))


def restore_entries(path: Path, password: str = PASSWORD) -> list[tuple[str, str]]:
    session = access.login(str(path), ADMIN, password)
    try:
        with session.db.session() as s:
            return [
                (e.actor, e.summary or "") for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "restore"))
            ]
    finally:
        session.db.close()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The start's dialogs, recorded and refused instead of shown."""
    shown: list[str] = []
    monkeypatch.setattr(first_start.FirstStartDialog, "exec", lambda self: shown.append("first start") or 0)
    monkeypatch.setattr(login.LoginDialog, "exec", lambda self: shown.append("login") or QDialog.DialogCode.Rejected)
    return shown


@pytest.mark.parametrize(
    ("how", "encrypt"), [("missing", False), ("empty", False), ("empty", True), ("truncated", True)]
)
def test_a_missing_empty_or_truncated_database_is_offered_its_backup(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: list[str], how: str, encrypt: bool
) -> None:
    # (a truncated plain database is a damaged one: the older offer at start, gui.restore_at_start)
    path = tmp_path / "kansli.db"
    made_and_backed_up(path, encrypt=encrypt)
    monkeypatch.setattr(RestoreAtStart, "credentials", lambda self: (ADMIN, PASSWORD))
    if how == "missing":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    else:
        with open(path, "r+b") as handle:
            handle.truncate(5000)
    asked: list[str] = []
    monkeypatch.setattr(RestoreAtStart, "ask", lambda self, question: asked.append(question) or True)

    assert login.log_in_at_start(str(path), None, lambda damaged: False) is None
    assert len(asked) == 1 and "kansli" in asked[0]
    assert dialogs == ["login"]  # before: the first start (a new, empty database over the loss), or an error
    [(who, summary)] = restore_entries(path)
    assert who == "Anna Admin" if encrypt else who.endswith("(före inloggning)")
    assert "före inloggningen" in summary


def test_an_encrypted_database_without_its_files_is_restored_with_a_password(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: list[str]
) -> None:
    path = tmp_path / "kansli.db"
    made_and_backed_up(path, encrypt=True)
    path.unlink()
    Path(f"{path}.keys").unlink()
    monkeypatch.setattr(RestoreAtStart, "ask", lambda self, question: True)
    monkeypatch.setattr(RestoreAtStart, "credentials", lambda self: (ADMIN, PASSWORD))

    assert login.log_in_at_start(str(path), None, lambda damaged: False) is None
    assert dialogs == ["login"]
    assert Path(f"{path}.keys").exists()
    [(who, _summary)] = restore_entries(path)
    assert who == "Anna Admin"  # an administrator of the backup, checked with the password


def test_saying_no_goes_on_to_a_new_database(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: list[str]
) -> None:
    path = tmp_path / "kansli.db"
    made_and_backed_up(path, encrypt=False)
    path.unlink()
    monkeypatch.setattr(RestoreAtStart, "ask", lambda self, question: False)
    assert login.log_in_at_start(str(path), None, lambda damaged: False) is None
    assert dialogs == ["first start"] and not path.exists()


def test_the_waiting_changes_file_is_owner_only(qtbot, ctx, tmp_path: Path) -> None:
    """Same class of fault as the log file: a file naming members was written readable by others."""
    import os
    import stat

    old_umask = os.umask(0o022)
    try:
        ctx.sync.export(tmp_path / "väntande.json")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(tmp_path / "väntande.json").st_mode) == 0o600  # before: 0644


def test_a_login_to_an_encrypted_database_without_its_keys_file_is_offered_the_backup(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kansli.db"
    made_and_backed_up(path, encrypt=True)
    Path(f"{path}.keys").unlink()  # the database is there, its keys file is not
    assert start_plan.plan_start(str(path)).kind == start_plan.LOGIN
    monkeypatch.setattr(RestoreAtStart, "ask", lambda self, question: True)
    monkeypatch.setattr(RestoreAtStart, "credentials", lambda self: (ADMIN, PASSWORD))
    dialog = login.LoginDialog(str(path), start_plan.plan_start(str(path)))
    qtbot.addWidget(dialog)
    dialog.on_unusable = RestoreAtStart(str(path), dialog).offer
    dialog.login.setText(ADMIN)
    dialog.password.setText(PASSWORD)
    assert dialog.attempt()  # before: "its keys file is missing … put it back", and no way on from here
    dialog.session.db.close()
    assert Path(f"{path}.keys").exists()
    assert restore_entries(path) == []  # only the keys file was put back: the data are as they were
    assert not [b for b in backups.list_backups(path) if b.kept_until_removed]
