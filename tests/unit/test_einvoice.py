"""E-invoices (domain.md §9, issue 17.3–17.5): every invoice written here is validated offline against the
UBL 2.1 schema and the official CEN EN 16931 and Peppol BIS Billing 3 Schematron (tests/ubl_validation.py)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.exc import DBAPIError

from coopdesk.app import invoices, issued
from coopdesk.core.einvoice_rules import violations
from coopdesk.core.errors import CoopdeskError, ValidationError
from coopdesk.core.services import invoicing, locks, lookups
from coopdesk.storage.database import Database
from tests.backends import ON_POSTGRES
from tests.helpers import direct_sql
from tests.ubl_validation import findings, fired_rules
from tests.unit.test_issued import ADMIN, FIRST, MAY, SECOND, issue_and_correct_after_first, with_bertil

TODAY = dt.date(2026, 6, 21)
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}
SELLER = invoicing.SellerDetails(
    peppol_id="0007:8024001235",
    f_tax=True,
    street="Exempelgatan 1",
    postcode="11122",
    city="Stockholm",
    bankgiro="5050-1055",
    payment_days=30,
    number_prefix="KOS-",
    next_number=1001,
)
BUYER = invoicing.BuyerDetails(
    org_number="212000-0142",
    peppol_id="0007:2120000142",
    buyer_reference="NOR4711",
    street="Box 1",
    postcode="10064",
    city="Stockholm",
)


@pytest.fixture
def billing_db(db: Database) -> Database:
    from coopdesk.core.exchange.importer import import_document
    from tests.conftest import TODAY as IMPORT_DAY

    with db.session() as session:
        import_document(session, with_bertil(), actor=ADMIN, today=IMPORT_DAY)
        invoicing.save_seller(session, ADMIN, SELLER)
        invoicing.save_buyer(session, ADMIN, lookups.district_by_name(session, "Norrmalm").id, BUYER)
        issued.attest_and_issue(session, ADMIN, MAY, now=FIRST)
    return db


def _write(db: Database, *, correction: bool = False) -> invoices.WrittenInvoice:
    with db.session() as session:
        return invoices.write_invoice(session, ADMIN, "Norrmalm", MAY, correction=correction, today=TODAY)


def _text(xml: bytes, path: str) -> str:
    found = ET.fromstring(xml).find(path, NS)
    assert found is not None, path
    return found.text or ""


def test_the_invoice_of_an_issued_statement_is_valid_and_its_totals_are_the_statements(billing_db: Database) -> None:
    written = _write(billing_db)
    assert findings(written.xml) == []
    assert fired_rules(written.xml) > 30  # the Peppol rules really ran over the document (48 with two lines)
    with billing_db.session() as session:
        statement = issued.issued(session, "Norrmalm", MAY).document
    assert statement["totals"]["amount"] == "2300.00" == written.amount
    assert _text(written.xml, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "2300.00"
    root = ET.fromstring(written.xml)
    assert root.tag == "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
    lines = root.findall("cac:InvoiceLine", NS)
    assert [line.find("cac:Item/cbc:Name", NS).text for line in lines] == [  # type: ignore[union-attr]
        "Beslut NOR-2026-0012, maj 2026",
        "Beslut NOR-2026-0099, maj 2026",
    ]
    assert [line.find("cbc:LineExtensionAmount", NS).text for line in lines] == ["1400.00", "900.00"]  # type: ignore[union-attr]
    text = written.xml.decode("utf-8")
    assert "Anna" not in text and "Bertil" not in text and "19800101" not in text  # no personal data
    category = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory"
    assert _text(written.xml, f"{category}/cbc:ID") == "E"
    assert _text(written.xml, f"{category}/cbc:TaxExemptionReasonCode") == "VATEX-EU-132-1G"
    assert _text(written.xml, "cbc:ID") == "KOS-1001" and _text(written.xml, "cbc:BuyerReference") == "NOR4711"


def test_a_negative_correction_gives_a_valid_credit_note(billing_db: Database) -> None:
    first = _write(billing_db)
    _correct(billing_db)
    credit = _write(billing_db, correction=True)
    assert credit.kind == "credit_note" and credit.number == "KOS-1002"
    assert findings(credit.xml) == []
    root = ET.fromstring(credit.xml)
    assert root.tag.endswith("}CreditNote")
    assert _text(credit.xml, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == first.number
    # hand-computed (test_issued.py): Anna +200.00, Bertil −900.00, total −700.00: 700.00 credited
    assert _text(credit.xml, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "700.00" == credit.amount
    lines = [
        (
            line.find("cac:Item/cbc:Name", NS).text,  # type: ignore[union-attr]
            line.find("cbc:CreditedQuantity", NS).text,  # type: ignore[union-attr]
            line.find("cac:Price/cbc:PriceAmount", NS).text,  # type: ignore[union-attr]
            line.find("cbc:LineExtensionAmount", NS).text,  # type: ignore[union-attr]
        )
        for line in root.findall("cac:CreditNoteLine", NS)
    ]
    assert lines == [
        ("Beslut NOR-2026-0012, maj 2026", "-1", "200.00", "-200.00"),
        ("Beslut NOR-2026-0099, maj 2026", "1", "900.00", "900.00"),
    ]


def _correct(db: Database) -> None:
    """Reopen May, make the changes of test_issued's scenario, attest again (version 2)."""
    from coopdesk.core.services import attendance, members
    from tests.unit.test_issued import _ids

    with db.session() as session:
        locks.reopen_month(session, ADMIN, MAY, "Fel")
    with db.session() as session:
        anna, bertil, placement, kopiering = _ids(session)
        attendance.register(session, ADMIN, anna, dt.date(2026, 5, 6), "present", {kopiering: "4"}, today=TODAY)
        attendance.register(session, ADMIN, anna, dt.date(2026, 5, 7), "sick", today=TODAY)
        for day in (4, 5):
            attendance.clear(session, ADMIN, bertil, dt.date(2026, 5, day))
        members.update_placement(session, ADMIN, placement, start=dt.date(2026, 6, 1))
    with db.session() as session:
        issued.attest_and_issue(session, ADMIN, MAY, now=SECOND)


