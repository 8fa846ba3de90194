"""Exportera till Excel where a table is shown: the member list, the month grid, the supervisors' month
and the audit log — read back with python-calamine: the cells as shown, numbers as numbers, on the record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from coopdesk.core.services import audit_log
from coopdesk.ui.audit_dialog import AuditDialog
from coopdesk.ui.table_export import cell_value
from coopdesk.ui.views.members import MembersView
from coopdesk.ui.views.month import MonthView
from coopdesk.ui.views.supervisors import SupervisorsView
from tests.gui.conftest import GUI_TODAY


@pytest.mark.parametrize(
    "shown, value",
    [
        ("1\u00a0234,50", (Decimal("1234.50"), None)),
        ("−2,00", (Decimal("-2.00"), None)),
        ("50 %", (50, "%")),
        ("81,5\u00a0%", (Decimal("81.5"), "%")),
        ("450,00 kr", (Decimal("450.00"), "kr")),
        ("12", (12, None)),
        ("2026-12-07", (dt.date(2026, 12, 7), None)),
        ("2026-12-07 ⚠", ("2026-12-07 ⚠", None)),
        ("19800101-0019", ("19800101-0019", None)),  # a personal number stays text
        ("NOR-2026-0012", ("NOR-2026-0012", None)),
        ("S", ("S", None)),
        ("–", (None, None)),
        ("", (None, None)),
    ],
)
def test_a_shown_cell_becomes_a_value(shown: str, value: tuple[object, object]) -> None:
    assert cell_value(shown) == value


def sheet(path: Path) -> list[list[object]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


def logged(ctx) -> list[str]:
    with ctx.db.session() as session:
        return [e.summary for e in audit_log.entries(session, kinds=["table.export"])]


def test_the_member_list_as_shown(ctx, qtbot, tmp_path: Path) -> None:
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.today = GUI_TODAY
    view.refresh()
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    path = view.export_excel()
    assert path is not None and path.name == "medlemmar.xlsx"
    rows = sheet(path)
    first_head = str(view.proxy.headerData(0, Qt.Orientation.Horizontal))
    assert rows[0][0] == " ".join(first_head.split())
    assert len(rows) == 1 + view.proxy.rowCount()
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert [r[0] for r in rows[1:]] == names  # in the order shown
    assert rows[0][4] == "Omfattning (%)"  # the unit the cells showed, in the head
    assert all(isinstance(r[4], float) or r[4] == "" for r in rows[1:])  # the capacity: a number, not text
    assert logged(ctx) == [f"Medlemmar ({len(names)} rader, Excel) till medlemmar.xlsx"]


def test_the_month_grid_with_its_totals(ctx, qtbot, tmp_path: Path) -> None:
    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.set_date(dt.date(2026, 10, 15))
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    path = view.export_excel()
    assert path is not None and path.name == "2026-10 närvaro.xlsx"
    rows = sheet(path)
    assert rows[0][0] == "Medlem" and len(rows) == 1 + len(view.model.rows)
    assert len(rows[0]) == 1 + view.model.columnCount()  # the name, 31 days, the totals
    planned = view.model.planned_column + 1
    shown = view.model.index(0, planned - 1).data()
    assert Decimal(str(rows[1][planned])).quantize(Decimal("0.01")) == cell_value(shown)[0]
    assert logged(ctx) == [f"Närvaro 2026-10 ({len(view.model.rows)} rader, Excel) till 2026-10 närvaro.xlsx"]


def test_the_supervisors_month(ctx, qtbot, tmp_path: Path) -> None:
    view = SupervisorsView(ctx)
    qtbot.addWidget(view)
    view.set_date(dt.date(2026, 10, 15))
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    path = view.export_excel()
    assert path is not None
    rows = sheet(path)
    assert rows[0][0] == "Handledare" and len(rows) == 1 + view.figures_model.rowCount()
    assert all(isinstance(v, float | int) for v in rows[1][2:5])  # funded, worked, absence: numbers


def test_the_audit_log_with_its_times(ctx, qtbot, tmp_path: Path) -> None:
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.first.setDate(dialog.first.date().addYears(-2))
    dialog.refresh()
    assert dialog.model.rowCount() > 0
    dialog.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    path = dialog.export_excel()
    assert path is not None
    rows = sheet(path)
    assert rows[0] == ["Tid", "Användare", "Händelse", "Medlem", "Vad"]
    assert isinstance(rows[1][0], dt.datetime) and len(rows) == 1 + dialog.model.rowCount()


def test_a_table_saved_unlogged_on_a_full_disk_says_so(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    """On a database its full disk made read-only the file is still written (the way out is a copy to
    another disk) but its audit entry cannot be kept: the command line said so, the window said nothing."""
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.table_export.show_error", lambda parent, error, title=None: shown.append(error.sv))
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.today = GUI_TODAY
    view.refresh()
    view.ask_save_file = lambda suggested, ext: str(tmp_path / suggested)
    before = logged(ctx)
    monkeypatch.setattr(ctx.db, "read_only", True)  # as storage/full_disk opens it on a full disk
    path = view.export_excel()
    assert path is not None and path.exists()
    assert shown and "kunde inte föras in i händelseloggen" in shown[0]
    monkeypatch.setattr(ctx.db, "read_only", False)
    assert logged(ctx) == before
