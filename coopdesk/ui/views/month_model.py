"""The month grid's table model and cell delegate: members × days over core's ``month_grid``.

One row per member (the name is the row header, so it stays in view), one column per day of the
month, then the row totals (planned hours, attended hours, attendance rate) of the whole month and, in the
current month, the same to date (docs/rules.md "Hittills i månaden"). A cell shows hours for
a present day, a letter for an absence, "·" for a planned day without a record and nothing
(hatched) where the member has no placement.
Colours come from the model's roles: the status colour on a registered day, else the day's shading
(weekend, holiday, closure day). No widget per cell, so a month of 200 members stays light.

What Qt asks for every painted cell (text, font, alignment, background, foreground, flags) is prepared
once per row, when the row is first painted, as one tuple per cell, and handed over in one ``multiData``
call per cell (issue 20.3): a repaint used to call into Python eight times per cell, which was most of a
month switch's repaint. The roles asked for now and then (tooltips, the editor's text, the view's own
roles) are computed when asked, by the same code that is the reference for the prepared cells
(``reference_data``; tests/gui/test_month_cells.py compares the two on every cell and role).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from coopdesk.core.calendar import Month
from coopdesk.core.numbers import round_half_up
from coopdesk.core.services.month_to_date import days_through, grid_through
from coopdesk.core.services.register import DayEntry, GridRow, MonthGrid
from coopdesk.core.statement import attendance_rate  # the same figure as on the statement
from coopdesk.ui import formats
from coopdesk.ui.views.today_model import warnings_tooltip
from coopdesk.ui.widgets import COLORS

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
DAY_ROLE = Qt.ItemDataRole.UserRole + 3  # the date of a day column
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # open | weekend | holiday | closure | closed_weekday | none
PLANNED_ROLE = Qt.ItemDataRole.UserRole + 5  # bool: a planned day (the delegate paints a dot)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 6

#: A cell of a day without a placement: hatched grey, never editable.
NO_PLACEMENT = QBrush(QColor("#d5d9dd"), Qt.BrushStyle.BDiagPattern)
HOLIDAY_TEXT = QColor("#9b1c1c")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

#: A prepared cell: what Qt's item delegate asks for on every paint (QStyledItemDelegate::initStyleOption),
#: by slot, then the cell's flags.
Cell = tuple[str, QFont | None, int, QBrush | QColor | None, QColor | None, Qt.ItemFlag]
#: The slot of each role a prepared cell answers (the roles as ints: that is how Qt passes them).
CELL_SLOTS = {
    int(Qt.ItemDataRole.DisplayRole): 0,
    int(Qt.ItemDataRole.FontRole): 1,
    int(Qt.ItemDataRole.TextAlignmentRole): 2,
    int(Qt.ItemDataRole.BackgroundRole): 3,
    int(Qt.ItemDataRole.ForegroundRole): 4,
}
#: Roles the delegate asks for that no cell of the grid has: answered without looking at the cell.
NEVER_SET = frozenset({int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.CheckStateRole)})
_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _PLAIN | Qt.ItemFlag.ItemIsEditable


@cache
def _dot_font() -> QFont:
    """The planned-day dot, large enough to see at a glance."""
    font = QFont()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    return font


@cache
def _warning_font() -> QFont:
    """A day with a plausibility warning: underlined, so it is not told by colour alone."""
    font = QFont()
    font.setUnderline(True)
    return font


def cell_text(entry: DayEntry | None) -> str:
    if entry is None:
        return ""
    if entry.status == "present":
        return formats.hours(entry.total_hours, dash="N")
    if entry.status is not None:
        return formats.STATUS_CODES[entry.status]
    return "·" if entry.planned else ""


class MonthModel(QAbstractTableModel):
    FIRST_DAY = 0  # the member's name is the row header, so it stays in view when the days scroll
    TOTAL_COLUMNS = 3  # planned, attended, rate after the days (the whole month)
    TO_DATE_COLUMNS = 3  # then, in the current month, the same to date

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: MonthGrid | None = None
        self.rows: list[GridRow] = []
        #: Each row's prepared cells (see the module's docstring), made when the row is first painted; None
        #: until then. Emptied for a row when it changes, for all when the grid, ``through`` or
        #: ``read_only`` change.
        self._cells: list[list[Cell] | None] = []
        #: The background of each day column where there is no record: the day's shading.
        self._day_backgrounds: list[QColor | None] = []
        self.days: list[dt.date] = []
        self.areas: dict[int, str] = {}
        self.primary_areas: dict[int, int | None] = {}
        self.read_only = False
        # Today, for the month-to-date totals (the view passes the app's clock).
        self.today: Callable[[], dt.date] = dt.date.today
        # The last day the month-to-date totals count; None: not the current month, whole month only.
        self.through: dt.date | None = None
        #: Edits go through the view (and so through the services and the undo stack).
        self.on_edit: Callable[[Index, object], bool] | None = None

    # --- columns -------------------------------------------------------------------------------

    @property
    def planned_column(self) -> int:
        return self.FIRST_DAY + len(self.days)

    @property
    def attended_column(self) -> int:
        return self.planned_column + 1

    @property
    def rate_column(self) -> int:
        return self.planned_column + 2

    @property
    def to_date_planned_column(self) -> int:
        """The first month-to-date column (-1 outside the current month)."""
        return self.planned_column + self.TOTAL_COLUMNS if self.through is not None else -1

    @property
    def total_columns(self) -> list[int]:
        """The columns after the days: the whole month's totals, then the month-to-date ones if shown."""
        count = self.TOTAL_COLUMNS + (self.TO_DATE_COLUMNS if self.through is not None else 0)
        return list(range(self.planned_column, self.planned_column + count))

    def _to_date(self, column: int) -> bool:
        return self.through is not None and column >= self.to_date_planned_column

    def _figures_row(self, row: GridRow, column: int) -> GridRow:
        """The row itself, or its days up to ``through`` in a month-to-date column."""
        if self._to_date(column) and self.grid is not None and self.through is not None:
            return row.until(days_through(self.grid.month, self.through))
        return row

    def day_column(self, day: dt.date) -> int:
        return self.FIRST_DAY + (day - self.days[0]).days if self.days else -1

    def day_of(self, column: int) -> dt.date | None:
        i = column - self.FIRST_DAY
        return self.days[i] if 0 <= i < len(self.days) else None

    def entry(self, index: Index) -> DayEntry | None:
        i = index.column() - self.FIRST_DAY
        if not index.isValid() or not 0 <= i < len(self.days):
            return None
        return self.rows[index.row()].days[i]

    # --- loading -------------------------------------------------------------------------------

    def set_grid(self, grid: MonthGrid, areas: dict[int, str], primary_areas: dict[int, int | None]) -> None:
        """Show ``grid``; a reload of the same month and members only signals the cells that differ."""
        self.areas = areas
        self.primary_areas = primary_areas
        old, self.grid = self.grid, grid
        read_only = grid.locked_by is not None
        through = grid_through(grid, self.today())
        same_shape = (
            old is not None
            and old.month == grid.month
            and [r.member_id for r in old.rows] == [r.member_id for r in grid.rows]
            and (through is None) == (self.through is None)
        )
        if not same_shape:
            self.beginResetModel()
            self.rows, self.days, self.read_only, self.through = grid.rows, grid.month.days(), read_only, through
            self._forget_cells()
            self.endResetModel()
            return
        old_rows, self.rows = self.rows, grid.rows
        self._forget_cells()
        self._set_through(through)
        if read_only != self.read_only or old.day_kinds != grid.day_kinds:  # flags or shading of every cell
            self.read_only = read_only  # the cells were forgotten above: prepared with it when painted
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        for r, (before, after) in enumerate(zip(old_rows, grid.rows, strict=True)):
            changed = [i for i, (a, b) in enumerate(zip(before.days, after.days, strict=True)) if a != b]
            for i in changed:  # targeted updates keep the selection, the scroll position and the editor
                cell = self.index(r, self.FIRST_DAY + i)
                self.dataChanged.emit(cell, cell)
            if changed:
                self.dataChanged.emit(self.index(r, self.planned_column), self.index(r, self.total_columns[-1]))
            if before.name != after.name:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, r, r)

    def _forget_cells(self) -> None:
        """Every row is prepared again when next painted (the rows, their shading or flags have changed)."""
        self._cells = [None] * len(self.rows)
        assert self.grid is not None
        self._day_backgrounds = [COLORS.get(kind) if kind != "open" else None for kind in self.grid.day_kinds]

    def update_row(self, new: GridRow) -> bool:
        """Replace one member's row after a single edit, signalling only the cells that differ."""
        index = self.row_of(new.member_id)
        if index < 0 or self.grid is None:
            return False
        self._cells[index] = None
        old = self.rows[index]
        self.rows[index] = new
        self.grid.rows = self.rows
        changed = [i for i, (a, b) in enumerate(zip(old.days, new.days, strict=True)) if a != b]
        for i in changed:
            cell = self.index(index, self.FIRST_DAY + i)
            self.dataChanged.emit(cell, cell)
        if changed:
            self.dataChanged.emit(self.index(index, self.planned_column), self.index(index, self.total_columns[-1]))
        self._set_through(grid_through(self.grid, self.today()))
        return True

    def _set_through(self, through: dt.date | None) -> None:
        """Today registered for everyone moves the month-to-date totals' last day (same columns)."""
        if through == self.through or (through is None) != (self.through is None) or not self.rows:
            return
        self.through = through
        self._forget_cells()
        columns = self.total_columns
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, columns[0], columns[-1])
        self.dataChanged.emit(self.index(0, columns[0]), self.index(len(self.rows) - 1, columns[-1]))

    def row_of(self, member_id: int) -> int:
        for i, row in enumerate(self.rows):
            if row.member_id == member_id:
                return i
        return -1

    def area_for(self, row: GridRow, entry: DayEntry) -> int | None:
        """The work area a day's hours go to: the one used that day, else the member's primary one."""
        if entry.hours:
            return next(iter(entry.hours))
        primary = self.primary_areas.get(row.member_id)
        if primary in self.areas:
            return primary
        return next(iter(self.areas), None)

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        totals = self.TOTAL_COLUMNS + (self.TO_DATE_COLUMNS if self.through is not None else 0)
        return self.FIRST_DAY + len(self.days) + totals

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self._cell(index)
        return Qt.ItemFlag.NoItemFlags if cell is None else cell[5]

    def reference_flags(self, index: Index) -> Qt.ItemFlag:
        """The flags computed for this one cell: what the prepared cells must say (the tests compare)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.day_of(index.column()) is not None and not self.read_only and self.entry(index) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or self.on_edit is None
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            return False
        return self.on_edit(index, value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.rows):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.rows[section].name
            if role == MEMBER_ID_ROLE:
                return self.rows[section].member_id
            return None
        if self.grid is None or not 0 <= section < self.columnCount():
            return None
        day = self.day_of(section)
        if day is not None:
            return self._day_header(day, section - self.FIRST_DAY, role)
        return self._total_header(section, role)

    def header_texts(self, orientation: Qt.Orientation, sections: list[int]) -> list[str]:
        """The headers' texts of ``sections`` ("" past the end: a header catching up with a reset asks)."""
        if orientation == Qt.Orientation.Vertical:
            rows = self.rows
            return [rows[s].name if 0 <= s < len(rows) else "" for s in sections]
        return [str(self.headerData(s, orientation) or "") for s in sections]

    def _total_header(self, section: int, role: int) -> Any:
        """The whole month's totals; in the current month, the month-to-date ones beside them, each named."""
        kind = (section - self.planned_column) % self.TOTAL_COLUMNS
        if role == Qt.ItemDataRole.DisplayRole:
            name = (formats.tr("Planerat"), formats.tr("Närvaro"), formats.tr("Närvarograd"))[kind]
            if self.through is None:
                return name
            scope = formats.tr("hittills") if self._to_date(section) else formats.tr("hela månaden")
            return f"{name}\n{scope}"
        if role == Qt.ItemDataRole.ToolTipRole:
            what = (
                formats.tr("Planerad tid (timmar)"),
                formats.tr("Närvarotid (timmar)"),
                formats.tr("Närvarograd: närvarotid / planerad tid × 100"),
            )[kind]
            return f"{self.scope_text(self._to_date(section))}: {what}"
        return None

    def scope_text(self, to_date: bool) -> str:
        """'Hela månaden' or 'Hittills i månaden (t.o.m. 2026-11-26)', as the headers' tooltips say it."""
        if not to_date or self.through is None or self.grid is None:
            return formats.tr("Hela månaden")
        if self.through < self.grid.month.first:
            return formats.tr("Hittills i månaden (inga dagar ännu)")
        return formats.tr("Hittills i månaden (t.o.m. %1)").replace("%1", self.through.isoformat())

    def _day_header(self, day: dt.date, i: int, role: int) -> Any:
        assert self.grid is not None
        kind = self.grid.day_kinds[i]
        if role == Qt.ItemDataRole.DisplayRole:
            weekday = (formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV)[day.weekday()]
            return f"{day.day}\n{weekday}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([formats.long_date(day), *self._day_notes(i)])
        if role == Qt.ItemDataRole.BackgroundRole and kind != "open":
            return COLORS.get(kind)
        if role == Qt.ItemDataRole.ForegroundRole and kind == "holiday":
            return HOLIDAY_TEXT
        if role == DAY_ROLE:
            return day
        return None

    def _day_notes(self, i: int) -> list[str]:
        assert self.grid is not None
        kind = self.grid.day_kinds[i]
        if kind == "holiday":
            return [formats.tr("Helgdag: %1").replace("%1", self.grid.holidays[i] or "")]
        if kind == "closure":
            return [formats.tr("Stängningsdag")]
        if kind == "closed_weekday":
            return [formats.tr("Kooperativet har inte öppet den här veckodagen")]
        return []

    # --- the prepared cells ------------------------------------------------------------------------

    def _cell(self, index: Index) -> Cell | None:
        """The prepared cell at ``index`` (its row prepared now if it was not), None outside the grid."""
        r, column = index.row(), index.column()
        if not 0 <= r < len(self._cells):
            return None  # an invalid index too (row -1)
        cells = self._cells[r]
        if cells is None:
            cells = self._cells[r] = self._prepare_row(self.rows[r])
        return cells[column] if 0 <= column < len(cells) else None

    def _prepare_row(self, row: GridRow) -> list[Cell]:
        """A row's cells as Qt paints them, in one pass: the same values ``reference_data`` gives role by role."""
        muted, warning = COLORS["muted"], COLORS["warning"]
        day_flags = _PLAIN if self.read_only else _EDITABLE
        cells: list[Cell] = []
        for entry, shading in zip(row.days, self._day_backgrounds, strict=True):
            if entry is None:
                cells.append(("", None, CENTER, NO_PLACEMENT, None, _PLAIN))
                continue
            status = entry.status
            if status is None:
                text = "·" if entry.planned else ""
                background, foreground = shading, muted
            else:
                text = (
                    formats.hours(entry.total_hours, dash="N") if status == "present" else formats.STATUS_CODES[status]
                )
                background, foreground = COLORS[status], warning if entry.warnings else None
            font = _warning_font() if entry.warnings else _dot_font() if status is None and entry.planned else None
            cells.append((text, font, CENTER, background, foreground, day_flags))
        cells.extend((text, None, RIGHT, None, None, _PLAIN) for text in self._totals_texts(row))
        return cells

    def _totals_texts(self, row: GridRow) -> list[str]:
        """The texts of the row's totals columns, from one pass over its days (``_total_text`` one by one).

        The planned hours are summed as numerators by denominator, then made into one Fraction per
        denominator: exact as summing the Fractions, which cost a gcd and a new Fraction per day.
        """
        count = (
            len(row.days) if self.through is None or self.grid is None else days_through(self.grid.month, self.through)
        )
        numerators: list[dict[int, int]] = [{}, {}]  # the whole month, to date
        attended = [Decimal(0), Decimal(0)]
        for i, entry in enumerate(row.days):
            if entry is None:
                continue
            scopes = (0, 1) if i < count else (0,)
            planned = entry.planned
            if planned:
                for scope in scopes:
                    by = numerators[scope]
                    by[planned.denominator] = by.get(planned.denominator, 0) + planned.numerator
            if entry.status == "present":
                hours = entry.total_hours
                for scope in scopes:
                    attended[scope] += hours
        texts = []
        for scope in (0, 1) if self.through is not None else (0,):
            planned_hours = sum((Fraction(n, d) for d, n in numerators[scope].items()), Fraction(0))
            rate = attendance_rate(attended[scope], planned_hours)
            texts += [
                formats.hours(round_half_up(planned_hours, 2), dash="0"),
                formats.hours(attended[scope], dash="0"),
                "–" if rate is None else f"{formats.decimal(rate, 1)} %",
            ]
        return texts

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:
        """Every role the delegate asks for a cell, in one call from Qt instead of one per role."""
        cell = self._cell(index)
        for role_data in roleDataSpan:
            role = role_data.role()
            slot = CELL_SLOTS.get(role)
            if slot is not None and cell is not None:
                role_data.setData(cell[slot])
            elif role in NEVER_SET or cell is None:
                role_data.clearData()
            else:
                role_data.setData(self.reference_data(index, role))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        slot = CELL_SLOTS.get(role)
        if slot is None:
            return self.reference_data(index, role)
        cell = self._cell(index)
        return None if cell is None else cell[slot]

    def reference_data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """``role`` of the cell at ``index``, computed for this one cell and role (the prepared cells' reference)."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == MEMBER_ID_ROLE:
            return row.member_id
        day = self.day_of(column)
        if day is not None:
            return self._day_data(row, column - self.FIRST_DAY, day, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._total_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.rate_column, self.to_date_planned_column + 2):
            figures = self._figures_row(row, column)
            return (
                formats.tr("%1 av %2 planerade timmar")
                .replace("%1", formats.hours(figures.attended_hours, dash="0"))
                .replace("%2", formats.hours(round_half_up(figures.planned_hours, 2), dash="0"))
            )
        return None

    def _day_data(self, row: GridRow, i: int, day: dt.date, role: int) -> Any:
        assert self.grid is not None
        entry = row.days[i]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(entry)
        if role == Qt.ItemDataRole.EditRole:
            return formats.hours(entry.total_hours, dash="") if entry and entry.status == "present" else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry is None:
                return NO_PLACEMENT
            if entry.status is not None:
                return COLORS[entry.status]
            kind = self.grid.day_kinds[i]
            return COLORS.get(kind) if kind != "open" else None
        if role == Qt.ItemDataRole.ForegroundRole and entry is not None and entry.status is None:
            return COLORS["muted"]
        if role == Qt.ItemDataRole.ForegroundRole and entry is not None and entry.warnings:
            return COLORS["warning"]  # with an underline (FontRole): not told by colour alone
        if role == Qt.ItemDataRole.FontRole and entry is not None and entry.warnings:
            return _warning_font()
        if role == Qt.ItemDataRole.FontRole and entry is not None and entry.status is None and entry.planned:
            return _dot_font()
        if role == KIND_ROLE:
            return self.grid.day_kinds[i] if entry is not None else "none"
        if role == PLANNED_ROLE:
            return bool(entry and entry.planned)
        if role == STATUS_ROLE:
            return entry.status if entry else None
        if role == DAY_ROLE:
            return day
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_description(row, i, day, entry)
        return None

    def _cell_description(self, row: GridRow, i: int, day: dt.date, entry: DayEntry | None) -> str:
        lines = [f"{row.name} · {day.isoformat()} ({formats.long_date(day).split(' ')[0].lower()})"]
        lines += self._day_notes(i)
        if entry is None:
            return "\n".join([*lines, formats.tr("Inget beslut gäller den här dagen")])
        if entry.planned:
            lines.append(formats.tr("Planerat %1 tim").replace("%1", formats.hours(round_half_up(entry.planned, 2))))
        status = formats.status_name(entry.status)
        if entry.status == "present":
            status += f" {formats.hours(entry.total_hours)} " + formats.tr("tim")
            if not entry.planned:
                status += formats.tr(" (extra dag)")
            areas = ", ".join(f"{self.areas.get(a, a)} {formats.hours(h)}" for a, h in entry.hours.items())
            status += f": {areas}" if areas else ""
        lines.append(status if entry.planned or entry.status else formats.tr("Inte planerad"))
        if entry.warnings:
            lines.append(warnings_tooltip(entry.warnings))
        return "\n".join(lines)

    def _total_text(self, row: GridRow, column: int) -> str:
        kind, row = (column - self.planned_column) % self.TOTAL_COLUMNS, self._figures_row(row, column)
        if kind == 0:
            return formats.hours(round_half_up(row.planned_hours, 2), dash="0")
        if kind == 1:
            return formats.hours(row.attended_hours, dash="0")
        rate = attendance_rate(row.attended_hours, row.planned_hours)
        return "–" if rate is None else f"{formats.decimal(rate, 1)} %"

    def month(self) -> Month | None:
        return self.grid.month if self.grid else None


class MonthDelegate(QStyledItemDelegate):
    """The hours editor of a day cell. Painting is left to Qt: the model's roles carry the colours.

    No Python ``paint()`` on purpose: PySide6 6.12 on Python 3.11 loses a reference to ``None`` on
    every void call from Python into Qt, and a painted grid would make thousands per repaint.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(6)
        editor.setToolTip(formats.tr("Timmar, t.ex. 7,5. Enter sparar, Esc avbryter, tomt tar bort."))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model = index.model()
        if isinstance(editor, QLineEdit) and not editor.text() and isinstance(model, MonthModel):
            editor.setText(str(model.data(index, Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        # A little wider than the narrow day column, so "10,25" is readable while typing.
        rect = option.rect.adjusted(-8, 0, 8, 0)
        editor.setGeometry(rect)


class MeasuredHeader(QHeaderView):
    """A header of the grid with Qt's size hint, found without asking Qt to measure every section.

    Qt's ``QHeaderView::sizeHint`` measures the first and the last 100 visible sections through the model
    (four ``headerData`` calls from Qt into Python per section) whenever the model is reset: for the 200
    members' names and the two views' day headers about 2,000 calls per month switch. The hint is the
    largest section size (width and height apart), and a section's size here depends on its text alone
    (no icons or fonts of its own, the same margins): the widest line and the most lines make the largest.
    So the texts are read here and Qt's own ``sectionSizeFromContents`` measures the few candidates only,
    with the same result. Kept until the texts, the font or the style change.
    Nothing here may raise: PySide6 6.12 crashes printing an exception raised in a Qt virtual.
    """

    #: Qt measures this many visible sections from each end (qheaderview.cpp).
    SAMPLED = 100
    #: Candidates measured by Qt: the widest by the font's advance and the ones with the most lines, a few
    #: of each so that rounding between the two measures cannot matter.
    CANDIDATES = 3

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)  # as the headers QTableView makes for itself
        self.setHighlightSections(True)
        self._hint: tuple[tuple[object, ...], QSize] | None = None

    def sizeHint(self) -> QSize:
        model = self.model()
        if not isinstance(model, MonthModel):
            return super().sizeHint()
        sampled = self._sampled()
        orientation = self.orientation()
        # During a reset the header may still count the old month's sections: those have no text.
        texts = model.header_texts(orientation, sampled)
        key = (*texts, self.font().key(), self.style().name(), self.isSortIndicatorShown())
        if self._hint is not None and self._hint[0] == key:
            return QSize(self._hint[1])
        bold = QFont(self.font())
        bold.setBold(True)  # as sectionSizeFromContents measures
        metrics = QFontMetrics(bold)
        lines = [text.split("\n") for text in texts]
        widest = sorted(range(len(sampled)), key=lambda i: -max(map(metrics.horizontalAdvance, lines[i])))
        tallest = sorted(range(len(sampled)), key=lambda i: -len(lines[i]))
        hint = QSize(0, 0)
        for i in {*widest[: self.CANDIDATES], *tallest[: self.CANDIDATES]}:
            hint = hint.expandedTo(self.sectionSizeFromContents(sampled[i]))
        self._hint = (key, hint)
        return QSize(hint)

    def _sampled(self) -> list[int]:
        """The sections Qt's sizeHint looks at: the first SAMPLED visible ones and the last SAMPLED."""
        count, hidden = self.count(), self.isSectionHidden
        first: list[int] = []
        i = 0
        while i < count and len(first) < self.SAMPLED:
            if not hidden(i):
                first.append(i)
            i += 1
        last: list[int] = []
        j = count - 1
        while j >= max(i, count - self.SAMPLED) and len(last) < self.SAMPLED:
            if not hidden(j):
                last.append(j)
            j -= 1
        return first + last
