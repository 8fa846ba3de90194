"""Handledare: a week of a supervisor's hours, logged from the entry row, and the month's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from coopdesk.core.calendar import Month
from coopdesk.core.models import Supervisor, SupervisorHours, WorkArea
from coopdesk.core.services import lookups, supervisors
from coopdesk.core.statement import compute_statement
from coopdesk.ui import formats
from coopdesk.ui.views.supervisors import SupervisorsView
from coopdesk.ui.views.supervisors_dialogs import HoursDialog, SupervisorDialog
from coopdesk.ui.views.supervisors_model import MonthFiguresModel, week_title

DEMO_DAY = dt.date(2026, 11, 26)  # Thursday of week 48; the demo has hours up to this day
FREE_DAY = dt.date(2026, 11, 27)  # the demo's "today": no hours logged yet


@pytest.fixture
def view(ctx, qtbot):
    widget = SupervisorsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_date(DEMO_DAY)
    return widget


@pytest.fixture(autouse=True)
def no_modal_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal message box would block the test; the view shows errors inline, so none may open."""
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    return shown


def choose_supervisor(view: SupervisorsView, name: str) -> int:
    row = next(i for i, s in enumerate(view.list_model.rows) if s.name == name)
    view.supervisor_table.setCurrentIndex(view.list_model.index(row, 0))
    assert view.supervisor_id == view.list_model.rows[row].id
    return view.supervisor_id


def hours_of(ctx, supervisor_id: int, day: dt.date) -> list[SupervisorHours]:
    with ctx.db.session() as session:  # a new session: what was really stored
        return list(
            session.scalars(
                select(SupervisorHours).where(
                    SupervisorHours.supervisor_id == supervisor_id, SupervisorHours.day == day
                )
            )
        )


def test_opens_on_the_demo_data(view: SupervisorsView, qtmodeltester) -> None:
    assert view.title.text() == "v. 48, 23–29 november 2026"
    assert [s.name for s in view.list_model.rows] == ["Fatima Haddad", "Jonas Bergqvist", "Karin Sjöström"]
    assert view.list_model.data(view.list_model.index(0, 1)) == "50 %"
    assert view.entries_model.rowCount() > 0
    assert view.figures_title.text().startswith("Handledartid november 2026 · 21 arbetsdagar")
    for model in (view.list_model, view.entries_model, view.totals_model, view.figures_model):
        qtmodeltester.check(model)


def test_week_titles_across_months_and_years() -> None:
    assert week_title(dt.date(2026, 11, 30)) == "v. 49, 30 november – 6 december 2026"
    assert week_title(dt.date(2026, 12, 28)) == "v. 53, 28 december 2026 – 3 januari 2027"


def test_week_shows_the_demo_entries_and_day_totals(ctx, view: SupervisorsView) -> None:
    sid = choose_supervisor(view, "Karin Sjöström")
    monday = dt.date(2026, 11, 23)
    with ctx.db.session() as session:
        stored = session.execute(
            select(SupervisorHours.day, SupervisorHours.hours, SupervisorHours.activity).where(
                SupervisorHours.supervisor_id == sid,
                SupervisorHours.day >= monday,
                SupervisorHours.day <= monday + dt.timedelta(days=6),
            )
        ).all()
    assert stored, "the demo has hours in week 48"
    shown = [(e.day, e.hours, e.activity) for e in view.entries_model.rows]
    assert sorted(shown) == sorted(stored)
    first = view.entries_model.index(0, 0).data()
    assert first.startswith(("mån 2026-11-2", "tis 2026-11-2"))
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        expected = sum((h for d, h, _a in stored if d == day), Decimal(0))
        assert view.totals_model.index(0, offset).data() == formats.hours(expected)
    total = sum((h for _d, h, _a in stored), Decimal(0))
    assert view.totals_model.index(0, 7).data() == formats.hours(total)
    assert view.totals_model.headerData(3, Qt.Orientation.Horizontal) == "tor 26/11"


