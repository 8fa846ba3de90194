"""The program's own check of an e-invoice before it is written: the EN 16931 and Peppol BIS 3 rules that
an invoice of this program can break, by their official ids and in their words (docs/rules.md, "E-invoices").

The full rule sets (UBL 2.1 schema, CEN EN 16931 and OpenPeppol Schematron) run in the tests; the
installer has no room for an XSLT 2 processor (about 40 MB), so the program checks what its own data
can get wrong — a missing setting, an arithmetic slip, a wrong number format — on the XML it is about to
write, and refuses with the rule's id and message.
"""

# ruff: noqa: E501  (the rules' messages are quoted whole, as the official rule sets word them)
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from coopdesk.core.personal_number import luhn_ok

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"


def _find(node: ET.Element, path: str) -> ET.Element | None:
    return node.find(path.replace("cac:", CAC).replace("cbc:", CBC))


def _all(node: ET.Element, path: str) -> list[ET.Element]:
    return node.findall(path.replace("cac:", CAC).replace("cbc:", CBC))


def _text(node: ET.Element, path: str) -> str:
    found = _find(node, path)
    return (found.text or "").strip() if found is not None else ""


def _amount(node: ET.Element, path: str) -> Decimal | None:
    try:
        return Decimal(_text(node, path))
    except InvalidOperation:
        return None


