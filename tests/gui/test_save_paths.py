"""The GUI's save dialogs go through the same output check as the command line (issue 13, point 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.views import statements as statements_module
from coopdesk.ui.views.statements import ALL, StatementsView
from tests.gui.test_statements import OCTOBER

KEYS = b'{"format": "coopdesk-keys/1"}\n'


@pytest.fixture
def view(qtbot, ctx, monkeypatch):
    shown: list[CoopdeskError] = []
    monkeypatch.setattr(statements_module, "show_error", lambda parent, error: shown.append(error))
    widget = StatementsView(ctx)
    qtbot.addWidget(widget)
    widget.shown_errors = shown
    widget.district.setCurrentIndex(widget.district.findText("Norrmalm"))
    widget.set_month(OCTOBER)
    qtbot.waitUntil(lambda: widget.built is not None and widget.built.month == OCTOBER, timeout=20_000)
    return widget


@pytest.mark.parametrize("suffix", ["", ".keys", "-wal"])
def test_save_never_replaces_the_database_or_its_keys(view, ctx, suffix: str) -> None:
    db = ctx.db.sqlite_path
    target = db.with_name(db.name + suffix)
    if suffix == ".keys":
        target.write_bytes(KEYS)
    before = target.read_bytes() if target.exists() else None
    view.ask_save_file = lambda suggested, ext: str(target)
    assert view.export_csv() == []
    assert (target.read_bytes() if target.exists() else None) == before
    [error] = view.shown_errors
    assert "kan inte skrivas över" in error.sv


def test_save_into_the_backup_folder_is_refused(view, data_home: Path) -> None:
    folder = data_home / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    view.ask_save_file = lambda suggested, ext: str(folder / suggested)
    assert view.save_pdf() == []
    assert list(folder.iterdir()) == []
    assert "säkerhetskopiemappen" in view.shown_errors[0].sv or "coopdeskmappen" in view.shown_errors[0].sv


def test_the_save_dialog_has_asked_before_a_file_is_replaced(view, tmp_path: Path) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("old")
    view.ask_save_file = lambda suggested, ext: str(target)
    assert view.export_csv() == [target]  # QFileDialog asked "replace?": the answer was yes
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_several_files_replace_existing_ones_only_when_confirmed(qtbot, view, tmp_path: Path) -> None:
    view.district.setCurrentIndex(view.district.findData(ALL))
    qtbot.waitUntil(lambda: view.built is not None and len(view.built.statements) == 4, timeout=20_000)
    view.ask_folder = lambda: str(tmp_path)
    existing = tmp_path / "2026-10 Norrmalm månadsredovisning.csv"
    existing.write_text("old")
    asked: list[list[Path]] = []
    view.confirm_replace = lambda paths: asked.append(paths) or False
    assert view.export_csv() == []
    assert asked == [[existing]] and existing.read_text() == "old"
    assert not (tmp_path / "2026-10 Södermalm månadsredovisning.csv").exists()
    view.confirm_replace = lambda paths: True
    assert len(view.export_csv()) == 4
    assert existing.read_text() != "old"
