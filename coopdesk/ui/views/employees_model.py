"""Anställda's table models: the employees, a decision list, the time report's month grid (days × kinds)
and the month's request basis. Plain data from app/employees.py; no Session here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from coopdesk.app.employees import TIME_KINDS, DecisionItem, EmployeeDetails, TimeMonth
from coopdesk.core.calendar import SUNDAY_NAME, holiday_name
from coopdesk.core.numbers import round_half_up
from coopdesk.core.subsidy import SubsidyLine
from coopdesk.ui import formats
from coopdesk.ui.rows_model import ItemRowsModel
from coopdesk.ui.views.form_kit import ID_ROLE, RIGHT, Index
from coopdesk.ui.widgets import COLORS

DAY_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4


def kind_name(kind: str) -> str:
    return {
        "worked": formats.tr("Arbetad"),
        "sick": formats.tr("Sjuk"),
        "vacation": formats.tr("Semester"),
        "vab": formats.tr("Vab"),
        "leave": formats.tr("Tjänstledig"),
        "other": formats.tr("Annan frånvaro"),
    }[kind]


def percent(value: int | None) -> str:
    return "–" if value is None else f"{value}\N{NO-BREAK SPACE}%"


def steps_text(decision: DecisionItem) -> str:
    """'80 % från 2025-01-01, 60 % från 2026-01-01'."""
    return ", ".join(
        formats.tr("%1 från %2").replace("%1", percent(s.percent)).replace("%2", s.valid_from.isoformat())
        for s in decision.steps
    )


class EmployeeListModel(ItemRowsModel):
    """The employees with what holds on ``day``: employment %, standing wage cost, the decision's level."""

    NAME, PERCENT, WAGE_COST, SUBSIDY = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[EmployeeDetails] = []
        self.day = dt.date.today()

    def headers(self) -> list[str]:
        return [formats.tr("Namn"), formats.tr("Syss."), formats.tr("Lönekostnad"), formats.tr("Bidrag")]

    def set_items(self, rows: list[EmployeeDetails], day: dt.date) -> None:
        self.day = day
        self.replace_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        person, column = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and not person.employed_on(self.day):
            return QBrush(COLORS["muted"])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.NAME:
            return person.name
        if column == self.PERCENT:
            return percent(person.percent_on(self.day))
        if column == self.WAGE_COST:
            return formats.amount(person.wage_cost_on(self.day))
        decision = person.decision_on(self.day)
        return percent(decision.percent_on(self.day)) if decision else "–"


class DecisionsModel(ItemRowsModel):
    REF, KIND, PERIOD, CEILING, STEPS = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DecisionItem] = []

    def headers(self) -> list[str]:
        return [
            formats.tr("Beslut"),
            formats.tr("Stödform"),
            formats.tr("Period"),
            formats.tr("Tak (heltid)"),
            formats.tr("Nivåer"),
        ]

    def set_items(self, rows: list[DecisionItem]) -> None:
        self.replace_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        d, column = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return d.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CEILING:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [d.ref, d.kind, f"{d.start} – {d.end}", formats.amount(d.ceiling), steps_text(d)][column]


