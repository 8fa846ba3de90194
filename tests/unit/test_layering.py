"""The domain stays Qt-free (style.md): the CLI and tests must run without a display or Qt."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "coopdesk" / "core"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_has_modules() -> None:
    assert len(list(CORE.rglob("*.py"))) > 10


def test_no_module_under_core_imports_qt() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(m for m in imported_modules(path) if m.split(".")[0] in QT_MODULES)
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_does_not_import_ui_or_reports() -> None:
    for path in CORE.rglob("*.py"):
        for module in imported_modules(path):
            assert not module.startswith(("coopdesk.ui", "coopdesk.reports")), f"{path.name} imports {module}"


APP = CORE.parent / "app"


def test_the_application_layer_is_qt_free_and_knows_no_face() -> None:
    """coopdesk/app runs under the GUI and the CLI alike: no Qt, and neither face imported back."""
    assert len(list(APP.glob("*.py"))) >= 5
    for path in APP.rglob("*.py"):
        for module in imported_modules(path):
            assert module.split(".")[0] not in QT_MODULES, f"{path.name} imports {module}"
            assert not module.startswith(("coopdesk.ui", "coopdesk.cli")), f"{path.name} imports {module}"
