"""Arkiv → Importera från kalkylblad… driven as a new user would: a workbook with a column the program does
not know and months already attested, fixed in the dialog, previewed with its problems, then imported
with progress; Månad then shows what the sheet said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from coopdesk.core.models import Attendance, Member
from coopdesk.ui.sheet_import_dialog import SheetImportDialog, plan_summary
from coopdesk.ui.sheet_import_model import ColumnsModel, ProblemsModel, SheetsModel
from tests import sheet_files as sf
from tests.gui.conftest import GUI_TODAY

HEADER = ["Namn", "Pnr nr", "Beställare", "Beslutsnummer", "Från", "Omfattning", "Veckodagar", "Arbetsområde"]


def workbook(tmp_path: Path, *, start: str = "2026-10-01", name: str = "kos.xlsx") -> Path:
    """Two new members from October (the demo cooperative has attested up to September)."""
    import xlsxwriter

    path = tmp_path / name
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Medlemmar")
    ws.write_row(0, 0, HEADER)
    ws.write_row(
        1, 0, ["Ester Ny", sf.personal_number("19900202", "321"), "Norrmalm", "N-1", start, 50, "mån–fre", "Kaffestuga"]
    )
    ws.write_row(
        2, 0, ["Olle Ny", sf.personal_number("19880808", "654"), "Södermalm", "S-2", start, 100, "", "Kopiering"]
    )
    month = book.add_worksheet("oktober 2026")
    month.write_row(0, 0, ["Namn", *range(1, 32)])
    month.write_row(1, 0, ["Ester Ny", 4, 4, "", "", 3.5, "S"])  # 1 Oct is a Thursday
    month.write_row(2, 0, ["Olle Ny", 8, 7.25])
    book.close()
    return path


@pytest.fixture
def dialog(ctx, qtbot) -> SheetImportDialog:
    ctx.clock = lambda: GUI_TODAY
    widget = SheetImportDialog(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_models(qtmodeltester, dialog: SheetImportDialog, tmp_path: Path) -> None:
    dialog.load(workbook(tmp_path))
    for model in (dialog.sheets, dialog.columns, dialog.problems):
        qtmodeltester.check(model)
    assert isinstance(dialog.problems, ProblemsModel)
    assert isinstance(dialog.sheets, SheetsModel) and isinstance(dialog.columns, ColumnsModel)


def test_fix_a_column_preview_the_problems_and_import(ctx, dialog: SheetImportDialog, qtbot, tmp_path: Path) -> None:
    dialog.load(workbook(tmp_path))
    sheets = {
        row.name: dialog.sheets.data(dialog.sheets.index(i, SheetsModel.KIND))
        for i, row in enumerate(dialog.sheets.rows)
    }
    assert sheets == {
        "Medlemmar": "Läses inte (varken medlemsblad eller månadsblad)",
        "oktober 2026": "Månadsblad (oktober 2026)",
    }
    assert not dialog.import_button.isEnabled()
    # Ester's row on the month sheet names no one known yet
    assert any(p.rule == "member" for p in dialog.problems.rows)

    # the drop-down: "Pnr nr" is the personal number
    dialog.column_choice.setCurrentIndex(dialog.column_choice.findData("Pnr nr"))
    dialog.field_choice.setCurrentIndex(dialog.field_choice.findData("personal_number"))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.mapping == {"pnrnr": "personal_number"}
    assert [s.kind for s in dialog.plan.sheets] == ["members", "month"]
    fields = [
        dialog.columns.data(dialog.columns.index(i, ColumnsModel.FIELD)) for i in range(dialog.columns.rowCount())
    ]
    assert fields[:2] == ["Namn", "Personnummer"]
    assert dialog.problems.rows == []
    assert "Skapas: 2 medlemmar, 2 beslut, 2 omfattningar." in dialog.summary.text()
    assert "Närvaro oktober 2026: 5 dagar närvarande, 1 frånvarodagar." in dialog.summary.text()
    assert dialog.import_button.isEnabled()

    seen: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(ctx.changed, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Importerat" in dialog.message.text(), timeout=10_000)
    assert "Importerat: 2 medlemmar, 2 beslut, 2 omfattningar, 6 närvarodagar." in dialog.message.text()
    assert seen and seen[-1][0] == seen[-1][1]
    assert not dialog.import_button.isEnabled()  # the preview again: nothing new
    assert "Inget nytt att importera" in dialog.summary.text()
    with ctx.db.session() as session:
        ester = session.scalar(select(Member).where(Member.name == "Ester Ny"))
        records = {
            r.day: (r.status, sum((h.hours for h in r.hours), Decimal(0)))
            for r in session.scalars(select(Attendance).where(Attendance.member_id == ester.id))
        }
    assert records == {
        dt.date(2026, 10, 1): ("present", Decimal(4)),
        dt.date(2026, 10, 2): ("present", Decimal(4)),
        dt.date(2026, 10, 5): ("present", Decimal("3.5")),
        dt.date(2026, 10, 6): ("sick", Decimal(0)),
    }


def test_an_attested_month_is_highlighted_and_nothing_can_be_imported(
    dialog: SheetImportDialog, tmp_path: Path
) -> None:
    dialog.mapping = {"pnrnr": "personal_number"}
    dialog.load(workbook(tmp_path, start="2026-09-01"))
    assert [p.rule for p in dialog.problems.rows][:2] == ["lock", "lock"]
    index = dialog.problems.index(0, ProblemsModel.RULE)
    assert "attesterad" in dialog.problems.data(index)
    assert dialog.problems.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert (
        dialog.problems.data(dialog.problems.index(0, ProblemsModel.ROW)),
        dialog.problems.data(dialog.problems.index(0, ProblemsModel.COLUMN)),
    ) == ("2", "E")
    assert not dialog.import_button.isEnabled()
    assert "fel: inget kan importeras" in plan_summary(dialog.plan)


def test_a_damaged_file_is_a_message_in_the_dialog(dialog: SheetImportDialog, tmp_path: Path) -> None:
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04 inte en arbetsbok")
    dialog.load(path)
    assert "kan inte läsas som kalkylblad" in dialog.message.text()
    assert dialog.sheets.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_the_menu_item_is_an_administrators(qtbot, ctx) -> None:
    from coopdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = window.menus.sheet_import_action
    assert action.isEnabled()
    assert "kalkylblad" in action.text()


def test_the_month_grid_shows_what_the_sheet_said(ctx, dialog: SheetImportDialog, qtbot, tmp_path: Path) -> None:
    from coopdesk.ui.views.month import MonthView

    dialog.mapping = {"pnrnr": "personal_number"}
    dialog.load(workbook(tmp_path))
    with qtbot.waitSignal(ctx.changed, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Importerat" in dialog.message.text(), timeout=10_000)
    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(dt.date(2026, 10, 1))
    row = next(i for i, r in enumerate(view.model.rows) if r.name == "Ester Ny")
    shown = {
        day: view.model.data(view.model.index(row, view.model.day_column(dt.date(2026, 10, day))))
        for day in (1, 5, 6, 7)
    }
    assert shown == {1: "4", 5: "3,5", 6: "S", 7: "·"}  # the 7th: planned, not registered


def test_a_new_user_with_a_year_of_sheets(qapp, qtbot, tmp_path: Path, demo_db_path: Path) -> None:
    """Issue 18, done when: 20 members and 12 month sheets, typed with a few mistakes, into a new database
    that has its settings, districts and work areas; the preview shows the mistakes, the user corrects
    them in the sheet and imports; the statements then say what the sheets said."""
    from coopdesk.core.calendar import Month
    from coopdesk.core.demo import demo_document
    from coopdesk.core.exchange.importer import import_document
    from coopdesk.core.sheets.export import year_sheets
    from coopdesk.core.sheets.workbook import read_bytes
    from coopdesk.core.statement import statements_for_all
    from coopdesk.reports import statement_json
    from coopdesk.reports.year_sheets import year_workbook_bytes
    from coopdesk.storage.database import open_database
    from coopdesk.ui.context import AppContext
    from tests.gui.conftest import ADMIN

    demo = open_database(str(demo_db_path))
    fresh = open_database(str(tmp_path / "ny.db"))
    try:
        with demo.session() as session:
            book = read_bytes(year_workbook_bytes(year_sheets(session, 2026)), "kooperativet 2026.xlsx")
        sheets = [(s.name, [list(r) for r in s.rows]) for s in book.sheets]
        assert len(sheets[0][1]) > 20 and len([n for n, _ in sheets if len(n) == 7]) == 12
        document = demo_document(GUI_TODAY)
        bare = {
            **document,
            "members": [],
            "attendance": [],
            "supervisors": [],
            "supervisor_hours": [],
            "month_locks": [],
            "care_plans": [],
            "journal": [],
            "deviations": [],
        }
        with fresh.session() as session:
            import_document(session, bare, actor=ADMIN, today=GUI_TODAY)

        members = sheets[0][1]
        good_number, good_district = members[3][1], members[4][2]
        members[3][1] = sf.bad_check_digit(good_number)  # a typing error in a personal number
        members[4][2] = good_district + "x"  # and in a district
        june = next(rows for name, rows in sheets if name == "2026-06")
        troubled = {good_number, members[4][1]}
        row = next(r for r in june[3:] if r[1] not in troubled and any(isinstance(v, float) for v in r[2:]))
        column = next(c for c, v in enumerate(row) if c >= 2 and isinstance(v, float))
        row[column] = 25  # 25 hours in a day
        path = tmp_path / "kooperativet 2026.xlsx"
        path.write_bytes(sf.rows_xlsx_bytes(sheets))

        ctx = AppContext(fresh, ADMIN)
        ctx.clock = lambda: GUI_TODAY
        dialog = SheetImportDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.load(path)
        found = [(p.place.row, p.place.column, p.rule) for p in dialog.problems.rows]
        assert found[:2] == [
            (4, "B", "personal_number"),  # the header is on row 3, below a title
            (5, "C", "district"),
        ]
        # then the month sheets in order: the mistyped number's member is unknown there, and June's 25 hours
        assert (june.index(row) + 1, sf._col(column), "day") in found
        assert {p.value for p in dialog.problems.rows[2:] if p.rule == "member"} <= {good_number}
        assert not dialog.import_button.isEnabled()

        members[3][1], members[4][2], row[column] = good_number, good_district, 4
        path.write_bytes(sf.rows_xlsx_bytes(sheets))
        dialog.load(path)
        assert dialog.problems.rows == []
        with qtbot.waitSignal(ctx.changed, timeout=30_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Importerat" in dialog.message.text(), timeout=30_000)
        assert "Importerat: 18 medlemmar" in dialog.message.text()  # two of the demo's 20 left in 2025

        def rows_of(database, month: Month) -> list:
            with database.session() as session:
                return [
                    (d["district"], d["rows"], d["totals"])
                    for d in (statement_json.statement_document(s) for s in statements_for_all(session, month))
                ]

        for month in (Month(2026, 2), Month(2026, 10)):
            assert rows_of(fresh, month) == rows_of(demo, month)
        ctx.tasks.wait()
    finally:
        demo.close()
        fresh.close()
