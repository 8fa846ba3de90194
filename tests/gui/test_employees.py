"""Anställda: the employees with wage subsidy in the window — details (administrator edits, handledare
reads), the time report grid (keys, undo, the month lock, print), the month's request basis (print, PDF,
Excel) and the outlook chart with its marks. On the demo with its two employees (GUI_TODAY 2026-11-27)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from coopdesk.app.employees import TimeMonthView
from coopdesk.core.calendar import Month
from coopdesk.core.demo import add_demo_employees
from coopdesk.core.models import AuditEntry
from coopdesk.ui.views.employees import OUTLOOK, REQUEST, TIME, EmployeesView
from coopdesk.ui.views.employees_dialogs import AddEmployeeDialog, StepDialog
from coopdesk.ui.views.employees_model import DecisionsModel, EmployeeListModel, RequestModel
from tests.gui.conftest import ADMIN, GUI_TODAY, SUPERVISOR

D = dt.date
NOVEMBER = Month(2026, 11)


@pytest.fixture
def staffed(ctx):
    with ctx.db.session() as session:
        add_demo_employees(session, ADMIN, GUI_TODAY)
    return ctx


@pytest.fixture(autouse=True)
def no_modal_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda _parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr(
        "coopdesk.ui.views.employees_output.show_error", lambda _parent, error, title=None: shown.append(error.sv)
    )
    return shown


def make_view(ctx, qtbot) -> EmployeesView:
    view = EmployeesView(ctx)
    view.today = lambda: GUI_TODAY
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.refresh()
    return view


@pytest.fixture
def view(staffed, qtbot) -> EmployeesView:
    return make_view(staffed, qtbot)


def type_hours(qtbot, grid, text: str) -> None:
    """As a user types: the first key opens the cell's editor, the rest go into it; Enter commits it,
    which the delegate does queued (Qt's editorEventFilter), so the test waits for the editor to close."""
    qtbot.keyClicks(grid, text[0])
    editor = grid.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)


def choose(view: EmployeesView, name: str) -> int:
    row = next(i for i, p in enumerate(view.list_model.rows) if p.name == name)
    view.list_table.selectRow(row)
    assert view.current() is not None and view.current().name == name
    return view.employee_id  # type: ignore[return-value]


def test_the_list_and_the_details(view: EmployeesView, qtmodeltester) -> None:
    names = [p.name for p in view.list_model.rows]
    assert names == ["Fatima Rahimi", "Mikael Lundqvist"]
    model = view.list_model
    mikael = names.index("Mikael Lundqvist")
    assert model.data(model.index(mikael, EmployeeListModel.PERCENT)) == "75\N{NO-BREAK SPACE}%"
    assert model.data(model.index(mikael, EmployeeListModel.SUBSIDY)) == "60\N{NO-BREAK SPACE}%"
    choose(view, "Mikael Lundqvist")
    assert view.name_label.text() == "Mikael Lundqvist"
    (decision,) = view.decisions_model.rows
    assert [s.percent for s in decision.steps] == [80, 60, 40]
    steps = view.decisions_model.data(view.decisions_model.index(0, DecisionsModel.STEPS))
    assert "40\N{NO-BREAK SPACE}% från 2027-01-01" in steps
    assert view.wage_model.rowCount() == 3  # two standing amounts and October's own
    for tested in (view.list_model, view.decisions_model):
        qtmodeltester.check(tested)


def test_a_handledare_reads_the_details_but_cannot_edit_them(staffed, qtbot) -> None:
    staffed.actor = SUPERVISOR
    view = make_view(staffed, qtbot)
    choose(view, "Mikael Lundqvist")
    for button in view._admin_buttons():
        assert not button.isEnabled() and "administratör" in button.toolTip()
    assert view.decisions_model.rowCount() == 1
    view.tabs.setCurrentIndex(TIME)
    view.time_tab.set_month(NOVEMBER)
    index = view.time_tab.model.index(26, 0)  # 27 November, worked: a handledare registers time
    assert view.time_tab.model.setData(index, "5")
    assert view.time_tab.data.hours(D(2026, 11, 27), "worked") == Decimal("5.00")


