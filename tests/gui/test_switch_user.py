"""Switching users in one window: Arkiv → Logga ut / Byt användare, and "Annan användare" on the lock
screen. The next user logs in in the same window; the role-dependent interface follows; the audit log
has the logout and the login; unsaved input is never lost without a question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from coopdesk import access
from coopdesk.core.models import AuditEntry, Member
from coopdesk.ui import main_window_session
from coopdesk.ui.main_window import MainWindow
from tests.gui.conftest import (
    ADMIN_LOGIN,
    ADMIN_PASSWORD,
    SUPERVISOR,
    SUPERVISOR_LOGIN,
    SUPERVISOR_PASSWORD,
)


@pytest.fixture
def window(qtbot, ctx):
    ctx.actor = SUPERVISOR
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def log_in(window, login: str, password: str) -> bool:
    dialog = window.login_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.login.setText(login)
    dialog.password.setText(password)
    return dialog.attempt()


def audit(ctx, *actions: str) -> list[tuple[str, str]]:
    query = select(AuditEntry.action, AuditEntry.actor).where(AuditEntry.action.in_(actions)).order_by(AuditEntry.id)
    return [tuple(row) for row in ctx.read(lambda s: list(s.execute(query)))]


def new_supervisor_button(window) -> QPushButton:
    view = window.show_view("handledare")
    return next(b for b in view.findChildren(QPushButton) if b.text() == view.tr("&Ny handledare…"))


def test_a_handledare_logs_out_and_an_administrator_logs_in_in_the_same_window(qtbot, window, ctx) -> None:
    assert not window.menus.users_action.isEnabled() and not new_supervisor_button(window).isEnabled()
    window.show_view("medlemmar")
    assert window.log_out()
    assert window.logged_out and window.central.currentWidget() is window.user_switch.page
    assert not window._views, "no view with member data stays in the window"
    assert not window.menuBar().isEnabled() and window.user_label.text() == ""
    assert audit(ctx, "logout") == [("logout", "Kim Handledare")]

    assert log_in(window, ADMIN_LOGIN, ADMIN_PASSWORD)
    assert not window.logged_out and window.login_dialog is None
    assert ctx.actor.login == ADMIN_LOGIN and ctx.actor.is_admin
    assert "Sara Svensson" in window.user_label.text()
    for action in (
        window.menus.users_action,
        window.menus.audit_action,
        window.menus.import_action,
        window.menus.erasure_action,
    ):
        assert action.isEnabled() and action.toolTip() != window.roles.admin_tooltips()["users"]
    assert window.menus.restore_action.isEnabled()
    assert new_supervisor_button(window).isEnabled()
    assert window.current_key() == "handledare" and window.stack.currentWidget() is window.view("handledare")
    assert audit(ctx, "login", "logout")[-2:] == [("logout", "Kim Handledare"), ("login", "Sara Svensson")]


def test_an_administrator_then_a_handledare_gets_the_admin_actions_disabled_again(qtbot, ctx) -> None:
    main = MainWindow(ctx)  # ctx: the administrator
    qtbot.addWidget(main)
    main.show()
    assert main.menus.users_action.isEnabled()
    assert main.log_out()
    assert log_in(main, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD)
    assert not ctx.actor.is_admin
    assert not main.menus.users_action.isEnabled() and not main.menus.restore_action.isEnabled()
    assert not new_supervisor_button(main).isEnabled()


def test_a_wrong_password_after_a_logout_is_refused_and_logged(qtbot, window, ctx) -> None:
    assert window.log_out()
    window.login_dialog.tick_ms = 5
    assert not log_in(window, ADMIN_LOGIN, "fel-lösenord")
    assert window.logged_out and ctx.actor.name == ""
    assert audit(ctx, "login_failed")[-1] == ("login_failed", ADMIN_LOGIN)


def test_undo_history_is_not_handed_to_the_next_user(qtbot, window, ctx) -> None:
    from PySide6.QtGui import QUndoCommand

    ctx.undo_stack.push(QUndoCommand("Kim's change"))
    assert window.log_out()
    assert ctx.undo_stack.count() == 0


def test_the_lock_screen_offers_another_user(qtbot, window, ctx) -> None:
    window.lock_now()
    screen = window.idle_lock.screen
    assert screen.other_user_button.isVisible()
    screen.other_user_button.click()
    assert window.logged_out and not window.idle_lock.locked and window.idle_lock.paused
    window.idle_lock.clock = lambda: 10**9  # long idle while logged out: nothing to lock
    window.idle_lock.check()
    assert not window.idle_lock.locked
    assert log_in(window, ADMIN_LOGIN, ADMIN_PASSWORD)
    assert ctx.actor.is_admin and not window.idle_lock.paused
    assert audit(ctx, "logout") == [("logout", "Kim Handledare")]


def open_editor_with_typing(qtbot, window, ctx):
    members = window.show_view("medlemmar")
    member = ctx.read(lambda s: s.scalars(select(Member).order_by(Member.id)).first())
    editor = members.open_member(member.id)
    qtbot.waitExposed(editor)
    editor.name_edit.setText(member.name + " Ändrad")
    editor.validate(touched=True)
    return member, editor


@pytest.mark.parametrize("locked", [False, True])
def test_unsaved_typing_in_an_editor_is_asked_about_never_lost(qtbot, window, ctx, monkeypatch, locked) -> None:
    member, editor = open_editor_with_typing(qtbot, window, ctx)
    answers = ["cancel", "save"]
    titles: list[str | None] = []

    def ask(self, title):
        titles.append(title)
        return answers.pop(0)

    monkeypatch.setattr(main_window_session.UserSwitch, "ask_unsaved", ask)
    if locked:
        window.lock_now()
        assert not window.idle_lock.other_user()
        assert window.idle_lock.locked, "Avbryt keeps the lock"
    else:
        assert not window.log_out()
    assert editor.isVisible() and editor.name_edit.text() == member.name + " Ändrad"
    assert ctx.actor == SUPERVISOR and not window.logged_out
    assert window.idle_lock.other_user() if locked else window.log_out()
    assert window.logged_out
    assert ctx.read(lambda s: s.get(Member, member.id).name) == member.name + " Ändrad"
    # under the lock the form's title (a member's name) is not shown to the one at the keyboard
    assert titles[0] is None if locked else member.name in (titles[0] or "")
    entries = audit(ctx, "update", "logout")
    assert entries[-2:] == [("update", "Kim Handledare"), ("logout", "Kim Handledare")]


def test_discarding_unsaved_typing_saves_nothing(qtbot, window, ctx, monkeypatch) -> None:
    member, editor = open_editor_with_typing(qtbot, window, ctx)
    monkeypatch.setattr(main_window_session.UserSwitch, "ask_unsaved", lambda self, title: "discard")
    assert window.log_out()
    assert not editor.isVisible()
    assert ctx.read(lambda s: s.get(Member, member.id).name) == member.name


def test_unsaved_cooperative_details_are_asked_about(qtbot, window, ctx, monkeypatch) -> None:
    settings = window.show_view("installningar")
    settings.cooperative_box.address.setText("Ny gata 1")
    settings.cooperative_box.address.textEdited.emit("Ny gata 1")
    asked: list[str | None] = []
    monkeypatch.setattr(
        main_window_session.UserSwitch, "ask_unsaved", lambda self, title: asked.append(title) or "cancel"
    )
    assert settings.has_unsaved_input()
    assert not window.log_out()
    assert asked and settings.cooperative_box.address.text() == "Ny gata 1"


def test_switching_users_on_an_encrypted_database_needs_the_users_own_key(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    admin, _name, _role, password = access.DEMO_ACCOUNTS[0]
    supervisor, _sname, _srole, supervisor_password = access.DEMO_ACCOUNTS[1]
    created = access.create_database(str(path), admin, "Alex", password, demo_accounts=True)
    database = created.session.db
    try:
        access.log_out(created.session)
        with pytest.raises(access.LoginError):
            access.switch_user(database, supervisor, "fel")
        session = access.switch_user(database, supervisor, supervisor_password)
        assert session.actor.login == supervisor and session.db is database
        with database.session() as s:
            actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-3:] == ["logout", "login_failed", "login"]
    finally:
        database.close()