def test_week_navigation_by_keyboard(view: SupervisorsView, qtbot) -> None:
    view.activateWindow()
    view.hours_edit.setFocus()
    qtbot.keyClick(view.hours_edit, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.day == DEMO_DAY - dt.timedelta(days=7)
    assert view.title.text() == "v. 47, 16–22 november 2026"
    qtbot.keyClick(view.hours_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.hours_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.title.text() == "v. 49, 30 november – 6 december 2026"
    assert view.day_combo.currentText() == "tor 2026-12-03"
    assert view.figures_title.text().startswith("Handledartid december 2026")


def test_log_hours_from_the_entry_row(ctx, view: SupervisorsView, qtbot) -> None:
    sid = choose_supervisor(view, "Karin Sjöström")
    view.set_date(FREE_DAY)
    assert view.day_combo.currentData() == FREE_DAY
    assert hours_of(ctx, sid, FREE_DAY) == []
    view.hours_edit.setFocus()
    qtbot.keyClicks(view.hours_edit, "7,5")
    qtbot.keyClicks(view.activity_combo, "Han")
    qtbot.keyClicks(view.area_combo, "Kop")
    assert view.activity_combo.currentData() == "supervision"
    assert view.area_combo.currentText() == "Kopiering"
    qtbot.keyClick(view.area_combo, Qt.Key.Key_Return)

    stored = hours_of(ctx, sid, FREE_DAY)
    assert [(e.hours, e.activity) for e in stored] == [(Decimal("7.50"), "supervision")]
    with ctx.db.session() as session:
        assert session.get(WorkArea, stored[0].work_area_id).name == "Kopiering"
    assert view.hours_edit.text() == ""
    assert not view.message.isVisible()
    assert any(e.day == FREE_DAY and e.hours == Decimal("7.50") for e in view.entries_model.rows)
    assert view.totals_model.index(0, 4).data() == "7,5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25", "Karin Sjöström har 25 timmar 2026-11-27; en dag har högst 24 timmar."),
        ("abc", "Timmarna abc är inget tal."),
        ("", "Skriv antalet timmar, till exempel 7,5."),
    ],
)
def test_bad_hours_are_refused_with_a_swedish_message(
    ctx, view: SupervisorsView, qtbot, no_modal_errors: list[str], text: str, expected: str
) -> None:
    sid = choose_supervisor(view, "Karin Sjöström")
    view.set_date(FREE_DAY)
    view.hours_edit.setFocus()
    qtbot.keyClicks(view.hours_edit, text)
    qtbot.keyClick(view.hours_edit, Qt.Key.Key_Enter)
    assert view.message.isVisible()
    assert view.message.text().startswith(expected)
    assert hours_of(ctx, sid, FREE_DAY) == []
    assert no_modal_errors == []
    assert view.hours_edit.text() == text  # kept, to be corrected


def test_month_figures_equal_the_statement(ctx, view: SupervisorsView) -> None:
    with ctx.db.session() as session:
        norrmalm = lookups.district_by_name(session, "Norrmalm")
        section = compute_statement(session, norrmalm, Month(2026, 11)).supervisors
    assert section is not None
    karin = next(r for r in section.rows if r.name == "Karin Sjöström")
    model = view.figures_model
    row = next(i for i, r in enumerate(model.rows) if r.name == "Karin Sjöström")

    def cell(column: int) -> str:
        return model.index(row, column).data()

    assert cell(MonthFiguresModel.FTE) == "100 %"
    assert cell(MonthFiguresModel.FUNDED) == formats.decimal(karin.funded_hours) == "168,00"
    assert cell(MonthFiguresModel.WORKED) == formats.decimal(karin.worked_hours)
    assert cell(MonthFiguresModel.ABSENCE) == formats.decimal(karin.absence_hours)
    assert cell(MonthFiguresModel.DIFFERENCE).lstrip("+") == formats.decimal(karin.difference)
    assert model.index(len(model.rows), 0).data() == "Summa"
    assert model.index(len(model.rows), MonthFiguresModel.FUNDED).data() == formats.decimal(section.funded_hours)


def test_delete_asks_first_and_removes_the_entry(ctx, view: SupervisorsView, qtbot) -> None:
    sid = choose_supervisor(view, "Jonas Bergqvist")
    before = len(hours_of(ctx, sid, DEMO_DAY))
    row = next(i for i, e in enumerate(view.entries_model.rows) if e.day == DEMO_DAY)
    view.entries_table.setFocus()
    view.entries_table.setCurrentIndex(view.entries_model.index(row, 0))
    questions: list[str] = []
    view.confirm = lambda text: questions.append(text) is not None  # says no
    qtbot.keyClick(view.entries_table, Qt.Key.Key_Delete)
    assert len(questions) == 1 and questions[0].startswith("Ta bort ")
    assert len(hours_of(ctx, sid, DEMO_DAY)) == before
    view.confirm = lambda _text: True
    qtbot.keyClick(view.entries_table, Qt.Key.Key_Delete)
    assert len(hours_of(ctx, sid, DEMO_DAY)) == before - 1


