"""A correction (rättelse): what changed between the last two issued versions of a district's month.

Built from the two coopdesk-statement/1 documents as issued (domain.md §9, interchange.md §5), so it
compares exactly the figures the district received. Rows are matched by member, decision reference
and period start; a row whose figures and amount are all the same is left out. The amount's
difference is what the cooperative invoices (positive) or credits (negative) afterwards.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from coopdesk.core.text import swedish_key

FORMAT = "coopdesk-correction/1"

#: The figures a correction compares, in the order it lists them (interchange.md §5).
FIGURES = (
    "planned_days",
    "attended_days",
    "extra_days",
    "sick_days",
    "notified_absence_days",
    "unnotified_absence_days",
    "leave_days",
    "unregistered_days",
    "planned_hours",
    "attended_hours",
    "full_days",
    "half_days",
    "billed_hours",
)


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["member"], row["decision_ref"], row["period"]["from"]


def _figures(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return dict.fromkeys(FIGURES)
    billing = row["billing"]
    values = {name: row.get(name) for name in FIGURES[:10]}
    values.update(full_days=billing["full_days"], half_days=billing["half_days"], billed_hours=billing["hours"])
    return values


def _money(value: str | None) -> Decimal:
    return Decimal(value) if value is not None else Decimal("0.00")


def _amount(issued: str | None, current: str | None, with_amounts: bool) -> dict[str, Any] | None:
    """Old, new and the difference; None for a district without amounts (neither version has one)."""
    if not with_amounts:
        return None
    difference = _money(current) - _money(issued)
    return {"issued": issued, "current": current, "difference": f"{difference:.2f}" if difference else "0.00"}


def _version(meta: dict[str, Any]) -> dict[str, Any]:
    issued_at = meta["issued_at"]
    if isinstance(issued_at, dt.datetime):
        issued_at = issued_at.replace(microsecond=0).isoformat()
    return {"version": meta["version"], "issued_at": issued_at, "fingerprint": meta["fingerprint"]}


def correction_document(
    issued: dict[str, Any], current: dict[str, Any], issued_meta: dict[str, Any], current_meta: dict[str, Any]
) -> dict[str, Any]:
    """The coopdesk-correction/1 document from the older (``issued``) and newer (``current``) statement
    documents; the metas carry each version's ``version``, ``issued_at`` and ``fingerprint``."""
    with_amounts = issued["totals"]["amount"] is not None or current["totals"]["amount"] is not None
    old = {_key(r): r for r in issued["rows"]}
    new = {_key(r): r for r in current["rows"]}
    keys = sorted(old.keys() | new.keys(), key=lambda k: (swedish_key(k[0]), k[2], k[1]))
    rows = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        was, now = _figures(before), _figures(after)
        figures = {n: {"issued": was[n], "current": now[n]} for n in FIGURES if was[n] != now[n]}
        amount_was = before["billing"]["amount"] if before else None
        amount_now = after["billing"]["amount"] if after else None
        change = "added" if before is None else "removed" if after is None else "changed"
        if change == "changed" and not figures and amount_was == amount_now:
            continue
        rows.append(
            {
                "member": key[0],
                "decision_ref": key[1],
                "period_from": key[2],
                "change": change,
                "figures": figures,
                "amount": _amount(amount_was, amount_now, with_amounts),
            }
        )
    return {
        "format": FORMAT,
        "cooperative": current["cooperative"],
        "district": current["district"],
        "month": current["month"],
        "issued": _version(issued_meta),
        "current": _version(current_meta),
        "rows": rows,
        "totals": {
            "amount": _amount(issued["totals"]["amount"], current["totals"]["amount"], with_amounts),
        },
    }


def difference(document: dict[str, Any]) -> Decimal | None:
    """The totals' difference of a correction document (None for a district without amounts)."""
    amount = document["totals"]["amount"]
    return None if amount is None else Decimal(amount["difference"])
