"""The demo's invoicing details (core/demo_invoicing.py): well-formed, stored by the demo's import, and
enough for a valid e-invoice of every district right after last month is attested."""

from __future__ import annotations

import datetime as dt

from coopdesk.app import invoices, issued
from coopdesk.core.calendar import Month
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.personal_number import luhn_ok
from coopdesk.core.services import invoicing, lookups
from coopdesk.storage.database import Database
from tests.ubl_validation import findings
from tests.unit.test_issued import ADMIN

TODAY = dt.date(2026, 12, 5)


def test_the_demo_document_has_well_formed_invoicing_details() -> None:
    document = demo_document(TODAY)
    seller = document["cooperative"]["invoicing"]
    assert seller["peppol_id"] == "0007:" + document["cooperative"]["org_number"].replace("-", "")
    assert luhn_ok(seller["bankgiro"]) and seller["payment_days"] > 0 and seller["next_number"] >= 1
    references = set()
    for district in document["districts"]:
        buyer = district["invoicing"]
        org = buyer["org_number"].replace("-", "")
        assert luhn_ok(org) and buyer["peppol_id"] == f"0007:{org}", district["name"]
        references.add(buyer["buyer_reference"])
        # the settings form's own rules take them as they stand
        assert invoicing.clean_buyer(invoicing.BuyerDetails(**buyer)) == invoicing.BuyerDetails(**buyer)
    assert len(references) == len(document["districts"])  # the city's districts are told apart by it
    assert invoicing.clean_seller(invoicing.SellerDetails(**seller), 0) == invoicing.SellerDetails(**seller)


def test_on_the_demo_last_month_invoices_right_after_it_is_attested(db: Database) -> None:
    last = Month.of(TODAY.replace(day=1) - dt.timedelta(days=1))
    with db.session() as session:
        import_document(session, demo_document(TODAY), actor=ADMIN, today=TODAY)
        assert invoicing.seller(session).peppol_id == "0007:8024001235"
        issued.attest_and_issue(session, ADMIN, last, now=dt.datetime(2026, 12, 3, 10, 0))
        names = [d.name for d in lookups.districts(session)]
    assert len(names) == 4
    for name in names:
        with db.session() as session:
            written = invoices.write_invoice(session, ADMIN, name, last, today=TODAY)
            statement = issued.issued(session, name, last).document
        assert findings(written.xml) == [], name
        assert written.amount == statement["totals"]["amount"]
