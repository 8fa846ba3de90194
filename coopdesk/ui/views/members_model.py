"""Table models of the Medlemmar view and the member editor, and the plain rows they show.

The rows are read in one go (app/members.py: ``MemberListView``, ``MemberEditorView``) and kept as
frozen dataclasses, so a model never touches a session and a refresh can compare old and new rows to send
targeted ``dataChanged`` instead of a reset.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from coopdesk.app.members import (
    AttendanceRow,
    CapacityRow,
    MemberRow,
    PlacementRow,
)
from coopdesk.core.personal_number import mask_personal_number
from coopdesk.core.text import swedish_key
from coopdesk.ui import formats
from coopdesk.ui.rows_model import ItemRowsModel
from coopdesk.ui.widgets import COLORS

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: A placement ending within this many days of today gets the "Beslutet upphör snart" mark.
ENDS_SOON_DAYS = 30


def weekdays_text(days: frozenset[int] | set[int]) -> str:
    """ISO weekdays as 'mån–fre', 'mån, ons, fre' or 'mån–ons, fre' (runs of three or more joined)."""
    names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0] - 1]}–{names[run[-1] - 1]}")
        else:
            parts.extend(names[d - 1] for d in run)
    return ", ".join(parts)


# --- the models ----------------------------------------------------------------------------------


class MemberRowsModel(ItemRowsModel):
    """A read-only table of the Medlemmar view's frozen rows (members, placements, capacity, attendance);
    subclasses name their columns and say how to show a cell."""

    COLUMNS: ClassVar[int] = 0
    RIGHT: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[Any]) -> None:
        self.replace_rows(rows, self.key)

    def key(self, row: Any) -> object:
        return row

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ID_ROLE:
            return self.key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(row, column, role)

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.display(row, column)

    def extra(self, row: Any, column: int, role: int) -> Any:
        return None


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class MembersModel(MemberRowsModel):
    NAME, NUMBER, DISTRICT, END, CAPACITY, AREA = range(6)
    COLUMNS = 6
    RIGHT = frozenset({CAPACITY})

    def headers(self) -> list[str]:
        return [
            formats.tr("Namn"),
            formats.tr("Personnummer"),
            formats.tr("Beställare"),
            formats.tr("Beslut t.o.m."),
            formats.tr("Omfattning"),
            formats.tr("Huvudsakligt arbetsområde"),
        ]

    def key(self, row: MemberRow) -> int:
        return row.member_id

    def row_of(self, member_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.member_id == member_id), -1)

    def ends_soon(self, row: MemberRow) -> bool:
        return row.placement_end is not None and 0 <= (row.placement_end - self.today).days <= ENDS_SOON_DAYS

    def display(self, row: MemberRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.NUMBER:
            return mask_personal_number(row.personal_number) if row.personal_number else "–"
        if column == self.DISTRICT:
            if row.active and row.district:
                return row.district
            if row.next_start is not None:  # a decision that starts later is no missing decision
                return formats.tr("Beslut från %1").replace("%1", row.next_start.isoformat())
            return formats.tr("Inget aktivt beslut")
        if column == self.END:
            if not row.active:
                return "–"
            if row.placement_end is None:
                return formats.tr("tills vidare")
            return row.placement_end.isoformat() + (" ⚠" if self.ends_soon(row) else "")
        if column == self.CAPACITY:
            return f"{row.percent} %" if row.percent else "–"
        if column == self.AREA:
            return row.area or "–"
        return ""

    def sort_value(self, row: MemberRow, column: int) -> Any:
        if column == self.NAME:
            return swedish_key(row.name)[0]
        if column == self.NUMBER:
            return (row.personal_number or "")[:9]  # only the part that is shown
        if column == self.DISTRICT:
            return swedish_key(row.district)[0] if row.active and row.district else "\uffff"
        if column == self.END:
            if not row.active:
                return "\uffff"
            return _iso(row.placement_end) or "9999-12-31"
        if column == self.CAPACITY:
            return row.percent or 0
        return swedish_key(row.area or "\uffff")[0]

    def extra(self, row: MemberRow, column: int, role: int) -> Any:
        soon = self.ends_soon(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.active:
                return COLORS["muted"]
            if soon and column in (self.NAME, self.END):
                return COLORS["warning"]
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME and soon:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            if soon:
                assert row.placement_end is not None
                return formats.tr("Beslutet upphör snart (%1)").replace("%1", row.placement_end.isoformat())
            if not row.active:
                if row.next_start:
                    return formats.tr("Inget aktivt beslut. Nästa beslut gäller från %1.").replace(
                        "%1", row.next_start.isoformat()
                    )
                if row.last_end:
                    return formats.tr("Inget aktivt beslut. Det senaste upphörde %1.").replace(
                        "%1", row.last_end.isoformat()
                    )
                return formats.tr("Inget aktivt beslut")
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.NAME:
            return row.name + (" – " + formats.tr("Beslutet upphör snart") if soon else "")
        return None

    def counts(self) -> tuple[int, int, int]:
        """(members, placements ending soon, members without an active placement)."""
        soon = sum(1 for r in self.rows if self.ends_soon(r))
        return len(self.rows), soon, sum(1 for r in self.rows if not r.active)


class MemberFilter(QSortFilterProxyModel):
    """Keeps the members whose name or personal number contains what is typed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        assert isinstance(model, MembersModel)
        row = model.rows[source_row]
        digits = "".join(c for c in self.text if c.isdigit())
        if digits:  # names have no digits: a number is being typed
            return digits in (row.personal_number or "").replace("-", "")
        wanted = swedish_key(self.text)[0]
        return wanted in swedish_key(row.name)[0]


