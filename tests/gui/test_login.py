"""Logging in at start: which dialog, the first administrator, wrong passwords, the forced change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from coopdesk import access
from coopdesk.app import start_plan
from coopdesk.core.models import AuditEntry
from coopdesk.storage.database import open_database
from coopdesk.ui import first_start, login
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.users_dialog import ChangePasswordDialog
from tests.gui.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, SUPERVISOR_LOGIN


@pytest.fixture
def demo_accounts_db(tmp_path: Path) -> Path:
    """An unencrypted database with the demo's accounts (as 'coopdesk demo --no-encryption' makes)."""
    path = tmp_path / "demo-accounts.db"
    admin, name, _role, password = access.DEMO_ACCOUNTS[0]
    access.create_database(str(path), admin, name, password, encrypt=False, demo_accounts=True).session.db.close()
    return path


def failed_logins(path: Path) -> list[str]:
    database = open_database(str(path), create=False)
    try:
        with database.session() as s:
            return list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "login_failed")))
    finally:
        database.close()


def test_a_new_database_starts_with_the_first_administrator(tmp_path: Path) -> None:
    plan = start_plan.plan_start(str(tmp_path / "new.db"))
    assert plan.kind == start_plan.FIRST_START and not plan.existing
    assert not (tmp_path / "new.db").exists()  # deciding creates nothing


def test_a_database_from_before_accounts_gets_its_administrator_unencrypted(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(str(path)).close()
    plan = start_plan.plan_start(str(path))
    assert plan.kind == start_plan.FIRST_START and plan.existing
    dialog = first_start.FirstStartDialog(str(path), plan)
    qtbot.addWidget(dialog)
    assert not dialog.encrypt.isChecked() and not dialog.encrypt.isEnabled()


def test_a_database_with_users_asks_for_a_login(qtbot, demo_db_path: Path) -> None:
    plan = start_plan.plan_start(str(demo_db_path))
    assert plan.kind == start_plan.LOGIN and not plan.demo
    dialog = login.LoginDialog(str(demo_db_path), plan)
    qtbot.addWidget(dialog)
    assert dialog.demo_box is None
    assert str(demo_db_path) in dialog.database_label.text()


def test_the_demo_database_shows_its_accounts(qtbot, demo_accounts_db: Path) -> None:
    plan = start_plan.plan_start(str(demo_accounts_db))
    assert plan.kind == start_plan.LOGIN and plan.demo
    dialog = login.LoginDialog(str(demo_accounts_db), plan)
    qtbot.addWidget(dialog)
    assert dialog.demo_box is not None
    for account, _name, _role, password in access.DEMO_ACCOUNTS:
        assert account in dialog.demo_box.text() and password in dialog.demo_box.text()
    dialog.login.setText("handledare")
    dialog.password.setText("demo-handledare")
    assert dialog.attempt()
    assert dialog.session.actor.name == "Kim Handledare" and not dialog.session.actor.is_admin
    dialog.session.db.close()


def test_first_start_creates_the_administrator(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    dialog = first_start.FirstStartDialog(str(path), start_plan.plan_start(str(path)))
    qtbot.addWidget(dialog)
    assert dialog.encrypt.isChecked()  # encrypted is the default choice
    qtbot.keyClicks(dialog.login, "anna.b")
    qtbot.keyClicks(dialog.name, "Anna Berg")
    qtbot.keyClicks(dialog.password, "ett-bra-losen")
    qtbot.keyClicks(dialog.again, "ett-annat-losen")
    assert not dialog.create()
    assert "inte lika" in dialog.message.text() and not path.exists()
    qtbot.keyClicks(dialog.again, "ett-bra-losen")
    assert dialog.create()
    assert dialog.result() == QDialog.DialogCode.Accepted
    session = dialog.created.session
    assert session.actor.login == "anna.b" and session.actor.is_admin
    assert dialog.created.recovery_key and session.db.is_encrypted
    session.db.close()
    assert not path.read_bytes().startswith(b"SQLite format 3") and Path(f"{path}.keys").exists()
    assert start_plan.plan_start(str(path)).kind == start_plan.LOGIN


def test_an_encrypted_demo_database_logs_in_and_remembers_failed_attempts(qtbot, tmp_path: Path) -> None:
    """The database cannot be opened with a wrong password, so the keys file keeps the attempt until
    the next login puts it into the audit log."""
    path = tmp_path / "demo.db"
    admin, name, _role, password = access.DEMO_ACCOUNTS[0]
    access.create_database(str(path), admin, name, password, demo_accounts=True).session.db.close()
    plan = start_plan.plan_start(str(path))
    assert plan.kind == start_plan.LOGIN and plan.demo
    dialog = login.LoginDialog(str(path), plan)
    qtbot.addWidget(dialog)
    assert dialog.demo_box is not None and password in dialog.demo_box.text()
    dialog.tick_ms = 5
    dialog.login.setText("handledare")
    dialog.password.setText("gissat-lösen")
    assert not dialog.attempt()
    assert dialog.message.text() == access.LoginError().message("sv")
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=2000)
    dialog.password.setText("demo-handledare")
    assert dialog.attempt()
    session = dialog.session
    with session.db.session() as s:
        failed = list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "login_failed")))
    session.db.close()
    assert failed == ["Misslyckad inloggning som 'handledare'"]


