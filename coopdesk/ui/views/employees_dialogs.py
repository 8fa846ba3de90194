"""Anställda's forms (administrator): a new employee, the last day of employment, the employment
percentage, a wage cost, a subsidy decision and a step. Each Spara runs one command of app/employees.py;
a refused value's message stays in the dialog with what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from coopdesk.app.application import Command
from coopdesk.app.changes import Changes
from coopdesk.app.employees import (
    AddDecision,
    AddEmployee,
    AddStep,
    DecisionItem,
    EmployeeDetails,
    SetEmployment,
    SetWageCost,
    UpdateEmployee,
)
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.form_kit import FormDialog


def attempt_command(ctx: AppContext, command: Command[Any]) -> tuple[Changes | None, CoopdeskError | None]:
    """Run ``command`` on the database worker; a known error is handed back for the form to show."""
    app = ctx.app
    try:
        changes = ctx.tasks.call(lambda: app.execute(command))
    except ConflictError as error:
        ctx.changed.emit("employees")  # the views read again: the other PC's value shows
        return None, error
    except CoopdeskError as error:
        return None, error
    ctx.apply(changes)
    return changes, None


def year_later(day: dt.date) -> dt.date:
    """The same day a year later (28 February for a 29th), the usual step of a decision."""
    return day.replace(year=day.year + 1, day=min(day.day, 28) if day.month == 2 else day.day)


def percent_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 100)
    box.setSuffix(" %")
    box.setValue(value)
    return box


class _CommandDialog(FormDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.changes: Changes | None = None

    def run(self, command: Command[Any]) -> bool:
        self.changes, error = attempt_command(self.ctx, command)
        return self.show_result(error)


class AddEmployeeDialog(_CommandDialog):
    def __init__(self, ctx: AppContext, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Ny anställd"), parent)
        self.name = QLineEdit()
        self.personal_number = QLineEdit()
        self.personal_number.setPlaceholderText(self.tr("ÅÅÅÅMMDD-NNNN"))
        self.start = DateField(today)
        self.percent = percent_box(100)
        self.has_end = QCheckBox(self.tr("&Till och med"))
        self.end = DateField(today)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.form.addRow(self.tr("&Namn"), self.name)
        self.form.addRow(self.tr("&Personnummer"), self.personal_number)
        self.form.addRow(self.tr("Anställd &från"), self.start)
        self.form.addRow(self.tr("&Sysselsättningsgrad"), self.percent)
        self.form.addRow(self.has_end, self.end)

    def save(self) -> bool:
        start = self.start.typed_day()
        end = self.end.typed_day() if self.has_end.isChecked() else None
        if start is None or (end is None and self.has_end.isChecked()):
            return False
        command = AddEmployee(
            self.name.text(), self.personal_number.text(), start, percent=self.percent.value(), end=end
        )
        return self.run(command)


class EndEmploymentDialog(_CommandDialog):
    def __init__(self, ctx: AppContext, person: EmployeeDetails, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Anställningens slut"), parent)
        self.person = person
        self.has_end = QCheckBox(self.tr("&Sista anställningsdag"))
        self.end = DateField(person.end or dt.date.today())
        self.has_end.setChecked(person.end is not None)
        self.end.setEnabled(person.end is not None)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.form.addRow(self.tr("Anställd"), QLabel(f"{person.name}, {self.tr('från')} {person.start}"))
        self.form.addRow(self.has_end, self.end)

    def save(self) -> bool:
        end = self.end.typed_day() if self.has_end.isChecked() else None
        if end is None and self.has_end.isChecked():
            return False
        return self.run(UpdateEmployee(self.person.id, end=end, expected_version=self.person.version))


class EmploymentDialog(_CommandDialog):
    def __init__(self, ctx: AppContext, person: EmployeeDetails, today: dt.date, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Sysselsättningsgrad"), parent)
        self.person = person
        self.percent = percent_box(person.percent_on(today) or 100)
        self.valid_from = DateField(max(today.replace(day=1), person.start))
        self.form.addRow(self.tr("&Sysselsättningsgrad"), self.percent)
        self.form.addRow(self.tr("&Från och med"), self.valid_from)

    def save(self) -> bool:
        day = self.valid_from.typed_day()
        if day is None:
            return False
        return self.run(SetEmployment(self.person.id, self.percent.value(), day, self.person.version))


class WageCostDialog(_CommandDialog):
    """The standing monthly amount from a date, or one month's own amount."""

    def __init__(self, ctx: AppContext, person: EmployeeDetails, today: dt.date, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Lönekostnad"), parent)
        self.person = person
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("lön och arbetsgivaravgifter per månad, kr"))
        self.which = QComboBox()
        self.which.addItem(self.tr("Gäller från och med ett datum"), "from")
        self.which.addItem(self.tr("Bara en månad (månadens egen)"), "month")
        self.valid_from = DateField(max(today.replace(day=1), person.start))
        self.month = QLineEdit(str(Month.of(today)))
        self.month.setPlaceholderText(self.tr("ÅÅÅÅ-MM"))
        self.month.setEnabled(False)
        self.which.currentIndexChanged.connect(self._which)
        self.form.addRow(self.tr("&Belopp"), self.amount)
        self.form.addRow(self.tr("&Gäller"), self.which)
        self.form.addRow(self.tr("&Från och med"), self.valid_from)
        self.form.addRow(self.tr("&Månad"), self.month)

    def _which(self) -> None:
        one_month = self.which.currentData() == "month"
        self.month.setEnabled(one_month)
        self.valid_from.setEnabled(not one_month)

    def save(self) -> bool:
        amount = self.amount.text().strip().replace(" ", "").replace("\N{NO-BREAK SPACE}", "")
        if self.which.currentData() == "month":
            try:
                month = Month.parse(self.month.text().strip())
            except CoopdeskError as error:
                return self.show_result(error)
            return self.run(SetWageCost(self.person.id, amount, month=month))
        day = self.valid_from.typed_day()
        if day is None:
            return False
        return self.run(SetWageCost(self.person.id, amount, valid_from=day))


