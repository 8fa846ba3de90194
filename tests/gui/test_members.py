"""Medlemmar: the member list and the member editor, driven through their widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from coopdesk.core.models import CapacityPeriod, Member, Placement
from coopdesk.core.services import members as member_services
from coopdesk.core.text import swedish_key
from coopdesk.ui.views.member_editor import MemberEditor
from coopdesk.ui.views.members import MembersView
from coopdesk.ui.views.members_model import MembersModel, weekdays_text
from coopdesk.ui.widgets import COLORS
from tests.gui.conftest import GUI_TODAY

CHECK_DIGIT_MESSAGE = "Personnumret 19800101-0018 har fel kontrollsiffra. Kontrollera siffrorna."


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error boxes and the unsaved-changes question would block the test: record them instead."""
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr(MemberEditor, "confirm_discard", lambda self: True)
    return shown


@pytest.fixture
def view(ctx, qtbot) -> MembersView:
    widget = MembersView(ctx)
    qtbot.addWidget(widget)
    widget.today = GUI_TODAY
    widget.refresh()
    return widget


def member_id(ctx, name: str) -> int:
    return ctx.read(lambda s: s.scalar(select(Member.id).where(Member.name == name)))


def source_row(view: MembersView, name: str) -> int:
    return next(i for i, r in enumerate(view.model.rows) if r.name == name)


