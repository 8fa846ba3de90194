"""Arkiv → Exportera is an administrator's, says the file holds sensitive data, offers encryption and is
logged; a statement saved or printed from Redovisning is logged as an export or a print (issue 12.7/13.5)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from coopdesk.core.models import AuditEntry
from coopdesk.storage import export_crypto
from coopdesk.ui import context, exchange_dialogs, main_window_roles
from coopdesk.ui.main_window import MainWindow
from tests.gui.conftest import SUPERVISOR
from tests.gui.test_statements import view  # noqa: F401  - the fixture is used by name

PASSPHRASE = "ett långt lösenord för exporten"


def _logged(ctx, entity: str, action: str) -> list[AuditEntry]:
    def query(session):
        found = list(
            session.scalars(select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action == action))
        )
        session.expunge_all()
        return found

    return ctx.read(query)


@pytest.fixture
def window(qtbot, ctx):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    return main


def test_a_handledare_is_refused_before_any_question(qtbot, window, ctx, monkeypatch, tmp_path: Path) -> None:
    ctx.actor = SUPERVISOR
    shown, asked = [], []
    monkeypatch.setattr(main_window_roles, "show_error", lambda parent, error: shown.append(error.message("sv")))
    monkeypatch.setattr(exchange_dialogs, "ask_export_kind", lambda w: asked.append("kind") or "unencrypted")
    monkeypatch.setattr(exchange_dialogs, "ask_save_name", lambda w, enc: str(tmp_path / "allt.json"))
    window.menus.run_export()
    assert shown and "Bara en administratör kan exportera hela databasen" in shown[0]
    assert asked == [] and not (tmp_path / "allt.json").exists()
    # the service refuses too, should a face forget to ask
    monkeypatch.setattr(context, "show_error", lambda parent, error: shown.append(error.message("sv")))
    exchange_dialogs.export_file(window)
    ctx.tasks.wait()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert not (tmp_path / "allt.json").exists() and _logged(ctx, "database", "export") == []


def test_an_encrypted_export_from_the_menu_is_logged(window, ctx, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "allt.coopdesk-enc"
    monkeypatch.setattr(exchange_dialogs, "ask_export_kind", lambda w: exchange_dialogs.ENCRYPTED)
    monkeypatch.setattr(exchange_dialogs, "ask_passphrase", lambda w, new: PASSPHRASE)
    monkeypatch.setattr(exchange_dialogs, "ask_save_name", lambda w, encrypted: str(target))
    window.menus.run_export()
    ctx.tasks.wait()
    raw = target.read_bytes()
    assert export_crypto.is_sealed(raw)
    assert json.loads(export_crypto.unseal(raw, PASSPHRASE))["format"] == "coopdesk/2"
    [entry] = _logged(ctx, "database", "export")
    assert entry.actor == ctx.actor.name and json.loads(entry.new)["encrypted"] is True


def test_the_passphrase_dialog_wants_a_long_one_typed_twice(qtbot) -> None:
    dialog = exchange_dialogs.PassphraseDialog(None, new=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("kort")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "minst 12 tecken" in dialog.message.text()
    dialog.first.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE + "x")
    dialog.accept()
    assert "inte lika" in dialog.message.text()
    dialog.again.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_saved_and_a_printed_statement_are_logged(view, ctx, tmp_path: Path) -> None:  # noqa: F811
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    [path] = view.save_pdf()
    [saved] = _logged(ctx, "statement", "export")
    assert json.loads(saved.new) == {"month": "2026-10", "districts": ["Norrmalm"], "format": "pdf", "file": path.name}

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    view.ask_printer = to_file
    pages = view.print_statements()
    [printed] = _logged(ctx, "statement", "print")
    assert json.loads(printed.new) == {"month": "2026-10", "districts": ["Norrmalm"], "pages": pages}
    view.ask_printer = lambda printer: False  # cancelled: nothing printed, nothing logged
    view.print_statements()
    assert len(_logged(ctx, "statement", "print")) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_pending_changes_saved_to_a_file_are_owner_only(ctx, tmp_path: Path) -> None:
    target = tmp_path / "väntande.json"
    ctx.sync.export(target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "coopdesk/pending-changes/1"
    assert target.stat().st_mode & 0o777 == 0o600
