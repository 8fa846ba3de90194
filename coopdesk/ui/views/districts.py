"""Beställare — the funding districts and their dated tariffs.

A tariff applies to every month whose first day it is in effect on, so a new tariff (or the removal of
one) that would change an attested month is refused with the lock's message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.districts import DistrictListView, DistrictView, TariffListView
from coopdesk.core.errors import ConflictError
from coopdesk.core.services import districts as service
from coopdesk.core.vocabulary import DISTRICT_KINDS, TARIFF_KINDS
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.districts_model import (
    BandsModel,
    DistrictItem,
    DistrictsModel,
    TariffItem,
    TariffsModel,
    kind_name,
    number_text,
    tariff_kind_name,
)
from coopdesk.ui.views.form_kit import ID_ROLE, FormDialog, attempt, message, plain_table
from coopdesk.ui.views.settings_invoicing import invoicing_dialog
from coopdesk.ui.widgets import Banner


class DistrictDialog(FormDialog):
    """Ny beställare… / Ändra…"""

    def __init__(self, ctx: AppContext, district: DistrictItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny beställare") if district is None else self.tr("Ändra beställare"))
        self.ctx, self.district = ctx, district
        self.saved_id: int | None = None
        self.name = QLineEdit()
        self.name.setMinimumWidth(360)
        self.kind = QComboBox()
        for kind in DISTRICT_KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("Enhet, handläggare, telefon"))
        self.contact.setMinimumWidth(460)
        self.full_number = QCheckBox(self.tr("&Visa fullständigt personnummer i redovisningen"))
        self.form.addRow(self.tr("&Namn"), self.name)
        self.form.addRow(self.tr("&Typ"), self.kind)
        self.form.addRow(self.tr("&Kontakt"), self.contact)
        self.form.addRow("", self.full_number)
        self._fill(district)

    def _fill(self, district: DistrictItem | None) -> None:
        self.name.setText(district.name if district else "")
        self.kind.setCurrentIndex(DISTRICT_KINDS.index(district.kind) if district else 0)
        self.contact.setText(district.contact or "" if district else "")
        self.contact.setCursorPosition(0)
        self.full_number.setChecked(bool(district and district.show_full_personal_number))

    def reload(self) -> None:
        """After another PC's change: the form shows what it saved, and its version is the one passed next."""
        if self.district is None:
            return
        did = self.district.id
        fresh = self.ctx.query_or_keep(DistrictView(did))
        if fresh is not None:
            self.district = fresh
            self._fill(fresh)

    def save(self) -> bool:
        actor, name, kind = self.ctx.actor, self.name.text(), self.kind.currentData()
        contact, full = self.contact.text(), self.full_number.isChecked()
        if self.district is None:
            result, error = attempt(
                self.ctx,
                lambda s: (
                    service.add_district(s, actor, name, kind, contact=contact, show_full_personal_number=full).id
                ),
                "districts",
            )
        else:
            did, expected = self.district.id, self.district.version
            result, error = attempt(
                self.ctx,
                lambda s: (
                    service.update_district(
                        s,
                        actor,
                        did,
                        name=name,
                        kind=kind,
                        contact=contact,
                        show_full_personal_number=full,
                        expected_version=expected,
                    ).id
                ),
                "districts",
            )
            if isinstance(error, ConflictError):
                self.reload()  # said in the dialog; what was typed gives way to the stored values
        self.saved_id = result
        return self.show_result(error)


