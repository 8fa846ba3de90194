"""The main window and the settings view are composed of parts, not built of mixins (issue 14): a mixin
reads attributes it expects another class to have set, which nothing checks; a part is handed what it needs."""

from __future__ import annotations

import ast
from pathlib import Path

from coopdesk.ui.main_window import MainWindow
from coopdesk.ui.views.settings import SettingsView

UI = Path(__file__).resolve().parents[2] / "coopdesk" / "ui"


def ui_classes() -> dict[str, list[str]]:
    """Every class defined under coopdesk/ui, by name, with the files that define it."""
    found: dict[str, list[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append(str(path.relative_to(UI)))
    return found


def test_no_class_under_ui_is_a_mixin() -> None:
    classes = ui_classes()
    assert {"MainWindow", "SettingsView", "WindowMenus", "CooperativeForm"} <= classes.keys()  # the scan sees them
    assert {name: files for name, files in classes.items() if name.endswith("Mixin")} == {}


def test_the_window_and_the_settings_view_inherit_only_from_qt() -> None:
    for cls in (MainWindow, SettingsView):
        assert [base.__module__.split(".")[0] for base in cls.__bases__] == ["PySide6"], cls.__bases__


def test_the_window_holds_its_parts(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    parts = (window.roles, window.menus, window.connection, window.user_switch, window.help)
    assert [type(part).__name__ for part in parts] == [
        "RoleGuard",
        "WindowMenus",
        "ConnectionWatch",
        "UserSwitch",
        "WindowHelp",
    ]
    assert all(part.parent() is window for part in parts)  # they go with the window
