"""Inställningar: the cooperative's details, work areas, closure days and the language choice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from sqlalchemy import select

from coopdesk.core.models import ClosureDay, Cooperative, WorkArea
from coopdesk.core.rules import SettingsSpan
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as settings_service
from coopdesk.ui.views.settings import SettingsView
from coopdesk.ui.views.settings_closure_days import ClosureDayDialog
from coopdesk.ui.views.settings_work_areas import WorkAreaDialog


@pytest.fixture
def view(ctx, qtbot):
    widget = SettingsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_date(dt.date(2026, 11, 26))
    return widget


@pytest.fixture(autouse=True)
def no_modal_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    return shown


def stored_cooperative(ctx) -> Cooperative:
    with ctx.db.session() as session:
        coop = session.scalar(select(Cooperative))
        assert coop is not None
        session.expunge(coop)
        return coop


def stored_week(ctx, view: SettingsView) -> SettingsSpan:
    """The full-time week and opening weekdays stored as in force from the form's "Gäller från"."""
    with ctx.db.session() as session:
        return lookups.settings_on(session, view.cooperative_box.week_from.date().toPython())


def test_opens_on_the_demo_data(view: SettingsView, qtmodeltester) -> None:
    assert view.cooperative_box.name.text() == "Kooperativet KOS"
    assert view.cooperative_box.org_number.text() == "802400-1235"
    assert view.cooperative_box.full_time.text() == "40"
    assert view.cooperative_box.host.currentText() == "Norrmalm"
    assert [box.isChecked() for box in view.cooperative_box.weekdays] == [True] * 5 + [False] * 2
    assert [row[1][0] for row in view.work_areas_box.model.rows] == ["Kopiering", "Glasverkstad", "Kaffestuga"]
    assert view.closure_days_box.year_filter.currentText() == "2026"
    assert all(day.year == 2026 for day, _cells in view.closure_days_box.model.rows)
    assert view.closure_days_box.model.rows and view.closure_days_box.model.rows[0][1][1] == "fredag"
    for model in (view.work_areas_box.model, view.closure_days_box.model):
        qtmodeltester.check(model)


