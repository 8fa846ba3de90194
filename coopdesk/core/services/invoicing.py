"""The invoicing details of the cooperative and of each district (domain.md §9): read and saved, checked.

What an e-invoice (Peppol BIS Billing 3) needs besides the statement: the parties' Peppol (or GLN)
addresses, the district's buyer reference, postal addresses, the cooperative's bankgiro or plusgiro,
VAT number or F-tax approval, the payment terms and the invoice number series. Each value is checked
as the Peppol rules check it (the Swedish ones, SE-R-…), so an invoice is not refused later for a
setting that could have been refused when it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import DistrictInvoicing, Invoice, InvoicingSettings
from coopdesk.core.permissions import require_admin
from coopdesk.core.personal_number import luhn_ok, normalize_org_number

# The identifier schemes an endpoint may use here: Swedish org number and GLN (Peppol EAS code list).
SCHEMES = {"0007": "organisationsnummer", "0088": "GLN"}


@dataclass(frozen=True)
class SellerDetails:
    """The cooperative's invoicing details (``InvoicingSettings``) as plain values."""

    peppol_id: str | None = None
    vat_number: str | None = None
    f_tax: bool = False
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    bankgiro: str | None = None
    plusgiro: str | None = None
    payment_days: int = 30
    number_prefix: str = ""
    next_number: int = 1


@dataclass(frozen=True)
class BuyerDetails:
    """A district's invoicing details (``DistrictInvoicing``) as plain values."""

    org_number: str | None = None
    peppol_id: str | None = None
    buyer_reference: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None


def _values(row: object, kind: type) -> Any:
    return kind(**{f.name: getattr(row, f.name) for f in fields(kind)})


def seller(session: Session) -> SellerDetails:
    row = session.scalar(select(InvoicingSettings).limit(1))
    return SellerDetails() if row is None else _values(row, SellerDetails)


def buyer(session: Session, district_id: int) -> BuyerDetails:
    row = session.get(DistrictInvoicing, district_id)
    return BuyerDetails() if row is None else _values(row, BuyerDetails)


def _text(value: object, limit: int) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text[:limit] if text else None


def check_peppol_id(value: str | None, field: str = "peppol_id") -> str | None:
    """'0007:8024001235' or '0088:7300009012345': a scheme and an identifier valid in that scheme."""
    text = _text(value, 60)
    if text is None:
        return None
    scheme, sep, ident = text.replace(" ", "").partition(":")
    if sep and scheme == "0007":
        digits = ident.replace("-", "")
        if re.fullmatch(r"\d{10}", digits) and luhn_ok(digits):
            return f"0007:{digits}"
    elif sep and scheme == "0088" and re.fullmatch(r"\d{13}", ident) and _gln_ok(ident):
        return f"0088:{ident}"
    raise ValidationError(
        field,
        value,
        f"Peppol-id {value!r} är inte giltigt. Skriv 0007:ORGANISATIONSNUMMER (10 siffror) eller 0088:GLN "
        "(13 siffror), med rätt kontrollsiffra.",
        f"Peppol id {value!r} is not valid. Write 0007:ORGNUMBER (10 digits) or 0088:GLN (13 digits), with a "
        "valid check digit.",
    )


