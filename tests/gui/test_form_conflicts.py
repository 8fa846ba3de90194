"""The forms pass the version they showed: Beställare, Inställningar, Användare, Handledare, Gallra.

Two PCs on one database (each AppContext with its own connections to the same file). The other PC
changes the row first, through the services; then this PC's form saves what it showed before. The
change is refused with the message naming who changed it, the stored value is the other PC's, and the
form shows it. Saving again (the user has now seen the new value) goes through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from coopdesk import access
from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.models import Cooperative, District, Tariff, UserAccount, WorkArea
from coopdesk.core.services import districts, erasure, lookups, settings, supervisors, users
from coopdesk.storage.database import open_database
from coopdesk.ui.context import AppContext
from coopdesk.ui.erasure_dialog import ErasureDialog
from coopdesk.ui.users_dialog import UsersDialog
from coopdesk.ui.views.districts import DistrictDialog, DistrictsView
from coopdesk.ui.views.settings import SettingsView
from coopdesk.ui.views.settings_work_areas import WorkAreaDialog
from coopdesk.ui.views.supervisors import SupervisorsView
from coopdesk.ui.views.supervisors_dialogs import SupervisorDialog
from tests.gui.conftest import GUI_TODAY, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD

#: The administrator at the other PC (an actor is all the services need; the log names her).
ANNA = Actor("Anna Berg", ROLE_ADMIN, "anna.b")
CHANGED_BY_ANNA = "ndrat av Anna Berg på en annan dator kl."  # Ändrat, or ändrat after a name
SEE_NEW = "Du ser nu det nya värdet"


@pytest.fixture
def other_pc(qapp, demo_db_path: Path) -> Iterator[AppContext]:
    database = open_database(str(demo_db_path))
    context = AppContext(database, ANNA)
    yield context
    context.tasks.wait()
    database.close()


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes, recorded instead of shown (one would wait for a click)."""
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    return shown


def stored(ctx: AppContext, model: type, **where: object):
    with ctx.db.session() as session:
        row = session.scalar(select(model).filter_by(**where))
        assert row is not None
        session.expunge(row)
        return row


# --- Beställare -------------------------------------------------------------------------------


@pytest.fixture
def districts_view(qtbot, ctx) -> DistrictsView:
    view = DistrictsView(ctx)
    qtbot.addWidget(view)
    view.confirm = lambda _text: True
    view.show()
    return view


def test_a_district_another_pc_changed_is_not_overwritten(ctx, other_pc, districts_view) -> None:
    item = next(d for d in districts_view.districts_model.rows if d.name == "Norrmalm")
    dialog = DistrictDialog(ctx, item, districts_view)
    dialog.contact.setText("Beställarenheten, 08-111 11 11")
    with other_pc.db.session() as session:
        districts.update_district(session, ANNA, item.id, contact="Handläggare Eva, 08-222 22 22")
    assert not dialog.save()
    assert CHANGED_BY_ANNA in dialog.error.text() and dialog.error.text().startswith("Norrmalm: ")
    assert stored(ctx, District, id=item.id).contact == "Handläggare Eva, 08-222 22 22"
    assert dialog.contact.text() == "Handläggare Eva, 08-222 22 22"  # the form shows the stored value
    shown = next(d for d in districts_view.districts_model.rows if d.id == item.id)
    assert shown.contact == "Handläggare Eva, 08-222 22 22"  # and so does the view behind it
    dialog.contact.setText("Beställarenheten, 08-111 11 11")  # seen the new value, the user decides again
    assert dialog.save()
    assert stored(ctx, District, id=item.id).contact == "Beställarenheten, 08-111 11 11"


def test_removing_a_tariff_another_pc_removed_says_so(ctx, other_pc, districts_view) -> None:
    norrmalm = next(d for d in districts_view.districts_model.rows if d.name == "Norrmalm")
    with ctx.db.session() as session:
        tariff_id = districts.add_tariff(session, ctx.actor, norrmalm.id, dt.date(2027, 1, 1), "none").id
    districts_view.district_id = norrmalm.id
    districts_view.refresh()
    row = next(i for i, t in enumerate(districts_view.tariffs_model.rows) if t.id == tariff_id)
    districts_view.tariffs_table.setCurrentIndex(districts_view.tariffs_model.index(row, 0))
    with other_pc.db.session() as session:
        districts.remove_tariff(session, ANNA, tariff_id)
    districts_view.remove_tariff()
    assert "Borttaget av Anna Berg på en annan dator" in districts_view.message.text()
    assert ctx.read(lambda s: s.get(Tariff, tariff_id)) is None
    assert tariff_id not in [t.id for t in districts_view.tariffs_model.rows]  # the list shows it gone


def test_removing_a_tariff_passes_its_version(ctx, districts_view, monkeypatch) -> None:
    passed: list[object] = []
    monkeypatch.setattr(
        districts, "remove_tariff", lambda _s, _a, tariff_id, *, expected_version=None: passed.append(expected_version)
    )
    districts_view.remove_tariff()
    assert passed == [districts_view.tariffs_model.rows[-1].version] and passed[0] is not None


