"""Erasure (gallring) of former members: who may be erased, and erasing them.

A member whose every placement has ended, the last one more than the cooperative's retention period
ago (``Cooperative.retention_years``, default 5: SoL documentation is normally gallrad five years
after the matter ended), and whose social documentation has had no note for as long (SoL 12 kap. 1 §:
five years after the last note), is a *candidate*. Erasing a candidate anonymises the member but keeps the
statistics: the name becomes a pseudonym, the personal number and the case workers' details go,
decision references become ``"gallrad"``, and the member's audit entries are redacted (the one
UPDATE the database lets through, migration 0003). Attendance, hours, the placements' dates and
districts and the capacity history stay, so every old statement still has the same figures; it
shows the pseudonym. The social documentation (plans, journal, deviations about the member) is
deleted outright: it is the personakt that gallring exists for. Only an administrator erases, and
nothing of it can be undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.models import AuditEntry, District, Member, Placement
from coopdesk.core.permissions import require_admin
from coopdesk.core.services import lookups, social_record
from coopdesk.core.text import swedish_key

DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 50
ERASED_DECISION_REF = "gallrad"
# Must be the marker that migration 0003's trigger lets an UPDATE write into audit_log.summary.
REDACTED_SUMMARY = "[gallrad]"


def pseudonym(member_id: int) -> str:
    """The name an erased member keeps: stable (by id), so old statements and the log still tell rows apart."""
    return f"Gallrad medlem {member_id}"


@dataclass(frozen=True)
class ErasureCandidate:
    member_id: int
    name: str  # the real name: the administrator must recognise whom they erase
    pseudonym: str
    last_end: dt.date
    district: str  # of the last placement
    placements: int


@dataclass(frozen=True)
class ErasureResult:
    member_ids: tuple[int, ...]
    cutoff: dt.date  # every erased member's last placement ended before this day
    years: int
    redacted_entries: int

    @property
    def count(self) -> int:
        return len(self.member_ids)


def retention_years(session: Session) -> int:
    """The cooperative's retention period in years (the default until the settings are saved)."""
    return lookups.cooperative(session).retention_years or DEFAULT_RETENTION_YEARS


def _check_years(years: object, field: str = "years") -> int:
    if isinstance(years, bool) or not isinstance(years, int) or not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
        raise ValidationError(
            field,
            years,
            f"Gallringstiden {shown(years)} ska vara ett helt antal år från {MIN_RETENTION_YEARS} till "
            f"{MAX_RETENTION_YEARS}.",
            f"The retention period {shown(years)} must be a whole number of years from {MIN_RETENTION_YEARS} to "
            f"{MAX_RETENTION_YEARS}.",
        )
    return years


def cutoff_date(today: dt.date, years: int) -> dt.date:
    """``today`` ``years`` years back (29 February becomes 28 February). A last end before it is old enough."""
    if today.year - years < dt.MINYEAR:  # before the year 1: nothing ended before it
        return dt.date.min
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def candidates(session: Session, today: dt.date, years: int | None = None) -> list[ErasureCandidate]:
    """Members not yet erased whose every placement has ended, the last one before ``today`` − ``years``.

    ``years`` defaults to the cooperative's retention period. A member without any placement is never
    a candidate: there is no end date for the period to run from. Ordered by last end, then name.
    """
    years = retention_years(session) if years is None else _check_years(years)
    cutoff = cutoff_date(today, years)
    ended = (
        select(Placement.member_id, func.max(Placement.end).label("last_end"), func.count().label("n"))
        .group_by(Placement.member_id)
        .having(func.count() == func.count(Placement.end))  # no placement without an end
        .having(func.max(Placement.end) < cutoff)
        .subquery()
    )
    rows = session.execute(
        select(Member.id, Member.name, ended.c.last_end, ended.c.n)
        .join(ended, ended.c.member_id == Member.id)
        .where(Member.erased_at.is_(None))
    ).all()
    last_districts = dict(
        session.execute(
            select(Placement.member_id, District.name)
            .join(District, District.id == Placement.district_id)
            .join(ended, (ended.c.member_id == Placement.member_id) & (ended.c.last_end == Placement.end))
        ).all()
    )
    notes = social_record.last_note(session, [row.id for row in rows])
    found = [
        ErasureCandidate(row.id, row.name, pseudonym(row.id), row.last_end, last_districts.get(row.id, ""), row.n)
        for row in rows
        if notes.get(row.id, dt.date.min) < cutoff  # the documentation's last note is old enough too
    ]
    return sorted(found, key=lambda c: (c.last_end, swedish_key(c.name), c.member_id))