class PlacementsModel(MemberRowsModel):
    DISTRICT, REF, CASE_WORKER, START, END = range(5)
    COLUMNS = 5

    def headers(self) -> list[str]:
        return [
            formats.tr("Beställare"),
            formats.tr("Beslutsnummer"),
            formats.tr("Biståndshandläggare"),
            formats.tr("Från och med"),
            formats.tr("Till och med"),
        ]

    def key(self, row: PlacementRow) -> int:
        return row.placement_id

    def display(self, row: PlacementRow, column: int) -> str:
        return [
            row.district,
            row.decision_ref,
            row.case_worker or "–",
            row.start.isoformat(),
            _iso(row.end) or formats.tr("tills vidare"),
        ][column]

    def extra(self, row: PlacementRow, column: int, role: int) -> Any:
        active = row.active_on(self.today)
        if role == Qt.ItemDataRole.FontRole and active:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CASE_WORKER and (row.phone or row.email):
                return "\n".join(x for x in (row.case_worker, row.phone, row.email) if x)
            if active:
                return formats.tr("Gäller idag")
        return None


class CapacityModel(MemberRowsModel):
    VALID_FROM, PERCENT, WEEKDAYS = range(3)
    COLUMNS = 3
    RIGHT = frozenset({PERCENT})

    def headers(self) -> list[str]:
        return [formats.tr("Från"), formats.tr("Omfattning"), formats.tr("Planerade veckodagar")]

    def key(self, row: CapacityRow) -> dt.date:
        return row.valid_from

    def display(self, row: CapacityRow, column: int) -> str:
        return [row.valid_from.isoformat(), f"{row.percent} %", weekdays_text(row.weekdays)][column]

    def extra(self, row: CapacityRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            in_effect = [r for r in self.rows if r.valid_from <= self.today]
            if in_effect and in_effect[-1] is row:
                font = QFont()
                font.setBold(True)
                return font
        return None


class AttendanceModel(MemberRowsModel):
    DAY, PLANNED, STATUS, HOURS, AREAS = range(5)
    COLUMNS = 5
    RIGHT = frozenset({PLANNED, HOURS})

    def headers(self) -> list[str]:
        return [
            formats.tr("Datum"),
            formats.tr("Planerad tid"),
            formats.tr("Status"),
            formats.tr("Närvarotid"),
            formats.tr("Arbetsområde"),
        ]

    def key(self, row: AttendanceRow) -> dt.date:
        return row.day

    def display(self, row: AttendanceRow, column: int) -> str:
        names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
        if column == self.DAY:
            return f"{row.day.isoformat()} {names[row.day.weekday()]}"
        if column == self.PLANNED:
            return formats.planned_hours(row.planned, row.exact_hours) if row.planned else "–"
        if column == self.STATUS:
            extra = formats.tr(" (extra dag)") if row.status == "present" and not row.planned else ""
            return formats.status_name(row.status) + extra
        if column == self.HOURS:
            return formats.hours(row.hours) if row.status == "present" else "–"
        return row.areas or "–"

    def extra(self, row: AttendanceRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PLANNED and row.planned:
            return formats.planned_hours_tip(row.planned)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATUS:
            return COLORS.get(row.status or "unregistered")
        if role == Qt.ItemDataRole.ForegroundRole and row.status is None:
            return COLORS["muted"]
        return None

    def summary(self) -> tuple[int, Decimal, Fraction, int]:
        """(present days, attended hours, planned hours, unregistered planned days) before today."""
        past = [r for r in self.rows if r.day < self.today]
        present = [r for r in past if r.status == "present"]
        attended = sum((r.hours for r in present), Decimal(0))
        planned = sum((r.planned for r in past), Fraction(0))
        unregistered = sum(1 for r in past if r.status is None and r.planned)
        return len(present), attended, planned, unregistered
