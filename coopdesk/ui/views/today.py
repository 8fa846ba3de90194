"""Idag — today's register: mark who came, fast, from the keyboard.

Keys on the table: N S A O L set a status (and move to the next member), Delete clears, digits
start typing hours (Enter saves), any other letter or Ctrl+F / "/" finds a member by the start of
the name. Ctrl+M marks every planned member present with their planned hours in their primary area.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.numbers import round_half_up
from coopdesk.core.services import context as core_context
from coopdesk.core.services.register import RegisterRow, day_register
from coopdesk.core.text import swedish_key
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.errors import language
from coopdesk.ui.undo import DayState, set_day, set_many
from coopdesk.ui.views.pending import pending_entry
from coopdesk.ui.views.today_model import TodayModel
from coopdesk.ui.widgets import Banner, Notice

STATUS_KEYS = {
    Qt.Key.Key_N: "present",
    Qt.Key.Key_S: "sick",
    Qt.Key.Key_A: "absent_notified",
    Qt.Key.Key_O: "absent_unnotified",
    Qt.Key.Key_L: "leave",
}


class AreaDelegate(QStyledItemDelegate):
    """A work-area chooser for the Område column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for area_id, name in index.model().areas.items():
            combo.addItem(name, area_id)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RegisterTable(QTableView):
    """The table, with the register's single-key commands."""

    status_key = Signal(str)
    clear_key = Signal()
    find_key = Signal(str)
    editor_closed = Signal()

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editor_closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        if self.state() == QAbstractItemView.State.EditingState or modifiers not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        ):
            super().keyPressEvent(event)
            return
        key = Qt.Key(event.key())
        if key in STATUS_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.status_key.emit(STATUS_KEYS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_key.emit()
        elif text and (text.isdigit() or text in ",."):
            index = self.model().index(self.currentIndex().row(), TodayModel.HOURS)
            if index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentIndex(index)
                self.edit(index)
                editor = self.focusWidget()
                if isinstance(editor, QLineEdit):
                    editor.setText(text)
        elif text == "/":
            self.find_key.emit("")
        elif text and text.isalpha():
            self.find_key.emit(text)
        else:
            super().keyPressEvent(event)


class TodayView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = dt.date.today()
        self.model = TodayModel(self)
        self.model.on_edit = self._edit

        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        self.title.setStyleSheet("QLabel#dayTitle { font-size: 16pt; font-weight: 600; }")
        previous = QPushButton(self.tr("◂ Föregående"))
        previous.setToolTip(self.tr("Föregående dag (Alt+Vänster)"))
        previous.clicked.connect(lambda: self.set_date(self.day - dt.timedelta(days=1)))
        today = QPushButton(self.tr("Idag"))
        today.setToolTip(self.tr("Gå till idag (Ctrl+T)"))
        today.clicked.connect(lambda: self.set_date(dt.date.today()))
        following = QPushButton(self.tr("Nästa ▸"))
        following.setToolTip(self.tr("Nästa dag (Alt+Höger)"))
        following.clicked.connect(lambda: self.set_date(self.day + dt.timedelta(days=1)))
        self.date_edit = DateField(self.day)
        self.date_edit.setToolTip(self.tr("Välj datum (Ctrl+G)"))
        self.date_edit.dateChanged.connect(lambda d: self.set_date(d.toPython()))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for widget in (previous, today, following, self.date_edit):
            top.addWidget(widget)

        self.mark_all = QPushButton(self.tr("Markera alla planerade som närvarande"))
        self.mark_all.setToolTip(self.tr("Ctrl+M"))
        self.mark_all.clicked.connect(self.mark_all_planned_present)
        self.only_planned = QRadioButton(self.tr("planerade"))
        self.everyone = QRadioButton(self.tr("alla med beslut"))
        self.only_planned.setChecked(True)
        self.everyone.toggled.connect(self._toggle_all)
        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("Hitta medlem (Ctrl+F)"))
        self.find.setClearButtonEnabled(True)
        self.find.setMinimumWidth(self.find.fontMetrics().horizontalAdvance(self.find.placeholderText()) + 36)
        self.find.textEdited.connect(self._jump_to_name)
        self.find.returnPressed.connect(self._find_done)
        actions = QHBoxLayout()
        actions.addWidget(self.mark_all)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("Visa:")))
        actions.addWidget(self.only_planned)
        actions.addWidget(self.everyone)
        actions.addSpacing(12)
        actions.addWidget(self.find)

        self.banner = Banner()
        #: Another PC's change of a day shown here, or a change that waits for the server: no modal box
        #: in the middle of a register typed at speed; the row itself shows the new value.
        self.notice = Notice("conflictNotice")
        self._stale = False  # data changed while an editor was open: refresh when it closes
        self.table = RegisterTable()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed)
        self.table.setItemDelegateForColumn(TodayModel.AREA, AreaDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TodayModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TodayModel.AREA, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (TodayModel.CAPACITY, 70),
            (TodayModel.PLANNED, 80),
            (TodayModel.STATUS, 190),
            (TodayModel.HOURS, 70),
        ):
            self.table.setColumnWidth(column, width)
        self.table.status_key.connect(self.set_status)
        self.table.clear_key.connect(self.clear_current)
        self.table.find_key.connect(self._start_find)
        self.table.editor_closed.connect(self._editor_closed)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.hint = QLabel(
            self.tr("N närvarande · S sjuk · A anmäld · O oanmäld · L ledig · Delete ta bort · siffror = timmar")
        )
        self.hint.setStyleSheet("color: #6b7280;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.hint)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        for keys, slot in (
            ("Ctrl+M", self.mark_all_planned_present),
            ("Ctrl+F", lambda: self._start_find("")),
            ("Alt+Left", lambda: self.set_date(self.day - dt.timedelta(days=1))),
            ("Alt+Right", lambda: self.set_date(self.day + dt.timedelta(days=1))),
            ("Ctrl+T", lambda: self.set_date(dt.date.today())),
            ("Ctrl+G", self.date_edit.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._find_cancel)
        ctx.changed.connect(self._data_changed)
        ctx.day_changed.connect(self._day_changed)
        ctx.sync.state_changed.connect(self._show_pending)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.table

    def set_date(self, day: dt.date) -> None:
        if day != self.day:
            self.day = day
            self.refresh()
            if self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))

    def refresh(self) -> None:
        def load(session):
            areas = {a.id: a.name for a in core_context.work_areas(session)}
            return day_register(session, self.day), areas

        loaded = self.ctx.read_or_keep(load)
        if loaded is None:
            return  # the server cannot be reached: keep showing what was read last (the window says why)
        register, areas = loaded
        self._stale = False
        current = self._current_member()
        self.model.set_register(register, areas)
        self._show_pending()
        self.title.setText(formats.long_date(self.day))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.blockSignals(False)
        self._update_banner()
        self._update_summary()
        self.mark_all.setEnabled(not self.model.read_only)
        if current is not None and (row := self.model.row_of(current)) >= 0:
            self.table.setCurrentIndex(self.model.index(row, self.table.currentIndex().column() or 0))
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        # A hidden view is refreshed when it is shown; one member's day comes through _day_changed.
        if self.isVisible() and kind not in ("attendance_day", "supervisors"):
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
        if day != self.day:
            return
        if self.table.editing() or not self.isVisible():
            self._stale = True
            return
        register = self.ctx.read_or_keep(lambda s: day_register(s, day, member_id=member_id))
        if register is None:
            return
        if not register.rows or not self.model.update_row(register.rows[0]):
            self.refresh()
            return
        self._show_pending()
        self._update_summary()

    @Slot()
    def _show_pending(self) -> None:
        """Changes that wait for the server show in their rows, in italics, as they will be saved."""
        waiting = {m: state for (m, d), state in self.ctx.sync.pending_days().items() if d == self.day}
        for member_id, state in waiting.items():
            row = self.model.row_of(member_id)
            if row >= 0:
                old = self.model.rows[row]
                self.model.update_row(replace(old, entry=pending_entry(old.entry, state)))
        self.model.set_pending(set(waiting))

    def show_conflict(self, error: CoopdeskError) -> None:
        """Another PC changed the day: say so above the table; the row already shows the new value."""
        self.notice.show_message(error.message(language()), "conflict", 60_000)

    def _update_banner(self) -> None:
        register = self.model.register
        assert register is not None
        if register.locked_by:
            name = formats.month_title(Month.of(self.day))
            self.banner.show_message(
                self.tr("%1 är attesterad av %2 och kan inte ändras. En administratör kan öppna månaden igen.")
                .replace("%1", name)
                .replace("%2", register.locked_by),
                "locked",
            )
        elif not register.rows:
            self.banner.show_message(
                self.tr(
                    "Ingen medlem har ett beslut som gäller den här dagen. Lägg till medlemmar och beslut under "
                    "Medlemmar (Ctrl+3), eller importera en fil under Arkiv → Importera."
                )
            )
        elif register.day_kind == "holiday":
            self.banner.show_message(self.tr("%1: helgdag. Ingen är planerad.").replace("%1", register.holiday or ""))
        elif register.day_kind == "closure":
            self.banner.show_message(self.tr("Stängningsdag: kooperativet har stängt. Ingen är planerad."))
        elif register.day_kind in ("weekend", "closed_weekday"):
            self.banner.show_message(self.tr("Kooperativet har inte öppet den här dagen. Närvaro blir extra dagar."))
        elif self.day > dt.date.today():
            self.banner.show_message(
                self.tr("En dag framåt i tiden: bara ledighet och anmäld frånvaro kan registreras.")
            )
        else:
            self.banner.clear_message()

    def _update_summary(self) -> None:
        registered, planned, attended, planned_hours = self.model.summary()
        self.summary.setText(
            self.tr("%1 av %2 registrerade · %3 av %4 tim")
            .replace("%1", str(registered))
            .replace("%2", str(planned))
            .replace("%3", formats.decimal(attended, 1))
            .replace("%4", formats.decimal(planned_hours, 1))
        )

    def _toggle_all(self, show_all: bool) -> None:
        self.model.show_all = show_all
        self.model.register = None  # force a reset: the rows differ
        self.refresh()

    # --- finding -------------------------------------------------------------------------------

    def _start_find(self, text: str) -> None:
        self.find.setFocus()
        self.find.setText(text)
        if text:
            self._jump_to_name(text)

    def _jump_to_name(self, text: str) -> None:
        prefix = swedish_key(text.strip())[0]
        if not prefix:
            return
        for i, row in enumerate(self.model.rows):
            if swedish_key(row.name)[0].startswith(prefix) or any(
                swedish_key(part)[0].startswith(prefix) for part in row.name.split()[1:]
            ):
                self.table.setCurrentIndex(self.model.index(i, TodayModel.NAME))
                self.table.scrollTo(self.model.index(i, 0))
                return

    def _find_done(self) -> None:
        self.find.clear()
        self.table.setFocus()

    def _find_cancel(self) -> None:
        self.find.clear()
        self.table.setFocus()

    # --- changes -------------------------------------------------------------------------------

    def _current_member(self) -> int | None:
        row = self._current_row()
        return row.member_id if row is not None else None

    def _current_row(self) -> RegisterRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _planned_state(self, row: RegisterRow) -> DayState:
        area = self.model.area_of(row)
        hours = round_half_up(row.entry.planned, 2)
        return DayState("present", {area: hours} if area is not None and hours > 0 else {})

    def _advance(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and index.row() + 1 < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(index.row() + 1, index.column()))

    @Slot(str)
    def set_status(self, status: str) -> None:
        row = self._current_row()
        if row is None or self.model.read_only:
            return
        if status == "present":
            if row.entry.status == "present" and row.entry.hours:
                return self._advance()
            state = self._planned_state(row)
            if not state.hours:  # an extra day: ask for the hours
                index = self.model.index(self.table.currentIndex().row(), TodayModel.HOURS)
                self.table.setCurrentIndex(index)
                self.table.edit(index)
                return None
        else:
            state = DayState(status)
        if set_day(self.ctx, self, row.member_id, row.name, self.day, state, row.entry.version):
            self._advance()
        return None

    @Slot()
    def clear_current(self) -> None:
        row = self._current_row()
        if row is not None and not self.model.read_only and row.entry.status is not None:
            set_day(self.ctx, self, row.member_id, row.name, self.day, DayState(), row.entry.version)

    def _edit(self, index: QModelIndex, value: object) -> bool:
        if not index.isValid():
            return False
        row = self.model.rows[index.row()]
        area = self.model.area_of(row)
        if index.column() == TodayModel.HOURS:
            text = formats.parse_hours_text(str(value))
            if not text:
                return set_day(self.ctx, self, row.member_id, row.name, self.day, DayState(), row.entry.version)
            if area is None:
                return False
            state = DayState("present", {area: text})  # type: ignore[dict-item]
            return set_day(self.ctx, self, row.member_id, row.name, self.day, state, row.entry.version)
        if index.column() == TodayModel.AREA and isinstance(value, int):
            if row.entry.status != "present" or not row.entry.hours:
                hours = round_half_up(row.entry.planned, 2) or Decimal(0)
                if not hours:
                    return False
                state = DayState("present", {value: hours})
                return set_day(self.ctx, self, row.member_id, row.name, self.day, state, row.entry.version)
            total = row.entry.total_hours
            state = DayState("present", {value: total})
            return set_day(self.ctx, self, row.member_id, row.name, self.day, state, row.entry.version)
        return False

    @Slot()
    def mark_all_planned_present(self) -> None:
        if self.model.read_only:
            return
        changes = [
            (row.member_id, row.name, self.day, self._planned_state(row), row.entry.version)
            for row in self.model.rows
            if row.entry.planned and row.entry.status is None
        ]
        if changes:
            set_many(self.ctx, self, changes, self.tr("Markera alla planerade som närvarande"))