def test_a_positive_correction_is_an_invoice_referring_to_the_first(billing_db: Database) -> None:
    first = _write(billing_db)
    issue_and_correct_after_first(billing_db)  # 6 May: 2 h → 4 h, a half day becomes a full day (+200.00)
    corrective = _write(billing_db, correction=True)
    assert corrective.kind == "invoice" and corrective.amount == "200.00"
    assert findings(corrective.xml) == []
    assert _text(corrective.xml, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == first.number
    with pytest.raises(ValidationError, match="invoiced already"):  # not the whole month a second time
        _write(billing_db)


def test_an_invoice_is_written_again_identically_and_a_number_never_twice(billing_db: Database) -> None:
    first = _write(billing_db)
    again = _write(billing_db)
    assert again.xml == first.xml and again.number == first.number
    with billing_db.session() as session:
        assert invoices.invoice_by_number(session, first.number).xml == first.xml
        assert [i.number for i in invoices.invoices(session)] == ["KOS-1001"]
        assert invoicing.seller(session).next_number == 1002
        with pytest.raises(ValidationError, match="never used twice"):
            invoicing.save_seller(session, ADMIN, invoicing.SellerDetails(**{**SELLER.__dict__, "next_number": 1001}))
    refused = ["UPDATE invoice SET number = 'KOS-1'", "UPDATE invoice SET xml = ''", "DELETE FROM invoice"]
    if ON_POSTGRES:
        refused.append("TRUNCATE invoice")
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            direct_sql(billing_db, statement)


def test_a_missing_setting_refuses_with_the_rule_and_takes_no_number(billing_db: Database) -> None:
    with billing_db.session() as session:
        district = lookups.district_by_name(session, "Norrmalm").id
        invoicing.save_buyer(
            session, ADMIN, district, invoicing.BuyerDetails(**{**BUYER.__dict__, "buyer_reference": ""})
        )
    with pytest.raises(CoopdeskError, match="PEPPOL-EN16931-R003"):
        _write(billing_db)
    with billing_db.session() as session:
        invoicing.save_seller(session, ADMIN, invoicing.SellerDetails(**{**SELLER.__dict__, "f_tax": False}))
        invoicing.save_buyer(session, ADMIN, district, BUYER)
    with pytest.raises(CoopdeskError, match="BR-E-02"):
        _write(billing_db)
    with billing_db.session() as session:
        assert invoicing.seller(session).next_number == 1001 and invoices.invoices(session) == []


def test_the_programs_own_check_agrees_with_the_official_rules_on_broken_documents(billing_db: Database) -> None:
    good = _write(billing_db).xml
    assert violations(good) == []
    broken = {
        "BR-CO-16": good.replace(
            b'<cbc:PayableAmount currencyID="SEK">2300.00', b'<cbc:PayableAmount currencyID="SEK">2300.01'
        ),
        "SE-R-009": good.replace(b"<cbc:ID>50501055</cbc:ID>", b"<cbc:ID>505010</cbc:ID>"),
        "PEPPOL-EN16931-R120": good.replace(
            b'<cbc:PriceAmount currencyID="SEK">900.00', b'<cbc:PriceAmount currencyID="SEK">900.50'
        ),
        "BR-E-10": re.sub(rb"<cbc:TaxExemptionReason(Code)?>[^<]*</cbc:TaxExemptionReason(Code)?>\s*", b"", good),
    }
    for rule, document in broken.items():
        assert document != good, rule
        assert rule in {r for r, _ in violations(document)}, rule
        assert any(f.startswith(f"[{rule}]") for f in findings(document)), (rule, findings(document))


def test_invoicing_details_are_checked_as_they_are_typed(billing_db: Database) -> None:
    with billing_db.session() as session:
        for field, value, rule in (
            ("bankgiro", "123", "SE-R-009"),
            ("plusgiro", "1", "SE-R-010"),
            ("vat_number", "SE802400123502", "SE-R-002"),
            ("peppol_id", "0007:8024001236", "Peppol"),
            ("postcode", "1234", "5 digits"),
        ):
            with pytest.raises(ValidationError, match=rule):
                invoicing.save_seller(session, ADMIN, invoicing.SellerDetails(**{**SELLER.__dict__, field: value}))
        gln = "730000901234" + str(next(d for d in range(10) if invoicing._gln_ok(f"730000901234{d}")))
        saved = invoicing.save_seller(
            session, ADMIN, invoicing.SellerDetails(**{**SELLER.__dict__, "peppol_id": f"0088:{gln}"})
        )
        assert saved.peppol_id == f"0088:{gln}" and saved.bankgiro == "50501055" and saved.postcode == "111 22"
        wrong = gln[:-1] + str((int(gln[-1]) + 1) % 10)
        with pytest.raises(ValidationError, match="Peppol"):
            invoicing.save_seller(
                session, ADMIN, invoicing.SellerDetails(**{**SELLER.__dict__, "peppol_id": f"0088:{wrong}"})
            )


def test_nothing_is_billed_twice(billing_db: Database) -> None:
    _correct(billing_db)  # version 2 issued before anything was invoiced
    with billing_db.session() as session:  # the first version as sent, then its correction: the demo's way
        first = invoices.write_invoice(session, ADMIN, "Norrmalm", MAY, version=1, today=TODAY)
    assert first.statement_version == 1 and first.amount == "2300.00" and findings(first.xml) == []
    credit = _write(billing_db, correction=True)
    assert credit.kind == "credit_note" and credit.amount == "700.00"
    with pytest.raises(ValidationError, match="invoiced already") as twice:  # version 2 whole would bill it again
        _write(billing_db)
    # said for the window too, where there is no --correction: the Version list's Rättelse is the way
    assert "Version → Rättelse" in twice.value.sv and "Version → Rättelse" in twice.value.en


def test_a_correction_of_a_version_invoiced_whole_is_refused(billing_db: Database) -> None:
    _correct(billing_db)
    whole = _write(billing_db)  # version 2, whole
    assert whole.statement_version == 2 and whole.amount == "1600.00"
    with pytest.raises(ValidationError, match="invoiced whole already"):
        _write(billing_db, correction=True)
