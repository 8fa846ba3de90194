"""E-invoices from issued statements (domain.md §9): written once, numbered once, written again identically.

``write_invoice`` turns the last issued version of a district's month (or, with ``correction``, the
correction of its last two versions) into a Peppol BIS Billing 3 invoice — a credit note when the
correction is negative — checks it against the rules (core/einvoice_rules.py), takes the next number of
the series and stores the XML as written, in one unit of work. Asked again for the same basis it gives
back the stored document, byte for byte, and takes no new number: an invoice number is never reused
and an invoice never sent twice under two numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from coopdesk.app import issued
from coopdesk.core import audit, einvoice
from coopdesk.core.calendar import Month
from coopdesk.core.einvoice_rules import violations
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import Invoice
from coopdesk.core.numbers import fmt_amount_sv
from coopdesk.core.services import invoicing, lookups
from coopdesk.reports.ubl_invoice import invoice_xml

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class WrittenInvoice:
    number: str
    kind: str  # invoice | credit_note
    district: str
    month: str
    statement_version: int
    basis: str  # statement | correction
    issue_date: dt.date
    amount: str
    written_by: str
    written_at: dt.datetime
    xml: bytes


def _written(row: Invoice) -> WrittenInvoice:
    return WrittenInvoice(
        row.number,
        row.kind,
        row.district,
        row.month,
        row.statement_version,
        row.basis,
        row.issue_date,
        row.amount,
        row.written_by,
        row.written_at,
        row.xml.encode("utf-8"),
    )


def _missing(rule: str, sv: str, en: str) -> ValidationError:
    return ValidationError(rule, None, f"{sv} ({rule}). Fyll i det under Inställningar.", f"{en} ({rule}).")


def _parties(session: Session, district_id: int, district: str) -> tuple[einvoice.Party, einvoice.Party, str]:
    coop = lookups.cooperative(session)
    seller = invoicing.seller(session)
    buyer = invoicing.buyer(session, district_id)
    if not seller.peppol_id:
        raise _missing(
            "PEPPOL-EN16931-R020", "Kooperativets Peppol-id saknas", "The cooperative's Peppol id is missing"
        )
    if not coop.org_number:
        raise _missing(
            "BR-CO-26", "Kooperativets organisationsnummer saknas", "The cooperative's org number is missing"
        )
    if not (seller.vat_number or seller.f_tax):
        raise _missing(
            "BR-E-02",
            "Momsfri försäljning kräver kooperativets momsregistreringsnummer eller F-skattebesked",
            "VAT-exempt sales need the cooperative's VAT number or F-tax approval",
        )
    if not buyer.peppol_id:
        raise _missing("PEPPOL-EN16931-R010", f"Peppol-id för {district} saknas", f"{district}'s Peppol id is missing")
    if not buyer.buyer_reference:
        raise _missing(
            "PEPPOL-EN16931-R003", f"Referenskoden för {district} saknas", f"{district}'s buyer reference is missing"
        )
    scheme, _, ident = seller.peppol_id.partition(":")
    street = seller.street or coop.address
    seller_party = einvoice.Party(
        coop.name,
        coop.org_number,
        (scheme, ident),
        street,
        seller.postcode,
        seller.city,
        seller.vat_number,
        seller.f_tax,
    )
    b_scheme, _, b_ident = buyer.peppol_id.partition(":")
    buyer_party = einvoice.Party(
        district, buyer.org_number, (b_scheme, b_ident), buyer.street, buyer.postcode, buyer.city
    )
    return seller_party, buyer_party, buyer.buyer_reference


def write_invoice(
    session: Session,
    actor: audit.Actor,
    district: str,
    month: Month,
    *,
    correction: bool = False,
    version: int | None = None,
    today: dt.date,
) -> WrittenInvoice:
    """The invoice (or credit note) of the district's month, written now or as written before: of the last
    issued version (or ``version``), or with ``correction`` of the correction of the last two versions.

    A month's invoices chain so that nothing is billed twice: one invoice of a whole version, then the
    corrections after it. So a whole version is not invoiced when the month has an invoice already, and a
    correction is not invoiced when its newer version was invoiced whole."""
    if correction:
        document, older, newer = issued.correction_of(session, district, month)
        found_version = newer.version
    else:
        found = issued.issued(session, district, month, version)
        found_version = found.version
    basis = "correction" if correction else "statement"
    existing = session.scalar(
        select(Invoice).where(
            Invoice.district_id == found_version.district_id,
            Invoice.month == str(month),
            Invoice.statement_version == found_version.version,
            Invoice.basis == basis,
        )
    )
    if existing is not None:
        return _written(existing)
    _refuse_double_billing(session, found_version, month, correction)
    issued_v = found_version
    seller, buyer, reference = _parties(session, issued_v.district_id, issued_v.district)
    details = invoicing.seller(session)
    if correction:
        difference = Decimal(document["totals"]["amount"]["difference"]) if document["totals"]["amount"] else None
        if not difference:
            raise ValidationError(
                "--correction",
                str(month),
                f"Rättelsen för {issued_v.district} {month.name_sv()} ändrar inget belopp: inget att fakturera.",
                f"The correction for {issued_v.district} {month.name_en()} changes no amount: nothing to invoice.",
            )
        kind = "credit_note" if difference < 0 else "invoice"
        lines = einvoice.correction_lines(document, credit=kind == "credit_note")
        preceding = _earlier_number(session, issued_v.district_id, month, older.version.version)
        note = (
            f"Rättelse av månadsredovisningen {issued_v.district} {month.name_sv()}: version {older.version.version} "
            f"(kontrollsumma {older.version.fingerprint}) mot version {issued_v.version} "
            f"(kontrollsumma {issued_v.fingerprint})."
        )
    else:
        kind = "invoice"
        lines = einvoice.statement_lines(found.document)
        preceding = None
        note = (
            f"Månadsredovisning {issued_v.district} {month.name_sv()}, version {issued_v.version}, "
            f"kontrollsumma {issued_v.fingerprint}."
        )
    number, _sequence = invoicing.take_number(session)
    data = einvoice.InvoiceData(
        kind=kind,
        number=number,
        issue_date=today,
        due_date=today + dt.timedelta(days=details.payment_days),
        month=month,
        seller=seller,
        buyer=buyer,
        buyer_reference=reference,
        bankgiro=details.bankgiro,
        plusgiro=details.plusgiro,
        payment_days=details.payment_days,
        lines=lines,
        note=note,
        preceding=preceding,
    )
    xml = invoice_xml(data)
    broken = violations(xml)
    if broken:  # refused before anything is stored: the number taken goes back with the transaction
        rule, message = broken[0]
        raise ValidationError(
            rule,
            number,
            f"Fakturan följer inte regeln {rule}: {message}",
            f"The invoice breaks rule {rule}: {message}",
        )
    row = Invoice(
        number=number,
        district_id=issued_v.district_id,
        district=issued_v.district,
        month=str(month),
        statement_version=issued_v.version,
        basis="correction" if correction else "statement",
        kind=kind,
        issue_date=today,
        amount=f"{data.total:.2f}",
        written_by=actor.name,
        written_at=dt.datetime.now().replace(microsecond=0),
        xml=xml.decode("utf-8"),
    )
    session.add(row)
    what = "kreditfaktura" if kind == "credit_note" else "faktura"
    audit.record(
        session,
        actor,
        "create",
        "invoice",
        number,
        summary=f"Skrev {what} {number}: {issued_v.district} {month.name_sv()}, {fmt_amount_sv(data.total)}",
        new={
            "number": number,
            "kind": kind,
            "district": issued_v.district,
            "month": str(month),
            "amount": row.amount,
        },
    )
    session.flush()
    return _written(row)


def _refuse_double_billing(session: Session, version: issued.IssuedVersion, month: Month, correction: bool) -> None:
    others = session.execute(
        select(Invoice.number, Invoice.basis, Invoice.statement_version).where(
            Invoice.district_id == version.district_id, Invoice.month == str(month)
        )
    ).all()
    if not correction and others:
        number = others[0][0]
        raise ValidationError(
            "--correction",
            str(month),
            f"{version.district} {month.name_sv()} är redan fakturerad ({number}). Det som ändrats sedan "
            "faktureras med rättelsen (i Redovisningen: Version → Rättelse; på kommandoraden: --correction).",
            f"{version.district} {month.name_en()} is invoiced already ({number}). What changed since is invoiced "
            "with the correction (in Redovisning: Version → Rättelse; on the command line: --correction).",
        )
    whole = [n for n, basis, v in others if basis == "statement" and v >= version.version]
    if correction and whole:
        raise ValidationError(
            "--correction",
            str(month),
            f"Version {version.version} av {version.district} {month.name_sv()} är redan fakturerad i sin helhet "
            f"({whole[0]}): rättelsen ingår redan.",
            f"Version {version.version} of {version.district} {month.name_en()} is invoiced whole already "
            f"({whole[0]}): the correction is in it.",
        )


def _earlier_number(session: Session, district_id: int, month: Month, version: int) -> str | None:
    """The invoice of the version a correction corrects, if one was written (its BillingReference)."""
    return session.scalar(
        select(Invoice.number).where(
            Invoice.district_id == district_id, Invoice.month == str(month), Invoice.statement_version == version
        )
    )


def invoices(session: Session, month: Month | None = None) -> list[WrittenInvoice]:
    """The invoices written, oldest first (of one month with ``month``)."""
    query = select(Invoice).order_by(Invoice.id)
    if month is not None:
        query = query.where(Invoice.month == str(month))
    return [_written(r) for r in session.scalars(query)]


def invoice_by_number(session: Session, number: str) -> WrittenInvoice:
    row = session.scalar(select(Invoice).where(Invoice.number == number.strip()))
    if row is None:
        raise NotFoundError(f"Det finns ingen faktura med nummer {number}.", f"There is no invoice number {number}.")
    return _written(row)
