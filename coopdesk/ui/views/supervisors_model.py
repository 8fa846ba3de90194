"""Handledare: the table models of the supervisors' view.

A week of one supervisor's entries, the week's day totals and the month's funded versus worked
figures, shown from the plain data app/supervisors.py reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.app.supervisors import HoursEntry, SupervisorItem
from coopdesk.core.calendar import holiday_name, iso_week
from coopdesk.core.statement import SupervisorRow, SupervisorSection
from coopdesk.core.vocabulary import ABSENCE_ACTIVITIES
from coopdesk.ui import formats
from coopdesk.ui.rows_model import ItemRowsModel
from coopdesk.ui.views.form_kit import ID_ROLE, RIGHT, Index
from coopdesk.ui.widgets import COLORS

# --- weeks ------------------------------------------------------------------------------------


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


def _month_name(day: dt.date) -> str:
    return f"{day:%B}" if formats.english() else formats.MONTHS_SV[day.month - 1]


def week_title(monday: dt.date) -> str:
    """'v. 48, 23–29 november 2026', '… 30 november – 6 december 2026' across months."""
    sunday = monday + dt.timedelta(days=6)
    week = f"week {iso_week(monday)}" if formats.english() else f"v. {iso_week(monday)}"
    if monday.month == sunday.month:
        span = f"{monday.day}–{sunday.day} {_month_name(sunday)} {sunday.year}"
    elif monday.year == sunday.year:
        span = f"{monday.day} {_month_name(monday)} – {sunday.day} {_month_name(sunday)} {sunday.year}"
    else:
        span = f"{monday.day} {_month_name(monday)} {monday.year} – {sunday.day} {_month_name(sunday)} {sunday.year}"
    return f"{week}, {span}"


def day_label(day: dt.date) -> str:
    """'tor 2026-11-26'."""
    names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
    return f"{names[day.weekday()]} {day.isoformat()}"


# --- models -----------------------------------------------------------------------------------


class _Table(ItemRowsModel):
    def _replace(self, rows: list, key: Callable[[Any], object]) -> None:
        self.replace_rows(rows, key)


class SupervisorListModel(_Table):
    NAME, FTE = range(2)

    def headers(self) -> list[str]:
        return [formats.tr("Namn"), formats.tr("Tjänstgöringsgrad")]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SupervisorItem] = []

    def set_supervisors(self, rows: list[SupervisorItem]) -> None:
        self._replace(rows, lambda s: s.id)

    def row_of(self, supervisor_id: int | None) -> int:
        return next((i for i, s in enumerate(self.rows) if s.id == supervisor_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name if column == self.NAME else f"{item.fte_percent} %"
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.FTE:
            return RIGHT
        return None


class WeekEntriesModel(_Table):
    DATE, HOURS, ACTIVITY, AREA = range(4)

    def headers(self) -> list[str]:
        return [formats.tr("Datum"), formats.tr("Timmar"), formats.tr("Aktivitet"), formats.tr("Arbetsområde")]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HoursEntry] = []

    def set_entries(self, rows: list[HoursEntry]) -> None:
        self._replace(rows, lambda e: e.id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                day_label(entry.day),
                formats.hours(entry.hours),
                formats.activity_name(entry.activity),
                entry.area_name or "–",
            )[column]
        if role == ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.HOURS:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and entry.activity in ABSENCE_ACTIVITIES:
            return COLORS["muted"]
        return None


class DayTotalsModel(_Table):
    """One row: the hours of each day of the week, then the week's sum."""

    SUM = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[Decimal]] = []
        self.days: list[dt.date] = week_days(monday_of(dt.date.today()))
        self.selected: dt.date | None = None

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def set_week(self, monday: dt.date, entries: list[HoursEntry], selected: dt.date) -> None:
        totals = [Decimal(0)] * 7
        for entry in entries:
            totals[(entry.day - monday).days] += entry.hours
        new_days = week_days(monday)
        if self.rows and new_days == self.days:
            self.rows, self.selected = [[*totals, sum(totals, Decimal(0))]], selected
            self.dataChanged.emit(self.index(0, 0), self.index(0, 7))
            return
        self.beginResetModel()
        self.days, self.selected = new_days, selected
        self.rows = [[*totals, sum(totals, Decimal(0))]]
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.SUM:
            return formats.tr("Summa")
        names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
        day = self.days[section]
        return f"{names[section]} {day.day}/{day.month}"

    def total(self, day: dt.date) -> Decimal:
        return self.rows[0][self.days.index(day)] if self.rows and day in self.days else Decimal(0)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.rows or index.row() != 0:
            return None
        column = index.column()
        value = self.rows[0][column]
        day = self.days[column] if column < 7 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return formats.hours(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (column == self.SUM or day == self.selected):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and day is not None:
            if holiday_name(day) and day.weekday() < 6:
                return COLORS["holiday"]
            if day.weekday() >= 5:
                return COLORS["weekend"]
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            return holiday_name(day) or day.isoformat()
        return None


class MonthFiguresModel(_Table):
    """Funded versus worked hours per supervisor for a month, and a sum row.

    In the current month the same to date follow (docs/rules.md "Hittills i månaden"); then only the
    month-to-date avvikelse is coloured, as the whole month's plan is not yet due.
    """

    NAME, FTE, FUNDED, WORKED, ABSENCE, DIFFERENCE = range(6)
    TO_DATE_FUNDED, TO_DATE_WORKED, TO_DATE_DIFFERENCE = range(6, 9)

    def headers(self) -> list[str]:
        names = [formats.tr("Finansierad tid"), formats.tr("Arbetad tid"), formats.tr("Frånvaro")]
        names.append(formats.tr("Avvikelse"))
        if self.to_date is None:
            return [formats.tr("Handledare"), formats.tr("Tjänstgöringsgrad"), *names]
        whole, so_far = formats.tr("hela månaden"), formats.tr("hittills")
        return [
            formats.tr("Handledare"),
            formats.tr("Tjänstgöringsgrad"),
            *(f"{name}\n{whole}" for name in names),
            *(f"{names[i]}\n{so_far}" for i in (0, 1, 3)),
        ]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SupervisorRow] = []
        self.section: SupervisorSection | None = None
        self.to_date: SupervisorSection | None = None
        self.through: dt.date | None = None
        # The whole month's avvikelse is coloured only once the month is over.
        self.month_over = True
        self.highlight: str | None = None

    def set_section(
        self,
        section: SupervisorSection,
        highlight: str | None,
        to_date: tuple[dt.date, SupervisorSection] | None = None,
        month_over: bool = True,
    ) -> None:
        rows = list(section.rows)
        through, part = to_date if to_date is not None else (None, None)
        same_columns = (part is None) == (self.to_date is None)
        self.through, self.month_over = through, month_over
        if rows and [r.name for r in rows] == [r.name for r in self.rows] and same_columns:
            self.section, self.to_date, self.highlight, self.rows = section, part, highlight, rows
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows), self.columnCount() - 1))
            return
        self.beginResetModel()
        self.section, self.to_date, self.highlight, self.rows = section, part, highlight, rows
        self.endResetModel()

    def scope_text(self, to_date: bool) -> str:
        if not to_date or self.through is None:
            return formats.tr("Hela månaden")
        return formats.tr("Hittills i månaden (t.o.m. %1)").replace("%1", self.through.isoformat())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            return self.scope_text(section >= self.TO_DATE_FUNDED)
        return super().headerData(section, orientation, role)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.rows else len(self.rows) + 1

    def row(self, name: str) -> SupervisorRow | None:
        return next((r for r in self.rows if r.name == name), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.section is None or not 0 <= index.row() <= len(self.rows):
            return None
        column = index.column()
        total = index.row() == len(self.rows)
        source: Any = self.section if total else self.rows[index.row()]
        if column >= self.TO_DATE_FUNDED:
            if self.to_date is None:
                return None
            # the same supervisors in the same order: the statement's section over fewer days
            source = self.to_date if total else self.to_date.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return formats.tr("Summa") if total else source.name
            if column == self.FTE:
                return f"{sum(r.fte_percent for r in self.rows) if total else source.fte_percent} %"
            value = {
                self.FUNDED: source.funded_hours,
                self.WORKED: source.worked_hours,
                self.ABSENCE: source.absence_hours,
                self.DIFFERENCE: source.difference,
                self.TO_DATE_FUNDED: source.funded_hours,
                self.TO_DATE_WORKED: source.worked_hours,
                self.TO_DATE_DIFFERENCE: source.difference,
            }[column]
            text = formats.decimal(value, 2)
            return f"+{text}" if column in (self.DIFFERENCE, self.TO_DATE_DIFFERENCE) and value > 0 else text
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and (total or source.name == self.highlight):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.alarm_column() and source.difference < 0:
            return COLORS["warning"]
        return None

    def alarm_column(self) -> int:
        """Which avvikelse is coloured when below zero: to date in the current month, the whole once over."""
        if self.to_date is not None:
            return self.TO_DATE_DIFFERENCE
        return self.DIFFERENCE if self.month_over else -1