def _gln_ok(gln: str) -> bool:
    """GS1 mod-10 check digit (weights 3 and 1 from the right, the check digit excluded)."""
    body, check = gln[:-1], int(gln[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _giro(value: object, field: str, low: int, high: int, rule: str, name: str) -> str | None:
    text = _text(value, 12)
    if text is None:
        return None
    digits = text.replace("-", "").replace(" ", "")
    if re.fullmatch(rf"\d{{{low},{high}}}", digits):
        return digits
    raise ValidationError(
        field,
        value,
        f"{name} {value!r} är inte giltigt: {low}–{high} siffror ({rule}).",
        f"{name} {value!r} is not valid: {low}-{high} digits ({rule}).",
    )


def _vat(value: object) -> str | None:
    text = _text(value, 20)
    if text is None:
        return None
    clean = text.replace(" ", "").replace("-", "").upper()
    if re.fullmatch(r"SE\d{10}01", clean) and luhn_ok(clean[2:12]):
        return clean
    raise ValidationError(
        "vat_number",
        value,
        f"Momsregistreringsnumret {value!r} är inte giltigt: SE, organisationsnumret och 01 (SE-R-001, SE-R-002).",
        f"The VAT number {value!r} is not valid: SE, the org number and 01 (SE-R-001, SE-R-002).",
    )


def _postcode(value: object) -> str | None:
    text = _text(value, 10)
    if text is None:
        return None
    digits = text.replace(" ", "")
    if re.fullmatch(r"\d{5}", digits):
        return f"{digits[:3]} {digits[3:]}"
    raise ValidationError(
        "postcode", value, f"Postnumret {value!r} ska ha fem siffror.", f"The postcode {value!r} must have 5 digits."
    )


# Nine digits: far more invoices than a cooperative writes, and the series' next number (+1) always fits
# the databases' 32-bit integer column.
NEXT_NUMBER_LIMIT = 999_999_999


def clean_seller(details: SellerDetails, used: int) -> SellerDetails:
    """The cooperative's details as they are stored, or the rule they break; ``used`` is the highest number
    of the series already on an invoice (a series never goes back). The import checks a file by it too."""
    if not 0 <= int(details.payment_days) <= 365:
        raise ValidationError(
            "payment_days",
            details.payment_days,
            "Betalningsvillkoret anges i dagar, 0–365.",
            "Payment terms are given in days, 0-365.",
        )
    prefix = (details.number_prefix or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9-]{0,10}", prefix):
        raise ValidationError(
            "number_prefix",
            details.number_prefix,
            "Fakturanumrets prefix får ha högst 10 bokstäver (A–Z), siffror och bindestreck.",
            "The invoice number prefix may have at most 10 letters (A-Z), digits and hyphens.",
        )
    if int(details.next_number) > NEXT_NUMBER_LIMIT:
        raise ValidationError(
            "next_number",
            details.next_number,
            f"Nästa fakturanummer får vara högst {NEXT_NUMBER_LIMIT}.",
            f"The next invoice number may be at most {NEXT_NUMBER_LIMIT}.",
        )
    if int(details.next_number) <= used or int(details.next_number) < 1:
        raise ValidationError(
            "next_number",
            details.next_number,
            f"Nästa fakturanummer måste vara större än {used}: ett fakturanummer används aldrig två gånger.",
            f"The next invoice number must be greater than {used}: an invoice number is never used twice.",
        )
    return SellerDetails(
        peppol_id=check_peppol_id(details.peppol_id),
        vat_number=_vat(details.vat_number),
        f_tax=bool(details.f_tax),
        street=_text(details.street, 200),
        postcode=_postcode(details.postcode),
        city=_text(details.city, 100),
        bankgiro=_giro(details.bankgiro, "bankgiro", 7, 8, "SE-R-008, SE-R-009", "Bankgironumret"),
        plusgiro=_giro(details.plusgiro, "plusgiro", 2, 8, "SE-R-007, SE-R-010", "Plusgironumret"),
        payment_days=int(details.payment_days),
        number_prefix=prefix,
        next_number=int(details.next_number),
    )


def sequence_of(number: str, prefix: str) -> int | None:
    """The running number of an invoice number of the series with ``prefix`` ("KOS-1002" → 1002)."""
    tail = number[len(prefix) :] if number.startswith(prefix) else number
    return int(tail) if tail.isdigit() else None


def save_seller(session: Session, actor: audit.Actor, details: SellerDetails) -> SellerDetails:
    """Save the cooperative's invoicing details (an administrator's). A series never goes back: the
    next number cannot be set at or below a number already used."""
    require_admin(actor, "ändra faktureringsuppgifterna", "change the invoicing details")
    row = session.scalar(select(InvoicingSettings).limit(1))
    clean = clean_seller(details, max((i.sequence for i in _used_numbers(session)), default=0))
    old = None if row is None else _values(row, SellerDetails).__dict__
    if row is None:
        row = InvoicingSettings()
        session.add(row)
    for name, value in clean.__dict__.items():
        setattr(row, name, value)
    audit.record(
        session,
        actor,
        "update",
        "invoicing",
        None,
        summary="Ändrade faktureringsuppgifterna",
        old=old,
        new=clean.__dict__,
    )
    session.flush()
    return clean


@dataclass(frozen=True)
class _Used:
    sequence: int


def _used_numbers(session: Session) -> list[_Used]:
    settings = session.scalar(select(InvoicingSettings).limit(1))
    prefix = settings.number_prefix if settings else ""
    sequences = (sequence_of(number, prefix) for number in session.scalars(select(Invoice.number)))
    return [_Used(n) for n in sequences if n is not None]


def clean_buyer(details: BuyerDetails) -> BuyerDetails:
    """A district's details as they are stored, or the rule they break (the import checks a file by it too)."""
    org = _text(details.org_number, 11)
    return BuyerDetails(
        org_number=normalize_org_number(org) if org else None,
        peppol_id=check_peppol_id(details.peppol_id),
        buyer_reference=_text(details.buyer_reference, 100),
        street=_text(details.street, 200),
        postcode=_postcode(details.postcode),
        city=_text(details.city, 100),
    )


def save_buyer(session: Session, actor: audit.Actor, district_id: int, details: BuyerDetails) -> BuyerDetails:
    require_admin(actor, "ändra faktureringsuppgifterna", "change the invoicing details")
    clean = clean_buyer(details)
    row = session.get(DistrictInvoicing, district_id)
    old = None if row is None else _values(row, BuyerDetails).__dict__
    if row is None:
        row = DistrictInvoicing(district_id=district_id)
        session.add(row)
    for name, value in clean.__dict__.items():
        setattr(row, name, value)
    audit.record(
        session,
        actor,
        "update",
        "district_invoicing",
        str(district_id),
        summary="Ändrade beställarens faktureringsuppgifter",
        old=old,
        new=clean.__dict__,
    )
    session.flush()
    return clean


def take_number(session: Session) -> tuple[str, int]:
    """The next invoice number of the series, taken: the series moves on in the same unit of work as
    the invoice is stored, so a number is used once or not at all."""
    row = session.scalar(select(InvoicingSettings).limit(1).with_for_update())
    if row is None:
        row = InvoicingSettings()
        session.add(row)
        session.flush()
    sequence = row.next_number
    row.next_number = sequence + 1
    return f"{row.number_prefix}{sequence}", sequence
