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


UI = CORE.parent / "ui"
# What the GUI must not speak to directly (issue 14 item 2): the database library, the storage layer and
# the ORM tables. It speaks to the application layer (coopdesk/app), which speaks to them.
BELOW_THE_APPLICATION = ("sqlalchemy", "coopdesk.storage", "coopdesk.core.models")


def imported_names(source: str, package: str) -> set[str]:
    """Every module a file of ``package`` imports, and every ``module.name`` it imports from one, at any
    depth (function-local and ``if TYPE_CHECKING`` imports count): ``from coopdesk import storage`` is
    ``coopdesk.storage``; a relative import is resolved against ``package``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def below(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == b or n.startswith(b + ".") for b in BELOW_THE_APPLICATION))


def below_the_application(path: Path) -> list[str]:
    package = ".".join(path.relative_to(CORE.parents[1]).parent.parts)
    return below(imported_names(path.read_text(encoding="utf-8"), package))


def test_every_way_of_importing_is_seen() -> None:
    source = (
        "from coopdesk import storage\n"
        "from ...core import models\n"
        "import sqlalchemy.orm\n"
        "from coopdesk.app import database\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
        "def f():\n    from coopdesk.storage.paths import resource\n"
    )
    assert below(imported_names(source, "coopdesk.ui.views")) == [
        "coopdesk.core.models",
        "coopdesk.storage",
        "coopdesk.storage.paths",
        "coopdesk.storage.paths.resource",
        "sqlalchemy.orm",
        "sqlalchemy.orm.Session",
    ]


def test_the_gui_speaks_only_to_the_application_layer() -> None:
    """No module under coopdesk/ui imports SQLAlchemy, the storage layer or the ORM models (issue 14.2)."""
    assert len(list(UI.rglob("*.py"))) > 30
    offenders = {path.relative_to(UI).as_posix(): below_the_application(path) for path in UI.rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}
