"""Handledare — supervisors, a week of their hours, and the month's funded versus worked time.

Keys: Alt+Left / Alt+Right previous / next week, Ctrl+T this week, Ctrl+G go to a date; in the entry
row Enter adds the entry (Alt+T jumps to the hours); on the week's table Enter edits and Delete removes
the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.supervisors import (
    HoursEntry,
    SupervisorFiguresView,
    SupervisorItem,
    SupervisorsPageView,
    SupervisorWeekView,
)
from coopdesk.core.calendar import Month
from coopdesk.core.services import supervisors as service
from coopdesk.core.vocabulary import ABSENCE_ACTIVITIES
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.table_export import export_sheets, model_sheet
from coopdesk.ui.views.form_kit import ID_ROLE, attempt, fit_rows, message, plain_table
from coopdesk.ui.views.supervisors_dialogs import HoursDialog, SupervisorDialog, fill_activities, fill_areas
from coopdesk.ui.views.supervisors_model import (
    DayTotalsModel,
    MonthFiguresModel,
    SupervisorListModel,
    WeekEntriesModel,
    day_label,
    monday_of,
    week_days,
    week_title,
)
from coopdesk.ui.widgets import Banner


class EntryRow(QWidget):
    """The compact row under the week: Enter anywhere in it adds the entry."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class SupervisorsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = dt.date.today()
        self.supervisor_id: int | None = None
        self._locks: list[tuple[str, str, dt.date]] = []
        self._quiet = False  # set while the view itself moves the table's current row
        self.areas: dict[int, str] = {}
        #: Asked before an entry is removed; tests replace it (a QMessageBox would block them).
        self.confirm: Callable[[str], bool] = self._ask

        self.list_model = SupervisorListModel(self)
        self.entries_model = WeekEntriesModel(self)
        self.totals_model = DayTotalsModel(self)
        self.figures_model = MonthFiguresModel(self)

        # Left: the supervisors.
        self.supervisor_table = plain_table(self.list_model, "supervisorTable")
        header = self.supervisor_table.horizontalHeader()
        header.setSectionResizeMode(SupervisorListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SupervisorListModel.FTE, QHeaderView.ResizeMode.ResizeToContents)
        self.supervisor_table.selectionModel().currentRowChanged.connect(self._supervisor_chosen)
        new = QPushButton(self.tr("&Ny handledare…"))
        new.clicked.connect(self.new_supervisor)
        edit = QPushButton(self.tr("&Ändra…"))
        edit.clicked.connect(self.edit_supervisor)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Handledare"))
        heading.setStyleSheet("font-weight: 600;")
        left.addWidget(heading)
        left.addWidget(self.supervisor_table, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(new)
        left_buttons.addWidget(edit)
        left.addLayout(left_buttons)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMinimumWidth(240)  # narrower on a small screen (1366 px), never wider than it needs
        left_box.setMaximumWidth(300)

        # Right: the week.
        self.title = QLabel()
        self.title.setObjectName("weekTitle")
        self.title.setStyleSheet("QLabel#weekTitle { font-size: 16pt; font-weight: 600; }")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        previous = QPushButton(self.tr("◂"))
        previous.setToolTip(self.tr("Föregående vecka (Alt+Vänster)"))
        previous.clicked.connect(lambda: self.set_date(self.day - dt.timedelta(days=7)))
        this_week = QPushButton(self.tr("&Denna vecka"))
        this_week.setToolTip(self.tr("Gå till denna vecka (Ctrl+T)"))
        this_week.clicked.connect(lambda: self.set_date(dt.date.today()))
        following = QPushButton(self.tr("▸"))
        following.setToolTip(self.tr("Nästa vecka (Alt+Höger)"))
        following.clicked.connect(lambda: self.set_date(self.day + dt.timedelta(days=7)))
        for button in (previous, following):
            button.setFixedWidth(36)
        self.date_edit = DateField()
        self.date_edit.setToolTip(self.tr("Välj datum (Ctrl+G)"))
        self.date_edit.dateChanged.connect(lambda d: self.set_date(d.toPython()))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for widget in (previous, this_week, following, self.date_edit):
            top.addWidget(widget)

        self.banner = Banner()
        self.entries_table = plain_table(self.entries_model, "entriesTable")
        header = self.entries_table.horizontalHeader()
        header.setSectionResizeMode(WeekEntriesModel.AREA, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (WeekEntriesModel.DATE, 140),
            (WeekEntriesModel.HOURS, 80),
            (WeekEntriesModel.ACTIVITY, 160),
        ):
            self.entries_table.setColumnWidth(column, width)
        self.entries_table.activated.connect(lambda _index: self.edit_entry())
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.entries_table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_entry)
        self.entries_table.selectionModel().currentRowChanged.connect(self._entry_chosen)

        self.totals_table = plain_table(self.totals_model, "dayTotals")
        self.totals_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals_table.setAlternatingRowColors(False)
        self.totals_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.entry_row = EntryRow()
        self.entry_row.setObjectName("entryRow")
        self.day_combo = QComboBox()
        self.day_combo.activated.connect(lambda _i: self._day_chosen(self.day_combo.currentData()))
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("t.ex. 7,5"))
        self.hours_edit.setMaximumWidth(90)
        self.activity_combo = QComboBox()
        fill_activities(self.activity_combo)
        self.activity_combo.currentIndexChanged.connect(self._activity_changed)
        self.area_combo = QComboBox()
        self.add_button = QPushButton(self.tr("&Lägg till"))
        self.add_button.setToolTip(self.tr("Lägg till (Enter)"))
        self.add_button.clicked.connect(self.add_entry)
        self.entry_row.submitted.connect(self.add_entry)
        row = QHBoxLayout(self.entry_row)
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (self.tr("Dat&um"), self.day_combo),
            (self.tr("&Timmar"), self.hours_edit),
            (self.tr("A&ktivitet"), self.activity_combo),
            (self.tr("Arbets&område"), self.area_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.message = Banner()
        edit_entry = QPushButton(self.tr("Redi&gera…"))
        edit_entry.setToolTip(self.tr("Ändra den markerade posten (Enter i tabellen)"))
        edit_entry.clicked.connect(self.edit_entry)
        delete_entry = QPushButton(self.tr("Ta &bort"))
        delete_entry.setToolTip(self.tr("Ta bort den markerade posten (Delete)"))
        delete_entry.clicked.connect(self.delete_entry)
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(QLabel(self.tr("Timmar per dag:")))
        entry_buttons.addStretch(1)
        entry_buttons.addWidget(edit_entry)
        entry_buttons.addWidget(delete_entry)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(top)
        right.addWidget(self.subtitle)
        right.addWidget(self.banner)
        right.addWidget(self.entries_table, 1)
        right.addLayout(entry_buttons)
        right.addWidget(self.totals_table)
        right.addWidget(self.entry_row)
        right.addWidget(self.message)
        upper = QHBoxLayout()
        upper.addWidget(left_box)
        upper.addSpacing(8)
        upper.addLayout(right, 1)

        # Below: the month's figures.
        self.figures_title = QLabel()
        self.figures_title.setObjectName("figuresTitle")
        self.figures_title.setStyleSheet("QLabel#figuresTitle { font-weight: 600; }")
        self.figures_title.setWordWrap(True)  # the month-to-date part makes it long
        self.figures_table = plain_table(self.figures_model, "figuresTable")
        self.figures_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.figures_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.figures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.excel_button = QPushButton(self.tr("Exportera till E&xcel…"))
        self.excel_button.clicked.connect(self.export_excel)
        #: where the workbook goes (replaced in tests)
        self.ask_save_file: Callable[[str, str], str] | None = None
        figures_head = QHBoxLayout()
        figures_head.addWidget(self.figures_title, 1)
        figures_head.addWidget(self.excel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(upper, 1)
        layout.addSpacing(6)
        layout.addLayout(figures_head)
        layout.addWidget(self.figures_table)

        for keys, slot in (
            ("Alt+Left", lambda: self.set_date(self.day - dt.timedelta(days=7))),
            ("Alt+Right", lambda: self.set_date(self.day + dt.timedelta(days=7))),
            ("Ctrl+T", lambda: self.set_date(dt.date.today())),
            ("Ctrl+G", self.date_edit.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setTabOrder(self.supervisor_table, self.entries_table)
        self.setTabOrder(self.entries_table, self.day_combo)
        self.setTabOrder(self.day_combo, self.hours_edit)
        self.setTabOrder(self.hours_edit, self.activity_combo)
        self.setTabOrder(self.activity_combo, self.area_combo)
        self.setTabOrder(self.area_combo, self.add_button)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.hours_edit if self.supervisor_id is not None else self.supervisor_table

    def export_excel(self) -> Path | None:
        """The month's figures per supervisor as shown to an Excel file, on the record."""
        month = Month.of(self.day)
        sheet = model_sheet(self.figures_model, str(month))
        name = f"{month} handledare.xlsx"
        return export_sheets(self, self.ctx, [sheet], name, f"Handledare {month}", self.ask_save_file)

    def set_date(self, day: dt.date) -> None:
        if day == self.day:
            return
        old_monday, old_month = monday_of(self.day), Month.of(self.day)
        self.day = day
        self.message.clear_message()
        if monday_of(day) != old_monday:
            self._load_week()
        else:
            self._show_day()
        if Month.of(day) != old_month:
            self._load_figures()

    def refresh(self) -> None:
        page = self.ctx.query(SupervisorsPageView())
        supervisors, self.areas = page.supervisors, page.areas
        self.list_model.set_supervisors(supervisors)
        if self.list_model.row_of(self.supervisor_id) < 0:
            self.supervisor_id = supervisors[0].id if supervisors else None
        self.supervisor_table.setCurrentIndex(self.list_model.index(self.list_model.row_of(self.supervisor_id), 0))
        fill_areas(self.area_combo, self.areas, self.area_combo.currentData())
        self._activity_changed()
        self.entry_row.setEnabled(self.supervisor_id is not None)
        self._load_week()
        self._load_figures()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("supervisors", "settings", "locks", "all"):
            self.refresh()

    def _supervisor(self) -> SupervisorItem | None:
        row = self.list_model.row_of(self.supervisor_id)
        return self.list_model.rows[row] if row >= 0 else None

    def _load_week(self) -> None:
        monday, sid = monday_of(self.day), self.supervisor_id

        week = self.ctx.query(SupervisorWeekView(sid, monday))
        entries = week.entries
        self._locks = [(lock.month, lock.attested_by, lock.attested_on) for lock in week.locks]
        current = self._current_entry()
        self.entries_model.set_entries(entries)
        self.title.setText(week_title(monday))
        self.day_combo.clear()
        for day in week_days(monday):
            self.day_combo.addItem(day_label(day), day)
        if current is not None:
            row = next((i for i, e in enumerate(entries) if e.id == current.id), -1)
            if row >= 0:
                self._select_entry(row)
        self._show_day()
        fit_rows(self.totals_table)

    def _select_entry(self, row: int) -> None:
        self._quiet = True
        try:
            self.entries_table.setCurrentIndex(self.entries_model.index(row, 0))
        finally:
            self._quiet = False

    def _show_day(self) -> None:
        """Everything that follows the chosen day within the week."""
        self.day_combo.setCurrentIndex(self.day.weekday())
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.blockSignals(False)
        self.totals_model.set_week(monday_of(self.day), self.entries_model.rows, self.day)
        supervisor = self._supervisor()
        self.subtitle.setText(
            self.tr("%1 · tjänstgöringsgrad %2 % · %3: %4 tim")
            .replace("%1", supervisor.name)
            .replace("%2", str(supervisor.fte_percent))
            .replace("%3", day_label(self.day))
            .replace("%4", formats.hours(self.totals_model.total(self.day), dash="0"))
            if supervisor
            else self.tr("Lägg till en handledare först (Ny handledare…).")
        )
        locked = [month for month, _by, _at in self._locks]
        if self._locks:
            text = self.tr("%1 är attesterad av %2 %3 och kan inte ändras.")
            parts = [
                text.replace("%1", formats.month_title(Month.parse(m))).replace("%2", by).replace("%3", at.isoformat())
                for m, by, at in self._locks
            ]
            parts.append(self.tr("En administratör kan öppna månaden igen."))
            self.banner.show_message(" ".join(parts), "locked")
        else:
            self.banner.clear_message()
        self.add_button.setEnabled(str(Month.of(self.day)) not in locked and supervisor is not None)

    def _load_figures(self) -> None:
        month, today = Month.of(self.day), self.ctx.clock()

        figures = self.ctx.query(SupervisorFiguresView(month, today))
        section, full_time, to_date = figures.section, figures.full_time_week, figures.to_date
        supervisor = self._supervisor()
        self.figures_model.set_section(section, supervisor.name if supervisor else None, to_date, month.last < today)
        title = (
            self.tr("Handledartid %1 · %2 arbetsdagar · heltidsvecka %3 tim")
            .replace("%1", month.name_en() if formats.english() else month.name_sv())
            .replace("%2", str(section.working_days))
            .replace("%3", formats.hours(full_time))
        )
        tip = ""
        if to_date is not None:
            through, part = to_date
            title += self.tr(" · hittills = t.o.m. %1, %2 arbetsdagar")
            title = title.replace("%1", through.isoformat()).replace("%2", str(part.working_days))
            tip = self.tr("Idag räknas med i hittills när alla handledare har skrivit sin tid för dagen.")
        self.figures_title.setText(title)
        self.figures_title.setToolTip(tip)
        fit_rows(self.figures_table)

    # --- choosing ------------------------------------------------------------------------------

    def _supervisor_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        sid = current.data(ID_ROLE) if current.isValid() else None
        if sid is not None and sid != self.supervisor_id:
            self.supervisor_id = sid
            self.message.clear_message()
            self._load_week()
            self._load_figures()

    def _day_chosen(self, day: dt.date | None) -> None:
        if day is not None:
            self.set_date(day)

    def _entry_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = None if self._quiet else self._current_entry()
        if entry is not None and entry.day != self.day:
            self.set_date(entry.day)

    def _activity_changed(self, _index: int = 0) -> None:
        absence = self.activity_combo.currentData() in ABSENCE_ACTIVITIES
        if absence:
            self.area_combo.setCurrentIndex(0)
        self.area_combo.setEnabled(not absence)

    def _current_entry(self) -> HoursEntry | None:
        index = self.entries_table.currentIndex()
        rows = self.entries_model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    # --- changes -------------------------------------------------------------------------------

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Ta bort"), text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def add_entry(self) -> None:
        sid = self.supervisor_id
        if sid is None or not self.add_button.isEnabled():
            return
        text = formats.parse_hours_text(self.hours_edit.text())
        if not text:
            self.message.show_message(self.tr("Skriv antalet timmar, till exempel 7,5."), "error")
            self.hours_edit.setFocus()
            return
        day, activity, area = (
            self.day_combo.currentData(),
            self.activity_combo.currentData(),
            self.area_combo.currentData(),
        )
        entry_id, error = attempt(
            self.ctx, lambda s: service.log_hours(s, self.ctx.actor, sid, day, text, activity, area).id, "supervisors"
        )
        self.hours_edit.setFocus()
        if error is not None:
            self.message.show_message(message(error), "error")
            self.hours_edit.selectAll()
            return
        self.message.clear_message()
        self.hours_edit.clear()
        row = next((i for i, e in enumerate(self.entries_model.rows) if e.id == entry_id), -1)
        if row >= 0:
            self._select_entry(row)

    @Slot()
    def delete_entry(self) -> None:
        entry = self._current_entry()
        if entry is None:
            return
        text = self.tr("Ta bort %1 tim %2 %3?").replace("%1", formats.hours(entry.hours))
        text = text.replace("%2", formats.activity_name(entry.activity).lower()).replace("%3", day_label(entry.day))
        if not self.confirm(text):
            return
        _, error = attempt(
            self.ctx,
            lambda s: service.delete_hours(s, self.ctx.actor, entry.id, expected_version=entry.version),
            "supervisors",
        )
        if error is not None:
            self.message.show_message(message(error), "error")
        else:
            self.message.clear_message()

    def edit_entry(self) -> None:
        entry = self._current_entry()
        if entry is not None:
            HoursDialog(self.ctx, entry, self.areas, self).exec()

    def new_supervisor(self) -> None:
        dialog = SupervisorDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.supervisor_id = dialog.saved_id
            self.refresh()

    def edit_supervisor(self) -> None:
        supervisor = self._supervisor()
        if supervisor is not None:
            SupervisorDialog(self.ctx, supervisor, self).exec()
