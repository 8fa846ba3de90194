"""Inställningar — Fakturering: the invoicing details an e-invoice needs (domain.md §9, docs/rules.md "E-invoices").

``InvoicingBox`` is one box of ``SettingsView`` (ui/views/settings.py). A list at the top chooses whose
details are shown: the cooperative's (Peppol id, VAT number or F-tax, address, bankgiro/plusgiro, payment
terms, the invoice number series) or a district's (org number, Peppol id, buyer reference, address). Each
value is checked when it is saved (core/services/invoicing.py), with the rule's message beside the form.
Its strings keep the translation context "SettingsView", like the other boxes.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.services import invoicing, lookups
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.views.form_kit import MUTED, attempt, message
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate
COOPERATIVE = 0  # the choice of the list: the cooperative; a district is its id


class InvoicingBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Fakturering (e-faktura)"), parent)
        self.ctx = ctx
        self.whose = QComboBox()
        self.whose.setObjectName("invoicingWhose")
        self.whose.currentIndexChanged.connect(lambda _i: self.load())
        whose_label = QLabel(translate("SettingsView", "&Uppgifter för:"))
        whose_label.setBuddy(self.whose)

        def line(name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            return edit

        self.seller = {
            "peppol_id": line("sellerPeppol", "0007:8024001235"),
            "vat_number": line("sellerVat", "SE802400123501"),
            "street": line("sellerStreet"),
            "postcode": line("sellerPostcode", "111 22"),
            "city": line("sellerCity"),
            "bankgiro": line("sellerBankgiro", "5050-1055"),
            "plusgiro": line("sellerPlusgiro"),
            "number_prefix": line("sellerPrefix", "F"),
        }
        self.f_tax = QCheckBox(translate("SettingsView", "Godkänd för F-skatt"))
        self.payment_days = QSpinBox()
        self.payment_days.setRange(0, 365)
        self.payment_days.setSuffix(translate("SettingsView", " dagar"))
        self.next_number = QSpinBox()
        self.next_number.setRange(1, 999_999_999)
        seller_page = QWidget()
        form = QFormLayout(seller_page)
        for label, widget in (
            (translate("SettingsView", "Peppol-id:"), self.seller["peppol_id"]),
            (translate("SettingsView", "Momsregistreringsnummer:"), self.seller["vat_number"]),
            ("", self.f_tax),
            (translate("SettingsView", "Gatuadress:"), self.seller["street"]),
            (translate("SettingsView", "Postnummer:"), self.seller["postcode"]),
            (translate("SettingsView", "Ort:"), self.seller["city"]),
            (translate("SettingsView", "Bankgiro:"), self.seller["bankgiro"]),
            (translate("SettingsView", "Plusgiro:"), self.seller["plusgiro"]),
            (translate("SettingsView", "Betalningsvillkor:"), self.payment_days),
            (translate("SettingsView", "Fakturanummer, prefix:"), self.seller["number_prefix"]),
            (translate("SettingsView", "Nästa fakturanummer:"), self.next_number),
        ):
            form.addRow(label, widget)
        self.buyer = {
            "org_number": line("buyerOrg", "212000-0142"),
            "peppol_id": line("buyerPeppol", "0007:2120000142"),
            "buyer_reference": line("buyerReference"),
            "street": line("buyerStreet"),
            "postcode": line("buyerPostcode"),
            "city": line("buyerCity"),
        }
        buyer_page = QWidget()
        form = QFormLayout(buyer_page)
        for label, key in (
            (translate("SettingsView", "Organisationsnummer:"), "org_number"),
            (translate("SettingsView", "Peppol-id eller GLN:"), "peppol_id"),
            (translate("SettingsView", "Referenskod:"), "buyer_reference"),
            (translate("SettingsView", "Gatuadress:"), "street"),
            (translate("SettingsView", "Postnummer:"), "postcode"),
            (translate("SettingsView", "Ort:"), "city"),
        ):
            form.addRow(label, self.buyer[key])
        self.pages = QStackedWidget()
        self.pages.addWidget(seller_page)
        self.pages.addWidget(buyer_page)
        self.save_button = QPushButton(translate("SettingsView", "Spara &faktureringsuppgifter"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setStyleSheet(MUTED)
        self.message = Banner()
        top = QHBoxLayout()
        top.addWidget(whose_label)
        top.addWidget(self.whose, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        tip = translate("SettingsView", "Bara en administratör kan ändra inställningarna.")
        for target in (*self.seller.values(), *self.buyer.values(), self.f_tax, self.payment_days, self.next_number):
            admin_only(ctx.actor, target, tip)
        admin_only(ctx.actor, self.save_button, tip)

    def fill_districts(self, whose: int | None = None) -> None:
        """The list of whose details; ``whose`` chooses one (a district's id, or COOPERATIVE)."""
        current = self.whose.currentData() if whose is None else whose
        districts = self.ctx.read_or_keep(lambda s: [(d.id, d.name) for d in lookups.districts(s)]) or []
        self.whose.blockSignals(True)
        self.whose.clear()
        self.whose.addItem(translate("SettingsView", "Kooperativet"), COOPERATIVE)
        for district_id, name in districts:
            self.whose.addItem(name, district_id)
        self.whose.setCurrentIndex(max(0, self.whose.findData(current)))
        self.whose.blockSignals(False)
        self.load()

    def load(self) -> None:
        whose = self.whose.currentData() or COOPERATIVE
        self.pages.setCurrentIndex(0 if whose == COOPERATIVE else 1)
        self.message.clear_message()
        self.status.clear()
        if whose == COOPERATIVE:
            seller = self.ctx.read_or_keep(invoicing.seller)
            if seller is None:
                return
            for key, edit in self.seller.items():
                edit.setText(getattr(seller, key) or "")
            self.f_tax.setChecked(seller.f_tax)
            self.payment_days.setValue(seller.payment_days)
            self.next_number.setValue(seller.next_number)
            return
        buyer = self.ctx.read_or_keep(lambda s: invoicing.buyer(s, whose))
        if buyer is not None:
            for key, edit in self.buyer.items():
                edit.setText(getattr(buyer, key) or "")

    @Slot()
    def save(self) -> bool:
        whose = self.whose.currentData() or COOPERATIVE
        actor = self.ctx.actor
        if whose == COOPERATIVE:
            details = invoicing.SellerDetails(
                **{key: edit.text() for key, edit in self.seller.items()},
                f_tax=self.f_tax.isChecked(),
                payment_days=self.payment_days.value(),
                next_number=self.next_number.value(),
            )
            saved, error = attempt(self.ctx, lambda s: invoicing.save_seller(s, actor, details), "settings")
        else:
            buyer = invoicing.BuyerDetails(**{key: edit.text() for key, edit in self.buyer.items()})
            saved, error = attempt(self.ctx, lambda s: invoicing.save_buyer(s, actor, whose, buyer), "settings")
        if error is not None:
            self.message.show_message(message(error), "error")
            self.status.clear()
            return False
        assert saved is not None
        edits = self.seller if whose == COOPERATIVE else self.buyer
        for key, value in dataclasses.asdict(saved).items():  # as stored: "50501055", "111 22"
            if key in edits:
                edits[key].setText(value or "")
        self.message.clear_message()
        self.status.setText(translate("SettingsView", "Sparat."))
        return True


class InvoicingSummary(QGroupBox):
    """What Inställningar shows: a line about the invoicing details and a button to the form (in a dialog of
    its own, so that the settings still fit a small screen)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Fakturering (e-faktura)"), parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(MUTED)
        self.open_button = QPushButton(translate("SettingsView", "&Faktureringsuppgifter…"))
        self.open_button.clicked.connect(self.open_form)
        row = QHBoxLayout(self)
        row.addWidget(self.summary, 1)
        row.addWidget(self.open_button)
        self.dialog: QDialog | None = None

    def load(self) -> None:
        seller = self.ctx.read_or_keep(invoicing.seller)
        if seller is None:
            return
        if seller.peppol_id:
            self.summary.setText(
                translate("SettingsView", "Peppol-id %1 · nästa fakturanummer %2")
                .replace("%1", seller.peppol_id)
                .replace("%2", f"{seller.number_prefix}{seller.next_number}")
            )
        else:
            self.summary.setText(translate("SettingsView", "Inte ifyllt: behövs för e-fakturor till beställarna."))

    @Slot()
    def open_form(self) -> None:
        """The form in a dialog; ``self.dialog.form`` is the InvoicingBox (tests fill it)."""
        self.dialog = invoicing_dialog(self.ctx, self)
        self.dialog.finished.connect(lambda _r: self.load())
        self.dialog.open()


def invoicing_dialog(ctx: AppContext, parent: QWidget, whose: int = COOPERATIVE) -> QDialog:
    """The invoicing form in a dialog of its own, showing ``whose`` details first: Inställningar opens it on
    the cooperative's, Beställare on the chosen district's. ``dialog.form`` is the InvoicingBox."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("SettingsView", "Faktureringsuppgifter"))
    form = InvoicingBox(ctx, dialog)
    form.fill_districts(whose)
    close = QPushButton(translate("SettingsView", "Stäng"))
    close.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(form)
    layout.addWidget(close)
    dialog.form = form  # type: ignore[attr-defined]
    return dialog
