"""coopdesk/2's part for issue 17: invoicing details, issued statement versions and the invoices written.

Kept in its own functions (interchange.md §3; other parts of coopdesk/2 come from other modules):

- ``export_part(session, document)`` adds to an export document: ``cooperative.invoicing``,
  ``districts[].invoicing`` (for the districts that have details), ``issued_statements`` and ``invoices``;
- ``import_part(session, document)`` checks those keys whole (a JSON path in every message) and then
  writes them, after the rest of the document (the districts must exist): issued versions and invoices
  come back exactly as they were issued and written, numbers and fingerprints included.

The keys and an example are in docs/rules.md ("coopdesk/2: issued statements and e-invoices"). Export →
import → export gives the same document (tests/unit/test_issued_exchange.py).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange import reader as r
from coopdesk.core.issued_snapshot import from_snapshot
from coopdesk.core.models import District, DistrictInvoicing, Invoice, InvoicingSettings, IssuedStatement
from coopdesk.core.services import invoicing

SELLER_KEYS = tuple(f.name for f in dataclasses.fields(invoicing.SellerDetails))
BUYER_KEYS = tuple(f.name for f in dataclasses.fields(invoicing.BuyerDetails))
ISSUED_KEYS = ("district", "month", "version", "issued_at", "issued_by", "fingerprint", "document", "snapshot")
INVOICE_KEYS = (
    "number",
    "district",
    "month",
    "statement_version",
    "basis",
    "kind",
    "issue_date",
    "amount",
    "written_by",
    "written_at",
    "xml",
)


def export_part(session: Session, document: dict[str, Any]) -> None:
    seller = session.scalar(select(InvoicingSettings).limit(1))
    if seller is not None:
        document["cooperative"]["invoicing"] = dataclasses.asdict(invoicing.seller(session))
    names = {d.id: d.name for d in session.scalars(select(District))}
    buyers = {
        names[b.district_id]: invoicing.buyer(session, b.district_id)
        for b in session.scalars(select(DistrictInvoicing))
    }
    for district in document.get("districts", []):
        if district["name"] in buyers:
            district["invoicing"] = dataclasses.asdict(buyers[district["name"]])
    document["issued_statements"] = [
        {
            "district": row.district,
            "month": row.month,
            "version": row.version,
            "issued_at": row.issued_at.isoformat(),
            "issued_by": row.issued_by,
            "fingerprint": row.fingerprint,
            "document": json.loads(row.document),
            "snapshot": json.loads(row.snapshot),
        }
        for row in session.scalars(select(IssuedStatement).order_by(IssuedStatement.id))
    ]
    document["invoices"] = [
        {
            "number": row.number,
            "district": row.district,
            "month": row.month,
            "statement_version": row.statement_version,
            "basis": row.basis,
            "kind": row.kind,
            "issue_date": row.issue_date.isoformat(),
            "amount": row.amount,
            "written_by": row.written_by,
            "written_at": row.written_at.isoformat(),
            "xml": row.xml,
        }
        for row in session.scalars(select(Invoice).order_by(Invoice.id))
    ]


def _checked(path: str, action: Any) -> Any:
    """A service's check of a value, its message under the document's path."""
    try:
        return action()
    except ValidationError as error:
        raise r.fail(f"{path}.{error.field}" if error.field else path, error.value, error.sv, error.en) from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:  # a snapshot that is not one
        raise r.fail(
            path, None, f"Uppgiften går inte att läsa ({error!r}).", f"The value cannot be read ({error!r})."
        ) from None


def import_part(session: Session, document: dict[str, Any]) -> None:
    """Check the part whole, then write it; the districts of the document are in the database already."""
    from coopdesk.core.actor import Actor

    districts = {d.name: d.id for d in session.scalars(select(District))}
    system = Actor("import")  # the details are checked by the same rules as when they are typed
    seller = None
    coop = document.get("cooperative") or {}
    if coop.get("invoicing") is not None:
        raw = r.obj(coop["invoicing"], "cooperative.invoicing", (), SELLER_KEYS)
        seller = invoicing.SellerDetails(**raw)
    buyers = []
    for path, district in r.items(document.get("districts", []), "districts"):
        if isinstance(district, dict) and district.get("invoicing") is not None:
            raw = r.obj(district["invoicing"], f"{path}.invoicing", (), BUYER_KEYS)
            buyers.append((f"{path}.invoicing", districts[district["name"]], invoicing.BuyerDetails(**raw)))
    issued_rows = []
    for path, item in r.items(document.get("issued_statements", []), "issued_statements"):
        raw = r.obj(item, path, ISSUED_KEYS)
        name = r.text(raw["district"], f"{path}.district")
        if name not in districts:
            raise r.fail(
                f"{path}.district", name, f"Beställaren {name!r} finns inte i filen.", f"No district {name!r}."
            )
        month = _checked(path, lambda raw=raw: Month.parse(raw["month"]))
        statement = _checked(
            path, lambda raw=raw, p=path: from_snapshot(r.expect(raw["snapshot"], dict, f"{p}.snapshot"))
        )
        if statement.district != name or str(statement.month) != str(month):
            raise r.fail(
                f"{path}.snapshot",
                None,
                "Ögonblicksbilden hör till en annan redovisning.",
                "The snapshot is of another statement.",
            )
        issued_rows.append(
            IssuedStatement(
                district_id=districts[name],
                district=name,
                month=str(month),
                version=r.integer(raw["version"], f"{path}.version"),
                issued_at=r.datetime(raw["issued_at"], f"{path}.issued_at"),
                issued_by=r.text(raw["issued_by"], f"{path}.issued_by"),
                fingerprint=r.text(raw["fingerprint"], f"{path}.fingerprint", 20),
                document=json.dumps(r.expect(raw["document"], dict, f"{path}.document"), ensure_ascii=False, indent=2)
                + "\n",
                snapshot=json.dumps(raw["snapshot"], ensure_ascii=False, sort_keys=True),
            )
        )
    invoice_rows = []
    for path, item in r.items(document.get("invoices", []), "invoices"):
        raw = r.obj(item, path, INVOICE_KEYS)
        name = r.text(raw["district"], f"{path}.district")
        if name not in districts:
            raise r.fail(
                f"{path}.district", name, f"Beställaren {name!r} finns inte i filen.", f"No district {name!r}."
            )
        invoice_rows.append(
            Invoice(
                number=r.text(raw["number"], f"{path}.number", 40),
                district_id=districts[name],
                district=name,
                month=str(_checked(path, lambda raw=raw: Month.parse(raw["month"]))),
                statement_version=r.integer(raw["statement_version"], f"{path}.statement_version"),
                basis=_choice(raw["basis"], f"{path}.basis", ("statement", "correction")),
                kind=_choice(raw["kind"], f"{path}.kind", ("invoice", "credit_note")),
                issue_date=r.date(raw["issue_date"], f"{path}.issue_date"),
                amount=r.text(raw["amount"], f"{path}.amount", 20),
                written_by=r.text(raw["written_by"], f"{path}.written_by"),
                written_at=r.datetime(raw["written_at"], f"{path}.written_at"),
                xml=r.expect(raw["xml"], str, f"{path}.xml"),
            )
        )
    # written after the whole part is checked; the seller's series is saved last, so that it is checked
    # against the invoice numbers it must not go back to
    session.add_all(issued_rows)
    session.add_all(invoice_rows)
    session.flush()
    for path, district_id, details in buyers:
        _checked(path, lambda d=district_id, b=details: invoicing.save_buyer(session, system, d, b))
    if seller is not None:
        _checked("cooperative.invoicing", lambda: invoicing.save_seller(session, system, seller))


def _choice(value: Any, path: str, allowed: tuple[str, ...]) -> str:
    text = r.expect(value, str, path)
    if text not in allowed:
        raise r.fail(path, value, f"Tillåtna värden: {', '.join(allowed)}.", f"Allowed values: {', '.join(allowed)}.")
    return str(text)