# --- Inställningar ----------------------------------------------------------------------------


@pytest.fixture
def settings_view(qtbot, ctx) -> SettingsView:
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def type_into(edit: QLineEdit, text: str) -> None:
    """As if typed (the form notes it is edited); keyClicks cannot type every letter of Swedish."""
    edit.setText(text)
    edit.textEdited.emit(text)


def save_name(session, actor: Actor, name: str) -> None:
    """The cooperative's settings as stored, with another name (as the other PC's form would save them)."""
    coop = lookups.cooperative(session)
    settings.save_cooperative(
        session,
        actor,
        name=name,
        org_number=coop.org_number,
        address=coop.address,
    )


def test_the_cooperatives_settings_another_pc_saved_are_not_overwritten(ctx, other_pc, settings_view) -> None:
    view = settings_view
    type_into(view.cooperative_box.name, "KOS ekonomisk förening")
    with other_pc.db.session() as session:
        save_name(session, ANNA, "Kooperativet KOS i Stockholm")
    assert not view.save()
    assert (
        CHANGED_BY_ANNA in view.cooperative_box.form_message.text()
        and SEE_NEW in view.cooperative_box.form_message.text()
    )
    assert stored(ctx, Cooperative).name == "Kooperativet KOS i Stockholm"
    assert view.cooperative_box.name.text() == "Kooperativet KOS i Stockholm"  # the form shows what is stored
    assert view.cooperative_box.status.text() == ""
    type_into(view.cooperative_box.name, "KOS ekonomisk förening")
    assert view.save()
    assert stored(ctx, Cooperative).name == "KOS ekonomisk förening"


def test_the_idle_lock_another_pc_saved_is_not_overwritten(ctx, other_pc, settings_view) -> None:
    with other_pc.db.session() as session:
        settings.save_idle_lock(session, ANNA, 30)
    settings_view.idle_lock_box.minutes.setValue(5)
    assert not settings_view.idle_lock_box.save()
    assert CHANGED_BY_ANNA in settings_view.idle_lock_box.message.text()
    assert stored(ctx, Cooperative).idle_lock_minutes == 30
    assert settings_view.idle_lock_box.minutes.value() == 30
    settings_view.idle_lock_box.minutes.setValue(5)
    assert settings_view.idle_lock_box.save()
    assert stored(ctx, Cooperative).idle_lock_minutes == 5


def test_an_own_change_of_the_cooperative_does_not_make_the_form_out_of_date(ctx, settings_view) -> None:
    view = settings_view
    type_into(view.cooperative_box.address, "Storgatan 1, Stockholm")  # typed, not saved yet
    view.idle_lock_box.minutes.setValue(15)
    assert view.idle_lock_box.save()  # the same row, saved by this PC
    assert view.cooperative_box.address.text() == "Storgatan 1, Stockholm"
    assert view.save()  # no conflict with its own change
    coop = stored(ctx, Cooperative)
    assert (coop.address, coop.idle_lock_minutes) == ("Storgatan 1, Stockholm", 15)