def erase(
    session: Session,
    actor: audit.Actor,
    member_ids: Iterable[int],
    today: dt.date,
    *,
    years: int | None = None,
) -> ErasureResult:
    """Erase (anonymise) the given candidates, all or none, and write one audit entry for it.

    ``years`` may ask for a longer period than the cooperative's setting, never a shorter one: erasing
    earlier means changing the setting first (an administrator's audited decision).
    """
    require_admin(actor, "gallra medlemmar", "erase members")
    setting = retention_years(session)
    years = setting if years is None else _check_years(years)
    if years < setting:
        raise ValidationError(
            "years",
            years,
            f"Gallringstiden är {setting} år. Ändra inställningen om medlemmar ska gallras efter {years} år.",
            f"The retention period is {setting} years. Change the setting to erase members after {years} years.",
        )
    ids = sorted(set(member_ids))
    if not ids:
        raise ValidationError("member_ids", [], "Välj minst en medlem att gallra.", "Choose at least one member.")
    allowed = {c.member_id for c in candidates(session, today, years)}
    for member_id in ids:
        if member_id not in allowed:
            member = session.get(Member, member_id)
            who = "finns inte" if member is None else ("är redan gallrad" if member.erased_at else None)
            who_en = "does not exist" if member is None else ("is already erased" if member.erased_at else None)
            raise ValidationError(
                "member_ids",
                member_id,
                f"Medlem {member_id} {who or 'kan inte gallras: har ett beslut som pågår eller slutade för nyligen'}"
                f" (gallringstid {years} år). Ingenting gallrades.",
                f"Member {member_id} {who_en or 'cannot be erased: a placement is ongoing or ended too recently'}"
                f" (retention period {years} years). Nothing was erased.",
            )
    now = dt.datetime.now().replace(microsecond=0)
    for member_id in ids:
        member = lookups.member(session, member_id)
        member.name = pseudonym(member_id)
        member.personal_number = None
        member.erased_at = now
        for placement in member.placements:
            placement.decision_ref = ERASED_DECISION_REF
            placement.case_worker = placement.case_worker_phone = placement.case_worker_email = None
    documentation = social_record.erase(session, ids)
    session.flush()  # erased_at must be in the database before the trigger is asked to allow the redaction
    result = session.execute(
        update(AuditEntry)
        .where(AuditEntry.member_id.in_(ids))
        .values(summary=REDACTED_SUMMARY, old=None, new=None)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # an UPDATE's result: it has a rowcount (Session.execute says Result)
    redacted = result.rowcount
    cutoff = cutoff_date(today, years)
    word_sv = "medlem" if len(ids) == 1 else "medlemmar"
    audit.record(
        session,
        actor,
        "erase",
        "member",
        ids[0] if len(ids) == 1 else None,
        summary=f"Gallrade {len(ids)} {word_sv} (placering avslutad före {cutoff})",
        new={"member_ids": ids, "retention_years": years, "ended_before": cutoff}
        | ({"documentation_rows": documentation} if documentation else {}),
        member_id=ids[0] if len(ids) == 1 else None,
    )
    session.flush()
    return ErasureResult(tuple(ids), cutoff, years, redacted or 0)


def save_retention_years(
    session: Session, actor: audit.Actor, years: int, *, expected_version: int | None = None
) -> int:
    """Change the retention period (administrators only; written to the audit log).

    ``expected_version``: of the cooperative's row, as for ``settings.save_cooperative`` (0: not stored yet).
    """
    require_admin(actor, "ändra gallringstiden", "change the retention period")
    years = _check_years(years)
    coop = lookups.cooperative(session)
    conflicts.check(session, coop if coop.id else None, expected_version, "cooperative", coop.id)
    old = coop.retention_years if coop.id else None
    if old == years:
        return years
    coop.retention_years = years
    session.add(coop)
    conflicts.flush(session, "cooperative", coop.id)
    audit.record(
        session,
        actor,
        "update",
        "cooperative",
        coop.id,
        summary=f"Gallringstid {years} år",
        old=None if old is None else {"retention_years": old},
        new={"retention_years": years},
    )
    return years
