"""Issue 12 point 11, the smaller things: each driven through the widgets."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from sqlalchemy import select

from coopdesk import access
from coopdesk.core.audit import Actor
from coopdesk.core.models import District
from coopdesk.core.services import members as member_services
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.views.member_editor import MemberEditor
from coopdesk.ui.views.members import MembersView
from coopdesk.ui.views.members_model import MembersModel
from coopdesk.ui.views.settings import SettingsView
from coopdesk.ui.views.today import TodayView
from coopdesk.ui.views.today_model import TodayModel
from tests.gui.conftest import ADMIN, GUI_TODAY, SUPERVISOR

DAY = dt.date(2026, 11, 26)  # a Thursday, an open day


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error, title=None: None)
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda parent, error, title=None: None)
    monkeypatch.setattr(MemberEditor, "confirm_discard", lambda self: True)


def new_member(ctx, name: str, number: str, district: str, start: dt.date, percent: int) -> int:
    with ctx.db.session() as session:
        member = member_services.add_member(session, ctx.actor, name, number, today=GUI_TODAY)
        district_id = session.scalar(select(District.id).where(District.name == district))
        member_services.add_placement(session, ctx.actor, member.id, district_id, f"T-{number[-4:]}", start, None)
        member_services.add_capacity_period(session, ctx.actor, member.id, start, percent, [1, 2, 3, 4, 5])
        return member.id


def test_ny_medlem_puts_the_cursor_in_namn(ctx, qtbot) -> None:
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitExposed(view)
    editor = view.new_member()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.name_edit)
    qtbot.keyClicks(QApplication.focusWidget(), "Ny Nysson")
    assert editor.name_edit.text() == "Ny Nysson"


def test_a_decision_that_starts_later_is_not_called_missing(ctx, qtbot) -> None:
    new_member(ctx, "Framtida Fransson", "19800101-0019", "Norrmalm", dt.date(2026, 12, 1), 50)
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.today = GUI_TODAY
    view.refresh()
    row = next(i for i, r in enumerate(view.model.rows) if r.name == "Framtida Fransson")
    assert view.model.index(row, MembersModel.DISTRICT).data() == "Beslut från 2026-12-01"
    # a member whose decision has ended is still without one
    ended = [r for r in view.model.rows if not r.active and r.next_start is None]
    for r in ended:
        assert view.model.index(view.model.rows.index(r), MembersModel.DISTRICT).data() == "Inget aktivt beslut"


def test_settings_a_supervisor_may_not_change_look_read_only(ctx, qtbot) -> None:
    supervisor = AppContext(ctx.db, SUPERVISOR)
    view = SettingsView(supervisor)
    qtbot.addWidget(view)
    view.show()
    for field in (
        view.cooperative_box.name,
        view.cooperative_box.org_number,
        view.cooperative_box.address,
        view.cooperative_box.full_time,
    ):
        assert isinstance(field, QLineEdit) and field.isReadOnly()
        assert "background" in field.styleSheet() and field.toolTip().startswith("Bara en administratör")
    assert not view.cooperative_box.host.isEnabled() and isinstance(view.cooperative_box.host, QComboBox)
    assert not any(box.isEnabled() for box in view.cooperative_box.weekdays)
    before = view.cooperative_box.name.text()
    view.cooperative_box.name.setFocus()
    qtbot.keyClicks(view.cooperative_box.name, "X")
    assert view.cooperative_box.name.text() == before
    # the administrator's form is as before
    admin = SettingsView(ctx)
    qtbot.addWidget(admin)
    assert (
        not admin.cooperative_box.name.isReadOnly()
        and admin.cooperative_box.name.styleSheet() == ""
        and admin.cooperative_box.host.isEnabled()
    )


def test_planned_hours_to_the_quarter_hour_unless_billed_per_hour(ctx, qtbot) -> None:
    start = dt.date(2026, 11, 2)
    new_member(ctx, "Kvart Kvartsson", "19800101-0019", "Norrmalm", start, 35)  # per day
    new_member(ctx, "Timme Timmesson", "19850505-1238", "Södermalm", start, 35)  # per hour
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.set_date(DAY)

    def cell(name: str, role=Qt.ItemDataRole.DisplayRole):
        row = next(i for i, r in enumerate(view.model.rows) if r.name == name)
        return view.model.index(row, TodayModel.PLANNED).data(role)

    # 35 % of 40 h over 5 days = 2.8 h
    assert cell("Kvart Kvartsson") == "2,75"
    assert cell("Kvart Kvartsson", Qt.ItemDataRole.ToolTipRole) == "Planerad tid: 2,8 tim (exakt)"
    assert cell("Timme Timmesson") == "2,8"
    assert cell("Timme Timmesson", Qt.ItemDataRole.ToolTipRole) == "Planerad tid: 2,8 tim (exakt)"
    from coopdesk.core.numbers import quarter_hours

    assert quarter_hours(Fraction(23, 8)) == 3 and quarter_hours(Fraction(8, 3)) == Fraction(11, 4)


def test_the_app_opens_on_idag_after_login(qtbot, ctx) -> None:
    QSettings().setValue("main/view", "medlemmar")  # what was open when the app was closed
    fresh = AppContext(None, Actor("", role=""))
    window = MainWindow(fresh)
    qtbot.addWidget(window)
    window.log_in(access.UserSession(ctx.db, ADMIN))
    assert window.current_key() == "idag"
    assert type(window.stack.currentWidget()).__name__ == "TodayView"
    assert "medlemmar" not in window._views  # only the view shown is built
    fresh.tasks.wait()
