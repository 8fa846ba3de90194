"""Månad — the month grid: every member's days of a month, edited like a paper register.

Keys on the grid (coopdesk/ui/views/register_keys.py, as in Idag): N S A O L set the status of the
chosen day and move one day right (N uses the planned hours in the member's primary work area, or
asks for hours on a day that was not planned), digits start typing hours (Enter saves), Delete
clears, arrows move (the first one chooses the cell the cursor is on). A letter never finds a
member: / or Ctrl+F opens the search field (Enter goes back to the grid on that member's row, same
day; Esc back to where you were); any other letter changes nothing and says how to search. What a
key changed is said on the line under the grid. Alt+Left /
Alt+Right show the previous / next month, Ctrl+T the current month. An attested month is
read-only and says who attested it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.attendance import MonthGridView, MonthSheetView
from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.numbers import round_half_up
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import language
from coopdesk.ui.table_export import export_sheets, model_sheet
from coopdesk.ui.undo import DayState, set_day
from coopdesk.ui.views.month_ahead import MonthReadAhead
from coopdesk.ui.views.month_model import MEMBER_ID_ROLE, NO_PLACEMENT, MeasuredHeader, MonthDelegate, MonthModel
from coopdesk.ui.views.pending import pending_entry
from coopdesk.ui.views.register_keys import (
    CommandTable,
    MemberFinder,
    UndoEcho,
    change_text,
    same_total,
    search_hint,
)
from coopdesk.ui.widgets import COLORS, Banner, FeedbackLine, Notice

_PLAIN_HOURS = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2})?")


def _swatch(brush: QBrush, size: int = 14) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#f4f5f6") if brush.style() != Qt.BrushStyle.SolidPattern else brush.color())
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, size, size, brush)
    painter.setPen(QColor("#9ca3af"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap


class GridTable(CommandTable):
    """The grid, with the register's single-key commands (register_keys.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.advance_after_edit = False

    def start_hours(self, text: str = "") -> None:
        """Open the hours editor on the current cell, with ``text`` typed in already."""
        index = self.currentIndex()
        if not index.isValid() or not self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.no_target.emit()  # the view says why nothing opened (an attested month)
            return
        self.edit(index)
        editor = self.indexWidget(index) or self.focusWidget()
        if isinstance(editor, QLineEdit) and text:
            editor.setText(text)

    def move_right(self) -> None:
        index = self.currentIndex()
        model = self.model()
        if index.isValid() and isinstance(model, MonthModel) and index.column() + 1 < model.planned_column:
            self.setCurrentIndex(model.index(index.row(), index.column() + 1))

    def after_edit(self, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if self.advance_after_edit:
            self.advance_after_edit = False
            if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter, not Tab or Esc
                self.move_right()


class MonthView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = Month.of(dt.date.today())
        self.model = MonthModel(self)
        self.model.on_edit = self._edit
        self.model.today = ctx.clock

        self.title = QLabel()
        self.title.setObjectName("monthTitle")
        self.title.setStyleSheet("QLabel#monthTitle { font-size: 16pt; font-weight: 600; }")
        self.previous_button = QPushButton(self.tr("◂ Föregående"))
        self.previous_button.setToolTip(self.tr("Föregående månad (Alt+Vänster)"))
        self.previous_button.clicked.connect(self.previous_month)
        self.current_button = QPushButton(self.tr("Denna månad"))
        self.current_button.setToolTip(self.tr("Gå till denna månad (Ctrl+T)"))
        self.current_button.clicked.connect(lambda: self.set_date(dt.date.today()))
        self.next_button = QPushButton(self.tr("Nästa ▸"))
        self.next_button.setToolTip(self.tr("Nästa månad (Alt+Höger)"))
        self.next_button.clicked.connect(self.next_month)
        self.find = QLineEdit()
        self.find.setObjectName("findMember")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.find)
        top.addSpacing(12)
        for button in (self.previous_button, self.current_button, self.next_button):
            top.addWidget(button)
        self.excel_button = QPushButton(self.tr("Exportera till E&xcel…"))
        self.excel_button.clicked.connect(self.export_excel)
        top.addWidget(self.excel_button)
        #: where the workbook goes (replaced in tests)
        self.ask_save_file: Callable[[str, str], str] | None = None

        self.to_date_note = QLabel()  # which totals are the month's so far, which the whole month's
        self.to_date_note.setObjectName("toDateNote")
        self.to_date_note.setStyleSheet("color: #6b7280;")
        self.to_date_note.setWordWrap(True)
        self.model.headerDataChanged.connect(lambda *_: self._update_to_date_note())
        self.banner = Banner()
        self.notice = Notice("conflictNotice")  # another PC's change of a day: no modal box (see Idag)
        self._stale = False  # data changed while an editor was open: refresh when it closes
        self.table = GridTable()
        self.table.setObjectName("monthGrid")
        self.table.setModel(self.model)
        self.table.setItemDelegate(MonthDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed)
        # Headers that find their size without asking Qt to measure every section (month_model.py).
        self.table.setVerticalHeader(MeasuredHeader(Qt.Orientation.Vertical, self.table))
        self.table.setHorizontalHeader(MeasuredHeader(Qt.Orientation.Horizontal, self.table))
        rows = self.table.verticalHeader()  # the members' names: they stay in view when the days scroll
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setHighlightSections(True)
        self.table.horizontalHeader().setHighlightSections(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setWordWrap(False)
        self.table.status_key.connect(self._status_key)
        self.table.clear_key.connect(self._clear_key)
        self.table.editor_closed.connect(self._editor_closed)
        self.table.describe_cell = lambda index: (
            f"{self.model.rows[index.row()].name} {self.model.day_of(index.column())}"
        )
        # What the last key changed (or why it changed nothing), right under the grid.
        self.feedback = FeedbackLine("changeFeedback")
        self.finder = MemberFinder(
            self.find,
            self.table,
            lambda row: self.model.rows[row].name,
            self._find_column,
            lambda text: self.feedback.show_message(text, "hint"),
        )
        self.table.find_key.connect(self.finder.start)
        self.table.no_target.connect(self._key_target)
        UndoEcho(ctx.undo_stack, self.feedback)
        self.table.not_a_command.connect(lambda _text: self.feedback.show_message(search_hint(), "hint"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.to_date_note)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addLayout(self._grid_with_totals(), 1)
        layout.addWidget(self.feedback)
        layout.addLayout(self._legend())

        for keys, slot in (
            ("Alt+Left", self.previous_month),
            ("Alt+Right", self.next_month),
            ("Ctrl+T", lambda: self.set_date(dt.date.today())),
            ("Ctrl+F", self.finder.start),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        #: The months beside this one, read ahead on the worker (month_ahead.py); connected to the changes
        #: before this view, so a change is known there before this view reads again.
        self.ahead = MonthReadAhead(ctx, self)
        ctx.changed.connect(self._data_changed)
        ctx.day_changed.connect(self._day_changed)
        ctx.sync.state_changed.connect(self._show_pending)
        self.refresh()

    def _grid_with_totals(self) -> QHBoxLayout:
        """The totals sit in a second view of the same model at the right, so they never scroll away."""
        self.totals = QTableView()
        self.totals.setObjectName("monthTotals")
        self.totals.setHorizontalHeader(MeasuredHeader(Qt.Orientation.Horizontal, self.totals))
        self.totals.setModel(self.model)
        self.totals.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals.verticalHeader().setVisible(False)
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ours, theirs = self.table.verticalScrollBar(), self.totals.verticalScrollBar()
        ours.valueChanged.connect(theirs.setValue)
        theirs.valueChanged.connect(ours.setValue)
        # Under the totals, as much room as the days' horizontal scroll bar takes, so the rows line up.
        self._under_totals = QWidget()
        self._under_totals.setFixedHeight(0)
        self.table.horizontalScrollBar().rangeChanged.connect(self._align_totals)
        theirs.rangeChanged.connect(self._align_totals)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(self.totals, 1)
        column.addWidget(self._under_totals)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.table, 1)
        row.addLayout(column)
        return row

    def _align_totals(self) -> None:
        across, down = self.table.horizontalScrollBar(), self.totals.verticalScrollBar()
        self._under_totals.setFixedHeight(across.sizeHint().height() if across.maximum() > 0 else 0)
        self.totals.horizontalHeader().setFixedHeight(self.table.horizontalHeader().sizeHint().height())
        width = 2 * self.totals.frameWidth() + sum(self.totals.columnWidth(c) for c in self.model.total_columns)
        self.totals.setFixedWidth(width + (down.sizeHint().width() if down.maximum() > 0 else 0))

    def _legend(self) -> QHBoxLayout:
        legend = QHBoxLayout()
        codes = QLabel(
            self.tr(
                "N närvarande (timmar) · S sjuk · A anmäld frånvaro · O oanmäld frånvaro · L ledig"
                " · · planerad, ej registrerad"
            )
        )
        codes.setObjectName("legend")
        codes.setStyleSheet("color: #4b5563;")
        codes.setWordWrap(True)  # on a small screen it takes two lines rather than widen the window
        legend.addWidget(codes, 1)
        for text, brush in (
            (self.tr("Helg"), QBrush(COLORS["weekend"])),
            (self.tr("Helgdag"), QBrush(COLORS["holiday"])),
            (self.tr("Stängningsdag"), QBrush(COLORS["closure"])),
            (self.tr("Inget beslut"), NO_PLACEMENT),
        ):
            swatch = QLabel()
            swatch.setPixmap(_swatch(brush))
            swatch.setAccessibleName(text)  # a screen reader says which kind of day the swatch stands for
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(6)
        return legend

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.table

    def export_excel(self) -> Path | None:
        """The grid as shown (a column per day, then the totals) to an Excel file, on the record."""
        sheet = model_sheet(self.model, str(self.month), row_header=self.tr("Medlem"))
        name = f"{self.month} närvaro.xlsx"
        return export_sheets(self, self.ctx, [sheet], name, f"Närvaro {self.month}", self.ask_save_file)

    def previous_month(self) -> None:
        self.set_month(self.month.previous())

    def next_month(self) -> None:
        self.set_month(self.month.next())

    def set_month(self, month: Month) -> None:
        if month != self.month:
            self.table.commit_open_editor()  # hours being typed are saved, not lost, when the month changes
            self.month = month
            self.refresh()
            self.feedback.clear_message()  # as Idag on a new day: the line spoke of the month left

    def set_date(self, day: dt.date) -> None:
        """Show the month of ``day`` with that day's cell selected."""
        self.set_month(Month.of(day))
        if self.model.rowCount():
            row = max(self.table.currentIndex().row(), 0)
            self.table.place_cursor(self.model.index(row, self.model.day_column(day)), chosen=self.table.chosen())

    def refresh(self) -> None:
        month = self.month

        loaded = self.ahead.take(month) or self.ctx.query_or_keep(MonthSheetView(month))
        if loaded is None:
            return  # the server cannot be reached: keep showing what was read last (the window says why)
        grid, areas, primary = loaded.grid, loaded.areas, loaded.primary_areas
        self._stale = False
        current = self.table.currentIndex()
        member = current.data(MEMBER_ID_ROLE) if current.isValid() else None
        day = self.model.day_of(current.column()) if current.isValid() else None
        reset = self.model.month() != grid.month or [r.member_id for r in self.model.rows] != [
            r.member_id for r in grid.rows
        ]
        self.model.set_grid(grid, areas, primary)
        self._set_title(month)
        self._update_to_date_note()
        self._update_banner()
        self._show_pending()
        if reset:
            self._size_columns()
            # Lay the views out now, not at the start of their next paint: a month whose widest name differs
            # changes the names' header and so the days' width, and laid out in the paint the grid was
            # painted twice (once at the old width).
            self.table.doItemsLayout()
            self.totals.doItemsLayout()
            self._restore_current(member, day)
        self.ahead.around(month)  # read while the user looks at this one

    def _set_title(self, month: Month) -> None:
        """The month's name, in a label as wide as the year's longest name needs (issue 20.3).

        The label's width followed the name; in a window at its narrowest width (a small screen) the window
        grew and shrank with each month's name, and the grid was laid out and painted again at the new
        width after it had been painted once, a third more time for that switch.
        """
        self.title.ensurePolished()  # the style sheet's font
        metrics, align = self.title.fontMetrics(), int(self.title.alignment())
        room = QRect(0, 0, 10_000, 1_000)
        margins = self.title.contentsMargins()
        widest = max(
            metrics.boundingRect(room, align, formats.month_title(Month(month.year, m))).width() for m in range(1, 13)
        )  # as QLabel measures its text for its size hint
        widest += margins.left() + margins.right() + 2 * self.title.margin()
        if self.title.minimumWidth() != widest:
            self.title.setMinimumWidth(widest)
        self.title.setText(formats.month_title(month))

    def _restore_current(self, member: int | None, day: dt.date | None) -> None:
        if not self.model.rowCount():
            return
        row = max(self.model.row_of(member), 0) if member is not None else 0
        today = dt.date.today()
        if day is not None:
            day = self.month.first.replace(day=min(day.day, self.month.number_of_days))
        elif Month.of(today) == self.month:
            day = today
        else:
            day = self.month.first
        # The program never chooses a cell for a single key (register_keys.py): only the cursor.
        self.table.place_cursor(self.model.index(row, self.model.day_column(day)), chosen=False)

    def _size_columns(self) -> None:
        """Days share the width (never narrower than "6,25"); the totals fit their figures."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(max(metrics.horizontalAdvance(t) for t in ("6,25", "mån", "Wed")) + 8)
        totals = self.model.total_columns
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column in totals)
            self.totals.setColumnHidden(column, column not in totals)
            if column in totals:
                lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).split("\n")
                self.totals.setColumnWidth(column, max(map(metrics.horizontalAdvance, (*lines, "100,0 %"))) + 16)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for view in (self.table, self.totals):
            view.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self._align_totals()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind not in ("supervisors", "districts", "attendance_day") and self.isVisible():
            self._refresh_unless_editing()
        elif kind not in ("attendance_day", "supervisors", "districts"):
            self._stale = True  # hidden: refreshed when shown

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again (after the idle lock, say): catch up with what changed while hidden."""
        super().showEvent(event)
        if self._stale and not self.table.editing():
            self.refresh()

    def _refresh_unless_editing(self) -> None:
        """Hours being typed are never replaced under the user's fingers: refresh when the editor closes."""
        if self.table.editing():
            self._stale = True
        else:
            self.refresh()

    def _editor_closed(self) -> None:
        if self._stale:
            self.refresh()

    @Slot(int, object)
    def _day_changed(self, member_id: int, day: dt.date) -> None:
        """One member's day changed: reload that member's row of the month only."""
        if Month.of(day) != self.month:
            return
        if self.table.editing() or not self.isVisible():
            self._stale = True
            return
        grid = self.ctx.query_or_keep(MonthGridView(self.month, member_id))
        if grid is None:
            return
        if not grid.rows or not self.model.update_row(grid.rows[0]):
            self.refresh()
            return
        self._show_pending()

    @Slot()
    def _show_pending(self) -> None:
        """Days that wait for the server show as they will be saved (see Idag)."""
        for (member_id, day), state in self.ctx.sync.pending_days().items():
            row = self.model.row_of(member_id)
            if Month.of(day) != self.month or row < 0:
                continue
            grid_row = self.model.rows[row]
            i = (day - self.month.first).days
            if grid_row.days[i] is not None:
                days = list(grid_row.days)
                days[i] = pending_entry(days[i], state)  # type: ignore[arg-type]
                self.model.update_row(replace(grid_row, days=days))

    def show_conflict(self, error: CoopdeskError) -> None:
        self.notice.show_message(error.message(language()), "conflict", 60_000)

    def _update_to_date_note(self) -> None:
        """In the current month: what "hittills" counts (issue 12: early figures must not alarm)."""
        through, grid = self.model.through, self.model.grid
        if through is None or grid is None:
            self.to_date_note.clear()
            self.to_date_note.setVisible(False)
            return
        if through < grid.month.first:
            text = self.tr("Hittills i månaden: inga dagar ännu. Idag räknas med när alla planerade är registrerade.")
        elif through == self.ctx.clock():
            text = self.tr("Hittills i månaden: t.o.m. idag %1. Hela månaden: hela planen för %2.")
        else:
            text = self.tr(
                "Hittills i månaden: t.o.m. %1 (idag räknas med när alla planerade är registrerade). "
                "Hela månaden: hela planen för %2."
            )
        self.to_date_note.setText(
            text.replace("%1", through.isoformat()).replace("%2", formats.month_in_sentence(grid.month))
        )
        self.to_date_note.setVisible(True)

    def _update_banner(self) -> None:
        grid = self.model.grid
        if grid is not None and grid.locked_by:
            self.banner.show_message(
                self.tr("%1 är attesterad av %2 och kan inte ändras. En administratör kan öppna månaden igen.")
                .replace("%1", formats.month_title(grid.month))
                .replace("%2", grid.locked_by),
                "locked",
            )
        else:
            self.banner.clear_message()

    # --- changes -------------------------------------------------------------------------------

    def _current(self) -> tuple[QModelIndex, int, str, dt.date] | None:
        """The selected day cell that may be edited: (index, member id, name, day)."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return None
        row = self.model.rows[index.row()]
        day = self.model.day_of(index.column())
        assert day is not None
        return index, row.member_id, row.name, day

    def _find_column(self) -> int:
        """The search keeps the day: it lands on the found member's row, in the current day's column."""
        index = self.table.currentIndex()
        if index.isValid():
            return index.column()
        today = dt.date.today()
        return self.model.day_column(today if Month.of(today) == self.month else self.month.first)

    def _key_target(self) -> bool:
        """A single key changes only the current cell, and only when it is chosen and in view."""
        if self.model.read_only:  # attested: said where the keys are typed, not only in the banner above
            self.feedback.show_message(self.banner.text(), "hint")
            return False
        if self.table.current_shown():
            return True
        if self.table.chosen():
            self.table.scrollTo(self.table.currentIndex())
            self.feedback.show_message(self.tr("Rutan syns nu. Tryck igen för att ändra den."), "hint")
        else:
            self.feedback.show_message(self.tr("Välj en dag först: pilarna, ett klick eller / för att söka."), "hint")
        return False

    @Slot(str)
    def _status_key(self, status: str) -> None:
        if self._key_target():
            self.set_status(status)

    @Slot()
    def _clear_key(self) -> None:
        if self._key_target():
            self.clear_current()

    def _set(self, member_id: int, name: str, day: dt.date, state: DayState, version: int | None) -> bool:
        """Change one day; say so under the grid."""
        done = set_day(self.ctx, self, member_id, name, day, state, version)
        if done:
            said = change_text(name, state, day)
            self.feedback.show_message(self.tr("%1 — Ctrl+Z ångrar").replace("%1", said))
        return done

    @Slot(str)
    def set_status(self, status: str) -> None:
        current = self._current()
        if current is None:
            return
        index, member_id, name, day = current
        row = self.model.rows[index.row()]
        entry = self.model.entry(index)
        assert entry is not None
        if status == "present":
            if entry.status == "present" and entry.hours:
                self.table.move_right()
                return
            hours = round_half_up(entry.planned, 2)
            area = self.model.area_for(row, entry)
            if not hours or area is None:  # not planned: an extra day, so ask for the hours
                self.table.start_hours()
                return
            state = DayState("present", {area: hours})
        else:
            state = DayState(status)
        if self._set(member_id, name, day, state, entry.version):
            self.table.move_right()

    @Slot()
    def clear_current(self) -> None:
        current = self._current()
        if current is None:
            return
        index, member_id, name, day = current
        entry = self.model.entry(index)
        if entry is not None and entry.status is not None:
            self._set(member_id, name, day, DayState(), entry.version)

    def _edit(self, index: QModelIndex, value: object) -> bool:
        """Hours typed into a cell: present, in the area already used that day or the primary one."""
        entry = self.model.entry(index)
        day = self.model.day_of(index.column())
        if entry is None or day is None:
            return False
        row = self.model.rows[index.row()]
        text = formats.parse_hours_text(str(value))
        if not text:
            if entry.status is None:
                return False
            return self._set(row.member_id, row.name, day, DayState(), entry.version)
        area = self.model.area_for(row, entry)
        if area is None:
            return False
        if same_total(entry.status, entry.hours, text):
            self.table.advance_after_edit = True  # Enter on the hours as they stand: a split day stays split
            return True
        # The service explains bad text, quoting it as typed (a decimal comma too).
        hours: Decimal | str = Decimal(text) if _PLAIN_HOURS.fullmatch(text) else formats.hours_as_typed(str(value))
        state = DayState("present", {area: hours})  # type: ignore[dict-item]
        done = self._set(row.member_id, row.name, day, state, entry.version)
        self.table.advance_after_edit = done
        return done
