"""The member editor: tabs Uppgifter, Beslut, Omfattning, Närvaro (ui-sv.md), and for a saved member the
social documentation: Genomförandeplan, Journal, Avvikelser (views/member_social.py).

Uppgifter is a form saved with Spara; the personal number is checked as it is typed and Spara stays
disabled while it is wrong. Placements and capacity are changed one at a time through small dialogs,
each one change through the services (so a locked month or an overlap is refused with the service's
message and nothing changes). Capacity history is only ever added to. A new member must be saved
before the other tabs open. Every dialog has a ``save()`` that does what its Spara button does.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.members import ATTENDANCE_WEEKS, MemberDetails, MemberEditorView, PlacementRow, SaveMember
from coopdesk.core.errors import ValidationError
from coopdesk.core.numbers import round_half_up
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.rules import require_text
from coopdesk.core.services.month_to_date import MonthToDate
from coopdesk.ui import errors, formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.member_dialogs import (
    ERROR_STYLE,
    HINT_STYLE,
    CapacityDialog,
    ChangeDialog,
    EndPlacementDialog,
    MoveDialog,
    PlacementDialog,
    make_table,
    with_message,
)
from coopdesk.ui.views.members_model import AttendanceModel, CapacityModel, PlacementsModel


class MemberEditor(QDialog):
    def __init__(
        self, ctx: AppContext, member_id: int | None, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.today = today or dt.date.today()
        self.details: MemberDetails | None = None
        self.dialog: ChangeDialog | None = None  # the open sub-dialog, if any
        self.districts: list[tuple[int, str]] = []
        self.opening: frozenset[int] = frozenset()
        self.placements = PlacementsModel(self)
        self.capacities = CapacityModel(self)
        self.attendance = AttendanceModel(self)
        for model in (self.placements, self.capacities, self.attendance):
            model.today = self.today

        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("&Uppgifter"))
        self.tabs.addTab(self._placements_tab(), self.tr("&Beslut"))
        self.tabs.addTab(self._capacity_tab(), self.tr("&Omfattning"))
        self.tabs.addTab(self._attendance_tab(), self.tr("&Närvaro"))
        self.social: dict[str, QWidget] = {}
        if member_id is not None:  # the documentation of a saved member; each tab reads (and logs) when shown
            from coopdesk.ui.views.member_social import JournalTab, MemberDeviationsTab, PlanTab

            self.social = {
                "plan": PlanTab(ctx, member_id, self),
                "journal": JournalTab(ctx, member_id, self),
                "deviations": MemberDeviationsTab(ctx, member_id, self),
            }
            self.tabs.addTab(self.social["plan"], self.tr("&Genomförandeplan"))
            self.tabs.addTab(self.social["journal"], self.tr("&Journal"))
            self.tabs.addTab(self.social["deviations"], self.tr("A&vvikelser"))
            self.tabs.currentChanged.connect(self._tab_shown)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(820, 520)
        ctx.changed.connect(self._data_changed)
        self._listening = True
        self.load(fields=True)
        if member_id is None:  # Ny medlem: start typing the name at once
            self.tabs.setCurrentIndex(0)
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- tabs ----------------------------------------------------------------------------------

    TAB_NAMES: ClassVar[dict[str, int]] = {"details": 0, "placements": 1, "capacity": 2, "attendance": 3}

    def show_tab(self, name: str) -> QWidget:
        """The tab ``name`` (``plan``, ``journal``, ``deviations``, ``placements`` …), shown and focused."""
        widget = self.social.get(name)
        index = self.tabs.indexOf(widget) if widget is not None else self.TAB_NAMES.get(name, 0)
        self.tabs.setCurrentIndex(index)
        shown = self.tabs.widget(index)
        target = getattr(shown, "focus_target", None)
        (target() if callable(target) else shown).setFocus()
        return shown

    @Slot(int)
    def _tab_shown(self, index: int) -> None:
        loader = getattr(self.tabs.widget(index), "ensure_loaded", None)
        if loader is not None:
            loader()

    def _details_tab(self) -> QWidget:
        page = QWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_message = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("personalNumberEdit")
        self.number_edit.setPlaceholderText(self.tr("ÅÅÅÅMMDD-NNNN"))
        self.number_message = QLabel()
        self.area_combo = QComboBox()
        for label in (self.name_message, self.number_message):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("&Spara"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.name_edit.textEdited.connect(lambda _t: self.validate(touched=True))
        self.number_edit.textEdited.connect(lambda _t: self.validate(touched=True))
        self.number_edit.editingFinished.connect(lambda: self.validate(touched=True, finished=True))
        self.area_combo.currentIndexChanged.connect(lambda _i: self.validate())
        self.new_note = QLabel(self.tr("Spara uppgifterna först. Sedan kan du lägga till beslut och omfattning."))
        self.new_note.setStyleSheet(HINT_STYLE)
        self.new_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Na&mn"), with_message(self.name_edit, self.name_message))
        form.addRow(self.tr("&Personnummer"), with_message(self.number_edit, self.number_message))
        form.addRow(self.tr("Huvudsakligt &arbetsområde"), self.area_combo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.new_note)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _placements_tab(self) -> QWidget:
        page = QWidget()
        self.placement_table = make_table(self.placements)
        self.add_placement_button = QPushButton(self.tr("&Lägg till beslut…"))
        self.add_placement_button.clicked.connect(self.add_placement)
        self.end_placement_button = QPushButton(self.tr("A&vsluta beslut…"))
        self.end_placement_button.clicked.connect(self.end_placement)
        self.move_button = QPushButton(self.tr("&Flytta till annan beställare…"))
        self.move_button.clicked.connect(self.move_member)
        buttons = QHBoxLayout()
        for button in (self.add_placement_button, self.end_placement_button, self.move_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.placement_table, 1)
        layout.addLayout(buttons)
        return page

    def _capacity_tab(self) -> QWidget:
        page = QWidget()
        self.capacity_table = make_table(self.capacities)
        self.add_capacity_button = QPushButton(self.tr("N&y omfattning…"))
        self.add_capacity_button.clicked.connect(self.add_capacity)
        note = QLabel(self.tr("Omfattningen gäller från sitt datum tills nästa börjar. Historiken ändras inte."))
        note.setStyleSheet(HINT_STYLE)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_capacity_button)
        buttons.addWidget(note, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.capacity_table, 1)
        layout.addLayout(buttons)
        return page

    def _attendance_tab(self) -> QWidget:
        page = QWidget()
        self.attendance_table = make_table(self.attendance)
        self.attendance_summary = QLabel()
        self.attendance_summary.setWordWrap(True)
        self.month_summary = QLabel()  # this month to date beside the whole month (issue 12)
        self.month_summary.setObjectName("monthSummary")
        self.month_summary.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.attendance_table, 1)
        layout.addWidget(self.attendance_summary)
        layout.addWidget(self.month_summary)
        return page

    # --- loading -------------------------------------------------------------------------------

    def load(self, fields: bool = False) -> None:
        """Read the member again; ``fields`` also resets the Uppgifter form (else unsaved typing stays)."""
        member_id, today = self.member_id, self.today

        data = self.ctx.query(MemberEditorView(member_id, today))
        self.districts, self.opening, self.details, self.month_figures = (
            data.districts,
            data.opening,
            data.details,
            data.month,
        )
        areas = data.areas
        if fields:
            self.area_combo.blockSignals(True)
            self.area_combo.clear()
            self.area_combo.addItem(self.tr("(inget)"), None)
            for area_id, name in areas:
                self.area_combo.addItem(name, area_id)
            self.area_combo.blockSignals(False)
            if self.details is not None:
                self.name_edit.setText(self.details.name)
                self.number_edit.setText(self.details.personal_number)
                self.area_combo.setCurrentIndex(max(self.area_combo.findData(self.details.primary_work_area_id), 0))
        saved = self.details is not None
        self.new_note.setVisible(not saved)
        self.setWindowTitle(self.details.name if saved else self.tr("Ny medlem"))
        for tab in (1, 2, 3):
            self.tabs.setTabEnabled(tab, saved)
            self.tabs.setTabToolTip(tab, "" if saved else self.tr("Spara uppgifterna först."))
        if self.details is not None:
            self.placements.set_rows(self.details.placements)
            self.capacities.set_rows(self.details.capacities)
            self.attendance.set_rows(self.details.attendance)
            self._select_current_placement()
            self._update_attendance_summary()
            self._update_month_summary(self.month_figures)
        self.validate()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if self.member_id is not None and kind in ("members", "attendance", "districts", "all"):
            self.load()

    def _select_current_placement(self) -> None:
        if self.placement_table.currentIndex().isValid() or not self.placements.rows:
            return
        rows = self.placements.rows
        active = [i for i, p in enumerate(rows) if p.active_on(self.today)]
        self.placement_table.selectRow(active[0] if active else len(rows) - 1)

    def _update_attendance_summary(self) -> None:
        present, attended, planned, unregistered = self.attendance.summary()
        text = (
            self.tr("Senaste %1 veckorna: %2 dagar närvarande · %3 av %4 tim")
            .replace("%1", str(ATTENDANCE_WEEKS))
            .replace("%2", str(present))
            .replace("%3", formats.decimal(attended, 1))
            .replace("%4", formats.decimal(round_half_up(planned, 1), 1))
        )
        if planned:
            rate = round_half_up(Fraction(attended) * 100 / planned, 1)
            text += self.tr(" (närvarograd %1 %)").replace("%1", formats.decimal(rate, 1))
        if unregistered == 1:
            text += self.tr(" · 1 planerad dag utan registrering")
        elif unregistered:
            text += self.tr(" · %1 planerade dagar utan registrering").replace("%1", str(unregistered))
        self.attendance_summary.setText(text)

    def _update_month_summary(self, figures: MonthToDate | None) -> None:
        """'Hittills i november (t.o.m. 2026-11-26): … · Hela november: …' (docs/rules.md)."""
        if figures is None or figures.to_date is None or figures.through is None:
            self.month_summary.clear()
            self.month_summary.setVisible(False)
            return
        month = formats.month_in_sentence(figures.month).split(" ")[0]
        if figures.through < figures.month.first:
            so_far = self.tr("Hittills i %1: inga dagar ännu").replace("%1", month)
        else:
            so_far = (
                self.tr("Hittills i %1 (t.o.m. %2): %3 av %4 tim")
                .replace("%1", month)
                .replace("%2", figures.through.isoformat())
                .replace("%3", formats.decimal(figures.to_date.attended_hours, 1))
                .replace("%4", formats.decimal(round_half_up(figures.to_date.planned_hours, 1), 1))
            )
            rate = figures.to_date.attendance_rate
            if rate is not None:
                so_far += self.tr(" (närvarograd %1 %)").replace("%1", formats.decimal(rate, 1))
        whole = (
            self.tr("Hela %1: %2 tim planerade")
            .replace("%1", month)
            .replace("%2", formats.decimal(round_half_up(figures.whole.planned_hours, 1), 1))
        )
        self.month_summary.setText(f"{so_far} · {whole}")
        self.month_summary.setVisible(True)

    # --- Uppgifter -----------------------------------------------------------------------------

    def _message(self, label: QLabel, text: str, style: str) -> None:
        label.setText(text)
        label.setStyleSheet(style)
        label.setVisible(bool(text))

    def validate(self, touched: bool = False, finished: bool = False) -> bool:
        """Check the form as it is typed; Spara is enabled only when it can be saved."""
        language = errors.language()
        name_ok = number_ok = True
        try:
            require_text(self.name_edit.text(), "name", "Namnet", "The name")
            self._message(self.name_message, "", "")
        except ValidationError as error:
            name_ok = False
            self._message(self.name_message, error.message(language) if touched else "", ERROR_STYLE)
        text = self.number_edit.text()
        try:
            number = normalize_personal_number(text, self.today)
            shown = self.tr("Sparas som %1").replace("%1", number) if number != text.strip() else ""
            self._message(self.number_message, shown, HINT_STYLE)
        except ValidationError as error:
            number_ok = False
            digits = sum(c.isdigit() for c in text)
            if not text.strip() and not finished:
                self._message(self.number_message, "", "")
            elif digits < 10 and not finished:  # still typing: say how, not what is wrong
                self._message(self.number_message, self.tr("Skriv personnumret som ÅÅÅÅMMDD-NNNN."), HINT_STYLE)
            else:
                self._message(self.number_message, error.message(language), ERROR_STYLE)
        self.save_button.setEnabled(name_ok and number_ok and self.is_dirty())
        return name_ok and number_ok

    def is_dirty(self) -> bool:
        if self.details is None:
            return True
        return (
            self.name_edit.text().strip() != self.details.name
            or self.number_edit.text().strip() != self.details.personal_number
            or self.area_combo.currentData() != self.details.primary_work_area_id
        )

    def save(self) -> bool:
        """Save Uppgifter (creating the member if new); on a bad form nothing is saved."""
        if not self.validate(touched=True, finished=True):
            return False
        name, number, area = self.name_edit.text(), self.number_edit.text(), self.area_combo.currentData()
        today, member_id = self.today, self.member_id
        expected = self.details.version if self.details is not None else None

        changes = self.ctx.execute(self, SaveMember(member_id, name, number, area, today, expected))
        saved = None if changes is None else changes.result
        if saved is None:
            if self.details is not None and self.details.version != expected:
                self.load(fields=True)  # another PC saved first: its values are shown (the message said so)
            return False
        self.member_id = saved
        self.load(fields=True)
        if member_id is None:
            self.tabs.setCurrentIndex(1)  # a new member needs a placement next
            self.add_placement_button.setFocus()
        return True

    def done(self, result: int) -> None:
        if self._listening:  # a closed editor no longer follows the data
            self.ctx.changed.disconnect(self._data_changed)
            self._listening = False
        super().done(result)

    def reject(self) -> None:
        typed = self.details is not None or self.name_edit.text() or self.number_edit.text()
        if not (self.is_dirty() and typed) or self.confirm_discard():
            super().reject()

    def confirm_discard(self) -> bool:
        """Ask before unsaved Uppgifter are lost: save them, throw them away, or stay."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Osparade uppgifter"))
        box.setText(self.tr("Uppgifterna är inte sparade."))
        save = box.addButton(self.tr("&Spara"), QMessageBox.ButtonRole.AcceptRole)
        save.setEnabled(self.save_button.isEnabled())
        discard = box.addButton(self.tr("Stäng &utan att spara"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Avbryt"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save:
            return self.save()
        return box.clickedButton() is discard

    # --- placements and capacity ---------------------------------------------------------------

    def selected_placement(self) -> PlacementRow | None:
        index = self.placement_table.currentIndex()
        return self.placements.rows[index.row()] if index.isValid() else None

    def _next_start(self) -> dt.date:
        ends = [p.end for p in self.placements.rows]
        if self.placements.rows and None not in ends:
            return max(self.today, max(e for e in ends if e) + dt.timedelta(days=1))
        return self.today

    def _show(self, dialog: ChangeDialog) -> ChangeDialog:
        """Open a sub-dialog without blocking (tests drive it and call its ``save()``)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def add_placement(self) -> ChangeDialog | None:
        if self.member_id is None:
            return None
        return self._show(PlacementDialog(self.ctx, self.member_id, self.districts, self._next_start(), self))

    def end_placement(self) -> ChangeDialog | None:
        placement = self.selected_placement()
        if placement is None:
            return None
        return self._show(EndPlacementDialog(self.ctx, placement, max(self.today, placement.start), self))

    def move_member(self) -> ChangeDialog | None:
        if self.member_id is None:
            return None
        current = next((p for p in self.placements.rows if p.active_on(self.today)), None)
        others = [d for d in self.districts if current is None or d[1] != current.district]
        return self._show(MoveDialog(self.ctx, self.member_id, others, self.today + dt.timedelta(days=1), self))

    def add_capacity(self) -> ChangeDialog | None:
        if self.member_id is None:
            return None
        rows = self.capacities.rows
        start = self.today if rows else min((p.start for p in self.placements.rows), default=self.today)
        percent = rows[-1].percent if rows else 100
        return self._show(CapacityDialog(self.ctx, self.member_id, start, percent, self.opening, self))
