"""Inställningar — the cooperative's details, opening weekdays, full-time week and host district; the
work areas; the closure days; the idle lock; and the interface language (read when the program starts).

Ctrl+S saves the cooperative's details. The organisation number is checked as it is typed. Only an
administrator changes the cooperative's settings: for a handledare the buttons are disabled with a
tooltip that says so (and the services refuse anyway).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.core.models import ClosureDay, WorkArea
from coopdesk.core.personal_number import normalize_org_number
from coopdesk.core.services import context as core_context
from coopdesk.core.services import settings as service
from coopdesk.ui import formats, i18n
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.views.form_kit import FormDialog, RowsModel, attempt, message, plain_table
from coopdesk.ui.widgets import Banner

MUTED = "color: #6b7280;"


def _weekday_name(day: dt.date) -> str:
    return formats.WEEKDAYS_EN[day.weekday()] if formats.english() else formats.WEEKDAYS_SV[day.weekday()]


class WorkAreaDialog(FormDialog):
    """Lägg till… / Byt namn… on a work area.

    ``version`` is the work area's as the list showed it (without one, as it is when the dialog opens):
    a name another PC has saved since is not overwritten.
    """

    def __init__(
        self,
        ctx: AppContext,
        area_id: int | None = None,
        name: str = "",
        parent: QWidget | None = None,
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nytt arbetsområde") if area_id is None else self.tr("Byt namn på arbetsområde"))
        self.ctx, self.area_id = ctx, area_id
        if area_id is not None and version is None:
            version = ctx.read(lambda s: getattr(s.get(WorkArea, area_id), "version", None))
        self.version = version
        self.name = QLineEdit(name)
        self.name.setMinimumWidth(280)
        self.form.addRow(self.tr("&Namn"), self.name)

    def reload(self) -> None:
        """After another PC's change: the name it saved, and its version for the next Spara."""
        area_id = self.area_id

        def load(session) -> tuple[str, int] | None:
            area = session.get(WorkArea, area_id)
            return (area.name, area.version) if area is not None else None

        fresh = self.ctx.read_or_keep(load)
        if fresh is not None:
            self.name.setText(fresh[0])
            self.version = fresh[1]

    def save(self) -> bool:
        name, actor, area_id, expected = self.name.text(), self.ctx.actor, self.area_id, self.version
        if area_id is None:
            _, error = attempt(self.ctx, lambda s: service.add_work_area(s, actor, name), "settings")
        else:
            _, error = attempt(
                self.ctx,
                lambda s: service.rename_work_area(s, actor, area_id, name, expected_version=expected),
                "settings",
            )
            if isinstance(error, ConflictError):
                self.reload()  # said in the dialog; what was typed gives way to the stored name
        return self.show_result(error)


