"""Backups from the app: on closing, restoring from the list, a damaged database, one instance."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from coopdesk.core.services import attendance
from coopdesk.storage import backup as backups
from coopdesk.ui.backups import RestoreDialog
from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.single_instance import SingleInstance, ask_first_instance_to_show
from coopdesk.ui.undo import DayState, set_day

DAY = dt.date(2026, 11, 26)


def window_on(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_closing_the_app_takes_a_checked_backup(qtbot, ctx) -> None:
    window = window_on(qtbot, ctx)
    window.close()
    [made] = backups.list_backups(ctx.db.sqlite_path.stem)
    assert made.reason == "close" and backups.integrity(made.path) == "ok"


def test_restore_from_the_list_brings_back_the_data_and_keeps_the_current(qtbot, ctx) -> None:
    window = window_on(qtbot, ctx)
    today_view = window.show_view("idag")
    today_view.set_date(DAY)
    row = today_view.model.rows[0]
    before = ctx.read(lambda s: attendance.find(s, row.member_id, DAY).status)
    backups.make_backup(ctx.db.sqlite_path, reason="manual")
    assert set_day(ctx, window, row.member_id, row.name, DAY, DayState("leave"))
    dialog = RestoreDialog(window.backups, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    window.backups.confirm = lambda title, text: True
    assert dialog.restore_selected()
    assert ctx.read(lambda s: attendance.find(s, row.member_id, DAY).status) == before
    assert today_view.model.rows[0].entry.status == before  # the views show the restored data
    assert not ctx.undo_stack.canUndo()
    assert any(b.reason == "restore" for b in backups.list_backups(ctx.db.sqlite_path.stem))


def test_the_restore_list_offers_this_databases_backups_only(qtbot, ctx, demo_template: Path, tmp_path: Path) -> None:
    """Another database with the same file name keeps its backups in the folder itself; this one's go to a
    folder of their own. Arkiv → Återställ lists those, never the other database's (a restore of them
    would put another database's data in place of this one)."""
    other = tmp_path / "elsewhere" / ctx.db.sqlite_path.name
    other.parent.mkdir()
    shutil.copyfile(demo_template, other)
    theirs = backups.make_backup(other, reason="manual")  # first there: the backup folder is the other's
    window = window_on(qtbot, ctx)
    ours = backups.make_backup(ctx.db.sqlite_path, reason="manual")
    assert ours.parent != theirs.parent
    dialog = RestoreDialog(window.backups, window)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.backups] == [ours]


def test_a_damaged_database_offers_the_newest_backup(qtbot, ctx, monkeypatch) -> None:
    from coopdesk.storage.database import corrupt_error

    window = window_on(qtbot, ctx)
    backups.make_backup(ctx.db.sqlite_path, reason="auto")
    asked = []
    window.backups.confirm = lambda title, text: asked.append(text) or True
    restored = []
    monkeypatch.setattr(window.backups, "restore", lambda path: restored.append(path) or True)
    assert window.backups.offer_restore(corrupt_error(ctx.db.sqlite_path, "database disk image is malformed"))
    assert asked and "skadad" in asked[0]
    assert restored and restored[0].name.endswith("-auto.db")


def test_the_check_at_start_runs_in_the_background(qtbot, ctx) -> None:
    window = window_on(qtbot, ctx)
    window.backups.check_in_background()
    assert ctx.tasks.wait(10_000)
    QCoreApplication.processEvents()


def test_a_second_launch_asks_the_first_to_show_itself(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "en.db"
    first = SingleInstance(db)
    assert first.start()
    try:
        second = SingleInstance(db)
        assert not second.start()
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            assert ask_first_instance_to_show(db)
    finally:
        first.stop()
    again = SingleInstance(db)
    assert again.start()  # the lock is free once the first has stopped
    again.stop()


def _slow_backup(started: list[float]):
    """A backup that takes as long as it is let (like ten years of data on a slow disk): it copies in
    steps and looks at its Cancel between them, as make_backup does."""
    import time

    def make_backup(source, *, reason, key=None, cancel=None, **_):
        started.append(time.monotonic())
        while True:  # only a cancel ends it
            assert cancel is not None, "a backup the app takes must be cancellable"
            cancel.check()
            time.sleep(0.005)

    return make_backup


def test_closing_does_not_wait_for_a_running_backup_and_the_next_start_takes_it(qtbot, ctx, monkeypatch) -> None:
    """Issue 20.2: closing right after start waited (6–12 s on ten years of data) for the check and the
    daily backup; now both are cancelled, the backup on closing gets a budget, and the one cut short is
    due at the next start even though the day's backups exist."""
    import time

    from coopdesk.app import backups as app_backups
    from coopdesk.ui.backups import CLOSE_BUDGET

    window = window_on(qtbot, ctx)
    backups.make_backup(ctx.db.sqlite_path, reason="auto")  # today's backup is there already
    assert not backups.backup_due(ctx.db.sqlite_path)
    started: list[float] = []
    monkeypatch.setattr(app_backups, "make_backup", _slow_backup(started))
    window.backups.backup_in_background("auto")
    qtbot.waitUntil(lambda: bool(started))  # the worker is in the middle of it
    began = time.monotonic()
    window.close()
    took = time.monotonic() - began
    assert len(started) == 2  # the daily one was cut, then the closing one was tried within its budget
    assert took < CLOSE_BUDGET + 0.4, f"closing took {took:.2f} s"
    assert backups.backup_due(ctx.db.sqlite_path)  # the next start takes it
    monkeypatch.undo()
    app_backups.take_backup(ctx.db.sqlite_path, reason="auto", key=None)
    assert not backups.backup_due(ctx.db.sqlite_path)  # and then it is no longer due