def test_change_the_full_time_week_and_save(ctx, view: SettingsView, qtbot) -> None:
    view.cooperative_box.full_time.setFocus()
    view.cooperative_box.full_time.selectAll()
    qtbot.keyClicks(view.cooperative_box.full_time, "38")
    qtbot.keyClick(view.cooperative_box.full_time, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored_week(ctx, view).full_time_week == Decimal("38.00")
    assert view.cooperative_box.status.text() == "Sparat."
    assert view.cooperative_box.full_time.text() == "38"
    assert stored_cooperative(ctx).name == "Kooperativet KOS"  # the rest is unchanged


def test_a_bad_full_time_week_is_refused(ctx, view: SettingsView, qtbot) -> None:
    view.cooperative_box.full_time.selectAll()
    qtbot.keyClicks(view.cooperative_box.full_time, "abc")
    assert not view.save()
    assert view.cooperative_box.form_message.isVisibleTo(view)
    assert view.cooperative_box.form_message.text().startswith("Heltidsveckan abc är inget tal.")
    assert stored_week(ctx, view).full_time_week == Decimal("40.00")


def test_an_invalid_org_number_is_refused_inline(ctx, view: SettingsView, qtbot) -> None:
    view.cooperative_box.org_number.setFocus()
    view.cooperative_box.org_number.selectAll()
    qtbot.keyClicks(view.cooperative_box.org_number, "802400-1234")
    view.cooperative_box.name.setFocus()  # leaving the field checks it
    assert view.cooperative_box.org_error.isVisibleTo(view)
    assert (
        view.cooperative_box.org_error.text()
        == "Organisationsnumret 802400-1234 har fel kontrollsiffra. Kontrollera siffrorna."
    )
    assert not view.save()
    assert stored_cooperative(ctx).org_number == "802400-1235"
    view.cooperative_box.org_number.setFocus()
    qtbot.keyClick(view.cooperative_box.org_number, Qt.Key.Key_Backspace)
    qtbot.keyClicks(view.cooperative_box.org_number, "5")
    assert not view.cooperative_box.org_error.isVisibleTo(view)  # fixed while typing: the message goes away
    view.cooperative_box.org_number.setText("8024001235")
    assert view.save()
    assert stored_cooperative(ctx).org_number == "802400-1235"
    assert view.cooperative_box.org_number.text() == "802400-1235"


def test_opening_days_and_host_district(ctx, view: SettingsView) -> None:
    view.cooperative_box.weekdays[5].setChecked(True)  # Saturday
    view.cooperative_box.host.setCurrentIndex(view.cooperative_box.host.findText("(ingen)"))
    assert view.save()
    assert stored_week(ctx, view).opening_weekdays == frozenset({1, 2, 3, 4, 5, 6})
    assert stored_week(ctx, view).host_district_id is None
    for box in view.cooperative_box.weekdays:
        box.setChecked(False)
    assert not view.save()
    assert view.cooperative_box.form_message.text() != ""
    assert stored_week(ctx, view).opening_weekdays == frozenset({1, 2, 3, 4, 5, 6})


def test_add_and_rename_work_areas(ctx, view: SettingsView) -> None:
    dialog = WorkAreaDialog(ctx, None, "", view)
    dialog.name.setText("Kopiering")
    assert not dialog.save()
    assert dialog.error.text() == "Arbetsområdet Kopiering finns redan."
    dialog.name.setText("Snickeri")
    assert dialog.save()
    assert [row[1][0] for row in view.work_areas_box.model.rows][-1] == "Snickeri"
    area_id = view.work_areas_box.model.rows[-1][0]
    rename = WorkAreaDialog(ctx, area_id, "Snickeri", view)
    rename.name.setText("Snickeriet")
    assert rename.save()
    with ctx.db.session() as session:
        assert session.get(WorkArea, area_id).name == "Snickeriet"
    assert view.work_areas_box.model.rows[-1][1][0] == "Snickeriet"


def test_add_and_remove_a_closure_day(ctx, view: SettingsView) -> None:
    day = dt.date(2026, 12, 23)
    dialog = ClosureDayDialog(ctx, day, view)
    assert dialog.save()
    with ctx.db.session() as session:
        assert session.get(ClosureDay, day) is not None
    assert day in [key for key, _cells in view.closure_days_box.model.rows]
    again = ClosureDayDialog(ctx, day, view)
    assert not again.save()
    assert again.error.text() == "2026-12-23 är redan en stängningsdag."

    view.closure_days_box.table.setCurrentIndex(
        view.closure_days_box.model.index(view.closure_days_box.model.row_of(day), 0)
    )
    view.closure_days_box.confirm = lambda _text: False
    view.closure_days_box.remove()
    with ctx.db.session() as session:
        assert session.get(ClosureDay, day) is not None
    view.closure_days_box.confirm = lambda _text: True
    view.closure_days_box.remove()
    with ctx.db.session() as session:
        assert session.get(ClosureDay, day) is None


def test_closure_days_of_attested_months_stay(ctx, view: SettingsView) -> None:
    locked = next(day for day, _cells in view.closure_days_box.model.rows if day < dt.date(2026, 10, 1))
    view.closure_days_box.table.setCurrentIndex(
        view.closure_days_box.model.index(view.closure_days_box.model.row_of(locked), 0)
    )
    view.closure_days_box.confirm = lambda _text: True
    view.closure_days_box.remove()
    assert "är attesterad av" in view.closure_days_box.message.text()
    with ctx.db.session() as session:
        assert session.get(ClosureDay, locked) is not None
    dialog = ClosureDayDialog(ctx, dt.date(2026, 9, 14), view)
    assert not dialog.save()
    assert dialog.error.text().startswith("September 2026 är attesterad av ")


def test_year_filter(view: SettingsView) -> None:
    view.closure_days_box.year_filter.setCurrentIndex(view.closure_days_box.year_filter.findData(0))
    view.closure_days_box.year_filter.activated.emit(view.closure_days_box.year_filter.currentIndex())
    years = {day.year for day, _cells in view.closure_days_box.model.rows}
    assert len(years) >= 2  # the demo spans about a year: last year's Christmas week and this year's days


def test_language_choice_is_written_to_qsettings(view: SettingsView, qtbot) -> None:
    assert view.language_box.language.currentText() == "Svenska"
    assert view.language_box.language_note.text() == "Gäller när programmet startas om."
    view.language_box.language.setFocus()
    qtbot.keyClicks(view.language_box.language, "E")
    assert view.language_box.language.currentText() == "English"
    view.language_box.language.activated.emit(view.language_box.language.currentIndex())
    assert QSettings().value("language") == "en"


def test_the_backup_folder_can_be_chosen(qtbot, ctx, tmp_path) -> None:
    from coopdesk.storage import config
    from coopdesk.ui.views.settings import SettingsView

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    stick = tmp_path / "usb" / "kopior"
    assert view.backup_box.set_folder(stick)
    assert config.backup_folder() == stick and view.backup_box.folder.text() == str(stick)
    assert view.backup_box.set_folder(None)
    assert config.backup_folder().name == "backups"


def test_the_full_time_week_holds_from_a_date_and_an_attested_month_is_refused(ctx, view: SettingsView) -> None:
    """The full-time week is dated: "Gäller från" defaults to after the last attested month (or this
    month), the history is shown, and a date inside an attested month is refused with the service's
    message naming the month (the demo has attested every month up to September 2026)."""
    with ctx.db.session() as session:
        default = settings_service.settings_valid_from_default(session)
    assert view.cooperative_box.week_from.date().toPython() == default
    assert (
        view.cooperative_box.week_history.text()
        == "Från början: 40 tim, mån, tis, ons, tor, fre, värdstadsdel Norrmalm."
    )
    view.cooperative_box.full_time.setText("38")
    view.cooperative_box.week_from.setDate(QDate(2026, 9, 15))
    assert not view.save()
    assert view.cooperative_box.form_message.text().startswith("September 2026 är attesterad av")
    assert "Ändringen kan gälla från och med 2026-10-01." in view.cooperative_box.form_message.text()
    with ctx.db.session() as session:
        assert len(lookups.settings_history(session)) == 1
    view.cooperative_box.week_from.setDate(QDate(2026, 10, 1))
    assert view.save()
    assert view.cooperative_box.week_history.text() == (
        "Från början: 40 tim, mån, tis, ons, tor, fre, värdstadsdel Norrmalm. "
        "Från 2026-10-01: 38 tim, mån, tis, ons, tor, fre, värdstadsdel Norrmalm."
    )
    with ctx.db.session() as session:
        assert lookups.settings_on(session, dt.date(2026, 9, 30)).full_time_week == Decimal(40)
        assert lookups.settings_on(session, dt.date(2026, 10, 1)).full_time_week == Decimal(38)
