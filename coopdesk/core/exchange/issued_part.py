"""coopdesk/2's part for issue 17: invoicing details, issued statement versions and the invoices written.

Kept in its own functions, so that the shared modules each call in with a line (interchange.md §3; other
parts of coopdesk/2 come from other modules):

- exporter.py: ``seller_key`` in ``cooperative``, ``buyer_key`` in each district, ``export_part`` at the top;
- validation.py / validation_districts.py: ``TOP_KEYS`` and ``invoicing_key`` are the keys allowed, and
  ``validate_part`` checks the whole part in memory (a JSON path in every message, the invoicing details by
  the same rules as when they are typed) before anything is written;
- importer.py: ``write_part`` writes it after the rest (the districts must exist). Issued versions and
  invoices come back exactly as they were issued and written, numbers and fingerprints included.

A version or an invoice names its district by the district's name in the file (the district it belongs
to now); the name it was issued under is the issued document's own ``district`` (a renamed district keeps
its versions, app/issued.py). The keys and an example are in docs/rules.md ("coopdesk/2: issued
statements and e-invoices"). Export → import → export gives the same document.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.exchange import FORMAT
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.issued_rows import IssuedRows
from coopdesk.core.exchange.parsed import optional_list, unique
from coopdesk.core.issued_snapshot import from_snapshot
from coopdesk.core.models import Base, DistrictInvoicing, Invoice, InvoicingSettings, IssuedStatement
from coopdesk.core.services import invoicing

if TYPE_CHECKING:
    from coopdesk.core.exchange.parsed import Parsed

TOP_KEYS = ("issued_statements", "invoices")
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
AMOUNT = re.compile(r"-?[0-9]{1,15}\.[0-9]{2}")


def top_keys(version: object) -> tuple[str, ...]:
    """The top-level keys this part adds to a document of ``version`` (none to coopdesk/1)."""
    return TOP_KEYS if version == FORMAT else ()


def invoicing_key(version: object) -> tuple[str, ...]:
    """``invoicing`` of the cooperative and of a district: a key of coopdesk/2 only."""
    return ("invoicing",) if version == FORMAT else ()


# --- export ------------------------------------------------------------------------------------


def seller_key(session: Session) -> dict[str, Any]:
    """``cooperative.invoicing``: null when never saved (every optional key is written)."""
    saved = session.scalar(select(InvoicingSettings.id).limit(1)) is not None
    return {"invoicing": dataclasses.asdict(invoicing.seller(session)) if saved else None}


def buyer_key(session: Session, district_id: int) -> dict[str, Any]:
    saved = session.get(DistrictInvoicing, district_id) is not None
    return {"invoicing": dataclasses.asdict(invoicing.buyer(session, district_id)) if saved else None}


def export_part(session: Session, district_names: dict[int, str]) -> dict[str, Any]:
    """``issued_statements`` and ``invoices``, oldest first; ``district_names`` are the districts' names now."""
    return {
        "issued_statements": [
            {
                "district": district_names.get(row.district_id, row.district),
                "month": row.month,
                "version": row.version,
                "issued_at": row.issued_at.isoformat(),
                "issued_by": row.issued_by,
                "fingerprint": row.fingerprint,
                "document": json.loads(row.document),
                "snapshot": json.loads(row.snapshot),
            }
            for row in session.scalars(select(IssuedStatement).order_by(IssuedStatement.id))
        ],
        "invoices": [
            {
                "number": row.number,
                "district": district_names.get(row.district_id, row.district),
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
        ],
    }


# --- validation --------------------------------------------------------------------------------


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


def _choice(value: Any, path: str, allowed: tuple[str, ...]) -> str:
    text = r.expect(value, str, path)
    if text not in allowed:
        raise r.fail(path, value, f"Tillåtna värden: {', '.join(allowed)}.", f"Allowed values: {', '.join(allowed)}.")
    return str(text)


def _district(value: Any, path: str, parsed: Parsed) -> tuple[int, str]:
    name = r.text(value, path)
    if name not in parsed.district_ids:
        sv = f"Beställaren {shown(name)} finns inte i districts."
        raise r.fail(path, name, sv, f"The district {shown(name)} is not in districts.")
    assert name is not None
    return parsed.district_ids[name], name


def _month(value: Any, path: str) -> str:
    try:
        return str(Month.parse(r.expect(value, str, path)))
    except ValidationError as error:
        raise r.wrap(path, error) from None


def _details(kind: Any, value: Any, path: str) -> Any:
    """The invoicing details of the file as ``kind`` (SellerDetails or BuyerDetails), each value of its
    type (every key optional: a missing one is the default, as a new database has it)."""
    raw = r.obj(value, path, (), tuple(f.name for f in dataclasses.fields(kind)))
    values: dict[str, Any] = {}
    for f in dataclasses.fields(kind):
        if f.name not in raw:
            continue
        item, where = raw[f.name], f"{path}.{f.name}"
        if isinstance(f.default, bool):
            values[f.name] = r.boolean(item, where)
        elif isinstance(f.default, int):
            values[f.name] = r.integer(item, where)
        elif item is not None or f.default is not None:  # "" as the default prefix
            values[f.name] = r.expect(item, str, where)
    return kind(**values)


def _version(value: Any, path: str) -> int:
    number = r.integer(value, path)
    if number < 1:
        raise r.fail(path, value, "Versionen räknas från 1.", "Versions count from 1.")
    return number


def validate_part(document: dict[str, Any], parsed: Parsed) -> IssuedRows:
    """The part of ``document`` (a coopdesk/2 document whose other keys ``parsed`` holds, checked)."""
    rows = IssuedRows()
    names: dict[tuple[int, str, int], str] = {}  # (district, month, version) → the name it was issued under
    for path, item in r.items(optional_list(document.get("issued_statements")), "issued_statements"):
        raw = r.obj(item, path, ISSUED_KEYS)
        district_id, _name = _district(raw["district"], f"{path}.district", parsed)
        month = _month(raw["month"], f"{path}.month")
        version = _version(raw["version"], f"{path}.version")
        issued_document = r.expect(raw["document"], dict, f"{path}.document")
        under = issued_document.get("district")
        if issued_document.get("format") != "coopdesk-statement/1" or issued_document.get("month") != month:
            raise r.fail(
                f"{path}.document",
                None,
                "Dokumentet är inte månadens coopdesk-statement/1.",
                "The document is not the month's coopdesk-statement/1.",
            )
        snapshot = r.expect(raw["snapshot"], dict, f"{path}.snapshot")
        statement = _checked(f"{path}.snapshot", lambda s=snapshot: from_snapshot(s))
        if not isinstance(under, str) or statement.district != under or str(statement.month) != month:
            raise r.fail(
                f"{path}.snapshot",
                None,
                "Ögonblicksbilden hör till en annan redovisning än dokumentet.",
                "The snapshot is of another statement than the document.",
            )
        key = (district_id, month, version)
        unique(set(names), key, f"{path}.version", version, "Versionen", "The version")
        names[key] = under
        rows.issued.append(
            {
                "district_id": district_id,
                "district": under,
                "month": month,
                "version": version,
                "issued_at": r.datetime(raw["issued_at"], f"{path}.issued_at"),
                "issued_by": r.text(raw["issued_by"], f"{path}.issued_by"),
                "fingerprint": r.text(raw["fingerprint"], f"{path}.fingerprint", 20),
                # as app/issued.py stored it (reports/statement_json.dumps), so it prints again byte for byte
                "document": json.dumps(issued_document, ensure_ascii=False, indent=2) + "\n",
                "snapshot": json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            }
        )
    numbers: set[str] = set()
    bases: set[tuple[int, str, int, str]] = set()
    for path, item in r.items(optional_list(document.get("invoices")), "invoices"):
        raw = r.obj(item, path, INVOICE_KEYS)
        number = r.text(raw["number"], f"{path}.number", 40)
        unique(numbers, number, f"{path}.number", number, "Fakturanumret", "The invoice number")
        district_id, _name = _district(raw["district"], f"{path}.district", parsed)
        month = _month(raw["month"], f"{path}.month")
        version = _version(raw["statement_version"], f"{path}.statement_version")
        if (district_id, month, version) not in names:
            raise r.fail(
                f"{path}.statement_version",
                version,
                f"Version {version} av {raw['district']} {month} finns inte i issued_statements.",
                f"Version {version} of {raw['district']} {month} is not in issued_statements.",
            )
        basis = _choice(raw["basis"], f"{path}.basis", ("statement", "correction"))
        unique(bases, (district_id, month, version, basis), f"{path}.basis", basis, "Faktureringen", "The invoicing")
        amount = r.expect(raw["amount"], str, f"{path}.amount")
        if not AMOUNT.fullmatch(amount):
            raise r.fail(f"{path}.amount", amount, "Beloppet skrivs 1400.00.", "The amount is written 1400.00.")
        rows.invoices.append(
            {
                "number": number,
                "district_id": district_id,
                "district": names[district_id, month, version],
                "month": month,
                "statement_version": version,
                "basis": basis,
                "kind": _choice(raw["kind"], f"{path}.kind", ("invoice", "credit_note")),
                "issue_date": r.date(raw["issue_date"], f"{path}.issue_date"),
                "amount": amount,
                "written_by": r.text(raw["written_by"], f"{path}.written_by"),
                "written_at": r.datetime(raw["written_at"], f"{path}.written_at"),
                "xml": r.expect(raw["xml"], str, f"{path}.xml"),
            }
        )
    _invoicing(document, parsed, rows)
    return rows


def _invoicing(document: dict[str, Any], parsed: Parsed, rows: IssuedRows) -> None:
    coop = document.get("cooperative") or {}
    if coop.get("invoicing") is not None:
        details = _details(invoicing.SellerDetails, coop["invoicing"], "cooperative.invoicing")
        prefix = details.number_prefix.strip()
        used = (invoicing.sequence_of(i["number"], prefix) for i in rows.invoices)
        highest = max((n for n in used if n is not None), default=0)
        clean = _checked("cooperative.invoicing", lambda: invoicing.clean_seller(details, highest))
        rows.seller = dataclasses.asdict(clean)
    elif rows.invoices:
        raise r.fail(
            "cooperative.invoicing",
            None,
            "Filen har fakturor men inte kooperativets faktureringsuppgifter (fakturanummerserien).",
            "The file has invoices but not the cooperative's invoicing details (the invoice number series).",
        )
    for path, district in r.items(document.get("districts", []), "districts"):
        if district.get("invoicing") is None:
            continue
        details = _details(invoicing.BuyerDetails, district["invoicing"], f"{path}.invoicing")
        clean = _checked(f"{path}.invoicing", lambda d=details: invoicing.clean_buyer(d))
        rows.buyers.append({"district_id": parsed.district_ids[district["name"]], **dataclasses.asdict(clean)})


# --- write ---------------------------------------------------------------------------------------


def write_part(session: Session, rows: IssuedRows | None) -> None:
    """Insert the checked part (its tables' ids come from the database: none is referred to by id)."""
    if rows is None:
        return
    steps: list[tuple[type[Base], list[dict[str, Any]]]] = [
        (InvoicingSettings, [rows.seller] if rows.seller is not None else []),
        (DistrictInvoicing, rows.buyers),
        (IssuedStatement, rows.issued),
        (Invoice, rows.invoices),
    ]
    for model, values in steps:
        if values:
            session.execute(insert(Base.metadata.tables[model.__tablename__]), values)