def test_first_start_refuses_a_bad_login_name_and_leaves_no_file(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    dialog = first_start.FirstStartDialog(str(path), start_plan.plan_start(str(path)))
    qtbot.addWidget(dialog)
    dialog.encrypt.setChecked(False)
    dialog.login.setText("Anna B!")
    dialog.name.setText("Anna Berg")
    dialog.password.setText("ett-bra-lösen")
    dialog.again.setText("ett-bra-lösen")
    assert not dialog.create()
    assert "Användarnamnet" in dialog.message.text()
    assert not path.exists()


def test_a_wrong_password_is_said_logged_and_waited_for(qtbot, demo_db_path: Path) -> None:
    dialog = login.LoginDialog(str(demo_db_path), start_plan.plan_start(str(demo_db_path)))
    qtbot.addWidget(dialog)
    dialog.tick_ms = 5
    dialog.login.setText(ADMIN_LOGIN)
    dialog.password.setText("fel-lösenord")
    assert not dialog.attempt()
    assert dialog.message.text() == access.LoginError().message("sv")
    assert dialog.login.text() == ADMIN_LOGIN and dialog.password.text() == ""
    assert not dialog.login_button.isEnabled() and dialog.remaining == 1
    dialog.password.setText(ADMIN_PASSWORD)
    assert not dialog.attempt()  # not even the right password while waiting
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=2000)
    dialog.password.setText("fel-igen-1")
    assert not dialog.attempt()
    assert dialog.remaining == 2  # longer each time
    assert [summary for summary in failed_logins(demo_db_path)] == [f"Misslyckad inloggning som {ADMIN_LOGIN!r}"] * 2
    assert login.Backoff.CAP_SECONDS == 30
    backoff = login.Backoff()
    assert [backoff.failed() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]


def test_logging_in_puts_the_user_in_the_context(qtbot, demo_db_path: Path) -> None:
    dialog = login.LoginDialog(str(demo_db_path), start_plan.plan_start(str(demo_db_path)))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, ADMIN_LOGIN)
    dialog.password.setText(ADMIN_PASSWORD)
    assert dialog.attempt() and dialog.result() == QDialog.DialogCode.Accepted
    ctx = AppContext(None, access.Actor("", role=""))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.log_in(dialog.session)
    assert ctx.actor.login == ADMIN_LOGIN and ctx.account() is dialog.session
    assert window.user_label.text() == "Inloggad: Sara Svensson (administratör)"
    assert window.windowTitle().startswith("coopdesk — ")
    window.close()
    ctx.tasks.wait()
    ctx.db.close()


