"""Användare… and Byt lösenord…, and what a handledare sees of the administrators' actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from coopdesk import access
from coopdesk.core.models import MonthLock
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import lookups
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.users_dialog import UsersDialog, UsersModel
from tests.gui.conftest import ADMIN_PASSWORD, SUPERVISOR, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD


@pytest.fixture
def dialog(qtbot, ctx) -> UsersDialog:
    users = UsersDialog(ctx)
    qtbot.addWidget(users)
    users.confirm = lambda text: True
    return users


def logs_in(path: Path, login_name: str, password: str) -> bool:
    try:
        session = access.login(str(path), login_name, password)
    except access.LoginError:
        return False
    session.db.close()
    return True


def must_change(path: Path, login_name: str, password: str) -> bool:
    session = access.login(str(path), login_name, password)
    session.db.close()
    return session.must_change_password


def test_the_table_lists_the_accounts(qtmodeltester, dialog) -> None:
    qtmodeltester.check(dialog.model)
    rows = {row.login: row for row in dialog.model.rows}
    assert set(rows) == {"admin.test", SUPERVISOR_LOGIN}
    kim = dialog.model.rows.index(rows[SUPERVISOR_LOGIN])
    cells = [dialog.model.index(kim, c).data() for c in range(dialog.model.columnCount())]
    assert cells == [SUPERVISOR_LOGIN, "Kim Handledare", "handledare", "ja", "–"]
    assert dialog.model.headerData(UsersModel.LAST_LOGIN, Qt.Orientation.Horizontal) == "Senast inloggad"


def test_a_new_user_must_choose_a_password_at_the_first_login(qtbot, dialog, demo_db_path: Path) -> None:
    new = dialog.new_user()
    new.login.setText("eva.l")
    new.name.setText("Eva Lind")
    new.role.setCurrentIndex(new.role.findData("handledare"))
    new.password.setText("tillfälligt-1")
    new.again.setText("tillfälligt-2")
    new.accept()
    assert new.isVisible() and "inte lika" in new.error.text()
    new.again.setText("tillfälligt-1")
    new.accept()
    qtbot.waitUntil(lambda: "eva.l" in [row.login for row in dialog.model.rows])  # read once it has closed
    assert must_change(demo_db_path, "eva.l", "tillfälligt-1")


def test_a_new_password_for_someone_else(dialog, demo_db_path: Path) -> None:
    dialog.select_login(SUPERVISOR_LOGIN)
    reset = dialog.reset_password()
    reset.password.setText("nytt-lösen-1")
    reset.again.setText("nytt-lösen-1")
    reset.accept()
    assert not reset.isVisible()
    assert not logs_in(demo_db_path, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD)
    assert must_change(demo_db_path, SUPERVISOR_LOGIN, "nytt-lösen-1")


def test_inactive_and_active_again_with_a_new_password(qtbot, dialog, demo_db_path: Path) -> None:
    dialog.select_login(SUPERVISOR_LOGIN)
    assert dialog.active_button.text() == "Gör &inaktiv"
    assert dialog.toggle_active() is True
    assert not next(r for r in dialog.model.rows if r.login == SUPERVISOR_LOGIN).active
    assert not logs_in(demo_db_path, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD)
    dialog.select_login(SUPERVISOR_LOGIN)
    assert dialog.active_button.text() == "Gör &aktiv…"
    again = dialog.toggle_active()  # asks for a new password
    again.password.setText("tillbaka-1")
    again.again.setText("tillbaka-1")
    again.accept()
    qtbot.waitUntil(lambda: next(r for r in dialog.model.rows if r.login == SUPERVISOR_LOGIN).active)
    assert logs_in(demo_db_path, SUPERVISOR_LOGIN, "tillbaka-1")


def test_the_last_administrator_stays(dialog) -> None:
    dialog.select_login("admin.test")
    assert not dialog.toggle_active()
    assert "enda aktiva administratören" in dialog.message.text()
    assert not dialog.toggle_role()
    dialog.select_login(SUPERVISOR_LOGIN)
    assert dialog.toggle_role()
    assert next(r for r in dialog.model.rows if r.login == SUPERVISOR_LOGIN).role == "administratör"


def test_changing_the_own_password(qtbot, ctx, demo_db_path: Path) -> None:
    from coopdesk.ui.users_dialog import ChangePasswordDialog

    change = ChangePasswordDialog(ctx.account())
    qtbot.addWidget(change)
    change.current.setText("fel")
    change.new.setText("ett-nytt-lösen")
    change.again.setText("ett-nytt-lösen")
    assert not change.save()
    assert "nuvarande lösenordet stämmer inte" in change.error.text()
    change.current.setText(ADMIN_PASSWORD)
    assert change.save()
    assert logs_in(demo_db_path, "admin.test", "ett-nytt-lösen")


def test_forced_password_change_opens_with_the_focus_in_the_current_password(qtbot, ctx) -> None:
    """Driven in the real window after a log-in with a temporary password: the focus was on Spara
    and the password typed went nowhere."""
    from PySide6.QtWidgets import QApplication

    from coopdesk.ui.users_dialog import ChangePasswordDialog

    change = ChangePasswordDialog(ctx.account(), forced=True)
    qtbot.addWidget(change)
    change.show()
    qtbot.waitExposed(change)
    change.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClicks(QApplication.focusWidget(), "hemligt")
    assert change.current.text() == "hemligt"


# --- a handledare ------------------------------------------------------------------------------


@pytest.fixture
def supervisor_window(qtbot, ctx, monkeypatch):
    ctx.actor = SUPERVISOR
    shown: list[Exception] = []
    monkeypatch.setattr("coopdesk.ui.main_window_roles.show_error", lambda parent, error: shown.append(error))
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: shown.append(error))
    window = MainWindow(ctx)
    window.shown_errors = shown
    qtbot.addWidget(window)
    return window


def test_a_supervisor_sees_the_administrators_actions_disabled(supervisor_window) -> None:
    window = supervisor_window
    assert window.user_label.text() == "Inloggad: Kim Handledare (handledare)"
    for action in (
        window.menus.import_action,
        window.menus.restore_action,
        window.menus.audit_action,
        window.menus.users_action,
    ):
        assert not action.isEnabled()
        assert action.toolTip().startswith("Bara en administratör kan")
    assert window.menus.password_action.isEnabled() and window.menus.lock_action.isEnabled()
    settings = window.show_view("installningar")
    for button in (
        settings.cooperative_box.save_button,
        settings.idle_lock_box.save_button,
        settings.work_areas_box.add_button,
    ):
        assert not button.isEnabled() and button.toolTip().startswith("Bara en administratör kan")
    supervisors = window.show_view("handledare")
    new = next(b for b in supervisors.findChildren(QPushButton) if b.text() == "&Ny handledare…")
    assert not new.isEnabled() and new.toolTip() == "Bara en administratör kan lägga till handledare."
    statements = window.show_view("redovisning")
    statements.refresh()  # the view enables "Öppna månad igen" on an attested month: it stays off
    assert not statements.reopen_button.isEnabled()


def test_a_disabled_action_reached_anyway_is_refused(supervisor_window, ctx) -> None:
    window = supervisor_window
    window.menus.users()
    window.menus.audit_log()
    window.menus.run_import()
    assert [type(e) for e in window.shown_errors] == [PermissionDeniedError] * 3
    assert "Bara en administratör kan hantera användare" in window.shown_errors[0].message("sv")
    settings = window.show_view("installningar")
    before = ctx.read(lambda s: lookups.cooperative(s).name)
    settings.cooperative_box.name.setText("Ett annat namn")
    settings.cooperative_box._edited()
    assert not settings.save()
    assert "Bara en administratör kan ändra inställningarna" in settings.cooperative_box.form_message.text()
    assert not settings.idle_lock_box.save()
    assert ctx.read(lambda s: lookups.cooperative(s).name) == before


def test_a_supervisor_cannot_reopen_a_month(supervisor_window, ctx) -> None:
    from coopdesk.core.calendar import Month

    statements = supervisor_window.show_view("redovisning")
    statements.set_month(Month(2026, 9))  # attested in the demo
    assert ctx.read(lambda s: s.get(MonthLock, "2026-09")) is not None
    statements.ask_reason = lambda: "Fel timmar"
    assert not statements.reopen()
    assert ctx.read(lambda s: s.get(MonthLock, "2026-09")) is not None
    assert isinstance(supervisor_window.shown_errors[-1], PermissionDeniedError)