class TimeGridModel(QAbstractTableModel):
    """One employee's month: a row per day, a column per kind of time, then the day's sum; a last row of
    sums. A cell is edited by typing its hours (0 or empty removes them); a day outside the employment or
    an attested month is not editable."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.month_data: TimeMonth | None = None
        self.days: list[dt.date] = []
        #: Edits go through the view (the command, the undo stack): (day, kind, text) → saved?
        self.on_edit: Callable[[dt.date, str, str], bool] | None = None

    @property
    def sum_column(self) -> int:
        return len(TIME_KINDS)

    @property
    def sum_row(self) -> int:
        return len(self.days)

    def set_month(self, data: TimeMonth) -> None:
        old, self.month_data = self.month_data, data
        if old is not None and old.month == data.month and old.employee.id == data.employee.id:
            if old.locked != data.locked or old.employee != data.employee:
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
                return
            for row, day in enumerate(self.days):
                if any(old.cells.get((day, k)) != data.cells.get((day, k)) for k in TIME_KINDS):
                    self.dataChanged.emit(self.index(row, 0), self.index(row, self.sum_column))
            self.dataChanged.emit(self.index(self.sum_row, 0), self.index(self.sum_row, self.sum_column))
            return
        self.beginResetModel()
        self.days = data.month.days()
        self.endResetModel()

    def day_of(self, row: int) -> dt.date | None:
        return self.days[row] if 0 <= row < len(self.days) else None

    def editable(self, day: dt.date | None) -> bool:
        data = self.month_data
        return day is not None and data is not None and not data.locked and data.employee.employed_on(day)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.month_data is None else len(self.days) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TIME_KINDS) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return kind_name(TIME_KINDS[section]) if section < len(TIME_KINDS) else formats.tr("Summa")
        day = self.day_of(section)
        if day is None:
            return formats.tr("Summa")
        weekday = formats.long_date(day).split(" ")[0][:3]
        return f"{day.day:>2} {weekday}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() < self.sum_column and self.editable(self.day_of(index.row())):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        data = self.month_data
        if data is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        day = self.day_of(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == DAY_ROLE:
            return day
        if role == KIND_ROLE:
            return TIME_KINDS[column] if column < self.sum_column else None
        if role == Qt.ItemDataRole.FontRole and (day is None or column == self.sum_column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and day is not None:
            if not data.employee.employed_on(day):
                return QBrush(COLORS["closed_weekday"], Qt.BrushStyle.BDiagPattern)
            if holiday_name(day) not in (None, SUNDAY_NAME):  # an ordinary Sunday is a weekend
                return COLORS["holiday"]
            if day.isoweekday() >= 6:
                return COLORS["weekend"]
            return None
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            holiday = holiday_name(day)
            return f"{formats.long_date(day)}" + (f" – {holiday}" if holiday else "")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if day is None:
            totals = data.totals()
            value = sum(totals.values(), Decimal(0)) if column == self.sum_column else totals[TIME_KINDS[column]]
            return formats.hours(value)
        if column == self.sum_column:
            value = sum((data.hours(day, k) for k in TIME_KINDS), Decimal(0))
            return formats.hours(value, dash="")
        value = data.hours(day, TIME_KINDS[column])
        if role == Qt.ItemDataRole.EditRole:
            return "" if not value else formats.hours(value)
        return formats.hours(value, dash="")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        day = self.day_of(index.row())
        if role != Qt.ItemDataRole.EditRole or day is None or index.column() >= self.sum_column:
            return False
        if self.on_edit is None or not self.editable(day):
            return False
        return self.on_edit(day, TIME_KINDS[index.column()], str(value))


class RequestModel(ItemRowsModel):
    """The month's request basis: a row per employee and decision, as the PDF and the JSON."""

    NAME, REF, EMPLOYMENT, WAGE_COST, CEILING, LEVEL, DAYS, SUBSIDY = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SubsidyLine] = []

    def headers(self) -> list[str]:
        return [
            formats.tr("Anställd"),
            formats.tr("Beslut"),
            formats.tr("Syss."),
            formats.tr("Lönekostnad"),
            formats.tr("Tak"),
            formats.tr("Nivå"),
            formats.tr("Dagar"),
            formats.tr("Bidrag"),
        ]

    def set_items(self, rows: list[SubsidyLine]) -> None:
        self.replace_rows(rows, key=lambda line: (line.personal_number, line.decision.ref))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        line, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.EMPLOYMENT:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WAGE_COST and line.wage_cost_is_override:
            return formats.tr("Månadens egen lönekostnad")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        cost = formats.amount(line.wage_cost) + (" *" if line.wage_cost_is_override else "")
        days = formats.tr("%1 av %2").replace("%1", str(line.covered_days)).replace("%2", str(line.days_in_month))
        return [
            line.name,
            line.decision.ref,
            percent(line.employment_percent),
            cost,
            formats.amount(round_half_up(line.ceiling, 2)),
            percent(line.percent),
            days,
            formats.amount(line.subsidy),
        ][column]
