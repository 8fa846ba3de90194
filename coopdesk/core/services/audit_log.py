"""Reading the audit log: who did what, when, to whose file, filtered by member, user and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import Session

from coopdesk.core import audit_text
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import AuditEntry, District, Member, Supervisor, WorkArea

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
    "print": "skrev ut",
    "backup": "säkerhetskopierade",
    "strike": "felmarkerade",
    "follow_up": "följde upp",
}
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
    "statement": "redovisning",
    "journal_entry": "journalanteckning",
    "care_plan": "genomförandeplan",
    "deviation": "avvikelse",
    "documentation": "social dokumentation",
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
    kinds: Sequence[str] | None = None,
    limit: int = 2000,
) -> list[AuditEntry]:
    """Entries newest first; ``last`` is inclusive (the whole day); ``kinds``: "attendance.update" keys."""
    query = select(AuditEntry)
    if kinds is not None:
        pairs = [key.split(".", 1) for key in kinds if "." in key]
        query = query.where(or_(false(), *(and_(AuditEntry.entity == e, AuditEntry.action == a) for e, a in pairs)))
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


def kinds_matching(text: str) -> list[str]:
    """The kinds ("attendance.update") that ``--kind TEXT`` means: a kind itself, every kind of an action
    ("export") or of an entity ("attendance"), or a kind's name in Swedish or English ("Närvaro ändrad")."""
    wanted = text.strip().casefold()
    found = [
        audit_text.kind_key(entity, action)
        for (entity, action), names in audit_text.KINDS.items()
        if wanted in (audit_text.kind_key(entity, action), entity, action, names[0].casefold(), names[1].casefold())
    ]
    if found:
        return found
    if wanted.count(".") == 1 and all(wanted.split(".")):
        return [wanted]  # a kind this version has no words for: still filtered on
    shown = ", ".join(sorted({action for _e, action in audit_text.KINDS}))
    raise ValidationError(
        "--kind",
        text,
        f"Ingen sorts händelse heter {text!r}. Ange till exempel en av {shown}, eller som attendance.update.",
        f"No kind of entry is called {text!r}. Give e.g. one of {shown}, or a kind as attendance.update.",
    )


def lookup(session: Session) -> audit_text.Lookup:
    """The names the log's values refer to by id: work areas, districts, supervisors and members."""
    return audit_text.Lookup(
        work_areas=dict(session.execute(select(WorkArea.id, WorkArea.name)).all()),
        districts=dict(session.execute(select(District.id, District.name)).all()),
        supervisors=dict(session.execute(select(Supervisor.id, Supervisor.name)).all()),
        members=dict(session.execute(select(Member.id, Member.name)).all()),
    )


def describe_sv(entry: AuditEntry, names: audit_text.Lookup | None = None) -> str:
    """'Sara Svensson ändrade närvaron: Anna Andersson 2026-05-21'."""
    return audit_text.describe_entry(entry, names).sentence