def test_the_time_grid_by_keys_with_undo(view: EmployeesView, qtbot, ctx, qtmodeltester) -> None:
    employee = choose(view, "Mikael Lundqvist")
    view.tabs.setCurrentIndex(TIME)
    tab = view.time_tab
    tab.set_month(NOVEMBER)
    grid, model = tab.grid, tab.model
    assert model.rowCount() == 31 and model.columnCount() == 7  # 30 days and the sums; 6 kinds and the sum
    qtmodeltester.check(model)
    friday = model.index(26, 0)  # 27 November, Arbetad: no hours yet (time reports run up to yesterday)
    assert model.data(friday) == ""
    grid.setFocus()
    grid.setCurrentIndex(friday)
    type_hours(qtbot, grid, "7,5")

    def stored() -> Decimal:
        return ctx.query(TimeMonthView(employee, NOVEMBER)).hours(D(2026, 11, 27), "worked")

    assert stored() == Decimal("7.50")
    assert grid.currentIndex().row() == 27  # Enter moved on to the next day
    assert model.data(model.index(26, model.sum_column)) == "7,5"
    vab = model.index(26, 3)
    grid.setCurrentIndex(vab)
    type_hours(qtbot, grid, "1")
    assert model.data(model.index(26, model.sum_column)) == "8,5"
    ctx.undo()
    assert ctx.query(TimeMonthView(employee, NOVEMBER)).hours(D(2026, 11, 27), "vab") == 0
    ctx.undo()
    assert stored() == 0 and model.data(friday) == ""
    ctx.redo()
    assert stored() == Decimal("7.50")
    grid.setCurrentIndex(friday)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert stored() == 0
    ctx.undo()
    assert stored() == Decimal("7.50")


def test_too_many_hours_are_refused_and_the_grid_shows_what_is_stored(view, no_modal_errors) -> None:
    choose(view, "Fatima Rahimi")
    view.tabs.setCurrentIndex(TIME)
    tab = view.time_tab
    tab.set_month(NOVEMBER)
    monday = tab.model.index(22, 1)  # 23 November: 8 hours reported already (of some kind)
    before = tab.data.cells.copy()
    assert not tab.model.setData(monday, "20")
    assert no_modal_errors and "24" in no_modal_errors[-1]
    assert tab.data.cells == before