class ClosureDayDialog(FormDialog):
    """Lägg till stängningsdag…: a date on which the cooperative is closed (nobody is planned)."""

    def __init__(self, ctx: AppContext, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny stängningsdag"))
        self.ctx = ctx
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.form.addRow(self.tr("&Datum"), self.date)
        note = QLabel(self.tr("Ingen är planerad en stängningsdag."))
        note.setStyleSheet(MUTED)
        self.form.addRow(note)

    def save(self) -> bool:
        day, actor = self.date.date().toPython(), self.ctx.actor
        _, error = attempt(self.ctx, lambda s: service.add_closure_day(s, actor, day), "settings")
        return self.show_result(error)


class SettingsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = dt.date.today().year
        self._dirty = False
        #: The cooperative row's version as the form shows it, and as the idle lock shows it (the same
        #: row, loaded together; the form keeps its own while typed in). 0: not stored yet.
        self.version = 0
        self.idle_version = 0
        #: Each work area's version as the list shows it, passed back when it is renamed.
        self.area_versions: dict[int, int] = {}
        #: Asked before a closure day is removed; tests replace it (a QMessageBox would block them).
        self.confirm: Callable[[str], bool] = self._ask

        # The cooperative.
        self.name = QLineEdit()
        self.org_number = QLineEdit()
        self.org_number.setPlaceholderText("NNNNNN-NNNN")
        self.org_number.setMaximumWidth(200)
        self.org_error = QLabel()
        self.org_error.setObjectName("orgError")
        self.org_error.setStyleSheet("QLabel#orgError { color: #b91c1c; }")
        self.org_error.setWordWrap(True)
        self.org_error.setVisible(False)
        self.address = QLineEdit()
        self.weekdays: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for name in formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV:
            box = QCheckBox(name)
            box.toggled.connect(self._edited)
            self.weekdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.full_time = QLineEdit()
        self.full_time.setMaximumWidth(80)
        self.host = QComboBox()
        self.host.setMinimumWidth(200)
        self.host.setMaximumWidth(320)
        for edit in (self.name, self.address, self.full_time):
            edit.textEdited.connect(self._edited)
        self.org_number.textEdited.connect(self._org_edited)
        self.org_number.editingFinished.connect(self.check_org_number)
        self.host.activated.connect(self._edited)

        self.save_button = QPushButton(self.tr("&Spara"))
        self.save_button.setToolTip(self.tr("Spara uppgifterna (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setStyleSheet(MUTED)
        self.form_message = Banner()
        form = QFormLayout()
        form.addRow(self.tr("&Namn"), self.name)
        form.addRow(self.tr("&Organisationsnummer"), self.org_number)
        form.addRow("", self.org_error)
        form.addRow(self.tr("A&dress"), self.address)
        form.addRow(self.tr("Öppetdagar"), days)
        form.addRow(self.tr("Heltidsve&cka (timmar)"), self.full_time)
        form.addRow(self.tr("V&ärdstadsdel"), self.host)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        coop_box = QGroupBox(self.tr("Kooperativet"))
        coop_layout = QVBoxLayout(coop_box)
        coop_layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Heltidsveckan ger medlemmarnas planerade tid och handledarnas finansierade tid. "
                "Värdstadsdelen får handledartiden i sin redovisning."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        coop_layout.addWidget(note)
        coop_layout.addWidget(self.form_message)
        coop_layout.addLayout(buttons)

        # Work areas.
        self.areas_model = RowsModel([formats.tr("Arbetsområde")], self)
        self.areas_table = plain_table(self.areas_model, "workAreasTable")
        self.areas_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.areas_table.activated.connect(lambda _index: self.rename_work_area())
        self.add_area_button = add_area = QPushButton(self.tr("&Lägg till…"))
        add_area.clicked.connect(self.add_work_area)
        self.rename_area_button = rename_area = QPushButton(self.tr("&Byt namn…"))
        rename_area.clicked.connect(self.rename_work_area)
        areas_box = QGroupBox(self.tr("Arbetsområden"))
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(self.areas_table)
        area_buttons = QHBoxLayout()
        area_buttons.addWidget(add_area)
        area_buttons.addWidget(rename_area)
        area_buttons.addStretch(1)
        areas_layout.addLayout(area_buttons)

        # Closure days.
        self.year_filter = QComboBox()
        self.year_filter.activated.connect(self._year_chosen)
        self.closures_model = RowsModel([formats.tr("Datum"), formats.tr("Veckodag")], self)
        self.closures_table = plain_table(self.closures_model, "closureDaysTable")
        self.closures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.closures_table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_closure_day)
        self.add_closure_button = add_closure = QPushButton(self.tr("Lägg till stän&gningsdag…"))
        add_closure.clicked.connect(self.add_closure_day)
        self.remove_closure_button = remove_closure = QPushButton(self.tr("Ta bor&t"))
        remove_closure.setToolTip(self.tr("Ta bort den markerade stängningsdagen (Delete)"))
        remove_closure.clicked.connect(self.remove_closure_day)
        self.closure_message = Banner()
        closures_box = QGroupBox(self.tr("Stängningsdagar"))
        closures_layout = QVBoxLayout(closures_box)
        year_row = QHBoxLayout()
        year_label = QLabel(self.tr("&År"))
        year_label.setBuddy(self.year_filter)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year_filter)
        year_row.addStretch(1)
        closures_layout.addLayout(year_row)
        closures_layout.addWidget(self.closures_table, 1)
        closure_buttons = QHBoxLayout()
        closure_buttons.addWidget(add_closure)
        closure_buttons.addWidget(remove_closure)
        closure_buttons.addStretch(1)
        closures_layout.addLayout(closure_buttons)
        closures_layout.addWidget(self.closure_message)

        # Language.
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.chosen_language()), 0))
        self.language.activated.connect(self._language_chosen)
        self.language_note = QLabel(self.tr("Gäller när programmet startas om."))
        self.language_note.setStyleSheet(MUTED)
        language_box = QGroupBox(self.tr("Språk / Language"))
        language_layout = QHBoxLayout(language_box)
        language_layout.addWidget(self.language)
        language_layout.addWidget(self.language_note, 1)

        left = QVBoxLayout()
        left.addWidget(coop_box)
        left.addWidget(self._idle_lock_box())
        left.addWidget(language_box)
        left.addWidget(self._backup_box())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(areas_box, 2)
        right.addWidget(closures_box, 3)
        title = QLabel(self.tr("Inställningar"))
        title.setObjectName("viewTitle")
        title.setStyleSheet("QLabel#viewTitle { font-size: 16pt; font-weight: 600; }")
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(8)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if not ctx.actor.is_admin:
            only_admins = Banner()
            only_admins.show_message(
                self.tr(
                    "Bara en administratör kan ändra inställningarna. Språket och mappen för säkerhetskopior "
                    "gäller den här datorn."
                )
            )
            layout.addWidget(only_admins)
        layout.addLayout(columns, 1)

        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        ctx.changed.connect(self._data_changed)
        self._apply_role()
        self.refresh()

    def _apply_role(self) -> None:
        settings_tip = self.tr("Bara en administratör kan ändra inställningarna.")
        for target, tip in (
            (self.save_button, settings_tip),
            (self.idle_minutes, settings_tip),
            (self.idle_save_button, settings_tip),
            (self.add_area_button, self.tr("Bara en administratör kan ändra arbetsområden.")),
            (self.rename_area_button, self.tr("Bara en administratör kan ändra arbetsområden.")),
            (self.add_closure_button, self.tr("Bara en administratör kan ändra stängningsdagar.")),
            (self.remove_closure_button, self.tr("Bara en administratör kan ändra stängningsdagar.")),
        ):
            admin_only(self.ctx.actor, target, tip)

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.name

    def set_date(self, day: dt.date) -> None:
        """Show the closure days of ``day``'s year (``year`` 0 shows them all)."""
        self.year = day.year
        self._load_closures()

    def refresh(self) -> None:
        if not self._dirty:
            self._load_form()
        self._load_areas()
        self._load_closures()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("settings", "districts", "all"):
            self.refresh()

    def _load_form(self) -> None:
        def load(session):
            coop = core_context.cooperative(session)
            districts = [(d.id, d.name) for d in core_context.districts(session)]
            return coop.name, coop.org_number, coop.address, coop.opening_weekdays, coop, districts

        name, org, address, opening, coop, districts = self.ctx.read(load)
        self.version = self.idle_version = coop.version if coop.id else 0
        self.name.setText(name)
        self.org_number.setText(org or "")
        self.address.setText(address or "")
        for number, box in enumerate(self.weekdays, start=1):
            box.blockSignals(True)
            box.setChecked(number in opening)
            box.blockSignals(False)
        self.full_time.setText(formats.hours(coop.full_time_hours_per_week))
        self.idle_minutes.setValue(coop.idle_lock_minutes or 10)
        self.host.clear()
        self.host.addItem(self.tr("(ingen)"), None)
        for district_id, district_name in districts:
            self.host.addItem(district_name, district_id)
        self.host.setCurrentIndex(max(self.host.findData(coop.host_district_id), 0))
        self.org_error.setVisible(False)
        self._dirty = False

    def _load_areas(self) -> None:
        areas = self.ctx.read(lambda s: [(a.id, a.name, a.version) for a in core_context.work_areas(s)])
        self.area_versions = {area_id: version for area_id, _name, version in areas}
        self.areas_model.set_rows([(area_id, (name,)) for area_id, name, _version in areas])

    def _load_closures(self) -> None:
        days = self.ctx.read(lambda s: list(s.scalars(select(ClosureDay.day).order_by(ClosureDay.day))))
        years = sorted({d.year for d in days} | {dt.date.today().year} | ({self.year} if self.year else set()))
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("Alla år"), 0)
        for year in years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(self.year), 0))
        shown = [d for d in days if not self.year or d.year == self.year]
        self.closures_model.set_rows([(d, (d.isoformat(), _weekday_name(d))) for d in shown])

    def _year_chosen(self, _index: int) -> None:
        self.year = self.year_filter.currentData() or 0
        self._load_closures()

    # --- the cooperative -----------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        self._dirty = True
        self.status.clear()

    def _org_edited(self, _text: str) -> None:
        self._edited()
        if self.org_error.isVisible():  # say so as soon as it is right again
            self.check_org_number()

    def check_org_number(self) -> bool:
        """Inline: the organisation number is checked when it is left (and while an error shows)."""
        text = self.org_number.text().strip()
        try:
            if text:
                normalize_org_number(text)
        except CoopdeskError as error:
            self.org_error.setText(message(error))
            self.org_error.setVisible(True)
            return False
        self.org_error.setVisible(False)
        return True

    @Slot()
    def save(self) -> bool:
        if not self.check_org_number():
            self.org_number.setFocus()
            return False
        values = {
            "name": self.name.text(),
            "org_number": self.org_number.text().strip() or None,
            "address": self.address.text(),
            "opening_weekdays": [n for n, box in enumerate(self.weekdays, start=1) if box.isChecked()],
            "full_time_hours_per_week": formats.parse_hours_text(self.full_time.text()),
            "host_district_id": self.host.currentData(),
        }
        expected = self.version
        _, error = attempt(
            self.ctx,
            lambda s: service.save_cooperative(s, self.ctx.actor, **values, expected_version=expected),
            "settings",
        )
        if error is not None:
            self.form_message.show_message(message(error), "error")
            if isinstance(error, ConflictError):  # another PC saved first: its values are shown, none typed here
                self._load_form()
                self.status.clear()
            return False
        self.form_message.clear_message()
        self._dirty = False
        self._load_form()
        self.status.setText(self.tr("Sparat."))
        return True

    # --- work areas, closure days, language ----------------------------------------------------

    def add_work_area(self) -> None:
        WorkAreaDialog(self.ctx, None, "", self).exec()

    def rename_work_area(self) -> None:
        row = self.areas_table.currentIndex().row()
        area_id = self.areas_model.key(row)
        if area_id is not None:
            name, version = self.areas_model.rows[row][1][0], self.area_versions.get(area_id)
            WorkAreaDialog(self.ctx, area_id, name, self, version=version).exec()

    def add_closure_day(self) -> None:
        ClosureDayDialog(self.ctx, dt.date.today(), self).exec()

    def _ask(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("Ta bort stängningsdag"), text) == QMessageBox.StandardButton.Yes

    def remove_closure_day(self) -> None:
        day = self.closures_model.key(self.closures_table.currentIndex().row())
        if day is None or not self.confirm(self.tr("Ta bort stängningsdagen %1?").replace("%1", day.isoformat())):
            return
        _, error = attempt(self.ctx, lambda s: service.remove_closure_day(s, self.ctx.actor, day), "settings")
        if error is not None:
            self.closure_message.show_message(message(error), "error")
        else:
            self.closure_message.clear_message()

    # --- the idle lock -------------------------------------------------------------------------

    def _idle_lock_box(self) -> QGroupBox:
        low, high = service.IDLE_LOCK_RANGE
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(low, high)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Lås efter minuter utan aktivitet"))
        self.idle_save_button = QPushButton(self.tr("Spara &låstid"))
        self.idle_save_button.clicked.connect(self.save_idle_lock)
        self.idle_status = QLabel()
        self.idle_status.setStyleSheet(MUTED)
        self.idle_message = Banner()
        caption = QLabel(self.tr("Lås programmet efter"))
        caption.setBuddy(self.idle_minutes)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.idle_minutes)
        row.addWidget(QLabel(self.tr("utan aktivitet")))
        row.addWidget(self.idle_save_button)
        row.addWidget(self.idle_status, 1)
        note = QLabel(
            self.tr(
                "Ett låst program visar inga uppgifter förrän lösenordet skrivs igen. Arkiv → Lås nu "
                "(Ctrl+Shift+L) låser direkt."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        box = QGroupBox(self.tr("Automatisk låsning"))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.idle_message)
        layout.addWidget(note)
        return box

    @Slot()
    def save_idle_lock(self) -> bool:
        minutes, expected = self.idle_minutes.value(), self.idle_version
        saved, error = attempt(
            self.ctx,
            lambda s: service.save_idle_lock(s, self.ctx.actor, minutes, expected_version=expected).version,
            "settings",
        )
        if error is not None:
            self.idle_message.show_message(message(error), "error")
            self.idle_status.clear()
            if isinstance(error, ConflictError):
                self._load_idle_lock()  # another PC saved first: its time is shown
            return False
        assert saved is not None
        if self.version == expected:  # this change alone does not make the typed-in form out of date
            self.version = saved
        self.idle_version = saved
        self.idle_message.clear_message()
        self.idle_status.setText(self.tr("Sparat."))
        return True

    def _load_idle_lock(self) -> None:
        """The idle time as stored, and the row's version to pass with the next save."""

        def load(session):
            coop = core_context.cooperative(session)
            return coop.idle_lock_minutes or 10, coop.version if coop.id else 0

        loaded = self.ctx.read_or_keep(load)
        if loaded is not None:
            minutes, self.idle_version = loaded
            self.idle_minutes.setValue(minutes)

    # --- backups -------------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        from coopdesk.storage import config

        self.backup_folder = QLabel(str(config.backup_folder()))
        self.backup_folder.setWordWrap(True)
        self.backup_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("Välj &mapp…"))
        choose.clicked.connect(self._choose_backup_folder)
        default = QPushButton(self.tr("Standardma&pp"))
        default.clicked.connect(lambda: self.set_backup_folder(None))
        note = QLabel(
            self.tr(
                "Säkerhetskopior tas när programmet stängs och en gång om dagen. Ett USB-minne eller en "
                "nätverksmapp är bra: då finns uppgifterna kvar om datorn går sönder."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        box = QGroupBox(self.tr("Säkerhetskopior"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.backup_folder)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(default)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(note)
        return box

    def _choose_backup_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Mapp för säkerhetskopior"), self.backup_folder.text())
        if folder:
            self.set_backup_folder(Path(folder))

    def set_backup_folder(self, folder: Path | None) -> bool:
        from coopdesk.core.errors import CoopdeskError
        from coopdesk.storage import config
        from coopdesk.ui.errors import show_error

        try:
            config.set_backup_folder(folder)
        except CoopdeskError as error:
            show_error(self, error)
            return False
        self.backup_folder.setText(str(config.backup_folder()))
        return True

    def _language_chosen(self, _index: int) -> None:
        i18n.set_chosen_language(self.language.currentData())
