"""Everything coopdesk holds about one member, for a subject-access request (GDPR art. 15).

:func:`member_record` gathers the member, their placements (biståndsbeslut), capacity history,
every attendance record, the social documentation (plans, journal, deviations) and the audit
entries about their file into one plain, JSON-serialisable
dict (``format: "coopdesk-member/1"``). The JSON file and the PDF (:mod:`coopdesk.reports.member_pdf`)
are both written from it, so they always hold the same data.

The audit entries carry the old and new values (JSON) only for the member's own entities
(member, placement, capacity, attendance): those values are the member's own data. An entry about
anything else that happens to name the member (a month attested, an import) may hold other
people's data in its old/new values, so only its time, user, action, entity and summary are given.

The record is complete: nothing is limited or paged, however many years the database holds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coopdesk.core.errors import ValidationError
from coopdesk.core.models import Attendance, AuditEntry, Member
from coopdesk.core.numbers import normalized
from coopdesk.core.personal_number import mask_personal_number
from coopdesk.core.services import lookups, social_record

FORMAT = "coopdesk-member/1"
OWN_ENTITIES = frozenset(
    {"member", "placement", "capacity", "attendance", "journal_entry", "care_plan", "deviation", "documentation"}
)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json_or_none(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text  # an old entry written as plain text: give it as it stands


def member_record(session: Session, member_id: int, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """All data about member ``member_id`` as a plain dict (dates ISO, hours as exact decimal strings)."""
    member = session.scalar(
        select(Member)
        .where(Member.id == member_id)
        .options(selectinload(Member.placements), selectinload(Member.capacity_periods))
    )
    if member is None:
        raise ValidationError(
            "member", member_id, f"Medlemmen {member_id} finns inte.", f"The member {member_id} does not exist."
        )
    coop = lookups.cooperative(session)
    attendance = session.scalars(select(Attendance).where(Attendance.member_id == member_id).order_by(Attendance.day))
    audit = session.scalars(
        select(AuditEntry).where(AuditEntry.member_id == member_id).order_by(AuditEntry.at, AuditEntry.id)
    )
    exported_at = (now or dt.datetime.now()).replace(microsecond=0)
    return {
        "format": FORMAT,
        "exported_at": exported_at.isoformat(),
        "cooperative": {"name": coop.name, "org_number": coop.org_number, "address": coop.address},
        "member": {
            "name": member.name,
            "personal_number": member.personal_number,
            "primary_work_area": member.primary_work_area.name if member.primary_work_area else None,
        },
        "placements": [
            {
                "district": p.district.name,
                "decision_ref": p.decision_ref,
                "case_worker": p.case_worker,
                "case_worker_phone": p.case_worker_phone,
                "case_worker_email": p.case_worker_email,
                "start": _iso(p.start),
                "end": _iso(p.end),
            }
            for p in member.placements
        ],
        "capacity": [
            {"valid_from": _iso(c.valid_from), "percent": c.percent, "weekdays": sorted(c.weekdays)}
            for c in member.capacity_periods
        ],
        "attendance": [
            {
                "date": _iso(a.day),
                "status": a.status,
                "hours": {h.work_area.name: normalized(h.hours) for h in a.hours},
            }
            for a in attendance
        ],
        # the social documentation (domain.md §7): plans, journal and deviations, struck entries included
        **social_record.documentation(session, member_id),
        "audit": [_audit_entry(e) for e in audit],
    }


def _audit_entry(entry: AuditEntry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "summary": entry.summary,
    }
    if entry.entity in OWN_ENTITIES:
        item["old"] = _json_or_none(entry.old)
        item["new"] = _json_or_none(entry.new)
    return item


def find_member(session: Session, text: str) -> int:
    """The one member whose name or personal number ``text`` gives.

    A name matches when it contains ``text`` (any case); a number when it starts with ``text``'s digits.
    Of several matches, an exact name or a full personal number wins. No match, or several equally
    good ones, is a ValidationError that names the candidates (with masked numbers).
    """
    wanted = text.strip()
    digits = wanted.replace("-", "")
    rows = session.scalars(select(Member).order_by(Member.name)).all()
    if not wanted:
        raise ValidationError(
            "--member", text, "Ange medlemmens namn eller personnummer.", "Give the member's name or personal number."
        )
    matches = [
        row
        for row in rows
        if wanted.casefold() in row.name.casefold()
        or (digits.isdigit() and (row.personal_number or "").replace("-", "").startswith(digits))
    ]
    if len(matches) > 1:
        exact = [
            row
            for row in matches
            if row.name.casefold() == wanted.casefold() or (row.personal_number or "").replace("-", "") == digits
        ]
        if len(exact) == 1:
            matches = exact
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise ValidationError(
            "--member",
            text,
            f"Ingen medlem matchar {wanted!r}. Ange namn eller personnummer.",
            f"No member matches {wanted!r}. Give a name or a personal number.",
        )
    listed = ", ".join(
        f"{row.name} ({mask_personal_number(row.personal_number) if row.personal_number else 'gallrad'})"
        for row in matches
    )
    raise ValidationError(
        "--member",
        text,
        f"{len(matches)} medlemmar matchar {wanted!r}: {listed}. Ange hela namnet eller personnumret.",
        f"{len(matches)} members match {wanted!r}: {listed}. Give the full name or personal number.",
    )
