"""Anställda — the cooperative's employees with wage subsidy (domain.md §10).

Left, the employees; right, four tabs: Uppgifter (employment %, wage costs, the subsidy decisions with
their steps — an administrator edits them, a handledare reads them), Tidrapport (the month grid of the
chosen employee), Rekvisition (the month's request basis of every employee) and Prognos (the next 24
months as a chart). Every read and write goes through app/employees.py on the database worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.employees import EmployeeDetails, EmployeeList
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.views.employees_dialogs import (
    AddEmployeeDialog,
    DecisionDialog,
    EmploymentDialog,
    EndEmploymentDialog,
    StepDialog,
    WageCostDialog,
)
from coopdesk.ui.views.employees_model import DecisionsModel, EmployeeListModel, percent
from coopdesk.ui.views.employees_output import Outputs
from coopdesk.ui.views.employees_privacy import EmployeePrivacy
from coopdesk.ui.views.employees_subsidy import OutlookTab, RequestTab
from coopdesk.ui.views.employees_time import TimeReportTab
from coopdesk.ui.views.form_kit import ID_ROLE, MUTED, DisplayRowsModel, fit_rows, plain_table

DETAILS, TIME, REQUEST, OUTLOOK = range(4)


class EmployeesView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], dt.date] = dt.date.today
        self.people: list[EmployeeDetails] = []
        self.employee_id: int | None = None
        #: Runs a form dialog; tests replace it (exec() would block them).
        self.open_dialog: Callable[[QDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.outputs = Outputs(ctx, self)

        self.list_model = EmployeeListModel(self)
        self.list_table = plain_table(self.list_model, "employeeTable")
        self.list_table.setWordWrap(False)
        header = self.list_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EmployeeListModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.list_table.selectionModel().currentRowChanged.connect(lambda current, _old: self._chosen(current.row()))
        self.new_button = QPushButton(self.tr("&Ny anställd…"))
        self.new_button.clicked.connect(self.new_employee)
        self.privacy = EmployeePrivacy(ctx, self.outputs, self)
        self.erase_button = QPushButton(self.tr("&Gallra tidigare anställda…"))
        self.erase_button.clicked.connect(self.erase_former)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Anställda"))
        heading.setStyleSheet("font-weight: 600;")
        left.addWidget(heading)
        left.addWidget(self.list_table, 1)
        left.addWidget(self.new_button)
        left.addWidget(self.erase_button)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMinimumWidth(340)  # the names whole beside the figures
        left_box.setMaximumWidth(420)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("employeeTabs")
        self.tabs.addTab(self._details_tab(), self.tr("Uppgifter"))
        self.time_tab = TimeReportTab(ctx, self.outputs, self)
        self.tabs.addTab(self.time_tab, self.tr("Tidrapport"))
        self.request_tab = RequestTab(ctx, self.outputs, self)
        self.tabs.addTab(self.request_tab, self.tr("Rekvisition"))
        self.outlook_tab = OutlookTab(ctx, self.outputs, self)
        self.tabs.addTab(self.outlook_tab, self.tr("Prognos"))
        self.tabs.currentChanged.connect(lambda _i: self._reload_tab())

        splitter = QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._apply_role()
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def _details_tab(self) -> QWidget:
        page = QWidget()
        self.name_label = QLabel()
        self.name_label.setObjectName("employeeName")
        self.name_label.setStyleSheet("QLabel#employeeName { font-size: 13pt; font-weight: 600; }")
        self.about_label = QLabel()
        self.about_label.setStyleSheet(MUTED)
        self.employment_model = DisplayRowsModel([formats.tr("Från och med"), formats.tr("Sysselsättning")], self)
        self.employment_table = plain_table(self.employment_model, "employmentTable")
        self.wage_model = DisplayRowsModel([formats.tr("Gäller"), formats.tr("Lönekostnad per månad")], self)
        self.wage_table = plain_table(self.wage_model, "wageCostTable")
        for table in (self.employment_table, self.wage_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.decisions_model = DecisionsModel(self)
        self.decisions_table = plain_table(self.decisions_model, "decisionTable")
        header = self.decisions_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DecisionsModel.STEPS, QHeaderView.ResizeMode.Stretch)
        self.end_button = QPushButton(self.tr("Anställningens &slut…"))
        self.end_button.clicked.connect(self.end_employment)
        self.employment_button = QPushButton(self.tr("Sysselsättnings&grad…"))
        self.employment_button.clicked.connect(self.set_employment)
        self.wage_button = QPushButton(self.tr("&Lönekostnad…"))
        self.wage_button.clicked.connect(self.set_wage_cost)
        self.decision_button = QPushButton(self.tr("Nytt &beslut…"))
        self.decision_button.clicked.connect(self.add_decision)
        self.step_button = QPushButton(self.tr("Nytt s&teg…"))
        self.step_button.setToolTip(self.tr("En ny bidragsnivå i det markerade beslutet"))
        self.step_button.clicked.connect(self.add_step)
        self.record_button = QPushButton(self.tr("&Registerutdrag…"))
        self.record_button.setToolTip(
            self.tr("Allt coopdesk har om den anställda, som JSON (dataskyddsförordningen art. 15)")
        )
        self.record_button.clicked.connect(self.register_extract)
        grid = QGridLayout()
        for column, (title, table, buttons) in enumerate(
            (
                (self.tr("Sysselsättningsgrad"), self.employment_table, (self.employment_button, self.end_button)),
                (self.tr("Lönekostnad"), self.wage_table, (self.wage_button,)),
            )
        ):
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600;")
            grid.addWidget(label, 0, column)
            grid.addWidget(table, 1, column, Qt.AlignmentFlag.AlignTop)
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            grid.addLayout(row, 2, column)
        decisions_title = QLabel(self.tr("Beslut om lönebidrag"))
        decisions_title.setStyleSheet("font-weight: 600;")
        decision_buttons = QHBoxLayout()
        decision_buttons.addWidget(self.decision_button)
        decision_buttons.addWidget(self.step_button)
        decision_buttons.addStretch(1)
        decision_buttons.addWidget(self.record_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.name_label)
        layout.addWidget(self.about_label)
        layout.addLayout(grid)
        layout.addWidget(decisions_title)
        layout.addWidget(self.decisions_table, 1)
        layout.addLayout(decision_buttons)
        return page

    def _admin_buttons(self) -> list[QPushButton]:
        return [
            self.new_button,
            self.end_button,
            self.employment_button,
            self.wage_button,
            self.decision_button,
            self.step_button,
            self.record_button,
            self.erase_button,
        ]

    def _apply_role(self) -> None:
        tip = self.tr(
            "Bara en administratör kan ändra anställda, lönekostnader och beslut om lönebidrag, ta ut registerutdrag "
            "och gallra."
        )
        for button in self._admin_buttons():
            admin_only(self.ctx.actor, button, tip)

    # --- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        people = self.ctx.query_or_keep(EmployeeList())
        if people is None:
            return
        self.people = people
        self.list_model.set_items(people, self.today())
        row = self.list_model.row_of(self.employee_id)
        if row < 0 and people:
            row = 0
        if row >= 0 and self.list_table.currentIndex().row() != row:
            self.list_table.selectRow(row)  # → _chosen
        else:
            self._chosen(row)

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("employees", "locks", "all") and self.isVisible():
            self.refresh()

    def current(self) -> EmployeeDetails | None:
        return next((p for p in self.people if p.id == self.employee_id), None)

    def _chosen(self, row: int) -> None:
        index = self.list_model.index(row, 0)
        self.employee_id = self.list_model.data(index, ID_ROLE) if row >= 0 else None
        self._show_details(self.current())
        self._reload_tab()

    def _reload_tab(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == TIME:
            self.time_tab.today = self.today
            self.time_tab.set_employee(self.employee_id)
        elif tab == REQUEST:
            self.request_tab.today = self.today
            self.request_tab.reload()
        elif tab == OUTLOOK:
            self.outlook_tab.today = self.today
            self.outlook_tab.reload()

    def _show_details(self, person: EmployeeDetails | None) -> None:
        chosen = person is not None
        for button in (
            self.end_button,
            self.employment_button,
            self.wage_button,
            self.decision_button,
            self.record_button,
        ):
            if not button.property("coopdesk_admin_only"):
                button.setEnabled(chosen)
        if not self.step_button.property("coopdesk_admin_only"):
            self.step_button.setEnabled(chosen and bool(person and person.decisions))
        if person is None:
            self.name_label.setText(self.tr("Inga anställda ännu") if not self.people else "")
            self.about_label.setText(
                self.tr("Lägg till en anställd med lönebidrag med Ny anställd.") if not self.people else ""
            )
            self.employment_model.set_rows([])
            self.wage_model.set_rows([])
            self.decisions_model.set_items([])
            return
        until = person.end.isoformat() if person.end else self.tr("tills vidare")
        self.name_label.setText(person.name)
        self.about_label.setText(
            self.tr("%1 · anställd %2 – %3")
            .replace("%1", person.personal_number)
            .replace("%2", person.start.isoformat())
            .replace("%3", until)
        )
        self.employment_model.set_rows([(day, (day.isoformat(), percent(p))) for day, p in person.employment])
        wages = [
            (day, (self.tr("från %1").replace("%1", day.isoformat()), formats.amount(a)))
            for day, a in person.wage_costs
        ]
        wages += [
            (month, (self.tr("bara %1").replace("%1", month), formats.amount(a)))
            for month, a in person.wage_cost_months
        ]
        self.wage_model.set_rows(wages)
        for table in (self.employment_table, self.wage_table):
            fit_rows(table)
        self.decisions_model.set_items(list(person.decisions))
        if person.decisions and not self.decisions_table.currentIndex().isValid():
            self.decisions_table.selectRow(len(person.decisions) - 1)

    # --- changes (administrator) ---------------------------------------------------------------

    def _form(self, dialog: QDialog) -> bool:
        saved = self.open_dialog(dialog)
        dialog.deleteLater()
        return saved

    def new_employee(self) -> bool:
        dialog = AddEmployeeDialog(self.ctx, self.today(), self)
        if not self._form(dialog):
            return False
        if dialog.changes is not None:
            self.employee_id = dialog.changes.result.id
            self.refresh()
        return True

    def end_employment(self) -> bool:
        person = self.current()
        return person is not None and self._form(EndEmploymentDialog(self.ctx, person, self))

    def set_employment(self) -> bool:
        person = self.current()
        return person is not None and self._form(EmploymentDialog(self.ctx, person, self.today(), self))

    def set_wage_cost(self) -> bool:
        person = self.current()
        return person is not None and self._form(WageCostDialog(self.ctx, person, self.today(), self))

    def add_decision(self) -> bool:
        person = self.current()
        return person is not None and self._form(DecisionDialog(self.ctx, person, self.today(), self))

    def add_step(self) -> bool:
        person = self.current()
        row = self.decisions_table.currentIndex().row()
        if person is None or not 0 <= row < len(person.decisions):
            return False
        return self._form(StepDialog(self.ctx, person, person.decisions[row], self))

    def register_extract(self) -> bool:
        person = self.current()
        return person is not None and self.privacy.record(person) is not None

    def erase_former(self) -> int:
        erased = self.privacy.erase()
        if erased:
            self.employee_id = None
            self.refresh()
        return erased

    def show_employee(self, employee_id: int) -> None:
        """Att göra's "employee:<id>": the employee's Uppgifter."""
        self.employee_id = employee_id
        self.tabs.setCurrentIndex(DETAILS)
        self.refresh()

    def focus_target(self) -> QWidget:
        return self.list_table