def test_a_work_area_another_pc_renamed_keeps_its_name(ctx, other_pc, settings_view, monkeypatch) -> None:
    opened: list[WorkAreaDialog] = []
    monkeypatch.setattr(WorkAreaDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    row = next(i for i, (_id, (name,)) in enumerate(settings_view.work_areas_box.model.rows) if name == "Kopiering")
    area_id = settings_view.work_areas_box.model.key(row)
    settings_view.work_areas_box.table.setCurrentIndex(settings_view.work_areas_box.model.index(row, 0))
    settings_view.work_areas_box.rename()  # the dialog as Byt namn… opens it, with the version the list shows
    [dialog] = opened
    assert dialog.version == stored(ctx, WorkArea, id=area_id).version
    dialog.name.setText("Tryckeri")
    with other_pc.db.session() as session:
        settings.rename_work_area(session, ANNA, area_id, "Kopiering och tryck")
    assert not dialog.save()
    assert CHANGED_BY_ANNA in dialog.error.text() and dialog.error.text().startswith("Kopiering och tryck: ")
    assert stored(ctx, WorkArea, id=area_id).name == "Kopiering och tryck"
    assert dialog.name.text() == "Kopiering och tryck"
    assert settings_view.work_areas_box.model.rows[settings_view.work_areas_box.model.row_of(area_id)][1] == (
        "Kopiering och tryck",
    )
    dialog.name.setText("Tryckeri")
    assert dialog.save()
    assert stored(ctx, WorkArea, id=area_id).name == "Tryckeri"


# --- Användare --------------------------------------------------------------------------------


@pytest.fixture
def users_dialog(qtbot, ctx) -> UsersDialog:
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda _text: True
    dialog.select_login(SUPERVISOR_LOGIN)
    return dialog


def kim(ctx: AppContext) -> UserAccount:
    return stored(ctx, UserAccount, login=SUPERVISOR_LOGIN)


def kim_row(dialog: UsersDialog):
    return next(r for r in dialog.model.rows if r.login == SUPERVISOR_LOGIN)


def test_a_role_change_after_another_pc_changed_the_account_is_refused(ctx, other_pc, users_dialog) -> None:
    with other_pc.db.session() as session:
        users.update_user(session, ANNA, kim(ctx).id, active=False)
    assert not users_dialog.toggle_role()  # the table still showed Kim active
    text = users_dialog.message.text()
    assert text.startswith("Kim Handledare: ä") and CHANGED_BY_ANNA in text
    assert (kim(ctx).role, kim(ctx).active) == (ROLE_SUPERVISOR, False)
    assert not kim_row(users_dialog).active  # the table shows the account as stored
    assert users_dialog.toggle_role()  # seen it, the administrator changes the role anyway
    assert kim(ctx).role == ROLE_ADMIN


def test_making_an_account_inactive_after_another_pc_changed_it_is_refused(ctx, other_pc, users_dialog) -> None:
    with other_pc.db.session() as session:
        users.update_user(session, ANNA, kim(ctx).id, role=ROLE_ADMIN)
    assert not users_dialog.toggle_active()
    assert CHANGED_BY_ANNA in users_dialog.message.text()
    assert (kim(ctx).role, kim(ctx).active) == (ROLE_ADMIN, True)
    assert kim_row(users_dialog).role == ROLE_ADMIN
    assert users_dialog.role_button.text() == "Gör till &handledare"


def test_making_an_account_active_again_passes_the_version_too(ctx, other_pc, qtbot) -> None:
    with ctx.db.session() as session:
        users.update_user(session, ctx.actor, kim(ctx).id, active=False)
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.select_login(SUPERVISOR_LOGIN)
    again = dialog.toggle_active()  # asks for a new password
    with other_pc.db.session() as session:
        users.update_user(session, ANNA, kim(ctx).id, role=ROLE_ADMIN)
    again.password.setText("tillbaka-1")
    again.again.setText("tillbaka-1")
    again.accept()
    assert again.isVisible() and CHANGED_BY_ANNA in again.error.text()
    assert not kim(ctx).active
    qtbot.waitUntil(lambda: kim_row(dialog).role == ROLE_ADMIN)  # the table behind shows the other PC's change
    again.accept()  # Spara again: now over the version shown
    assert dialog.dialog is None  # closed (and deleted once events run: ask the users dialog, not it)
    assert (kim(ctx).role, kim(ctx).active) == (ROLE_ADMIN, True)


def test_someone_logging_in_meanwhile_is_no_conflict(ctx, users_dialog, demo_db_path: Path) -> None:
    version = kim(ctx).version
    session = access.login(str(demo_db_path), SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD)  # Kim, at another PC
    session.db.close()
    assert kim(ctx).last_login_at is not None and kim(ctx).version == version
    assert users_dialog.toggle_role()
    assert kim(ctx).role == ROLE_ADMIN


# --- Handledare, Gallra -----------------------------------------------------------------------


def test_a_supervisor_another_pc_changed_is_not_overwritten(qtbot, ctx, other_pc) -> None:
    view = SupervisorsView(ctx)
    qtbot.addWidget(view)
    item = next(s for s in view.list_model.rows if s.fte_percent not in (60, 80))
    dialog = SupervisorDialog(ctx, item, view)
    dialog.fte.setValue(80)
    with other_pc.db.session() as session:
        supervisors.update_supervisor(session, ANNA, item.id, fte_percent=60)
    assert not dialog.save()
    assert CHANGED_BY_ANNA in dialog.error.text()
    assert fte_from(ctx, item.id, dialog) == 60
    assert dialog.fte.value() == 60
    assert view.list_model.rows[view.list_model.row_of(item.id)].fte_percent == 60
    dialog.fte.setValue(80)
    assert dialog.save()
    assert fte_from(ctx, item.id, dialog) == 80


def fte_from(ctx, supervisor_id: int, dialog: SupervisorDialog) -> int | None:
    """The stored FTE in force from the dialog's "Gäller från" (the FTE is dated)."""
    with ctx.db.session() as session:
        history = supervisors.fte_history(session, supervisor_id)
    return lookups.fte_on(history, dialog.valid_from.date().toPython())


def test_a_retention_period_another_pc_saved_is_not_overwritten(qtbot, ctx, other_pc, boxes) -> None:
    dialog = ErasureDialog(ctx, today=GUI_TODAY)
    qtbot.addWidget(dialog)
    with other_pc.db.session() as session:
        erasure.save_retention_years(session, ANNA, 7)
    dialog.years.setValue(3)
    dialog.save_retention()
    assert len(boxes) == 1 and CHANGED_BY_ANNA in boxes[0]
    assert ctx.read(erasure.retention_years) == 7
    assert (dialog.setting, dialog.years.value()) == (7, 7)
    assert "7 år" in dialog.cutoff.text()
    dialog.years.setValue(3)
    dialog.save_retention()
    assert ctx.read(erasure.retention_years) == 3 and len(boxes) == 1
