"""A Peppol BIS Billing 3.0 invoice or credit note (UBL 2.1) from :class:`~coopdesk.core.einvoice.InvoiceData`.

Written with the standard library's ElementTree: no new dependency for one document type. The element
order is UBL 2.1's schema order (the schema is a sequence: the tests validate every document against the
UBL 2.1 XSD). Amounts have two decimals and the currency SEK; every line is VAT category E (exempt) with
the exemption reason (domain.md §9). The document is deterministic: the same data gives the same bytes,
so an invoice written again is identical.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from coopdesk.core.einvoice import CURRENCY, EXEMPTION_CODE, EXEMPTION_REASON, InvoiceData, Line, Party

CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
ROOT_NS = {
    "invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "credit_note": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
ET.register_namespace("cbc", CBC)
ET.register_namespace("cac", CAC)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):.2f}"


class _Writer:
    def __init__(self, root: ET.Element) -> None:
        self.root = root

    @staticmethod
    def cbc(parent: ET.Element, name: str, text: object, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{CBC}}}{name}", attrs)
        element.text = str(text)
        return element

    @staticmethod
    def cac(parent: ET.Element, name: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{CAC}}}{name}")

    def amount(self, parent: ET.Element, name: str, value: Decimal) -> None:
        self.cbc(parent, name, _money(value), currencyID=CURRENCY)


def _vat_scheme(w: _Writer, parent: ET.Element) -> None:
    w.cbc(w.cac(parent, "TaxScheme"), "ID", "VAT")


def _party(w: _Writer, parent: ET.Element, party: Party, *, seller: bool) -> None:
    p = w.cac(parent, "Party")
    if party.endpoint is not None:
        w.cbc(p, "EndpointID", party.endpoint[1], schemeID=party.endpoint[0])
    w.cbc(w.cac(p, "PartyName"), "Name", party.name)
    address = w.cac(p, "PostalAddress")
    if party.street:
        w.cbc(address, "StreetName", party.street)
    if party.city:
        w.cbc(address, "CityName", party.city)
    if party.postcode:
        w.cbc(address, "PostalZone", party.postcode)
    w.cbc(w.cac(address, "Country"), "IdentificationCode", "SE")
    if seller and party.vat_number:
        scheme = w.cac(p, "PartyTaxScheme")
        w.cbc(scheme, "CompanyID", party.vat_number)
        _vat_scheme(w, scheme)
    if seller and party.f_tax:  # the Swedish way to state F-tax approval: a tax registration, scheme TAX
        scheme = w.cac(p, "PartyTaxScheme")
        w.cbc(scheme, "CompanyID", "Godkänd för F-skatt")
        w.cbc(w.cac(scheme, "TaxScheme"), "ID", "TAX")
    legal = w.cac(p, "PartyLegalEntity")
    w.cbc(legal, "RegistrationName", party.name)
    if party.org_number:
        w.cbc(legal, "CompanyID", party.org_number.replace("-", ""), schemeID="0007")


def _tax_category(w: _Writer, parent: ET.Element, name: str, *, reason: bool) -> None:
    category = w.cac(parent, name)
    w.cbc(category, "ID", "E")
    w.cbc(category, "Percent", "0")
    if reason:
        w.cbc(category, "TaxExemptionReasonCode", EXEMPTION_CODE)
        w.cbc(category, "TaxExemptionReason", EXEMPTION_REASON)
    _vat_scheme(w, category)


def _line(w: _Writer, data: InvoiceData, line: Line) -> None:
    credit = data.kind == "credit_note"
    element = w.cac(w.root, "CreditNoteLine" if credit else "InvoiceLine")
    w.cbc(element, "ID", line.number)
    w.cbc(element, "Note", line.note)
    w.cbc(element, "CreditedQuantity" if credit else "InvoicedQuantity", line.quantity, unitCode="C62")
    w.amount(element, "LineExtensionAmount", line.amount)
    period = w.cac(element, "InvoicePeriod")
    w.cbc(period, "StartDate", line.period[0].isoformat())
    w.cbc(period, "EndDate", line.period[1].isoformat())
    item = w.cac(element, "Item")
    w.cbc(item, "Name", line.name)
    _tax_category(w, item, "ClassifiedTaxCategory", reason=False)
    w.amount(w.cac(element, "Price"), "PriceAmount", line.price)


def invoice_xml(data: InvoiceData) -> bytes:
    """The document as UTF-8 bytes with an XML declaration."""
    credit = data.kind == "credit_note"
    # the document's own namespace as the default one (<Invoice xmlns="…">), as Peppol's examples write it;
    # ElementTree's default_namespace would refuse the unqualified attributes (currencyID, schemeID)
    root = ET.Element("CreditNote" if credit else "Invoice", {"xmlns": ROOT_NS[data.kind]})
    w = _Writer(root)
    w.cbc(root, "CustomizationID", CUSTOMIZATION)
    w.cbc(root, "ProfileID", PROFILE)
    w.cbc(root, "ID", data.number)
    w.cbc(root, "IssueDate", data.issue_date.isoformat())
    if not credit and data.due_date is not None:
        w.cbc(root, "DueDate", data.due_date.isoformat())
    w.cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    w.cbc(root, "Note", data.note)
    w.cbc(root, "DocumentCurrencyCode", CURRENCY)
    if data.buyer_reference:
        w.cbc(root, "BuyerReference", data.buyer_reference)
    period = w.cac(root, "InvoicePeriod")
    w.cbc(period, "StartDate", data.month.first.isoformat())
    w.cbc(period, "EndDate", data.month.last.isoformat())
    if data.preceding:
        w.cbc(w.cac(w.cac(root, "BillingReference"), "InvoiceDocumentReference"), "ID", data.preceding)
    _party(w, w.cac(root, "AccountingSupplierParty"), data.seller, seller=True)
    _party(w, w.cac(root, "AccountingCustomerParty"), data.buyer, seller=False)
    if not credit and (data.bankgiro or data.plusgiro):
        means = w.cac(root, "PaymentMeans")
        w.cbc(means, "PaymentMeansCode", "30")  # credit transfer, with bankgiro or plusgiro (SE-R-011, SE-R-012)
        w.cbc(means, "PaymentID", data.number)
        account = w.cac(means, "PayeeFinancialAccount")
        w.cbc(account, "ID", data.bankgiro or data.plusgiro)
        w.cbc(w.cac(account, "FinancialInstitutionBranch"), "ID", "SE:BANKGIRO" if data.bankgiro else "SE:PLUSGIRO")
    if not credit:
        w.cbc(w.cac(root, "PaymentTerms"), "Note", f"{data.payment_days} dagar netto")
    total = data.total
    tax = w.cac(root, "TaxTotal")
    w.amount(tax, "TaxAmount", Decimal(0))
    subtotal = w.cac(tax, "TaxSubtotal")
    w.amount(subtotal, "TaxableAmount", total)
    w.amount(subtotal, "TaxAmount", Decimal(0))
    _tax_category(w, subtotal, "TaxCategory", reason=True)
    totals = w.cac(root, "LegalMonetaryTotal")
    for name in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        w.amount(totals, name, total)
    for line in data.lines:
        _line(w, data, line)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
