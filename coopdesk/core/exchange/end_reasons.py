"""``end_reason`` on a placement (coopdesk/2, interchange.md §3; domain.md §8), read and written here
so that the other additions of version 2 stay apart from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopdesk.core.errors import shown
from coopdesk.core.exchange import reader as r
from coopdesk.core.vocabulary import END_REASONS


def placement_keys(format_: str) -> tuple[str, ...]:
    """The placement keys this addition allows: none in coopdesk/1."""
    return ("end_reason",) if format_ != "coopdesk/1" else ()


def read_end_reason(placement: dict[str, Any], path: str, end: dt.date | None) -> str | None:
    """The placement's ``end_reason``: one of domain.md §8's, and only with an ``end``."""
    reason = placement.get("end_reason")
    if reason is None:
        return None
    if not isinstance(reason, str) or reason not in END_REASONS:
        raise r.fail(
            f"{path}.end_reason",
            reason,
            f"Orsaken {shown(reason)} känns inte igen; den måste vara en av {', '.join(END_REASONS)}.",
            f"The reason {shown(reason)} is not recognised; it must be one of {', '.join(END_REASONS)}.",
        )
    if end is None:
        raise r.fail(
            f"{path}.end_reason",
            reason,
            "Ett beslut utan slutdatum (end) kan inte ha en orsak till avslut.",
            "A placement without an end cannot have a reason for ending.",
        )
    return reason


def written(end_reason: str | None) -> dict[str, Any]:
    """The key as export writes it (always, null where none: the export writes every optional key)."""
    return {"end_reason": end_reason}
