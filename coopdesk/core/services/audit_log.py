"""Reading the audit log: who did what, when, to whose file, filtered by member, user and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coopdesk.core.errors import NotFoundError
from coopdesk.core.models import AuditEntry, Member

ACTION_SV = {
    "create": "lade till",
    "update": "ändrade",
    "delete": "tog bort",
    "read": "öppnade",
    "attest": "attesterade",
    "reopen": "öppnade månaden igen",
    "import": "importerade",
    "export": "exporterade",
    "erase": "gallrade",
    "encrypt": "krypterade",
    "login": "loggade in",
    "login_failed": "misslyckad inloggning",
    "logout": "loggade ut",
    "password": "bytte lösenord",
}
# Entries whose summary is already a whole sentence ("Kim Ek loggade in", "Nytt lösenord för Kim Ek").
SELF_DESCRIBING = ("login", "login_failed", "logout", "password")
ENTITY_SV = {
    "attendance": "närvaro",
    "member": "medlem",
    "placement": "beslut",
    "capacity": "omfattning",
    "supervisor": "handledare",
    "supervisor_hours": "handledartid",
    "district": "beställare",
    "tariff": "ersättning",
    "cooperative": "inställningar",
    "closure_day": "stängningsdag",
    "work_area": "arbetsområde",
    "month": "månad",
    "database": "databas",
    "user": "användare",
    "employee": "anställd",
    "employment": "sysselsättningsgrad",
    "wage_cost": "lönekostnad",
    "subsidy_decision": "lönebidragsbeslut",
    "subsidy_step": "bidragsnivå",
    "time_report": "tidrapport",
}


def member_ids_matching(session: Session, text: str) -> list[int]:
    """Members whose name contains ``text`` or whose personal number starts with it."""
    wanted = text.strip()
    digits = wanted.replace("-", "")
    query = select(Member.id, Member.name, Member.personal_number)
    ids = [
        member_id
        for member_id, name, number in session.execute(query)
        if wanted.casefold() in name.casefold()
        or (digits.isdigit() and (number or "").replace("-", "").startswith(digits))
    ]
    if not ids:
        raise NotFoundError(f"Ingen medlem matchar {wanted!r}.", f"No member matches {wanted!r}.")
    return ids


def entries(
    session: Session,
    *,
    member_ids: Sequence[int] | None = None,
    actor: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    limit: int = 2000,
) -> list[AuditEntry]:
    """Entries newest first; ``last`` is inclusive (the whole day)."""
    query = select(AuditEntry)
    if member_ids is not None:
        query = query.where(AuditEntry.member_id.in_(list(member_ids)))
    if actor:
        query = query.where(or_(AuditEntry.actor == actor, AuditEntry.actor.ilike(f"%{actor}%")))
    if first is not None:
        query = query.where(AuditEntry.at >= dt.datetime.combine(first, dt.time()))
    if last is not None and last < dt.date.max:  # up to 9999-12-31 is no bound (and has no next day)
        query = query.where(AuditEntry.at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
    return list(session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


def actors(session: Session) -> list[str]:
    return sorted(set(session.scalars(select(AuditEntry.actor).distinct())))


def describe_sv(entry: AuditEntry) -> str:
    """'Sara Svensson ändrade närvaro: Anna Andersson 2026-05-21'."""
    if entry.action in SELF_DESCRIBING and entry.summary:
        return entry.summary
    action = ACTION_SV.get(entry.action, entry.action)
    entity = ENTITY_SV.get(entry.entity, entry.entity)
    return f"{entry.actor} {action} {entity}" + (f": {entry.summary}" if entry.summary else "")
