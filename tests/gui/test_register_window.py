"""Idag and Månad as a supervisor drove them in the real window (Xvfb + openbox, xdotool): what went
wrong there, each as a test that failed before its fix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopdesk.core.audit import Actor
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import attendance, lookups
from coopdesk.storage.database import open_database
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.views.today import TodayView
from coopdesk.ui.views.today_model import TodayModel
from tests.gui.keyboard import type_text
from tests.gui.test_today import DAY, five, five_view, records, twenty_member_document  # noqa: F401 (fixtures)


def test_hours_typed_are_said_as_a_change_not_as_redone(qtbot, five, five_view) -> None:  # noqa: F811
    """ "6,5" Enter on a row said "Gjort om: Frida Wallin 2026-12-03: Närvarande" once the worker had
    saved it: the undo stack's push looked like a redo to the feedback line."""
    view = five_view
    view.table.place_cursor(view.model.index(1, 0), chosen=True)
    qtbot.keyClick(view.table, "6")
    editor = QApplication.focusWidget()
    assert editor is not view.table and view.table.isAncestorOf(editor)
    type_text(editor, ",5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.table.editing())
    five.tasks.settle()
    assert records(five, view)["Linnéa Lindqvist"] == ("present", Decimal("6.50"))
    assert view.feedback.text() == "Linnéa Lindqvist: Närvarande 6,5 tim — Ctrl+Z ångrar"
    assert five.undo_stack.count() == 1
    five.undo()
    five.tasks.settle()
    assert view.feedback.text() == "Ångrat: Linnéa Lindqvist 2026-11-26: Närvarande — Ctrl+Y gör om"
    five.redo()
    five.tasks.settle()
    assert view.feedback.text() == "Gjort om: Linnéa Lindqvist 2026-11-26: Närvarande"


def test_a_status_key_is_said_as_a_change_after_the_save(qtbot, five, five_view) -> None:  # noqa: F811
    view = five_view
    view.table.place_cursor(view.model.index(4, 0), chosen=True)
    qtbot.keyClick(view.table, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.table.pending is None)
    five.tasks.settle()
    assert view.feedback.text() == "Sigrid Sandberg: Sjuk — Ctrl+Z ångrar"


def test_enter_in_the_date_field_goes_back_to_the_table(qtbot, five, five_view) -> None:  # noqa: F811
    """Ctrl+G, a date, Enter, then Down to choose a row: the Down stepped the date a day back instead
    (2026-12-03 became 2026-12-02), and the status key after it went nowhere."""
    view = five_view
    qtbot.keyClick(view.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    field = view.date_edit.edit
    assert QApplication.focusWidget() is field
    field.selectAll()
    type_text(field, (DAY - dt.timedelta(days=1)).isoformat())
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert view.day == DAY - dt.timedelta(days=1)
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.day == DAY - dt.timedelta(days=1)
    assert view.table.chosen() and view.table.currentIndex().row() == 0


def test_a_date_that_is_no_date_keeps_the_focus_in_the_field(qtbot, five, five_view) -> None:  # noqa: F811
    view = five_view
    qtbot.keyClick(view.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    field = view.date_edit.edit
    field.selectAll()
    type_text(field, "2026-13-45")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert view.day == DAY
    assert QApplication.focusWidget() is field


def test_the_search_finds_the_letter_typed_before_a_letter_like_it(qtbot, tmp_path) -> None:
    """ "/Şa Enter n" meant for Ali Şahin marked Sara Öberg present: the search folds Ş to S (so that
    "sahin" finds him from a Swedish keyboard), and Sara's first name came before his surname. A name
    that starts with exactly what was typed now comes before one that only starts with a letter like it."""
    database = open_database(str(tmp_path / "letters.db"))
    names = ["Ali Şahin", "Elin Ek", "Élise Berg", "Sara Öberg"]
    with database.session() as session:
        import_document(session, twenty_member_document(names), actor=Actor("test"), today=DAY)
    ctx = AppContext(database, Actor("Sara Svensson"))
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitExposed(view)
    view.set_date(DAY)
    assert [r.name for r in view.model.rows] == names
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)

    def found(text: str) -> list[str]:
        return [view.model.rows[row].name for row in view.finder.matches(text)]

    try:
        assert found("Şa") == ["Ali Şahin", "Sara Öberg"]
        assert found("şa") == ["Ali Şahin", "Sara Öberg"]
        assert found("sa") == ["Sara Öberg", "Ali Şahin"]  # from a Swedish keyboard: still found
        assert found("Éli") == ["Élise Berg", "Elin Ek"]
        assert found("eli") == ["Elin Ek", "Élise Berg"]
        qtbot.keyClick(view.table, "/")
        type_text(view.find, "Şa")
        qtbot.keyClick(view.find, Qt.Key.Key_Return)
        qtbot.keyClick(view.table, Qt.Key.Key_N)
        qtbot.waitUntil(lambda: view.table.pending is None)
        ctx.tasks.settle()
        registered = records(ctx, view)
        assert registered["Sara Öberg"] is None and registered["Ali Şahin"][0] == "present", registered
    finally:
        ctx.tasks.wait()
        database.close()


def test_switching_the_day_with_hours_half_typed_keeps_the_focus_on_the_table(qtbot, five, five_view) -> None:  # noqa: F811
    """ "7" typed (not confirmed) and then Alt+Right: the next day showed, the "7" was dropped (never
    confirmed), but the focus was nowhere, so the Alt+Left after it did nothing."""
    view = five_view
    view.table.place_cursor(view.model.index(0, 0), chosen=True)
    qtbot.keyClick(view.table, "7")
    editor = QApplication.focusWidget()
    assert editor is not view.table and view.table.isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.day == DAY + dt.timedelta(days=1))
    five.tasks.settle()
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.day == DAY
    assert records(five, view)["Anna Andersson"] == ("present", Decimal("7.00"))


def _shown_window(qtbot, ctx) -> MainWindow:
    """The main window on screen, as after a login."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _typing_hours_in_idag(qtbot, ctx):
    """The main window on Idag, a recent open day, "4" typed into the first member's hours (no Enter)."""
    window = _shown_window(qtbot, ctx)
    view = window.show_view("idag")
    day = dt.date.today() - dt.timedelta(days=1)
    view.set_date(day)
    while not view.model.rowCount() or view.model.read_only:
        day -= dt.timedelta(days=1)
        view.set_date(day)
    row = view.model.rows[0]
    view.table.setFocus()
    view.table.place_cursor(view.model.index(0, 0), chosen=True)
    qtbot.keyClick(view.table, "4")
    assert view.table.editing()
    before = ctx.read(lambda s: _day_of(s, row.member_id, day))
    return window, view, row, day, before


def _day_of(session, member_id: int, day: dt.date):
    record = attendance.find(session, member_id, day)
    return None if record is None else (record.status, sum((h.hours for h in record.hours), Decimal(0)))


@pytest.mark.parametrize("answer", ["discard", "cancel", "save"])
def test_closing_the_window_while_typing_hours_asks(qtbot, ctx, monkeypatch, answer) -> None:
    """Driven in the real window: "4" typed over Anna Lindqvist's "Sjuk" and then Alt+F4 closed the
    window and saved Närvarande 4 tim without a word. Hours not confirmed with Enter are now saved
    or thrown away as the user answers, or the window stays open with the "4" still being typed."""
    asked = []

    def ask(parent, what: str, text: str) -> str:
        asked.append((what, text))
        return answer

    monkeypatch.setattr("coopdesk.ui.views.register_keys.ask_open_hours", ask)
    window, view, row, day, before = _typing_hours_in_idag(qtbot, ctx)
    assert before != ("present", Decimal("4.00"))
    closed = window.close()
    ctx.tasks.settle()
    assert asked == [(f"{row.name} {day.isoformat()}", "4")]
    after = ctx.read(lambda s: _day_of(s, row.member_id, day))
    if answer == "discard":
        assert closed and after == before
    elif answer == "save":
        assert closed and after == ("present", Decimal("4.00"))
    else:
        assert not closed and window.isVisible() and after == before
        assert view.table.editing() and QApplication.focusWidget().text() == "4"


def test_closing_the_window_with_nothing_typed_asks_nothing(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr("coopdesk.ui.views.register_keys.ask_open_hours", lambda *a: pytest.fail("asked"))
    window = _shown_window(qtbot, ctx)
    window.show_view("idag")
    assert window.close()


def test_closing_the_window_while_typing_hours_in_the_month_asks(qtbot, ctx, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(
        "coopdesk.ui.views.register_keys.ask_open_hours", lambda parent, what, text: asked.append(what) or "discard"
    )
    window = _shown_window(qtbot, ctx)
    view = window.show_view("manad")
    day = dt.date.today() - dt.timedelta(days=1)
    view.set_date(day)
    row = view.model.rows[0]
    view.table.setFocus()
    view.table.place_cursor(view.model.index(0, view.model.day_column(day)), chosen=True)
    qtbot.keyClick(view.table, "3")
    assert view.table.editing()
    before = ctx.read(lambda s: _day_of(s, row.member_id, day))
    assert window.close()
    ctx.tasks.settle()
    assert asked == [f"{row.name} {day.isoformat()}"]
    assert ctx.read(lambda s: _day_of(s, row.member_id, day)) == before


LOCKED = dt.date(2026, 9, 15)  # attested in the demo


@pytest.mark.parametrize("key", [Qt.Key.Key_S, Qt.Key.Key_5, Qt.Key.Key_Delete])
def test_a_key_on_an_attested_day_says_why_nothing_changed(qtbot, ctx, key) -> None:
    """Idag on an attested day: S, a digit or Delete on a chosen row changed nothing without a word
    where the eye is (the banner is at the top, the keys are typed at the row)."""
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(LOCKED)
    view.table.setFocus()
    view.table.place_cursor(view.model.index(0, 0), chosen=True)
    qtbot.keyClick(view.table, key)
    qtbot.waitUntil(lambda: view.table.pending is None)
    assert "attesterad" in view.feedback.text()
    assert not view.table.editing()


@pytest.mark.parametrize("key", [Qt.Key.Key_S, Qt.Key.Key_5, Qt.Key.Key_Delete])
def test_a_key_on_an_attested_month_says_why_nothing_changed(qtbot, ctx, key) -> None:
    from coopdesk.ui.views.month import MonthView

    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(LOCKED)
    view.table.setFocus()
    view.table.place_cursor(view.model.index(0, view.model.day_column(LOCKED)), chosen=True)
    qtbot.keyClick(view.table, key)
    qtbot.waitUntil(lambda: view.table.pending is None)
    assert "attesterad" in view.feedback.text()
    assert not view.table.editing()


def test_the_month_line_forgets_the_change_of_another_month(qtbot, ctx) -> None:
    """Undone in December, then Alt+Left to September: the line under the grid still said "Ångrat:
    Frida Wallin 2026-12-04 …" over a month it has nothing to do with. Idag clears it on a new day."""
    from coopdesk.ui.views.month import MonthView

    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(LOCKED + dt.timedelta(days=31))
    view.feedback.show_message("Ångrat: Frida Wallin 2026-10-16: Närvarande — Ctrl+Y gör om")
    view.set_date(LOCKED)
    assert view.feedback.text() == ""


def test_undo_goes_back_through_two_edits_of_the_same_day(qtbot, five, five_view, monkeypatch) -> None:  # noqa: F811
    """Ctrl+M, then S for Sigrid, then Ctrl+Z twice: the second undo (of Ctrl+M) was refused for Sigrid
    as "ändrat av … på en annan dator" — her record's version had moved with the first undo, made by
    this very window — so she stayed Närvarande while everyone else went back to Ej registrerad."""
    shown = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: shown.append(error))
    view = five_view
    view.mark_all_planned_present()
    five.tasks.settle()
    view.table.place_cursor(view.model.index(4, 0), chosen=True)
    qtbot.keyClick(view.table, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.table.pending is None)
    five.tasks.settle()
    assert records(five, view)["Sigrid Sandberg"] == ("sick", Decimal(0))
    five.undo()
    assert records(five, view)["Sigrid Sandberg"][0] == "present"
    five.undo()
    five.tasks.settle()
    assert records(five, view) == dict.fromkeys(
        ["Anna Andersson", "Linnéa Lindqvist", "Nils Nilsson", "Oskar Olsson", "Sigrid Sandberg"]
    )
    assert not shown and view.notice.text() == ""
    # and forward again, through the same two edits
    five.redo()
    five.redo()
    five.tasks.settle()
    assert records(five, view)["Sigrid Sandberg"] == ("sick", Decimal(0))
    assert records(five, view)["Anna Andersson"][0] == "present"
    assert not shown and view.notice.text() == ""


def test_undo_still_refuses_over_a_change_from_another_pc(qtbot, five, five_view, monkeypatch) -> None:  # noqa: F811
    """Only this window's own chain of edits is followed: a change another PC made in between still
    stops the undo of what came before it (docs/rules.md, "Several PCs on one database")."""
    from coopdesk.app.attendance import DayChange, DayState, RegisterDays

    shown = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: shown.append(error))
    view = five_view
    view.mark_all_planned_present()
    five.tasks.settle()
    sigrid = view.model.rows[4].member_id
    version = five.read(lambda s: attendance.find(s, sigrid, DAY).version)
    # another PC: straight through the application layer, not on this window's undo stack
    five.execute(None, RegisterDays([DayChange.of(sigrid, DAY, DayState("sick"), version, "Sigrid Sandberg")]))
    view.refresh()
    view.table.place_cursor(view.model.index(4, 0), chosen=True)
    qtbot.keyClick(view.table, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: view.table.pending is None)
    five.tasks.settle()
    assert records(five, view)["Sigrid Sandberg"] == ("leave", Decimal(0))
    five.undo()  # this window's L: back to the other PC's "sick"
    five.tasks.settle()
    assert records(five, view)["Sigrid Sandberg"] == ("sick", Decimal(0))
    five.undo()  # Ctrl+M: the others go back; Sigrid's day is the other PC's now and stays
    five.tasks.settle()
    found = records(five, view)
    assert found["Sigrid Sandberg"] == ("sick", Decimal(0))
    assert found["Anna Andersson"] is None
    assert len(shown) == 1 and "annan dator" in shown[0].sv


def _split_day(ctx: AppContext, member_id: int) -> dict:
    """Sigrid's day as the CLI or an import can make it: 1 hour in two work areas each."""
    from coopdesk.app.attendance import DayChange, DayState, RegisterDays

    areas = ctx.read(lambda s: {a.name: a.id for a in lookups.work_areas(s)})
    hours = {areas["Glasverkstad"]: Decimal("1"), areas["Kaffestuga"]: Decimal("1")}
    ctx.execute(None, RegisterDays([DayChange.of(member_id, DAY, DayState("present", hours), None, "x")]))
    return hours


def _hours_of(ctx: AppContext, member_id: int) -> dict:
    record = ctx.read(lambda s: attendance.find(s, member_id, DAY))
    return {h.work_area_id: h.hours for h in record.hours}


def test_enter_on_the_hours_of_a_day_in_two_areas_keeps_both(qtbot, five, five_view) -> None:  # noqa: F811
    """Driven in the real window: F2 (or a digit) and Enter on a day of "Glasverkstad 1 + Kaffestuga 1"
    with the total unchanged wrote "Glasverkstad 2": the split between the areas was lost, which the
    statement's hours per work area show, though nothing was changed."""
    view = five_view
    sigrid = view.model.rows[4].member_id
    hours = _split_day(five, sigrid)
    view.refresh()
    count = five.undo_stack.count()
    for typed in ("2", "2,0", "2.00"):
        assert view.model.setData(view.model.index(4, TodayModel.HOURS), typed) in (True, False)
        five.tasks.settle()
        assert _hours_of(five, sigrid) == hours, typed
    assert five.undo_stack.count() == count
    # a new total still goes in (to the first area, as before)
    assert view.model.setData(view.model.index(4, TodayModel.HOURS), "3")
    five.tasks.settle()
    assert sum(_hours_of(five, sigrid).values()) == Decimal("3")


def test_enter_on_a_month_cell_of_a_day_in_two_areas_keeps_both(qtbot, five) -> None:  # noqa: F811
    from coopdesk.ui.views.month import MonthView

    view = MonthView(five)
    qtbot.addWidget(view)
    view.show()
    view.set_date(DAY)
    row = next(i for i, r in enumerate(view.model.rows) if r.name == "Sigrid Sandberg")
    sigrid = view.model.rows[row].member_id
    hours = _split_day(five, sigrid)
    view.refresh()
    cell = view.model.index(row, view.model.day_column(DAY))
    view.model.setData(cell, "2")
    five.tasks.settle()
    assert _hours_of(five, sigrid) == hours


@pytest.mark.parametrize("locked", [False, True])
def test_logging_out_while_typing_hours_asks_too(qtbot, ctx, monkeypatch, locked) -> None:
    """Arkiv → Logga ut (or "Annan användare" on the lock screen) gave the open cell editor's text to
    the table: "4" saved without a question, where every open form is asked about. Under the lock the
    question names nobody: the one at the keyboard may not be the one who typed."""
    from tests.gui.conftest import SUPERVISOR

    asked = []
    answers = ["cancel", "discard"]

    def ask(parent, what: str, text: str) -> str:
        asked.append((what, text))
        return answers.pop(0)

    monkeypatch.setattr("coopdesk.ui.views.register_keys.ask_open_hours", ask)
    ctx.actor = SUPERVISOR
    window, view, row, day, before = _typing_hours_in_idag(qtbot, ctx)
    if locked:
        window.lock_now()
        assert not window.idle_lock.other_user()
        assert window.idle_lock.locked
    else:
        assert not window.log_out()
        assert view.table.editing() and view.table.indexWidget(view.table.currentIndex()).text() == "4"
    assert window.idle_lock.other_user() if locked else window.log_out()
    ctx.tasks.settle()
    assert window.logged_out
    assert ctx.read(lambda s: _day_of(s, row.member_id, day)) == before
    named = "" if locked else f"{row.name} {day.isoformat()}"
    assert asked == [(named, "4"), (named, "4")]


@pytest.mark.parametrize("typed, shown", [("7,333", "7,333"), ("7.333", "7.333"), ("-1,5", "-1,5")])
def test_hours_refused_are_quoted_as_typed(qtbot, five, five_view, monkeypatch, typed, shown) -> None:  # noqa: F811
    """ "7,333" typed in Idag was refused with "Timmarna för Kopiering 7.333 har fler än två
    decimaler.": the value the supervisor typed, with a decimal comma, came back with a point."""
    errors = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: errors.append(error))
    view = five_view
    assert not view.model.setData(view.model.index(0, TodayModel.HOURS), typed)
    assert len(errors) == 1 and f" {shown} " in errors[0].sv, errors[0].sv
    assert records(five, view)["Anna Andersson"] is None


def test_hours_refused_in_the_month_are_quoted_as_typed(qtbot, five, monkeypatch) -> None:  # noqa: F811
    from coopdesk.ui.views.month import MonthView

    errors = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: errors.append(error))
    view = MonthView(five)
    qtbot.addWidget(view)
    view.show()
    view.set_date(DAY)
    assert not view.model.setData(view.model.index(0, view.model.day_column(DAY)), "7,333")
    five.tasks.settle()
    assert len(errors) == 1 and " 7,333 " in errors[0].sv, errors[0].sv


def test_hours_typed_with_a_comma_are_still_said_and_saved(qtbot, five, five_view) -> None:  # noqa: F811
    view = five_view
    assert view.model.setData(view.model.index(0, TodayModel.HOURS), "6,25")
    assert view.feedback.text() == "Anna Andersson: Närvarande 6,25 tim — Ctrl+Z ångrar"
    five.tasks.settle()
    assert records(five, view)["Anna Andersson"] == ("present", Decimal("6.25"))
