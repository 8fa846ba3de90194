"""How a register day that waits for the database server is shown (Idag and Månad)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from coopdesk.core.services.register import DayEntry
from coopdesk.ui import formats


def pending_entry(entry: DayEntry, state: Any) -> DayEntry:
    """``entry`` as it will be once the waiting change (a DayState) is saved; planned hours and the
    version the user saw stay, so a second change of the day made offline follows the first."""
    hours: dict[int, Decimal] = {}
    for area, value in (state.hours if state.status == "present" else {}).items():
        try:
            hours[area] = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            continue
    return replace(entry, status=state.status, hours=hours)


def pending_tooltip() -> str:
    return formats.tr("Väntar på att sparas: ingen kontakt med databasservern just nu.")