def cell(view: MembersView, name: str, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return view.model.index(source_row(view, name), column).data(role)


def editor_for(ctx, qtbot, member: int | None) -> MemberEditor:
    editor = MemberEditor(ctx, member, today=GUI_TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def count_members(ctx) -> int:
    return ctx.read(lambda s: s.scalar(select(func.count()).select_from(Member)))


# --- the list ------------------------------------------------------------------------------------


def test_list_shows_the_demo_members_with_masked_numbers(view, qtmodeltester):
    assert view.model.rowCount() == 20
    assert view.proxy.rowCount() == 20
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    numbers = [view.model.index(i, MembersModel.NUMBER).data() for i in range(20)]
    assert all(n.endswith("-****") and len(n) == 13 for n in numbers)
    assert cell(view, "Håkan Öberg", MembersModel.NUMBER) == "19770623-****"
    assert cell(view, "Håkan Öberg", MembersModel.DISTRICT) == "Norrmalm"
    assert cell(view, "Håkan Öberg", MembersModel.END) == "tills vidare"
    assert cell(view, "Håkan Öberg", MembersModel.CAPACITY) == "50 %"
    assert cell(view, "Håkan Öberg", MembersModel.AREA) == "Kaffestuga"
    assert view.summary.text().startswith("20 medlemmar")


def test_member_without_active_placement_is_greyed(view):
    # Ali Hassan's placement ended 2025-05-12 (he left for a job: demo_people.STORY).
    assert cell(view, "Ali Hassan", MembersModel.DISTRICT) == "Inget aktivt beslut"
    assert cell(view, "Ali Hassan", MembersModel.END) == "–"
    assert cell(view, "Ali Hassan", MembersModel.NAME, Qt.ItemDataRole.ForegroundRole) == COLORS["muted"]
    tooltip = cell(view, "Ali Hassan", MembersModel.NAME, Qt.ItemDataRole.ToolTipRole)
    assert "2025-05-12" in tooltip


def test_sorting_by_column_uses_swedish_order(view, qtbot):
    view.table.sortByColumn(MembersModel.NAME, Qt.SortOrder.AscendingOrder)
    names = [view.proxy.index(i, MembersModel.NAME).data() for i in range(view.proxy.rowCount())]
    assert names == sorted(names, key=swedish_key)
    view.table.sortByColumn(MembersModel.NAME, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, MembersModel.NAME).data() == "Zeynep Yılmaz"
    view.table.sortByColumn(MembersModel.CAPACITY, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, MembersModel.CAPACITY).data() == "100 %"


def test_search_filters_by_name_and_by_personal_number(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    qtbot.keyClicks(view.search, "Öberg")  # anywhere in the name
    assert {view.proxy.index(i, 0).data() for i in range(view.proxy.rowCount())} == {"Håkan Öberg", "Göran Sjöberg"}
    assert view.summary.text().startswith("2 av 20 medlemmar")
    qtbot.keyClicks(view.search, " ")
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    view.search.setText("Håkan Öb")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, MembersModel.NAME).data() == "Håkan Öberg"
    view.search.clear()
    assert view.proxy.rowCount() == 20
    qtbot.keyClicks(view.search, "19700")  # the start of two birth dates
    names = {view.proxy.index(i, 0).data() for i in range(view.proxy.rowCount())}
    assert names == {"Sigrid Ødegård", "Zeynep Yılmaz"}
    view.search.setText("ström")  # (QTest cannot type a lower-case ö)
    assert {view.proxy.index(i, 0).data() for i in range(view.proxy.rowCount())} == {
        "Maria Ekström",
        "Malin Bergström",
    }


def test_ctrl_f_focuses_search_and_enter_opens_the_member(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitExposed(view)
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search.hasFocus)
    qtbot.keyClicks(view.search, "197706")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # opens the (first) match
    editor = view.editor
    assert editor is not None
    assert editor.member_id == member_id(view.ctx, "Håkan Öberg")
    assert editor.number_edit.text() == "19770623-9394"  # the full number only inside the editor
    editor.done(0)
    view.search.setText("berg")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)  # into the list
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    name = view.table.currentIndex().siblingAtColumn(MembersModel.NAME).data()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.editor is not None and view.editor.member_id == member_id(view.ctx, name)
    view.editor.done(0)


def test_ctrl_n_opens_an_empty_editor(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitExposed(view)
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = view.editor
    assert editor is not None and editor.member_id is None
    assert not editor.tabs.isTabEnabled(1)
    editor.done(0)


def test_placement_ending_within_30_days_is_marked(ctx, view):
    with ctx.db.session() as session:
        for name, days in (("Anna Lindqvist", 10), ("Göran Sjöberg", 45)):
            member = session.get(Member, member_id(ctx, name))
            member_services.end_placement(
                session, ctx.actor, member.placements[-1].id, GUI_TODAY + dt.timedelta(days=days)
            )
    ctx.changed.emit("members")  # what ctx.change does after a change
    soon = "Anna Lindqvist"
    assert cell(view, soon, MembersModel.END) == "2026-12-07 ⚠"
    assert cell(view, soon, MembersModel.NAME, Qt.ItemDataRole.ToolTipRole) == "Beslutet upphör snart (2026-12-07)"
    assert isinstance(cell(view, soon, MembersModel.NAME, Qt.ItemDataRole.DecorationRole), QIcon)
    assert cell(view, soon, MembersModel.END, Qt.ItemDataRole.ForegroundRole) == COLORS["warning"]
    later = "Göran Sjöberg"
    assert cell(view, later, MembersModel.END) == "2027-01-11"
    assert cell(view, later, MembersModel.NAME, Qt.ItemDataRole.DecorationRole) is None
    assert "1 beslut upphör inom 30 dagar" in view.summary.text()
    # Forty days on, Anna's placement has ended: no mark, greyed instead.
    view.today = GUI_TODAY + dt.timedelta(days=40)
    view.refresh()
    assert cell(view, soon, MembersModel.DISTRICT) == "Inget aktivt beslut"
    assert cell(view, later, MembersModel.END) == "2027-01-11 ⚠"


# --- the editor ----------------------------------------------------------------------------------


def test_bad_personal_number_is_shown_as_typed_and_nothing_is_saved(ctx, qtbot):
    editor = editor_for(ctx, qtbot, None)
    qtbot.keyClicks(editor.name_edit, "Test Testsson")
    qtbot.keyClicks(editor.number_edit, "19800101")
    assert "ÅÅÅÅMMDD-NNNN" in editor.number_message.text()  # still typing: how to write it
    qtbot.keyClicks(editor.number_edit, "-0018")
    assert editor.number_message.text() == CHECK_DIGIT_MESSAGE
    assert editor.number_message.isVisible()
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor.number_edit, Qt.Key.Key_Return)  # the default button must not save either
    assert editor.save() is False
    assert editor.member_id is None
    assert count_members(ctx) == 20
    # Corrected, the 10-digit form is accepted and shown as it will be stored.
    editor.number_edit.clear()
    qtbot.keyClicks(editor.number_edit, "8001010019")
    assert editor.number_message.text() == "Sparas som 19800101-0019"
    assert editor.save_button.isEnabled()


def test_empty_name_is_refused_inline(ctx, qtbot):
    editor = editor_for(ctx, qtbot, member_id(ctx, "Håkan Öberg"))
    editor.name_edit.selectAll()
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Delete)
    assert editor.name_message.text() == "Namnet måste fyllas i."
    assert not editor.save_button.isEnabled()
    assert editor.save() is False
    assert ctx.read(lambda s: s.get(Member, member_id(ctx, "Håkan Öberg")).name) == "Håkan Öberg"