def test_an_attested_month_is_locked(view: EmployeesView) -> None:
    choose(view, "Mikael Lundqvist")
    view.tabs.setCurrentIndex(TIME)
    tab = view.time_tab
    tab.set_month(Month(2026, 9))  # the demo attests the months before last month
    assert tab.data.locked
    assert "attesterad" in tab.banner.text()
    assert not tab.model.flags(tab.model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not tab.model.setData(tab.model.index(1, 0), "3")
    tab.set_month(NOVEMBER)
    assert tab.model.flags(tab.model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable


def pdf_printer(path: Path):
    def answer(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return answer


def test_the_time_report_prints_and_saves(view: EmployeesView, tmp_path: Path) -> None:
    choose(view, "Mikael Lundqvist")
    view.tabs.setCurrentIndex(TIME)
    view.time_tab.set_month(NOVEMBER)
    view.outputs.ask_printer = pdf_printer(tmp_path / "printed.pdf")
    assert view.time_tab.print_report() >= 1
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    view.outputs.ask_save_file = lambda suggested, _ext: str(tmp_path / suggested)
    assert view.time_tab.save_pdf()
    (saved,) = tmp_path.glob("2026-11 Mikael Lundqvist tidrapport.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(saved).pages)
    assert "Tidrapport" in text and "Mikael Lundqvist" in text and "Arbetstagarens underskrift" in text


def test_the_request_basis_of_a_month(view: EmployeesView, tmp_path: Path, qtmodeltester) -> None:
    view.tabs.setCurrentIndex(REQUEST)
    tab = view.request_tab
    tab.set_month(NOVEMBER)
    qtmodeltester.check(tab.model)
    lines = tab.model.rows
    assert [(line.name, str(line.subsidy)) for line in lines] == [
        ("Fatima Rahimi", "14950.00"),  # min(31 800, 23 000) × 65 %
        ("Mikael Lundqvist", "9000.00"),  # min(28 300, 20 000 × 75 %) × 60 %
    ]
    assert tab.model.data(tab.model.index(1, RequestModel.DAYS)) == "30 av 30"
    assert "23\N{NO-BREAK SPACE}950,00" in tab.total.text()
    assert tab.time_model.rowCount() == 2
    view.outputs.ask_save_file = lambda suggested, _ext: str(tmp_path / suggested)
    assert tab.save_pdf() and tab.export_xlsx()
    book = CalamineWorkbook.from_path(str(tmp_path / "2026-11 lönebidrag rekvisitionsunderlag.xlsx"))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[6][0] == "Summa" and rows[6][-1] == 23950
    text = PdfReader(tmp_path / "2026-11 lönebidrag rekvisitionsunderlag.pdf").pages[0].extract_text()
    assert "Underlag för rekvisition av lönebidrag" in text
    view.outputs.ask_printer = pdf_printer(tmp_path / "printed.pdf")
    assert tab.print_basis() == 1
    tab.set_month(Month(2028, 2))  # no decision covers it
    assert tab.model.rowCount() == 0 and "Inget beslut" in tab.total.text()
    assert not tab.buttons[0].isEnabled()


def test_the_outlook_chart_marks_each_step_and_end(view: EmployeesView, qtbot) -> None:
    view.tabs.setCurrentIndex(OUTLOOK)
    tab = view.outlook_tab
    months = tab.chart.months
    assert len(months) == 24 and str(months[0].month) == "2026-12" and str(months[-1].month) == "2028-11"
    assert [(c.day, c.name, c.after) for c in tab.chart.changes] == [
        (D(2027, 1, 1), "Mikael Lundqvist", 40),
        (D(2027, 5, 31), "Fatima Rahimi", None),
        (D(2027, 12, 31), "Mikael Lundqvist", None),
    ]
    chart = tab.chart
    step, spring_end, last_end = (chart.marker_x(c) for c in chart.changes)
    assert step == pytest.approx(chart._x_of_month(1))  # on the first of January, month 1 of the chart
    assert spring_end == pytest.approx(chart._x_of_month(6))  # the day after 31 May: 1 June
    assert last_end == pytest.approx(chart._x_of_month(13))
    # the bars: December 23 950, January 20 950 (Mikael at 40 %), June 6 000, January 2028 nothing
    heights = [chart.bar_rect(i).height() for i in (0, 1, 6, 13)]
    assert heights[0] > heights[1] > heights[2] > heights[3] == 0
    assert heights[1] / heights[0] == pytest.approx(20950 / 23950, rel=1e-3)
    years = [tab.years_model.rows[i][1] for i in range(tab.years_model.rowCount())]
    assert [y[0] for y in years] == ["2026", "2027", "2028"] and [y[1] for y in years] == ["1", "12", "11"]
    # 2027: Mikael 12 × 6 000 (40 % of 15 000), Fatima January–May 5 × 14 950; 2028: both ended
    assert [y[2].replace("\N{NO-BREAK SPACE}", " ") for y in years] == ["23 950,00 kr", "146 750,00 kr", "0,00 kr"]
    assert tab.changes.count() == 3 and "60 % till 40 %" in tab.changes.item(0).text()
    image = chart.grab()  # it paints (offscreen) without error
    assert not image.isNull()


def test_an_administrator_adds_an_employee_and_a_refused_step_stays_in_its_dialog(view: EmployeesView) -> None:
    shown: list[object] = []

    def fill(dialog) -> bool:
        shown.append(dialog)
        if isinstance(dialog, AddEmployeeDialog):
            dialog.name.setText("Nora Ek")
            dialog.personal_number.setText("19800101-0001")
            dialog.percent.setValue(50)
            return dialog.save()
        if isinstance(dialog, StepDialog):
            dialog.valid_from.setDate(D(2030, 1, 1))  # after the decision's end
            assert not dialog.save()
            assert "utanför beslutet" in dialog.error.text()
            return False
        raise AssertionError(type(dialog))

    view.open_dialog = fill
    assert view.new_employee()
    assert [p.name for p in view.list_model.rows] == ["Fatima Rahimi", "Mikael Lundqvist", "Nora Ek"]
    assert view.current() is not None and view.current().name == "Nora Ek"
    assert view.current().employment == ((GUI_TODAY, 50),)
    choose(view, "Mikael Lundqvist")
    view.decisions_table.selectRow(0)
    assert not view.add_step()


def test_the_register_extract_from_the_window_is_written_and_logged(view: EmployeesView, ctx, tmp_path: Path) -> None:
    choose(view, "Fatima Rahimi")
    view.outputs.ask_save_file = lambda suggested, _ext: str(tmp_path / suggested)
    assert view.register_extract()
    document = json.loads((tmp_path / "Fatima Rahimi registerutdrag.json").read_text(encoding="utf-8"))
    assert document["format"] == "coopdesk-employee/1" and document["employee"]["name"] == "Fatima Rahimi"
    assert document["employee"]["time"]  # the demo's time reports
    with ctx.db.session() as s:
        summaries = s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "export")).all()
    assert "Fatima Rahimi registerutdrag till Fatima Rahimi registerutdrag.json" in summaries


def test_gallring_from_the_window_finds_no_one_too_recent(view: EmployeesView) -> None:
    told: list[str] = []
    view.privacy.tell = told.append
    view.privacy.confirm_erase = lambda found: pytest.fail("no one may be erased yet")
    assert view.erase_former() == 0
    assert told and "sju hela kalenderår" in told[0]
    assert len(view.list_model.rows) == 2


def test_a_handledare_has_no_register_extract_or_gallring(staffed, qtbot) -> None:
    staffed.actor = SUPERVISOR
    view = make_view(staffed, qtbot)
    assert not view.record_button.isEnabled() and not view.erase_button.isEnabled()