def test_a_temporary_password_must_be_changed_first(qtbot, ctx, demo_db_path: Path, monkeypatch) -> None:
    user_id = ctx.read(lambda s: access_user_id(s, SUPERVISOR_LOGIN))
    access.set_password(ctx.account(), user_id, "tillfälligt-1")
    shown: list[ChangePasswordDialog] = []

    def log_in(dialog: login.LoginDialog) -> int:
        dialog.login.setText(SUPERVISOR_LOGIN)
        dialog.password.setText("tillfälligt-1")
        return int(dialog.attempt())

    def change(dialog: ChangePasswordDialog) -> int:
        shown.append(dialog)
        dialog.current.setText("tillfälligt-1")
        dialog.new.setText("kims-egna-lösen")
        dialog.again.setText("kims-egna-lösen")
        return int(dialog.save())

    monkeypatch.setattr(login.LoginDialog, "exec", log_in)
    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    session = login.log_in_at_start(str(demo_db_path), None, lambda damaged: False)
    assert shown and session is not None and not session.must_change_password
    session.db.close()
    again = access.login(str(demo_db_path), SUPERVISOR_LOGIN, "kims-egna-lösen")
    assert not again.must_change_password
    again.db.close()


def test_quitting_the_forced_change_quits(qtbot, ctx, demo_db_path: Path, monkeypatch) -> None:
    user_id = ctx.read(lambda s: access_user_id(s, SUPERVISOR_LOGIN))
    access.set_password(ctx.account(), user_id, "tillfälligt-1")

    def log_in(dialog: login.LoginDialog) -> int:
        dialog.login.setText(SUPERVISOR_LOGIN)
        dialog.password.setText("tillfälligt-1")
        return int(dialog.attempt())

    monkeypatch.setattr(login.LoginDialog, "exec", log_in)
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda dialog: 0)
    assert login.log_in_at_start(str(demo_db_path), None, lambda damaged: False) is None


def test_the_recovery_key_must_be_kept_before_going_on(qtbot, tmp_path: Path) -> None:
    dialog = first_start.RecoveryKeyDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", "/tmp/x.db")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Esc: the key is shown only once, so not yet
    assert dialog.isVisible()
    dialog.confirmed.setChecked(True)
    assert dialog.continue_button.isEnabled()
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    dialog.render_to(printer)
    assert (tmp_path / "key.pdf").read_bytes().startswith(b"%PDF")
    assert "ABCD-EFGH" in dialog.page_html() and "/tmp/x.db" in dialog.page_html()


def test_screenshot_mode_logs_in_from_the_environment(demo_db_path: Path, demo_accounts_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("COOPDESK_USER", ADMIN_LOGIN)
    monkeypatch.setenv("COOPDESK_PASSWORD", ADMIN_PASSWORD)
    session = login.screenshot_session(str(demo_db_path))
    assert session.actor.login == ADMIN_LOGIN
    session.db.close()
    monkeypatch.delenv("COOPDESK_USER")
    session = login.screenshot_session(str(demo_accounts_db))  # a demo: its administrator
    assert session.actor.login == access.DEMO_ACCOUNTS[0][0]
    session.db.close()
    with pytest.raises(Exception, match="COOPDESK_USER"):
        login.screenshot_session(str(demo_db_path))
    assert "COOPDESK_USER" not in os.environ


def access_user_id(session, login_name: str) -> int:
    from coopdesk.core.services import users

    return users.find(session, login_name).id


def test_a_message_does_not_push_the_demo_accounts_out_of_the_dialog(qtbot, demo_accounts_db: Path) -> None:
    """Seen in a real window: after a wrong password the wrapped message took the room of the demo accounts'
    last line, which was cut off at the dialog's edge. A dialog grows to hold a message shown in it."""
    dialog = login.LoginDialog(str(demo_accounts_db), start_plan.plan_start(str(demo_accounts_db)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.login.setText("admin")
    dialog.password.setText("fel-lösenord")
    assert not dialog.attempt()
    qtbot.wait(50)
    assert dialog.demo_box is not None and dialog.message.isVisible()
    layout = dialog.layout()
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
    assert dialog.demo_box.geometry().height() >= dialog.demo_box.heightForWidth(dialog.demo_box.width())