class DecisionDialog(_CommandDialog):
    def __init__(self, ctx: AppContext, person: EmployeeDetails, today: dt.date, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Nytt beslut om lönebidrag"), parent)
        self.person = person
        self.ref = QLineEdit()
        self.kind = QLineEdit(self.tr("lönebidrag för utveckling i anställning"))
        self.start = DateField(max(today, person.start))
        self.end = DateField(year_later(max(today, person.start)) - dt.timedelta(days=1))
        self.ceiling = QLineEdit()
        self.ceiling.setPlaceholderText(self.tr("lönekostnadstak per månad vid heltid, kr"))
        self.percent = percent_box(80)
        self.form.addRow(self.tr("&Diarienummer"), self.ref)
        self.form.addRow(self.tr("S&tödform"), self.kind)
        self.form.addRow(self.tr("&Från och med"), self.start)
        self.form.addRow(self.tr("T&ill och med"), self.end)
        self.form.addRow(self.tr("Lönekostnads&tak (heltid)"), self.ceiling)
        self.form.addRow(self.tr("&Bidragsnivå från start"), self.percent)

    def save(self) -> bool:
        start, end = self.start.typed_day(), self.end.typed_day()
        if start is None or end is None:
            return False
        ceiling = self.ceiling.text().strip().replace(" ", "").replace("\N{NO-BREAK SPACE}", "")
        command = AddDecision(
            self.person.id, self.ref.text(), self.kind.text(), start, end, ceiling, self.percent.value()
        )
        return self.run(command)


class StepDialog(_CommandDialog):
    """A decision's step: the share paid from a date (one on a date that has one changes it)."""

    def __init__(self, ctx: AppContext, person: EmployeeDetails, decision: DecisionItem, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Nytt steg i beslutet"), parent)
        self.person, self.decision = person, decision
        last = decision.steps[-1] if decision.steps else None
        self.valid_from = DateField(min(decision.end, year_later(last.valid_from)) if last else decision.start)
        self.percent = percent_box(max(1, (last.percent if last else 80) - 20))
        about = f"{decision.ref} ({decision.start} – {decision.end})"
        self.form.addRow(self.tr("Beslut"), QLabel(about))
        self.form.addRow(self.tr("&Från och med"), self.valid_from)
        self.form.addRow(self.tr("&Bidragsnivå"), self.percent)

    def save(self) -> bool:
        day = self.valid_from.typed_day()
        if day is None:
            return False
        return self.run(AddStep(self.person.id, self.decision.id, day, self.percent.value(), self.decision.version))