def test_an_attested_month_cannot_be_changed(ctx, view: SupervisorsView) -> None:
    sid = choose_supervisor(view, "Karin Sjöström")
    view.set_date(dt.date(2026, 9, 15))
    assert view.banner.isVisible() and "September 2026 är attesterad" in view.banner.text()
    assert not view.add_button.isEnabled()
    entry = view.entries_model.rows[0]
    dialog = HoursDialog(ctx, entry, view.areas, view)
    dialog.hours.setText("1")
    assert not dialog.save()
    assert "attesterad" in dialog.error.text()
    assert [e.hours for e in hours_of(ctx, sid, entry.day) if e.id == entry.id] == [entry.hours]


def test_edit_an_entry_in_its_dialog(ctx, view: SupervisorsView) -> None:
    sid = choose_supervisor(view, "Fatima Haddad")
    entry = next(e for e in view.entries_model.rows if e.day == DEMO_DAY)
    dialog = HoursDialog(ctx, entry, view.areas, view)
    dialog.hours.setText("2,25")
    dialog.activity.setCurrentIndex(dialog.activity.findData("training"))
    dialog.area.setCurrentIndex(0)  # (inget)
    assert dialog.save()
    stored = next(e for e in hours_of(ctx, sid, DEMO_DAY) if e.id == entry.id)
    assert (stored.hours, stored.activity, stored.work_area_id) == (Decimal("2.25"), "training", None)
    shown = next(e for e in view.entries_model.rows if e.id == entry.id)
    assert shown.hours == Decimal("2.25")


def test_new_and_changed_supervisor(ctx, view: SupervisorsView) -> None:
    dialog = SupervisorDialog(ctx, None, view)
    assert not dialog.save()  # no name
    assert dialog.error.text() == "Namnet måste fyllas i."
    dialog.name.setText("Anders Ahl")
    dialog.fte.setValue(75)
    assert dialog.save()
    assert "Anders Ahl" in [s.name for s in view.list_model.rows]
    item = next(s for s in view.list_model.rows if s.name == "Anders Ahl")
    change = SupervisorDialog(ctx, item, view)
    change.fte.setValue(80)
    assert change.save()
    with ctx.db.session() as session:
        stored = session.scalar(select(Supervisor).where(Supervisor.name == "Anders Ahl"))
        assert stored is not None
        history = supervisors.fte_history(session, stored.id)
    # dated: 75 % from the new supervisor's start, 80 % from the changed FTE's "Gäller från"
    assert [fte for _day, fte in history] == [75, 80]
    assert history[-1][0] == change.valid_from.date().toPython()
    assert QApplication.activeModalWidget() is None


def test_an_fte_holds_from_a_date_and_an_attested_month_is_refused(ctx, view: SupervisorsView) -> None:
    """The dialog asks "Gäller från" (default: after the last attested month, or this month), shows
    the FTE's history, and a date inside an attested month gets the service's message."""
    item = view.list_model.rows[0]
    dialog = SupervisorDialog(ctx, item, view)
    with ctx.db.session() as session:
        assert dialog.valid_from.date().toPython() == supervisors.fte_valid_from_default(session)
    assert dialog.history.text() == f"Från början: {item.fte_percent} %."
    dialog.fte.setValue(item.fte_percent - 10 if item.fte_percent > 10 else 50)
    dialog.valid_from.setDate(QDate(2026, 9, 1))
    assert not dialog.save()
    assert dialog.error.text().startswith("September 2026 är attesterad av")
    assert "Ändringen kan gälla från och med 2026-10-01." in dialog.error.text()
    dialog.valid_from.setDate(QDate(2026, 10, 1))
    assert dialog.save()
    with ctx.db.session() as session:
        history = supervisors.fte_history(session, item.id)
    assert history == [(dt.date(1900, 1, 1), item.fte_percent), (dt.date(2026, 10, 1), dialog.fte.value())]
