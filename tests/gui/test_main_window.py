"""The main window: every view opens on the demo data, shortcuts switch views, state is kept."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from coopdesk.ui.main_window import VIEWS, MainWindow


@pytest.fixture
def window(qtbot, ctx):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_every_view_opens_on_the_demo_data(window) -> None:
    for spec in VIEWS:
        widget = window.show_view(spec.key)
        assert window.stack.currentWidget() is widget
        assert type(widget).__name__ == spec.cls
    assert window.windowTitle().startswith("coopdesk — ")


def test_redovisning_shows_last_months_statement_when_first_opened(qtbot, window) -> None:
    view = window.show_view("redovisning")  # Ctrl+6 the first time: no month was chosen yet
    assert view.title.text().startswith("Redovisning ") and view.month == view.month.of(dt.date.today()).previous()
    qtbot.waitUntil(lambda: view.built is not None, timeout=30_000)
    assert view.built.statements


def test_ctrl_number_switches_views(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "medlemmar"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "idag"


def test_status_bar_shows_database_and_user(window, ctx) -> None:
    assert ctx.db.describe() in window.db_label.text()
    assert "Sara Svensson" in window.user_label.text()


def test_window_state_and_last_view_are_kept(qtbot, ctx) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(1000, 700)
    first.show_view("handledare")
    first.close()
    assert QSettings().value("main/view") == "handledare"
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.current_key() == "handledare"


def test_undo_action_follows_the_register(qtbot, window, ctx) -> None:
    from coopdesk.ui.undo import DayState, set_day

    today_view = window.show_view("idag")
    today_view.set_date(dt.date(2026, 11, 26))
    row = today_view.model.rows[0]
    assert set_day(ctx, window, row.member_id, row.name, dt.date(2026, 11, 26), DayState("sick"))
    assert ctx.undo_stack.canUndo()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert today_view.model.rows[0].entry == row.entry


def test_screenshot_command_renders_a_png(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "idag.png"
    env = {**os.environ, "COOPDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coopdesk",
            "--db",
            str(demo_db_path),
            "gui",
            "--screenshot",
            str(target),
            "--view",
            "manad",
            "--date",
            "2026-10-15",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")


def test_without_a_display_the_app_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["COOPDESK_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "coopdesk"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "ingen skärm" in result.stderr and "no display" in result.stderr
    assert "Traceback" not in result.stderr
