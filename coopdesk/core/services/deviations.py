"""Deviations and complaints (avvikelser och klagomål) including lex Sarah reports (domain.md §7).

Anyone logged in registers a deviation and writes its measures. A lex Sarah case (missförhållande or
påtaglig risk för missförhållande) must be reported to IVO within two weeks of the report date; the due
date shows on Att göra until it is marked sent. Marking it sent and closing a case are the
responsible's decisions (den som bedriver verksamheten): an administrator's. Nothing is deleted but by
gallring, with the member it is about.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.actor import Actor
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import Deviation
from coopdesk.core.permissions import require_admin
from coopdesk.core.rules import require_text
from coopdesk.core.services.journal import _member
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, LEX_SARAH, choice, long_text

ENTITY = "deviation"
_UNSET: object = object()


def deviation(session: Session, deviation_id: int) -> Deviation:
    found = session.get(Deviation, deviation_id)
    if found is None:
        raise NotFoundError(f"Avvikelse {deviation_id} finns inte.", f"No deviation {deviation_id}.")
    return found


def snapshot(row: Deviation) -> dict[str, object]:
    return {
        "reported_on": row.reported_on,
        "reported_by": row.reported_by,
        "category": row.category,
        "description": row.description,
        "measures": row.measures,
        "status": row.status,
        "ivo_sent_on": row.ivo_sent_on,
    }


def _day(value: object, field: str, what_sv: str, what_en: str, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError(field, value, f"Ange {what_sv} (ÅÅÅÅ-MM-DD).", f"Give {what_en} (YYYY-MM-DD).")
    if value > today:
        raise ValidationError(
            field,
            value,
            f"{what_sv.capitalize()} {value} ligger efter i dag.",
            f"{what_en.capitalize()} {value} is after today.",
        )
    return value


def add_deviation(
    session: Session,
    actor: Actor,
    *,
    member_id: int | None,
    reported_on: dt.date,
    reported_by: str,
    category: str,
    description: str,
    measures: str | None = None,
    now: dt.datetime,
) -> Deviation:
    name = _member(session, member_id).name if member_id is not None else None
    row = Deviation(
        member_id=member_id,
        reported_on=_day(reported_on, "reported_on", "rapportdatum", "the report date", now.date()),
        reported_by=require_text(reported_by, "reported_by", "Vem som rapporterade", "Who reported"),
        category=choice(category, DEVIATION_CATEGORIES, "category", "Kategorin", "The category"),
        description=long_text(description, "description", "Beskrivningen", "The description"),
        measures=long_text(measures, "measures", "Åtgärderna", "The measures", required=False),
        status="received",
        created_at=now.replace(microsecond=0),
        created_by=actor.name,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "deviation",
        row.id,
        summary=f"{DEVIATION_CATEGORIES[row.category].sv} {row.reported_on}" + (f" {name}" if name else ""),
        new=snapshot(row),
        member_id=member_id,
        at=now,
    )
    return row


def update_deviation(
    session: Session,
    actor: Actor,
    deviation_id: int,
    *,
    now: dt.datetime,
    category: str | None = None,
    description: str | None = None,
    measures: object = _UNSET,
    status: str | None = None,
    ivo_sent_on: object = _UNSET,
    expected_version: int | None = None,
) -> Deviation:
    """Change what is given; ``measures``/``ivo_sent_on`` None clears them. Closing a case and marking
    the IVO report sent (or unsent) are an administrator's."""
    row = deviation(session, deviation_id)
    conflicts.check(session, row, expected_version, ENTITY, deviation_id)
    old = snapshot(row)
    if category is not None:
        row.category = choice(category, DEVIATION_CATEGORIES, "category", "Kategorin", "The category")
    if description is not None:
        row.description = long_text(description, "description", "Beskrivningen", "The description") or ""
    if measures is not _UNSET:
        row.measures = long_text(measures, "measures", "Åtgärderna", "The measures", required=False)
    if status is not None:
        row.status = choice(status, DEVIATION_STATUSES, "status", "Statusen", "The status")
        if row.status == "closed" and old["status"] != "closed":
            require_admin(actor, "avsluta en avvikelse", "close a deviation")
    if ivo_sent_on is not _UNSET:
        require_admin(actor, "markera en lex Sarah-anmälan som skickad till IVO", "mark a lex Sarah report sent to IVO")
        if ivo_sent_on is not None:
            sent = _day(ivo_sent_on, "ivo_sent_on", "datum för anmälan till IVO", "the date sent to IVO", now.date())
            if sent < row.reported_on:
                raise ValidationError(
                    "ivo_sent_on",
                    sent,
                    f"Anmälan till IVO ({sent}) kan inte ha skickats före rapporten ({row.reported_on}).",
                    f"The IVO report ({sent}) cannot have been sent before the report date ({row.reported_on}).",
                )
            if row.category not in LEX_SARAH:
                raise ValidationError(
                    "ivo_sent_on",
                    sent,
                    "Bara ett lex Sarah-ärende anmäls till IVO. Ändra kategorin först.",
                    "Only a lex Sarah case is reported to IVO. Change the category first.",
                )
            row.ivo_sent_on = sent
        else:
            row.ivo_sent_on = None
    new = snapshot(row)
    if new == old:
        return row
    conflicts.flush(session, ENTITY, deviation_id)
    audit.record(
        session,
        actor,
        "update",
        "deviation",
        row.id,
        summary=f"{DEVIATION_CATEGORIES[row.category].sv} {row.reported_on}",
        old={k: v for k, v in old.items() if new[k] != v},
        new={k: v for k, v in new.items() if old[k] != v},
        member_id=row.member_id,
        at=now,
    )
    return row


def deviations(
    session: Session, *, member_id: int | None = None, open_only: bool = False, everyone: bool = True
) -> list[Deviation]:
    """Deviations, newest report first: of one member (``member_id``), or all (``everyone``)."""
    query = select(Deviation)
    if member_id is not None:
        query = query.where(Deviation.member_id == member_id)
    elif not everyone:
        query = query.where(Deviation.member_id.is_(None))
    if open_only:
        query = query.where(Deviation.status != "closed")
    return list(session.scalars(query.order_by(Deviation.reported_on.desc(), Deviation.id.desc())))