def test_new_member_with_placement_and_capacity_is_saved(ctx, qtbot, qtmodeltester, view):
    editor = editor_for(ctx, qtbot, None)
    assert [editor.tabs.isTabEnabled(i) for i in range(4)] == [True, False, False, False]
    qtbot.keyClicks(editor.name_edit, "Test Testsson")
    qtbot.keyClicks(editor.number_edit, "19800101-0019")
    editor.area_combo.setCurrentIndex(editor.area_combo.findText("Glasverkstad"))
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.member_id is not None
    assert all(editor.tabs.isTabEnabled(i) for i in range(4))
    assert view.model.rowCount() == 21  # the list followed ctx.changed

    placement = editor.add_placement()
    placement.district.setCurrentIndex(placement.district.findText("Norrmalm"))
    qtbot.keyClicks(placement.decision_ref, "NOR-2026-9999")
    qtbot.keyClicks(placement.case_worker, "Petra Sundin")
    qtbot.keyClicks(placement.email, "petra.sundin@stockholm.se")
    placement.start.setDate(QDate(2026, 11, 1))
    assert placement.save() is True

    capacity = editor.add_capacity()
    assert capacity.valid_from.date() == QDate(2026, 11, 1)  # the placement's start, for a first capacity
    capacity.percent.setValue(50)
    assert [d for d, box in capacity.weekdays.items() if box.isChecked()] == [1, 2, 3, 4, 5]
    assert capacity.save() is True

    assert editor.placements.rowCount() == 1 and editor.capacities.rowCount() == 1
    assert editor.capacities.index(0, 2).data() == "mån–fre"
    for model in (editor.placements, editor.capacities, editor.attendance):
        qtmodeltester.check(model)
    new_id = editor.member_id
    with ctx.db.session() as session:  # a new session: what was really stored
        member = session.get(Member, new_id)
        assert (member.name, member.personal_number) == ("Test Testsson", "19800101-0019")
        assert member.primary_work_area.name == "Glasverkstad"
        [stored] = member.placements
        assert (stored.district.name, stored.decision_ref, stored.start, stored.end) == (
            "Norrmalm",
            "NOR-2026-9999",
            dt.date(2026, 11, 1),
            None,
        )
        assert (stored.case_worker, stored.case_worker_email) == ("Petra Sundin", "petra.sundin@stockholm.se")
        [period] = member.capacity_periods
        assert (period.valid_from, period.percent, period.weekdays) == (dt.date(2026, 11, 1), 50, {1, 2, 3, 4, 5})
    row = source_row(view, "Test Testsson")
    assert view.model.index(row, MembersModel.DISTRICT).data() == "Norrmalm"
    assert view.model.index(row, MembersModel.CAPACITY).data() == "50 %"


def test_duplicate_personal_number_is_refused_with_the_service_message(ctx, qtbot, no_blocking_dialogs):
    editor = editor_for(ctx, qtbot, None)
    qtbot.keyClicks(editor.name_edit, "Dubbel Dubbelsson")
    qtbot.keyClicks(editor.number_edit, "19770623-9394")
    assert editor.save() is False
    assert no_blocking_dialogs == ["Personnumret 19770623-9394 tillhör redan Håkan Öberg."]
    assert editor.member_id is None
    assert count_members(ctx) == 20


def test_refused_placement_shows_the_message_and_changes_nothing(ctx, qtbot, no_blocking_dialogs):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    dialog = editor.add_placement()
    dialog.district.setCurrentIndex(dialog.district.findText("Södermalm"))
    qtbot.keyClicks(dialog.decision_ref, "SOD-2026-0001")
    dialog.start.setDate(QDate(2026, 12, 1))  # overlaps the open-ended Norrmalm placement
    assert dialog.save() is False
    assert len(no_blocking_dialogs) == 1 and "Håkan Öberg" in no_blocking_dialogs[0]
    assert dialog.isVisible()  # still open, to correct
    dialog.decision_ref.clear()
    assert dialog.save() is False
    assert no_blocking_dialogs[-1] == "Beslutsnumret måste fyllas i."
    query = select(func.count()).select_from(Placement).where(Placement.member_id == member)
    assert ctx.read(lambda s: s.scalar(query)) == 1
    dialog.reject()


