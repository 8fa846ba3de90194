"""Figures the program computes are printed the Swedish way in Swedish messages (ui-sv.md: decimal
comma), the English message keeps the point; a value quoted from the user's input stays as typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.core.errors import ValidationError
from coopdesk.core.rules import check_hours_by_area, check_supervisor_day_total

DAY = dt.date(2026, 11, 27)


def test_a_day_over_24_hours_split_over_areas_says_the_total_with_a_comma() -> None:
    hours = {"Kopiering": Decimal("12.5"), "Glasverkstad": Decimal("12")}
    with pytest.raises(ValidationError) as caught:
        check_hours_by_area(hours, "hours", "Anna Andersson", DAY)
    assert caught.value.sv == "Anna Andersson har 24,5 timmar 2026-11-27; en dag har högst 24 timmar."
    assert caught.value.en == "Anna Andersson has 24.5 hours on 2026-11-27; a day has at most 24 hours."


def test_a_supervisors_day_over_24_hours_says_the_total_with_a_comma() -> None:
    with pytest.raises(ValidationError) as caught:
        check_supervisor_day_total("Karin Sjöström", DAY, Decimal("24.25"), "hours")
    assert "har 24,25 timmar" in caught.value.sv and "has 24.25 hours" in caught.value.en


def test_a_tariff_amount_typed_as_printed_is_taken(new_db) -> None:
    """A tariff copied from the district's letter ("1 250,00 kr" without the kr) is the amount, in a
    script as in the window (which took the spaces out itself)."""
    from coopdesk.core.actor import ROLE_ADMIN, Actor
    from coopdesk.core.services import districts
    from coopdesk.storage.database import open_database

    admin = Actor("Anna Berg", ROLE_ADMIN, "anna")
    db = open_database(new_db("tariff.db"))
    try:
        with db.session() as session:
            district = districts.add_district(session, admin, "Norrmalm")
            tariff = districts.add_tariff(
                session, admin, district.id, DAY, "per_day", full_day_amount="1 250,00", half_day_amount="625"
            )
            assert tariff.full_day_amount == Decimal("1250.00")
    finally:
        db.close()
