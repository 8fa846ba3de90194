"""The demo cooperative's invoicing details (domain.md §9): the cooperative's and every district's.

Fictional but well-formed, so that on a fresh demo ``coopdesk invoice`` writes a valid Peppol BIS
Billing 3 invoice right after a month is attested: organisation numbers, bankgiro and the Peppol ids
(``0007:`` and the org number) carry valid check digits, made here rather than typed, so none is off by
one. Stockholm's three stadsdelar are one legal person (the city, one org number and Peppol id) told apart
by the buyer reference, as a city's districts are; Tyresö is a municipality of its own.

Written as ``coopdesk/2``'s ``invoicing`` keys of the demo document (docs/rules.md, "coopdesk/2: issued
statements and e-invoices"), so the demo's import checks them by the rules of the settings form.
"""

from __future__ import annotations

from typing import Any


def _luhn(body: str) -> str:
    """``body`` and the check digit that makes it pass the Luhn test (org numbers, bankgiro numbers)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def _org(nine: str) -> str:
    ten = _luhn(nine)
    return f"{ten[:6]}-{ten[6:]}"


COOPERATIVE_ORG = "802400-1235"  # demo.py's cooperative (its check digit is valid)
CITY_ORG = _org("212000978")  # "Stockholms stad" of the demo
TYRESO_ORG = _org("212000965")  # "Tyresö kommun" of the demo


def _peppol(org: str) -> str:
    return "0007:" + org.replace("-", "")


def seller() -> dict[str, Any]:
    """``cooperative.invoicing``: the series starts at KOS-1001 (the numbers before were paper invoices)."""
    return {
        "peppol_id": _peppol(COOPERATIVE_ORG),
        "vat_number": None,  # exempt social services: no VAT number, approved for F-tax
        "f_tax": True,
        "street": "Tegnérgatan 34",
        "postcode": "113 59",
        "city": "Stockholm",
        "bankgiro": _luhn("555012"),
        "plusgiro": None,
        "payment_days": 30,
        "number_prefix": "KOS-",
        "next_number": 1001,
    }


# district → (org number, buyer reference, street, postcode, city)
_BUYERS = {
    "Norrmalm": (CITY_ORG, "NOR4711", "Box 3220", "103 64", "Stockholm"),
    "Södermalm": (CITY_ORG, "SOD2210", "Box 4270", "102 66", "Stockholm"),
    "Kungsholmen": (CITY_ORG, "KUN3305", "Box 8312", "104 20", "Stockholm"),
    "Tyresö kommun": (TYRESO_ORG, "VUX-LOV-17", "Box 900", "135 81", "Tyresö"),
}


def buyer(district: str) -> dict[str, Any] | None:
    """``districts[].invoicing`` of a demo district (None for a district the demo does not know)."""
    if district not in _BUYERS:
        return None
    org, reference, street, postcode, city = _BUYERS[district]
    return {
        "org_number": org,
        "peppol_id": _peppol(org),
        "buyer_reference": reference,
        "street": street,
        "postcode": postcode,
        "city": city,
    }


def add_invoicing(document: dict[str, Any]) -> dict[str, Any]:
    """The demo ``document`` with the invoicing details of the cooperative and of its districts."""
    document["cooperative"]["invoicing"] = seller()
    for district in document["districts"]:
        district["invoicing"] = buyer(district["name"])
    return document