def test_move_to_another_district_ends_the_old_placement_the_day_before(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    editor.tabs.setCurrentIndex(1)
    dialog = editor.move_member()
    assert dialog.district.findText("Norrmalm") == -1  # not the district it already has
    dialog.district.setCurrentIndex(dialog.district.findText("Södermalm"))
    dialog.from_day.setDate(QDate(2026, 12, 1))
    qtbot.keyClicks(dialog.decision_ref, "SOD-2026-1234")
    assert dialog.save() is True
    assert editor.placements.rowCount() == 2
    with ctx.db.session() as session:
        old, new = session.get(Member, member).placements
        assert (old.district.name, old.end) == ("Norrmalm", dt.date(2026, 11, 30))
        assert (new.district.name, new.start, new.end, new.decision_ref) == (
            "Södermalm",
            dt.date(2026, 12, 1),
            None,
            "SOD-2026-1234",
        )


def test_end_placement_through_the_dialog(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    assert editor.selected_placement() is not None  # the placement active today is selected
    dialog = editor.end_placement()
    dialog.end.setDate(QDate(2026, 12, 31))
    # the reason is asked for, not guessed: Spara without one says so and saves nothing
    assert dialog.reason.currentText() == "Välj orsak…"
    assert dialog.save() is False
    assert not dialog.reason_message.isHidden() and "Välj varför" in dialog.reason_message.text()
    assert ctx.read(lambda s: s.get(Member, member).placements[0].end) is None
    assert [dialog.reason.itemText(i) for i in range(1, dialog.reason.count())] == [
        "Arbete", "Studier", "Annan sysselsättning", "Flyttat", "Ohälsa", "Eget val", "Annat", "Vet inte"
    ]  # fmt: skip
    dialog.reason.setCurrentIndex(dialog.reason.findText("Studier"))
    assert dialog.reason_message.isHidden()
    assert dialog.save() is True
    assert editor.placements.index(0, 4).data() == "2026-12-31"
    end = ctx.read(lambda s: (s.get(Member, member).placements[0].end, s.get(Member, member).placements[0].end_reason))
    assert end == (dt.date(2026, 12, 31), "studies")
    # opened again on the ended placement, the reason said stays chosen; "Vet inte" stores none
    again = editor.end_placement()
    assert again.reason.currentText() == "Studier"
    again.reason.setCurrentIndex(again.reason.findText("Vet inte"))
    assert again.save() is True
    assert ctx.read(lambda s: s.get(Member, member).placements[0].end_reason) is None


def test_end_placement_dialog_opens_with_the_focus_in_the_date(ctx, qtbot):
    """Driven in the real window: the dialog opened with the focus on Spara, so the date typed went
    nowhere and Enter ended the decision on the date shown (today) instead of the one typed."""
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    editor.activateWindow()
    dialog = editor.end_placement()
    dialog.reason.setCurrentIndex(dialog.reason.findData("work"))
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused, "2027-06-30")
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    end = ctx.read(lambda s: s.get(Member, member).placements[0].end)
    assert end == dt.date(2027, 6, 30)


def test_new_capacity_keeps_the_history(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    assert [editor.capacities.index(i, 2).data() for i in range(2)] == ["tis–fre", "mån–fre"]
    dialog = editor.add_capacity()
    dialog.valid_from.setDate(QDate(2026, 12, 1))
    dialog.percent.setValue(75)
    dialog.weekdays[2].setChecked(False)
    dialog.weekdays[4].setChecked(False)
    assert dialog.save() is True
    assert editor.capacities.index(2, 2).data() == "mån, ons, fre"
    periods = ctx.read(
        lambda s: [
            (c.valid_from, c.percent, c.weekdays)
            for c in s.scalars(select(CapacityPeriod).where(CapacityPeriod.member_id == member))
        ]
    )
    assert sorted(periods) == [
        (dt.date(2021, 8, 16), 50, {2, 3, 4, 5}),
        (dt.date(2025, 5, 19), 50, {1, 2, 3, 4, 5}),
        (dt.date(2026, 12, 1), 75, {1, 3, 5}),
    ]


def test_attendance_tab_shows_recent_days(ctx, qtbot, qtmodeltester):
    editor = editor_for(ctx, qtbot, member_id(ctx, "Håkan Öberg"))
    editor.tabs.setCurrentIndex(3)
    model = editor.attendance
    qtmodeltester.check(model)
    assert model.rowCount() > 30
    assert model.index(0, 0).data() == "2026-11-27 fre"  # today, newest first
    assert model.index(0, 2).data() == "Ej registrerad"
    assert model.index(1, 0).data() == "2026-11-26 tor"
    assert "Senaste 8 veckorna" in editor.attendance_summary.text()


def test_weekdays_text():
    assert weekdays_text(frozenset({1, 2, 3, 4, 5})) == "mån–fre"
    assert weekdays_text(frozenset({1, 3, 5})) == "mån, ons, fre"
    assert weekdays_text(frozenset({1, 2, 3, 5})) == "mån–ons, fre"
    assert weekdays_text(frozenset({2, 4})) == "tis, tor"
