"""Idag — today's register: mark who came, fast, from the keyboard.

Keys on the table (coopdesk/ui/views/register_keys.py): N S A O L set a status on the chosen row
and move to the next member, digits start typing hours (Enter saves), Delete clears. A letter never
finds a member: finding is only in the search field, opened with / or Ctrl+F (Enter chooses the
member and goes back to the table on that row, Esc goes back to where you were); any other letter
on the table changes nothing and says "Sök med / eller Ctrl+F". What a key changed is said on the
line right under the table, and the row lights up for a moment. Ctrl+M marks every planned member
present with their planned hours in their primary area.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coopdesk.app.attendance import DayDone
from coopdesk.core.calendar import Month
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.numbers import round_half_up
from coopdesk.core.rules import check_day
from coopdesk.core.services import lookups
from coopdesk.core.services.register import RegisterRow, day_register
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.errors import language
from coopdesk.ui.undo import DayState, set_day, set_many
from coopdesk.ui.views.pending import pending_entry
from coopdesk.ui.views.register_keys import CommandTable, MemberFinder, UndoEcho, change_text, same_total, search_hint
from coopdesk.ui.views.today_model import TodayModel
from coopdesk.ui.widgets import Banner, FeedbackLine, Notice

FLASH_MS = 1500  # how long a changed row stays lit


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


class RegisterTable(CommandTable):
    """The table, with the register's single-key commands (register_keys.py)."""

    def start_hours(self, text: str = "") -> None:
        """Digits: type the current row's hours."""
        index = self.model().index(self.currentIndex().row(), TodayModel.HOURS)
        if index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.setCurrentIndex(index)
            self.edit(index)
            editor = self.focusWidget()
            if isinstance(editor, QLineEdit):
                editor.setText(text)
        else:
            self.no_target.emit()  # the view says why nothing opened (an attested day)


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
        # Ctrl+G, a date, Enter: back to the register. Left in the field, the Down meant to choose a row
        # stepped the date a day back and the status key after it went nowhere.
        self.date_edit.lineEdit().returnPressed.connect(self._date_entered)
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
        self.find.setObjectName("findMember")
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
        #: Members whose edit is on its way to the database: their row already shows it (see _set).
        self._saving: set[int] = set()
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
        self.table.status_key.connect(self._status_key)
        self.table.clear_key.connect(self._clear_key)
        self.table.editor_closed.connect(self._editor_closed)
        self.table.describe_cell = lambda index: f"{self.model.rows[index.row()].name} {self.day.isoformat()}"
        # What the last key changed (or why it changed nothing), right under the table.
        self.feedback = FeedbackLine("changeFeedback")
        self.finder = MemberFinder(
            self.find,
            self.table,
            lambda row: self.model.rows[row].name,
            lambda: TodayModel.NAME,
            lambda text: self.feedback.show_message(text, "hint"),
        )
        self.table.find_key.connect(self.finder.start)
        self.table.no_target.connect(self._key_target)
        self.table.not_a_command.connect(lambda _text: self.feedback.show_message(search_hint(), "hint"))
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.model.set_flashing(set()))
        self._recent: list[tuple[float, str]] = []  # the changes of the last seconds, said together
        UndoEcho(ctx.undo_stack, self.feedback).echoed.connect(self._recent.clear)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.hint = QLabel(
            self.tr(
                "/ sök medlem · på vald rad: N närvarande · S sjuk · A anmäld · O oanmäld · L ledig · "
                "siffror = timmar · Delete ta bort"
            )
        )
        self.hint.setStyleSheet("color: #6b7280;")
        self.hint.setWordWrap(True)  # a longer translation wraps instead of widening the window
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.hint, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(bottom)

        for keys, slot in (
            ("Ctrl+M", self.mark_all_planned_present),
            ("Ctrl+F", self.finder.start),
            ("Alt+Left", lambda: self.set_date(self.day - dt.timedelta(days=1))),
            ("Alt+Right", lambda: self.set_date(self.day + dt.timedelta(days=1))),
            ("Ctrl+T", lambda: self.set_date(dt.date.today())),
            ("Ctrl+G", self.date_edit.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        ctx.changed.connect(self._data_changed)
        ctx.day_changed.connect(self._day_changed)
        ctx.sync.state_changed.connect(self._show_pending)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.table

    def set_date(self, day: dt.date) -> None:
        if day != self.day:
            self.table.commit_open_editor()  # as in Månad: hours being typed are saved on their own day
            self.day = day
            self.refresh()
            if self.model.rowCount():  # a new day: the cursor on the first row, no row chosen yet
                self.table.place_cursor(self.model.index(0, 0), chosen=False)
            self._recent.clear()
            self.feedback.clear_message()

    def _date_entered(self) -> None:
        if not self.date_edit.is_invalid():  # a text that is no date: the field says so and keeps the focus
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        def load(session):
            areas = {a.id: a.name for a in lookups.work_areas(session)}
            return day_register(session, self.day), areas

        loaded = self.ctx.read_or_keep(load)
        if loaded is None:
            return  # the server cannot be reached: keep showing what was read last (the window says why)
        register, areas = loaded
        self._stale = False
        current = self._current_member()
        chosen = self.table.chosen()
        self.model.set_register(register, areas)
        self._show_pending()
        self.title.setText(formats.long_date(self.day))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.blockSignals(False)
        self._update_banner()
        self._update_summary()
        self.mark_all.setEnabled(not self.model.read_only)
        # The program never chooses a row for a single key: only arrows, a click, the search or the
        # move after the previous key do (see register_keys.py).
        if current is not None and (row := self.model.row_of(current)) >= 0:
            column = max(self.table.currentIndex().column(), 0)
            self.table.place_cursor(self.model.index(row, column), chosen=chosen)
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.place_cursor(self.model.index(0, 0), chosen=False)

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
        if day != self.day or member_id in self._saving:
            return  # an edit of this view on its way brings its row back itself (see _set)
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
        registered, planned, attended, planned_hours, extra, extra_hours = self.model.summary()
        if planned == 0:
            # A weekend or closed day: "0 av 0 registrerade · 16,5 av 0,0 tim" said nothing. There is
            # nothing to register, so the line says so and what was worked on extra days.
            text = self.tr("Ingen planerad")
            if extra:
                extras = self.tr(" · %1 närvarande på extra dag · %2 tim")
                text += extras.replace("%1", str(extra)).replace("%2", formats.decimal(extra_hours, 1))
            self.summary.setText(text)
            return
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

    def _key_target(self) -> bool:
        """A single key changes only the current row, and only when it is selected and in view."""
        if self.model.read_only:  # attested: said where the keys are typed, not only in the banner above
            self.feedback.show_message(self.banner.text(), "hint")
            return False
        if self.table.current_shown():
            return True
        if self.table.chosen():  # scrolled out of view: show it, change nothing
            self.table.scrollTo(self.table.currentIndex())
            self.feedback.show_message(self.tr("Raden syns nu. Tryck igen för att ändra den."), "hint")
        else:
            self.feedback.show_message(
                self.tr("Välj en medlem först: pilarna, ett klick eller / för att söka."), "hint"
            )
        return False

    @Slot(str)
    def _status_key(self, status: str) -> None:
        if self._key_target():
            self.set_status(status)

    @Slot()
    def _clear_key(self) -> None:
        if self._key_target():
            self.clear_current()

    def _set(self, row: RegisterRow, state: DayState) -> bool:
        """Change one member's day. What can be checked without the database (the status on this day,
        the hours as typed) is checked here, and a mistake is said at once; then the row shows the change
        and the line under the table says so while the database worker saves it. Refused there (another
        PC changed the day, the month was attested meanwhile), the message says why and the row shows
        what is stored again."""
        if row.member_id in self._saving:
            # The member's previous edit is still on its way: this one must expect the version it gives.
            self.ctx.tasks.settle()
            index = self.model.row_of(row.member_id)
            if index < 0:
                return False
            row = self.model.rows[index]
        if state.status is not None:
            try:
                parsed = check_day(
                    member_name=row.name,
                    day=self.day,
                    status=state.status,
                    hours=state.hours if state.status == "present" else {},
                    area_names=self.model.areas,
                    placement_active=True,  # the register lists members with a decision on the day
                    planned=row.entry.planned,
                    today=self.ctx.clock(),
                )
            except CoopdeskError as error:
                self.ctx.refuse(self, error)
                return False
            if state.status == "present":
                state = DayState("present", parsed)  # the hours as numbers, however they were typed
        member_id, day = row.member_id, self.day
        self._saving.add(member_id)
        self.model.update_row(replace(row, entry=pending_entry(row.entry, state)))
        self._update_summary()

        def saved(done: DayDone) -> None:
            if not isValid(self):
                return  # the view was closed meanwhile (the change is saved all the same)
            self._saving.discard(member_id)
            if done.row is not None and done.day == self.day:
                self.model.update_row(done.row)
                self._show_pending()
                self._update_summary()

        def refused() -> None:
            if not isValid(self):
                return
            self._saving.discard(member_id)
            if day != self.day:
                return
            # What is stored, read again — even while hidden: the row must not keep the refused value.
            register = self.ctx.read_or_keep(lambda s: day_register(s, day, member_id=member_id))
            if register is None or not register.rows or not self.model.update_row(register.rows[0]):
                self.refresh()
            else:
                self._show_pending()
                self._update_summary()
            # The cursor had moved on to the next member; it goes back to the day that was refused, as it
            # stayed there when the save was waited for.
            index = self.model.row_of(member_id)
            if index >= 0:
                self.table.setCurrentIndex(self.model.index(index, max(self.table.currentIndex().column(), 0)))

        set_day(self.ctx, self, member_id, row.name, day, state, row.entry.version, on_done=saved, on_refused=refused)
        self._report([member_id], change_text(row.name, state))
        return True

    def _report(self, member_ids: list[int], text: str) -> None:
        """What changed, where the eye is: the line under the table, and the rows lit for a moment.
        Changes made in quick succession are said together, so two keys never show as one."""
        now = time.monotonic()
        recent = self._flash_timer.isActive() and self._recent and now - self._recent[-1][0] < FLASH_MS / 1000
        self._recent = ([*self._recent[-2:]] if recent else []) + [(now, text)]
        said = " · ".join(text for _when, text in self._recent)
        self.feedback.show_message(self.tr("%1 — Ctrl+Z ångrar").replace("%1", said))
        self.model.set_flashing((self.model.flashing if recent else set()) | set(member_ids))
        self._flash_timer.start(FLASH_MS)

    @Slot(str)
    def set_status(self, status: str) -> None:
        row = self._current_row()
        if row is None or self.model.read_only:
            return
        if status == "present":
            if row.entry.status == "present" and row.entry.hours:
                self._report([row.member_id], change_text(row.name, DayState("present", row.entry.hours)))
                return self._advance()
            state = self._planned_state(row)
            if not state.hours:  # an extra day: ask for the hours
                index = self.model.index(self.table.currentIndex().row(), TodayModel.HOURS)
                self.table.setCurrentIndex(index)
                self.table.edit(index)
                return None
        else:
            state = DayState(status)
        if self._set(row, state):
            self._advance()
        return None

    @Slot()
    def clear_current(self) -> None:
        row = self._current_row()
        if row is not None and not self.model.read_only and row.entry.status is not None:
            self._set(row, DayState())

    def _edit(self, index: QModelIndex, value: object) -> bool:
        if not index.isValid():
            return False
        row = self.model.rows[index.row()]
        area = self.model.area_of(row)
        if index.column() == TodayModel.HOURS:
            text = formats.parse_hours_text(str(value))
            if not text:
                return self._set(row, DayState())
            if area is None:
                return False
            if same_total(row.entry.status, row.entry.hours, text):
                return True  # Enter on the hours as they stand: a day split over work areas stays split
            # As typed (a decimal comma too): a refusal quotes the value the supervisor typed.
            return self._set(row, DayState("present", {area: formats.hours_as_typed(str(value))}))  # type: ignore[dict-item]
        if index.column() == TodayModel.AREA and isinstance(value, int):
            if row.entry.status != "present" or not row.entry.hours:
                hours = round_half_up(row.entry.planned, 2) or Decimal(0)
                if not hours:
                    return False
                return self._set(row, DayState("present", {value: hours}))
            return self._set(row, DayState("present", {value: row.entry.total_hours}))
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
        if changes and set_many(self.ctx, self, changes, self.tr("Markera alla planerade som närvarande")):
            text = self.tr("%1 planerade markerade som närvarande").replace("%1", str(len(changes)))
            self._report([member_id for member_id, *_ in changes], text)
