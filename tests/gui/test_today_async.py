"""Idag does not wait for the database: a key shows its change at once, the worker saves it, Ctrl+Z takes
back that key even before it is saved, and a refused save puts the row back (issue 14.3)."""

from __future__ import annotations

import threading

import pytest

from coopdesk.core.audit import Actor
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import attendance
from coopdesk.storage.database import open_database
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.today import TodayView
from coopdesk.ui.views.today_model import TodayModel
from tests.gui.test_today import DAY, twenty_member_document


@pytest.fixture
def twenty(qapp, tmp_path):
    database = open_database(str(tmp_path / "twenty.db"))
    with database.session() as session:
        import_document(session, twenty_member_document(), actor=Actor("test"), today=DAY)
    context = AppContext(database, Actor("Sara Svensson"))
    yield context
    context.tasks.settle()
    database.close()


@pytest.fixture
def view(qtbot, twenty) -> TodayView:
    today = TodayView(twenty)
    qtbot.addWidget(today)
    today.show()
    today.set_date(DAY)
    return today


def stored(ctx, member_id: int) -> str | None:
    """Read past the worker (which a test may be holding up)."""
    with ctx.db.session() as session:
        record = attendance.find(session, member_id, DAY)
        return record.status if record else None


def hold_the_worker(ctx) -> threading.Event:
    """The worker busy until the returned event is set: a slow server, say."""
    go_on = threading.Event()
    ctx.tasks.run(lambda: go_on.wait(10), lambda _r: None, lambda _e, _d: None, quiet=True)
    return go_on


def member_row(view: TodayView, index: int) -> int:
    view.table.setCurrentIndex(view.model.index(index, TodayModel.STATUS))
    return view.model.rows[index].member_id


def test_the_row_shows_the_edit_before_it_is_saved(view: TodayView, twenty) -> None:
    member = member_row(view, 0)
    go_on = hold_the_worker(twenty)
    view.set_status("sick")
    assert view.model.rows[0].entry.status == "sick"  # at once, with the worker still busy
    assert stored(twenty, member) is None and twenty.undo_stack.count() == 0
    assert view.table.currentIndex().row() == 1  # and the cursor on the next member, as always
    go_on.set()
    assert twenty.tasks.settle()
    assert stored(twenty, member) == "sick" and twenty.undo_stack.count() == 1
    assert view.model.rows[0].entry.version == 1  # the row as saved, with the record's version


def test_ctrl_z_right_after_a_key_takes_back_that_key(view: TodayView, twenty) -> None:
    first = member_row(view, 0)
    view.set_status("sick")
    assert twenty.tasks.settle()
    second = member_row(view, 1)
    go_on = hold_the_worker(twenty)
    view.set_status("absent_notified")
    threading.Timer(0.05, go_on.set).start()
    twenty.undo()  # before the second key is saved: it is that key that is taken back
    assert stored(twenty, second) is None and stored(twenty, first) == "sick"
    assert twenty.tasks.settle()
    assert view.model.rows[1].entry.status is None


def test_two_keys_on_one_member_in_a_row_do_not_conflict(view: TodayView, twenty) -> None:
    member = member_row(view, 0)
    go_on = hold_the_worker(twenty)
    view.set_status("sick")
    threading.Timer(0.05, go_on.set).start()
    member_row(view, 0)
    view.set_status("absent_notified")  # the first is still on its way: this one waits for it
    assert twenty.tasks.settle()
    assert stored(twenty, member) == "absent_notified"
    assert view.model.rows[0].entry.status == "absent_notified" and view.notice.text() == ""


def test_a_refused_save_puts_the_row_back_and_the_cursor_on_it(view: TodayView, twenty, monkeypatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: shown.append(error))
    member = member_row(view, 0)
    go_on = hold_the_worker(twenty)
    view.set_status("sick")
    with twenty.db.session() as session:  # meanwhile the month is attested (on another PC)
        from coopdesk.core.calendar import Month
        from coopdesk.core.services import locks

        locks.attest_month(session, twenty.actor, Month.of(DAY))
    go_on.set()
    assert twenty.tasks.settle()
    assert shown and "attesterad" in shown[0].message("sv")
    assert stored(twenty, member) is None
    assert view.model.rows[0].entry.status is None  # what is stored, not what was refused
    assert view.table.currentIndex().row() == 0
    assert twenty.undo_stack.count() == 0
