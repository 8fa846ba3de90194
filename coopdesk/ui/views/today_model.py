"""The daily register's table model: one row per member, over core/services/register.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from coopdesk.core.numbers import round_half_up
from coopdesk.core.plausibility import PlausibilityWarning
from coopdesk.core.services.register import DayRegister, RegisterRow
from coopdesk.ui import formats
from coopdesk.ui.errors import language
from coopdesk.ui.views.pending import pending_tooltip
from coopdesk.ui.widgets import COLORS

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def warnings_tooltip(warnings: Iterable[PlausibilityWarning]) -> str:
    """The day's plausibility warnings (core/plausibility.py), one a line, under a heading."""
    lang = language()
    return "\n".join([formats.tr("Att kontrollera (hindrar inte att spara):"), *(w.message(lang) for w in warnings)])


class TodayModel(QAbstractTableModel):
    NAME, CAPACITY, PLANNED, STATUS, HOURS, AREA = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.register: DayRegister | None = None
        self.rows: list[RegisterRow] = []
        self.areas: dict[int, str] = {}
        self.show_all = False
        self.read_only = False
        #: Members whose day waits to be saved (the server cannot be reached): shown in italics.
        self.pending: set[int] = set()
        # Members whose row a key has just changed: lit for a moment (the view clears it).
        self.flashing: set[int] = set()
        #: Edits go through the view (and so through the services and the undo stack).
        self.on_edit: Callable[[QModelIndex | QPersistentModelIndex, object], bool] | None = None

    # --- loading -------------------------------------------------------------------------------

    def set_register(self, register: DayRegister, areas: dict[int, str]) -> None:
        rows = register.rows if self.show_all else register.planned_rows
        self.areas = areas
        same_members = [r.member_id for r in rows] == [r.member_id for r in self.rows]
        day_changed = self.register is None or self.register.day != register.day
        self.register = register
        self.read_only = register.locked_by is not None
        if same_members and not day_changed:
            changed = [i for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
            self.rows = rows
            for i in changed:  # targeted updates keep the selection and the scroll position
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def update_row(self, new: RegisterRow) -> bool:
        """Replace one member's row after a single edit; False if the member is not shown."""
        index = self.row_of(new.member_id)
        if index < 0:
            return False
        self.rows[index] = new
        if self.register is not None:
            self.register.rows = [new if r.member_id == new.member_id else r for r in self.register.rows]
        self.dataChanged.emit(self.index(index, 0), self.index(index, self.columnCount() - 1))
        return True

    def set_pending(self, member_ids: set[int]) -> None:
        if member_ids == self.pending:
            return
        changed = member_ids ^ self.pending
        self.pending = member_ids
        for member_id in changed:
            row = self.row_of(member_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_flashing(self, member_ids: set[int]) -> None:
        changed, self.flashing = self.flashing | member_ids, member_ids
        for member_id in changed:
            row = self.row_of(member_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def row_of(self, member_id: int) -> int:
        for i, row in enumerate(self.rows):
            if row.member_id == member_id:
                return i
        return -1

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            formats.tr("Namn"),
            formats.tr("Omf."),
            formats.tr("Planerat"),
            formats.tr("Status"),
            formats.tr("Tim"),
            formats.tr("Område"),
        ][section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in (self.HOURS, self.AREA):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.on_edit is None or self.read_only:
            return False
        return self.on_edit(index, value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        entry = row.entry
        column = index.column()
        if role == MEMBER_ID_ROLE:
            return row.member_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.HOURS:
                return formats.hours(entry.total_hours, dash="") if entry.status == "present" else ""
            if column == self.AREA:
                return self.area_of(row)
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.CAPACITY, self.PLANNED, self.HOURS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.member_id in self.flashing and column != self.STATUS:
            return COLORS["changed"]
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATUS:
            return COLORS.get(entry.status or "unregistered")
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.NAME and self._ends_soon(row):
                return COLORS["warning"]
            if entry.status is None and column == self.STATUS:
                return COLORS["muted"]
        if role == Qt.ItemDataRole.DecorationRole and column == self.HOURS and entry.warnings:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and row.member_id in self.pending:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.member_id in self.pending:
                return pending_tooltip()
            if column == self.NAME and self._ends_soon(row):
                return formats.tr("Beslutet upphör snart (%1)").replace("%1", row.placement_end.isoformat())
            if column == self.STATUS and not entry.planned:
                return formats.tr("Inte planerad i dag: närvaro blir en extra dag")
            if column == self.PLANNED and entry.planned:
                return formats.planned_hours_tip(entry.planned)
            if column == self.HOURS and entry.warnings:
                return warnings_tooltip(entry.warnings)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}: {self._display(row, self.STATUS)}"
        return None

    def _ends_soon(self, row: RegisterRow) -> bool:
        if row.placement_end is None or self.register is None:
            return False
        return 0 <= (row.placement_end - self.register.day).days <= 30

    def area_of(self, row: RegisterRow) -> int | None:
        if row.entry.hours:
            return next(iter(row.entry.hours))
        if row.primary_work_area_id in self.areas:
            return row.primary_work_area_id
        return next(iter(self.areas), None)

    def _display(self, row: RegisterRow, column: int) -> str:
        entry = row.entry
        if column == self.NAME:
            return row.name + (" ⚠" if self._ends_soon(row) else "")
        if column == self.CAPACITY:
            return f"{row.percent} %" if row.percent else "–"
        if column == self.PLANNED:
            return formats.planned_hours(entry.planned, row.exact_hours) if entry.planned else "–"
        if column == self.STATUS:
            code = formats.STATUS_CODES.get(entry.status or "", "")
            extra = formats.tr(" (extra dag)") if entry.status == "present" and not entry.planned else ""
            return f"{formats.status_name(entry.status)}{extra}" + (f"  [{code}]" if code else "")
        if column == self.HOURS:
            return formats.hours(entry.total_hours) if entry.status == "present" else "–"
        if column == self.AREA:
            if entry.status != "present":
                return "–"
            if len(entry.hours) == 1:
                return self.areas.get(next(iter(entry.hours)), "")
            return " + ".join(f"{self.areas.get(a, a)} {formats.hours(h)}" for a, h in entry.hours.items())
        return ""

    # --- summary -------------------------------------------------------------------------------

    def summary(self) -> tuple[int, int, Decimal, Decimal, int, Decimal]:
        """(registered, planned members, attended hours, planned hours) over the planned rows, then the
        members present on an extra day and their hours: of the whole day, shown or not, so that the
        planned view of a Saturday still says that the café's Saturday was worked."""
        planned_rows = [r for r in self.rows if r.entry.planned]
        registered = sum(1 for r in planned_rows if r.entry.status is not None)
        attended = sum((r.entry.total_hours for r in self.rows if r.entry.status == "present"), Decimal(0))
        planned = round_half_up(sum((r.entry.planned for r in planned_rows), 0), 2)
        day_rows = self.register.rows if self.register is not None else self.rows  # kept in step by update_row
        extra = [r.entry.total_hours for r in day_rows if not r.entry.planned and r.entry.status == "present"]
        return registered, len(planned_rows), attended, planned, len(extra), sum(extra, Decimal(0))

    def day(self) -> dt.date | None:
        return self.register.day if self.register else None