class TariffDialog(FormDialog):
    """Ny ersättning…: the fields follow the kind (per day, per hour, per month with its bands)."""

    def __init__(
        self, ctx: AppContext, district: DistrictItem, valid_from: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny ersättning – %1").replace("%1", district.name))
        self.ctx, self.district = ctx, district
        self.valid_from = DateField(valid_from)
        self.kind = QComboBox()
        for kind in TARIFF_KINDS:
            self.kind.addItem(tariff_kind_name(kind), kind)
        self.form.addRow(self.tr("&Gäller från"), self.valid_from)
        self.form.addRow(self.tr("&Ersättning"), self.kind)

        self.full_day, self.half_day = QLineEdit(), QLineEdit()
        self.full_day_min, self.half_day_min = QLineEdit(), QLineEdit()
        self.half_day.setPlaceholderText(self.tr("valfritt"))
        for edit in (self.full_day_min, self.half_day_min):
            edit.setPlaceholderText("0")
        self.hourly = QLineEdit()
        self.bands = BandsModel(self)
        self.bands_table = plain_table(self.bands, "bandsTable")
        self.bands_table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.bands_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.bands_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bands_table.setMinimumHeight(130)
        add_band = QPushButton(self.tr("Lägg till &rad"))
        add_band.clicked.connect(self._add_band)
        remove_band = QPushButton(self.tr("Ta &bort rad"))
        remove_band.clicked.connect(lambda: self.bands.remove_row(self.bands_table.currentIndex().row()))
        self.bands_box = QWidget()
        bands_layout = QVBoxLayout(self.bands_box)
        bands_layout.setContentsMargins(0, 0, 0, 0)
        bands_label = QLabel(self.tr("Beloppet för det högsta intervall som medlemmens omfattning når:"))
        bands_label.setWordWrap(True)
        bands_layout.addWidget(bands_label)
        bands_layout.addWidget(self.bands_table)
        band_buttons = QHBoxLayout()
        band_buttons.addWidget(add_band)
        band_buttons.addWidget(remove_band)
        band_buttons.addStretch(1)
        bands_layout.addLayout(band_buttons)
        self.none_note = QLabel(self.tr("Inga belopp: redovisningen visar bara närvaron."))

        #: the form's rows of each kind, shown only while that kind is chosen
        self.kind_rows: dict[str, list[QWidget]] = {
            "none": [self.none_note],
            "per_day": [self.full_day, self.full_day_min, self.half_day, self.half_day_min],
            "per_hour": [self.hourly],
            "per_month": [self.bands_box],
        }
        self.form.addRow(self.none_note)
        self.form.addRow(self.tr("He&ldagsbelopp (kr)"), self.full_day)
        self.form.addRow(self.tr("Minsta tid för &heldag (tim)"), self.full_day_min)
        self.form.addRow(self.tr("Hal&vdagsbelopp (kr)"), self.half_day)
        self.form.addRow(self.tr("Minsta tid för h&alvdag (tim)"), self.half_day_min)
        self.form.addRow(self.tr("&Timbelopp (kr)"), self.hourly)
        self.form.addRow(self.bands_box)
        note = QLabel(self.tr("Ersättningen som gäller den första dagen i en månad gäller hela månaden."))
        note.setStyleSheet("color: #6b7280;")
        self.form.addRow(note)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self.kind.setCurrentIndex(TARIFF_KINDS.index("per_day"))
        self._show_kind()
        self.setMinimumWidth(520)

    def _show_kind(self) -> None:
        chosen = self.kind.currentData()
        for kind, widgets in self.kind_rows.items():
            for widget in widgets:
                self.form.setRowVisible(widget, kind == chosen)
        self.adjustSize()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(TARIFF_KINDS.index(kind))

    def _add_band(self) -> None:
        row = self.bands.add_row()
        self.bands_table.setFocus()
        self.bands_table.setCurrentIndex(self.bands.index(row, 0))

    def save(self) -> bool:
        editor = QApplication.focusWidget()
        if editor is not None and self.bands_table.isAncestorOf(editor):  # a band cell still being typed
            self.bands_table.commitData(editor)
            self.bands_table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        kind, day = self.kind.currentData(), self.valid_from.typed_day()
        if day is None:
            return False
        did, actor = self.district.id, self.ctx.actor
        values: dict[str, object] = {}
        if kind == "per_day":
            values = {
                "full_day_amount": number_text(self.full_day.text()),
                "half_day_amount": number_text(self.half_day.text()) or None,
                "full_day_min_hours": number_text(self.full_day_min.text()) or None,
                "half_day_min_hours": number_text(self.half_day_min.text()) or None,
            }
        elif kind == "per_hour":
            values = {"hourly_amount": number_text(self.hourly.text())}
        elif kind == "per_month":
            values = {"bands": self.bands.bands()}
        _, error = attempt(self.ctx, lambda s: service.add_tariff(s, actor, did, day, kind, **values), "districts")
        return self.show_result(error)


class DistrictsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.district_id: int | None = None
        #: Asked before a tariff is removed; tests replace it (a QMessageBox would block them).
        self.confirm: Callable[[str], bool] = self._ask

        self.districts_model = DistrictsModel(self)
        self.tariffs_model = TariffsModel(self)
        self.districts_table = plain_table(self.districts_model, "districtsTable")
        header = self.districts_table.horizontalHeader()
        header.setSectionResizeMode(DistrictsModel.CONTACT, QHeaderView.ResizeMode.Stretch)
        for column in (DistrictsModel.NAME, DistrictsModel.KIND, DistrictsModel.FULL_NUMBER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.districts_table.selectionModel().currentRowChanged.connect(self._district_chosen)
        self.districts_table.activated.connect(lambda _index: self.edit_district())
        self.tariffs_table = plain_table(self.tariffs_model, "tariffsTable")
        header = self.tariffs_table.horizontalHeader()
        header.setSectionResizeMode(TariffsModel.TARIFF, QHeaderView.ResizeMode.Stretch)
        for column in (TariffsModel.FROM, TariffsModel.UNTIL):
            self.tariffs_table.setColumnWidth(column, 120)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.tariffs_table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_tariff)

        new_district = QPushButton(self.tr("&Ny beställare…"))
        new_district.clicked.connect(self.new_district)
        edit_district = QPushButton(self.tr("Än&dra…"))
        edit_district.clicked.connect(self.edit_district)
        self.invoicing_button = QPushButton(self.tr("Fa&kturering…"))
        tip = self.tr("Beställarens uppgifter för e-faktura: Peppol-id, referenskod, adress")
        self.invoicing_button.setToolTip(tip)
        self.invoicing_button.clicked.connect(self.edit_invoicing)
        self.invoicing_dialog: QDialog | None = None
        self.new_tariff_button = QPushButton(self.tr("Ny er&sättning…"))
        self.new_tariff_button.clicked.connect(self.new_tariff)
        self.remove_tariff_button = QPushButton(self.tr("&Ta bort ersättning"))
        self.remove_tariff_button.setToolTip(self.tr("Ta bort den markerade ersättningen (Delete)"))
        self.remove_tariff_button.clicked.connect(self.remove_tariff)

        title = QLabel(self.tr("Beställare"))
        title.setObjectName("viewTitle")
        title.setStyleSheet("QLabel#viewTitle { font-size: 16pt; font-weight: 600; }")
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(new_district)
        top.addWidget(edit_district)
        top.addWidget(self.invoicing_button)
        self.tariffs_title = QLabel()
        self.tariffs_title.setObjectName("tariffsTitle")
        self.tariffs_title.setStyleSheet("QLabel#tariffsTitle { font-weight: 600; }")
        middle = QHBoxLayout()
        middle.addWidget(self.tariffs_title, 1)
        middle.addWidget(self.new_tariff_button)
        middle.addWidget(self.remove_tariff_button)
        self.message = Banner()
        note = QLabel(
            self.tr(
                "Ersättningen som gäller den första dagen i en månad gäller hela månaden. "
                "En ersättning som skulle ändra en attesterad månad kan inte läggas till eller tas bort."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.districts_table, 2)
        layout.addSpacing(8)
        layout.addLayout(middle)
        layout.addWidget(self.tariffs_table, 3)
        layout.addWidget(self.message)
        layout.addWidget(note)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.districts_table

    def refresh(self) -> None:
        districts = self.ctx.query(DistrictListView())
        self.districts_model.set_items(districts)
        if self.districts_model.row_of(self.district_id) < 0:
            self.district_id = districts[0].id if districts else None
        self.districts_table.setCurrentIndex(
            self.districts_model.index(self.districts_model.row_of(self.district_id), 0)
        )
        self._load_tariffs()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("districts", "settings", "locks", "all"):
            self.refresh()

    def _district(self) -> DistrictItem | None:
        row = self.districts_model.row_of(self.district_id)
        return self.districts_model.rows[row] if row >= 0 else None

    def _district_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        did = current.data(ID_ROLE) if current.isValid() else None
        if did is not None and did != self.district_id:
            self.district_id = did
            self.message.clear_message()
            self._load_tariffs()

    def _load_tariffs(self) -> None:
        district, did = self._district(), self.district_id
        self.tariffs_model.set_items(self.ctx.query(TariffListView(did)) if did is not None else [])
        self.tariffs_title.setText(
            self.tr("Ersättningar – %1").replace("%1", district.name) if district else self.tr("Ersättningar")
        )
        self.new_tariff_button.setEnabled(district is not None)
        self.remove_tariff_button.setEnabled(self.tariffs_model.rowCount() > 0)
        if self.tariffs_model.rowCount() and not self.tariffs_table.currentIndex().isValid():
            self.tariffs_table.setCurrentIndex(self.tariffs_model.index(self.tariffs_model.rowCount() - 1, 0))

    def _current_tariff(self) -> TariffItem | None:
        index = self.tariffs_table.currentIndex()
        rows = self.tariffs_model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    # --- changes -------------------------------------------------------------------------------

    def _ask(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("Ta bort ersättning"), text) == QMessageBox.StandardButton.Yes

    def new_district(self) -> None:
        dialog = DistrictDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.district_id = dialog.saved_id
            self.refresh()

    def edit_district(self) -> None:
        district = self._district()
        if district is not None:
            DistrictDialog(self.ctx, district, self).exec()

    def edit_invoicing(self) -> None:
        """Fakturering…: the chosen district's invoicing details (the form of Inställningar, on this district)."""
        district = self._district()
        if district is not None:
            self.invoicing_dialog = invoicing_dialog(self.ctx, self, district.id)
            self.invoicing_dialog.open()

    def default_valid_from(self) -> dt.date:
        """The first day of next month, or of the month after the latest tariff if that is later."""
        today = dt.date.today()
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        latest = max((t.valid_from for t in self.tariffs_model.rows), default=None)
        if latest is not None and latest >= first:
            first = (latest.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return first

    def new_tariff(self) -> None:
        district = self._district()
        if district is not None:
            TariffDialog(self.ctx, district, self.default_valid_from(), self).exec()

    def remove_tariff(self) -> None:
        tariff, district = self._current_tariff(), self._district()
        if tariff is None or district is None:
            return
        text = self.tr("Ta bort ersättningen från %1 för %2?").replace("%1", tariff.valid_from.isoformat())
        if not self.confirm(text.replace("%2", district.name)):
            return
        # The tariff as shown: one another PC has removed since (and the view now no longer shows) is refused.
        _, error = attempt(
            self.ctx,
            lambda s: service.remove_tariff(s, self.ctx.actor, tariff.id, expected_version=tariff.version),
            "districts",
        )
        if error is not None:
            self.message.show_message(message(error), "error")
        else:
            self.message.clear_message()
