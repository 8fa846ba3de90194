"""Redovisning: preview, save, export, print to a PDF file, attest after listing unregistered days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from coopdesk.core.audit import ROLE_SUPERVISOR, Actor
from coopdesk.core.calendar import Month
from coopdesk.core.models import AuditEntry, MonthLock
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.ui.views.statements import ALL, StatementsView

OCTOBER = Month(2026, 10)  # not attested in the demo (months up to September are)


@pytest.fixture
def view(qtbot, ctx):
    widget = StatementsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.district.setCurrentIndex(widget.district.findText("Norrmalm"))
    widget.set_month(OCTOBER)
    qtbot.waitUntil(lambda: widget.built is not None and widget.built.month == OCTOBER, timeout=20_000)
    return widget


def test_preview_shows_the_statement_with_its_fingerprint(view) -> None:
    assert [s.district for s in view.built.statements] == ["Norrmalm"]
    assert view.document is not None and view.document.pageCount() >= 1
    assert "kontrollsumma" in view.status.text()
    assert "Preliminär" in view.banner.text()
    assert view.print_button.isEnabled() and view.attest_button.isEnabled()


def test_save_as_pdf_writes_the_previewed_document(view, tmp_path: Path) -> None:
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    [path] = view.save_pdf()
    assert path.name == "2026-10 Norrmalm månadsredovisning.pdf"
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == view.document.pageCount()
    text = reader.pages[0].extract_text()
    assert "Månadsredovisning" in text and "Norrmalm" in text and "oktober 2026" in text


def test_export_csv_for_all_districts_writes_one_file_each(qtbot, view, tmp_path: Path) -> None:
    view.district.setCurrentIndex(view.district.findData(ALL))
    qtbot.waitUntil(lambda: view.built is not None and len(view.built.statements) == 4, timeout=20_000)
    view.ask_folder = lambda: str(tmp_path)
    paths = view.export_csv()
    assert sorted(p.name for p in paths) == [
        "2026-10 Kungsholmen månadsredovisning.csv",
        "2026-10 Norrmalm månadsredovisning.csv",
        "2026-10 Södermalm månadsredovisning.csv",
        "2026-10 Tyresö kommun månadsredovisning.csv",
    ]
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in paths)


def test_print_goes_through_qprinter(view, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    view.ask_printer = to_file
    pages = view.print_statements()
    assert pages == view.document.pageCount()
    assert len(pypdf.PdfReader(target).pages) == pages


def test_attest_lists_unregistered_days_first_then_locks(qtbot, view, ctx) -> None:
    asked = []

    def confirm(month: Month, missing: list[tuple[str, dt.date]]) -> bool:
        asked.append((month, missing))
        return True

    view.confirm_attest = confirm
    assert view.attest()
    [(month, missing)] = asked
    assert month == OCTOBER
    assert missing and all(day.month == 10 for _, day in missing)
    assert ctx.read(lambda s: s.get(MonthLock, "2026-10")) is not None
    qtbot.waitUntil(lambda: "Attesterad" in view.banner.text(), timeout=20_000)
    assert not view.attest_button.isEnabled() and view.reopen_button.isEnabled()


def test_cancelled_attest_changes_nothing(view, ctx) -> None:
    view.confirm_attest = lambda month, missing: False
    assert not view.attest()
    assert ctx.read(lambda s: s.get(MonthLock, "2026-10")) is None


def test_reopen_needs_an_administrator_and_a_reason(qtbot, ctx, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error: shown.append(error))
    widget = StatementsView(ctx)
    qtbot.addWidget(widget)
    widget.set_month(Month(2026, 9))
    ctx.actor = Actor("Kim Handledare", ROLE_SUPERVISOR)
    widget.ask_reason = lambda: "Fel timmar för en medlem"
    assert not widget.reopen()
    assert shown and isinstance(shown[-1], PermissionDeniedError) and "administratör" in shown[-1].sv
    ctx.actor = Actor("Ada Administratör")
    assert widget.reopen()
    assert ctx.read(lambda s: s.get(MonthLock, "2026-09")) is None
    entry = ctx.read(lambda s: s.scalars(select(AuditEntry).where(AuditEntry.action == "reopen")).one())
    assert "Fel timmar" in entry.summary and entry.actor == "Ada Administratör"


def test_export_excel_writes_the_statement_as_a_workbook(view, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    [path] = view.export_xlsx()
    assert path.name == "2026-10 Norrmalm månadsredovisning.xlsx"
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names[0] == "Medlemmar"
    members = book.get_sheet_by_name("Medlemmar").to_python()
    assert members[0][0] == "Månadsredovisning Norrmalm oktober 2026"
    assert len(members) == 5 + len(view.built.statements[0].rows) + 1  # title, head, rows, totals
