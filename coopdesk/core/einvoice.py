"""An e-invoice as plain data (domain.md §9): what reports/ubl_invoice.py writes as Peppol BIS Billing 3.

Made from an issued statement (one line per row with an amount basis) or from a correction (one line
per row whose amount changed, the difference). Lines name the decision reference and the month, never
the member: personal names are not put on an invoice. Social services are exempt from VAT, so every
line is VAT category E (exempt) with the exemption reason, and the totals are the lines' sum to the öre.
A negative correction becomes a credit note whose lines credit what the rows lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError

# VATEX-EU-132-1G: exempt under article 132(1)(g) of the VAT directive — welfare and social security
# work (in Sweden the exemption for social care, omsorg, in the mervärdesskattelag).
EXEMPTION_CODE = "VATEX-EU-132-1G"
EXEMPTION_REASON = "Social omsorg, undantagen från mervärdesskatt"
CURRENCY = "SEK"


@dataclass(frozen=True)
class Party:
    name: str
    org_number: str | None  # "802400-1235"
    endpoint: tuple[str, str] | None  # (scheme, identifier), e.g. ("0007", "8024001235")
    street: str | None
    postcode: str | None
    city: str | None
    vat_number: str | None = None
    f_tax: bool = False


@dataclass(frozen=True)
class Line:
    number: int
    name: str  # "Beslut NOR-2026-0012, maj 2026"
    note: str  # what the amount is made of: "3 heldagar, 1 halvdag"
    period: tuple[dt.date, dt.date]
    quantity: int  # 1, or -1 for a line that takes back (an invoice's negative line)
    price: Decimal  # never negative (BR-27): the sign is the quantity's

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.price


@dataclass(frozen=True)
class InvoiceData:
    kind: str  # invoice | credit_note
    number: str
    issue_date: dt.date
    due_date: dt.date | None
    month: Month
    seller: Party
    buyer: Party
    buyer_reference: str | None
    bankgiro: str | None
    plusgiro: str | None
    payment_days: int
    lines: tuple[Line, ...]
    note: str
    preceding: str | None = None  # the invoice a correction or credit note refers to (BillingReference)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def _basis_sv(billing: dict[str, Any]) -> str:
    if billing["tariff"] == "per_day":
        full, half = billing["full_days"], billing["half_days"]
        return f"{full} heldag{'ar' if full != 1 else ''}, {half} halvdag{'ar' if half != 1 else ''}"
    if billing["tariff"] == "per_hour":
        return f"{billing['hours'].replace('.', ',')} timmar"
    return "ersättning per månad"


def _name(decision_ref: str, month: Month) -> str:
    return f"Beslut {decision_ref}, {month.name_sv()}"


def statement_lines(document: dict[str, Any]) -> tuple[Line, ...]:
    """One line per row of an issued statement document (coopdesk-statement/1)."""
    month = Month.parse(document["month"])
    if document["totals"]["amount"] is None:
        raise ValidationError(
            "--district",
            document["district"],
            f"{document['district']} har ingen ersättning för {month.name_sv()}: det finns inget att fakturera.",
            f"{document['district']} pays nothing for {month.name_en()}: there is nothing to invoice.",
        )
    lines: list[Line] = []
    for index, row in enumerate(document["rows"], start=1):
        period = (dt.date.fromisoformat(row["period"]["from"]), dt.date.fromisoformat(row["period"]["to"]))
        amount = Decimal(row["billing"]["amount"])
        lines.append(Line(index, _name(row["decision_ref"], month), _basis_sv(row["billing"]), period, 1, amount))
    if not lines:
        raise ValidationError(
            "--district",
            document["district"],
            f"Redovisningen för {document['district']} {month.name_sv()} har inga rader: inget att fakturera.",
            f"The statement for {document['district']} {month.name_en()} has no rows: there is nothing to invoice.",
        )
    return tuple(lines)


def correction_lines(correction: dict[str, Any], *, credit: bool) -> tuple[Line, ...]:
    """One line per corrected row whose amount changed: the difference. On a credit note (``credit``)
    a line credits what the row lost (a row that gained is a line that takes back, quantity −1)."""
    month = Month.parse(correction["month"])
    change_sv = {"added": "tillkommen", "removed": "borttagen", "changed": "ändrad"}
    lines: list[Line] = []
    for row in correction["rows"]:
        amount = row["amount"]
        if amount is None or Decimal(amount["difference"]) == 0:
            continue
        difference = Decimal(amount["difference"]) * (-1 if credit else 1)
        month_first = dt.date.fromisoformat(row["period_from"])
        lines.append(
            Line(
                len(lines) + 1,
                _name(row["decision_ref"], month),
                f"Rättelse ({change_sv[row['change']]} rad): tidigare {amount['issued'] or '0.00'}, "
                f"ny {amount['current'] or '0.00'}",
                (month_first, month.last),
                1 if difference >= 0 else -1,
                abs(difference),
            )
        )
    return tuple(lines)