def violations(xml: bytes) -> list[tuple[str, str]]:
    """(rule id, message) for each rule the document breaks; empty when it passes."""
    root = ET.fromstring(xml)
    credit = root.tag.endswith("CreditNote")
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    quantity_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    found: list[tuple[str, str]] = []

    def need(rule: str, ok: bool, message: str) -> None:
        if not ok:
            found.append((rule, message))

    seller = "cac:AccountingSupplierParty/cac:Party"
    buyer = "cac:AccountingCustomerParty/cac:Party"
    need("BR-02", bool(_text(root, "cbc:ID")), "An Invoice shall have an Invoice number (BT-1).")
    need(
        "BR-06",
        bool(_text(root, f"{seller}/cac:PartyLegalEntity/cbc:RegistrationName")),
        "An Invoice shall contain the Seller name (BT-27).",
    )
    need(
        "BR-07",
        bool(_text(root, f"{buyer}/cac:PartyLegalEntity/cbc:RegistrationName")),
        "An Invoice shall contain the Buyer name (BT-44).",
    )
    need(
        "BR-09",
        bool(_text(root, f"{seller}/cac:PostalAddress/cac:Country/cbc:IdentificationCode")),
        "The Seller postal address (BG-5) shall contain a Seller country code (BT-40).",
    )
    need(
        "BR-11",
        bool(_text(root, f"{buyer}/cac:PostalAddress/cac:Country/cbc:IdentificationCode")),
        "The Buyer postal address shall contain a Buyer country code (BT-55).",
    )
    need(
        "PEPPOL-EN16931-R020",
        bool(_text(root, f"{seller}/cbc:EndpointID")),
        "Seller electronic address MUST be provided",
    )
    need(
        "PEPPOL-EN16931-R010", bool(_text(root, f"{buyer}/cbc:EndpointID")), "Buyer electronic address MUST be provided"
    )
    need(
        "PEPPOL-EN16931-R003",
        bool(_text(root, "cbc:BuyerReference")),
        "A buyer reference or purchase order reference MUST be provided.",
    )
    lines = _all(root, line_tag)
    need("BR-16", bool(lines), "An Invoice shall have at least one Invoice line (BG-25).")
    vat_ids = [
        _text(s, "cbc:CompanyID")
        for s in _all(root, f"{seller}/cac:PartyTaxScheme")
        if _text(s, "cac:TaxScheme/cbc:ID") == "VAT"
    ]
    tax_regs = [s for s in _all(root, f"{seller}/cac:PartyTaxScheme") if _text(s, "cac:TaxScheme/cbc:ID") != "VAT"]
    need(
        "BR-E-02",
        bool(vat_ids or tax_regs),
        'An Invoice that contains an Invoice line where the Invoiced item VAT category code is "Exempt from VAT" '
        "shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the "
        "Seller tax representative VAT identifier (BT-63).",
    )
    for vat in vat_ids:
        need("SE-R-001", len(vat) == 14, "For Swedish suppliers, Swedish VAT-numbers must consist of 14 characters.")
        need(
            "SE-R-002",
            vat.startswith("SE") and vat.endswith("01"),
            "For Swedish suppliers, the Swedish VAT-numbers must start with SE and end with 01.",
        )
    org = _text(root, f"{seller}/cac:PartyLegalEntity/cbc:CompanyID")
    need(
        "BR-CO-26",
        bool(org or vat_ids),
        "In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.",
    )
    if org:
        need("SE-R-003", org.isdigit(), "Swedish organisation numbers should be numeric.")
        need("SE-R-004", len(org) == 10, "Swedish organisation numbers consist of 10 characters.")
        need(
            "SE-R-005",
            org.isdigit() and luhn_ok(org),
            "For Swedish suppliers, the last digit within the Swedish organisation number must be valid according to the Luhn algorithm.",
        )
    for means in _all(root, "cac:PaymentMeans"):
        branch = _text(means, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
        account = _text(means, "cac:PayeeFinancialAccount/cbc:ID")
        if branch == "SE:BANKGIRO":
            need("SE-R-008", account.isdigit(), "For Swedish suppliers using Bankgiro, the Account ID must be numeric.")
            need(
                "SE-R-009",
                7 <= len(account) <= 8,
                "For Swedish suppliers using Bankgiro, the Account ID must have 7-8 characters.",
            )
        if branch == "SE:PLUSGIRO":
            need("SE-R-007", account.isdigit(), "For Swedish suppliers using Plusgiro, the Account ID must be numeric.")
            need(
                "SE-R-010",
                2 <= len(account) <= 8,
                "For Swedish suppliers using Plusgiro, the Account ID must have 2-8 characters.",
            )
        if branch in ("SE:BANKGIRO", "SE:PLUSGIRO"):
            need(
                "SE-R-011",
                _text(means, "cbc:PaymentMeansCode") == "30",
                "For Swedish suppliers using Swedish Bankgiro or Plusgiro, the proper way to indicate this is to use Code 30 for PaymentMeans and FinancialInstitutionBranch ID with code SE:BANKGIRO or SE:PLUSGIRO",
            )
    line_sum = Decimal(0)
    for line in lines:
        amount = _amount(line, "cbc:LineExtensionAmount")
        quantity = _amount(line, quantity_tag)
        price = _amount(line, "cac:Price/cbc:PriceAmount")
        if amount is None or quantity is None or price is None:
            found.append(("BR-24", "Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131)."))
            continue
        line_sum += amount
        need("BR-27", price >= 0, "The Item net price (BT-146) shall NOT be negative.")
        need(
            "PEPPOL-EN16931-R120",
            amount == quantity * price,
            "Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount",
        )
        need(
            "BR-DEC-23",
            amount == amount.quantize(Decimal("0.01")),
            "The allowed maximum number of decimals for the Invoice line net amount (BT-131) is 2.",
        )
        need(
            "BR-E-05",
            _text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent") in ("0", "0.00"),
            'In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Exempt from VAT", the Invoiced item VAT rate (BT-152) shall be 0 (zero).',
        )
        need(
            "BR-CO-04",
            bool(_text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID")),
            "Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).",
        )
        need(
            "BR-25",
            bool(_text(line, "cac:Item/cbc:Name")),
            "Each Invoice line (BG-25) shall contain the Item name (BT-153).",
        )
    totals = "cac:LegalMonetaryTotal"
    need(
        "BR-CO-10",
        _amount(root, f"{totals}/cbc:LineExtensionAmount") == line_sum,
        "Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).",
    )
    need(
        "BR-CO-13",
        _amount(root, f"{totals}/cbc:TaxExclusiveAmount") == line_sum,
        "Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).",
    )
    need(
        "BR-CO-15",
        _amount(root, f"{totals}/cbc:TaxInclusiveAmount") == _amount(root, f"{totals}/cbc:TaxExclusiveAmount"),
        "Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).",
    )
    need(
        "BR-CO-16",
        _amount(root, f"{totals}/cbc:PayableAmount") == _amount(root, f"{totals}/cbc:TaxInclusiveAmount"),
        "Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).",
    )
    subtotal = "cac:TaxTotal/cac:TaxSubtotal"
    need(
        "BR-E-08",
        _amount(root, f"{subtotal}/cbc:TaxableAmount") == line_sum,
        'In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Exempt from VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Exempt from VAT".',
    )
    need(
        "BR-E-09",
        _amount(root, f"{subtotal}/cbc:TaxAmount") == 0,
        'The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where the VAT category code (BT-118) equals "Exempt from VAT" shall equal 0 (zero).',
    )
    need(
        "BR-E-10",
        bool(
            _text(root, f"{subtotal}/cac:TaxCategory/cbc:TaxExemptionReasonCode")
            or _text(root, f"{subtotal}/cac:TaxCategory/cbc:TaxExemptionReason")
        ),
        'A VAT breakdown (BG-23) with VAT Category code (BT-118) "Exempt from VAT" shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).',
    )
    for element in root.iter():
        if (element.text is None or not element.text.strip()) and len(element) == 0:
            found.append(("PEPPOL-EN16931-R008", "Document MUST not contain empty elements."))
            break
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", _text(root, "cbc:IssueDate")):
        found.append(("BR-03", "An Invoice shall have an Invoice issue date (BT-2)."))
    return found
