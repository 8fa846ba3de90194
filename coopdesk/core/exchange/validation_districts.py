"""Validation of the districts and their dated tariffs in a ``coopdesk/1`` document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.exchange import issued_part
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.parsed import Parsed
from coopdesk.core.exchange.parsed import optional_list as _optional_list
from coopdesk.core.exchange.parsed import unique as _unique
from coopdesk.core.models import (
    DISTRICT_KINDS,
)
from coopdesk.core.rules import (
    MAX_DAY_HOURS,
    check_percent,
)

TARIFF_FIELDS = {
    "none": ((), ()),
    "per_day": (("full_day_amount",), ("half_day_amount", "full_day_min_hours", "half_day_min_hours")),
    "per_hour": (("hourly_amount",), ()),
    "per_month": (("bands",), ()),
}


def districts(value: Any, parsed: Parsed) -> None:
    seen: set[str] = set()
    for path, item in r.items(value, "districts"):
        optional = ("contact", "show_full_personal_number", "tariffs", *issued_part.invoicing_key(parsed.format))
        district = r.obj(item, path, ("name", "kind"), optional)
        name = r.text(district["name"], f"{path}.name")
        assert name is not None
        _unique(seen, name.casefold(), f"{path}.name", name, "Beställaren", "The district")
        kind = district["kind"]
        if kind not in DISTRICT_KINDS:
            raise r.fail(
                f"{path}.kind",
                kind,
                f"Typen {shown(kind)} finns inte; den måste vara 'stadsdel' eller 'kommun'.",
                f"The kind {shown(kind)} does not exist; it must be 'stadsdel' or 'kommun'.",
            )
        show_full = district.get("show_full_personal_number")
        district_id = len(parsed.districts) + 1
        parsed.district_ids[name] = district_id
        parsed.districts.append(
            {
                "id": district_id,
                "name": name,
                "kind": kind,
                "contact": r.text(district.get("contact"), f"{path}.contact", 300, required=False),
                "show_full_personal_number": False
                if show_full is None
                else r.boolean(show_full, f"{path}.show_full_personal_number"),
            }
        )
        _tariffs(_optional_list(district.get("tariffs")), f"{path}.tariffs", district_id, parsed)


def _tariffs(value: Any, path: str, district_id: int, parsed: Parsed) -> None:
    seen: set[dt.date] = set()
    for tpath, item in r.items(value, path):
        r.expect(item, dict, tpath)
        kind = item.get("kind")
        if not isinstance(kind, str) or kind not in TARIFF_FIELDS:
            raise r.fail(
                f"{tpath}.kind",
                kind,
                f"Ersättningstypen {shown(kind)} finns inte; den måste vara none, per_day, per_hour eller per_month.",
                f"The tariff kind {shown(kind)} does not exist; it must be none, per_day, per_hour or per_month.",
            )
        required, optional = TARIFF_FIELDS[kind]
        tariff = r.obj(item, tpath, ("valid_from", "kind", *required), optional)
        valid_from = r.date(tariff["valid_from"], f"{tpath}.valid_from")
        _unique(seen, valid_from, f"{tpath}.valid_from", tariff["valid_from"], "Ersättningen från", "A tariff from")
        tariff_id = len(parsed.tariffs) + 1
        row: dict[str, Any] = {
            "id": tariff_id,
            "district_id": district_id,
            "valid_from": valid_from,
            "kind": kind,
            "full_day_amount": None,
            "half_day_amount": None,
            "full_day_min_hours": None,
            "half_day_min_hours": None,
            "hourly_amount": None,
        }
        for name in ("full_day_amount", "half_day_amount", "hourly_amount"):
            if name in required or tariff.get(name) is not None:  # a required amount may not be null
                row[name] = r.decimal(tariff[name], f"{tpath}.{name}")
        for name in ("full_day_min_hours", "half_day_min_hours"):
            if tariff.get(name) is not None:
                row[name] = r.decimal(tariff[name], f"{tpath}.{name}", maximum=MAX_DAY_HOURS)
        parsed.tariffs.append(row)
        if kind == "per_month":
            percents: set[int] = set()
            bands = list(r.items(tariff["bands"], f"{tpath}.bands"))
            if not bands:
                raise r.fail(f"{tpath}.bands", [], "Minst ett intervall behövs.", "At least one band is needed.")
            for bpath, band_item in bands:
                band = r.obj(band_item, bpath, ("min_percent", "amount"))
                try:
                    percent = check_percent(
                        band["min_percent"], f"{bpath}.min_percent", "Lägsta omfattning", "The minimum capacity"
                    )
                except ValidationError as error:
                    raise r.wrap(f"{bpath}.min_percent", error) from None
                _unique(percents, percent, f"{bpath}.min_percent", percent, "Intervallet", "The band")
                parsed.bands.append(
                    {
                        "tariff_id": tariff_id,
                        "min_percent": percent,
                        "amount": r.decimal(band["amount"], f"{bpath}.amount"),
                    }
                )
