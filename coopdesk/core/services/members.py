"""Members, their placements (biståndsbeslut) and their capacity history (domain.md §2).

A change to a placement or a capacity period changes which days are planned, so each one is
checked against the attendance already registered: no record may end up outside a placement, and
no absence on a day that is no longer planned. Capacity history is only ever added to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import Attendance, CapacityPeriod, District, Member, Placement, WorkArea
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.rules import (
    CapacitySpan,
    MemberPlan,
    PlacementSpan,
    check_no_overlap,
    check_percent,
    check_period,
    check_weekdays,
    optional_text,
    require_text,
)
from coopdesk.core.services import lookups
from coopdesk.core.services.locks import ensure_days_unlocked, ensure_unlocked
from coopdesk.core.vocabulary import END_REASONS, STATUS_SV


def _placement_dict(p: Placement) -> dict[str, object]:
    return {
        "district_id": p.district_id,
        "decision_ref": p.decision_ref,
        "case_worker": p.case_worker,
        "case_worker_phone": p.case_worker_phone,
        "case_worker_email": p.case_worker_email,
        "start": p.start,
        "end": p.end,
        "end_reason": p.end_reason,
    }


def _check_work_area(session: Session, area_id: int | None) -> None:
    if area_id is not None and session.get(WorkArea, area_id) is None:
        raise ValidationError(
            "primary_work_area",
            area_id,
            f"Arbetsområdet {area_id} finns inte.",
            f"The work area {area_id} does not exist.",
        )


def _check_unique_number(session: Session, number: str, member_id: int | None) -> None:
    other = session.scalar(select(Member).where(Member.personal_number == number))
    if other is not None and other.id != member_id:
        raise ValidationError(
            "personal_number",
            number,
            f"Personnumret {number} tillhör redan {other.name}.",
            f"The personal number {number} already belongs to {other.name}.",
        )


def add_member(
    session: Session,
    actor: audit.Actor,
    name: str,
    personal_number: str,
    *,
    primary_work_area_id: int | None = None,
    today: dt.date | None = None,
) -> Member:
    clean_name = require_text(name, "name", "Namnet", "The name")
    number = normalize_personal_number(personal_number, today)
    _check_unique_number(session, number, None)
    _check_work_area(session, primary_work_area_id)
    member = Member(name=clean_name, personal_number=number, primary_work_area_id=primary_work_area_id)
    session.add(member)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "member",
        member.id,
        summary=clean_name,
        new={"name": clean_name, "personal_number": number, "primary_work_area_id": primary_work_area_id},
        member_id=member.id,
    )
    return member


def update_member(
    session: Session,
    actor: audit.Actor,
    member_id: int,
    *,
    name: str | None = None,
    personal_number: str | None = None,
    primary_work_area_id: int | EllipsisType | None = ...,  # ...: keep it as it is (None: no work area)
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> Member:
    member = lookups.member(session, member_id)
    conflicts.check(session, member, expected_version, "member", member.id, subject=member.name)
    old = {
        "name": member.name,
        "personal_number": member.personal_number,
        "primary_work_area_id": member.primary_work_area_id,
    }
    new_name = require_text(name, "name", "Namnet", "The name") if name is not None else member.name
    number = member.personal_number
    if personal_number is not None:
        number = normalize_personal_number(personal_number, today)
        _check_unique_number(session, number, member.id)
    area = member.primary_work_area_id if primary_work_area_id is ... else primary_work_area_id
    _check_work_area(session, area)
    member.name, member.personal_number, member.primary_work_area_id = new_name, number, area
    conflicts.flush(session, "member", member.id, subject=old["name"])
    new = {
        "name": member.name,
        "personal_number": member.personal_number,
        "primary_work_area_id": member.primary_work_area_id,
    }
    if new != old:
        audit.record(
            session, actor, "update", "member", member.id, summary=member.name, old=old, new=new, member_id=member.id
        )
    return member


def _attendance_days(session: Session, member_id: int) -> list[tuple[dt.date, str]]:
    return list(
        session.execute(
            select(Attendance.day, Attendance.status).where(Attendance.member_id == member_id).order_by(Attendance.day)
        )
    )


def _check_records_still_valid(
    session: Session, member: Member, plan: MemberPlan, days: Iterable[tuple[dt.date, str]] | None = None
) -> None:
    """Every registered day must keep an active placement, and every absence a planned day."""
    work_plan = lookups.work_plan(session)
    for day, status in days if days is not None else _attendance_days(session, member.id):
        if plan.placement_on(day) is None:
            raise ValidationError(
                "placement",
                day.isoformat(),
                f"{member.name} har närvaro registrerad {day} som då skulle hamna utanför alla beslut. "
                "Ta bort eller flytta registreringen först.",
                f"{member.name} has attendance registered on {day} that would fall outside every placement. "
                "Remove or move that record first.",
            )
        if status != "present" and work_plan.planned_hours(plan, day) == 0:
            raise ValidationError(
                "capacity",
                day.isoformat(),
                f"{member.name} har {STATUS_SV[status].lower()} registrerad {day}, som då inte längre skulle "
                "vara en planerad dag. Ändra registreringen först.",
                f"{member.name} has {status} registered on {day}, which would no longer be a planned day. "
                "Change that record first.",
            )


def _district(session: Session, district_id: int) -> District:
    district = session.get(District, district_id)
    if district is None:
        raise NotFoundError(f"Beställaren {district_id} finns inte.", f"The district {district_id} does not exist.")
    return district


def _spans(member: Member, replace: Placement | None = None, with_: PlacementSpan | None = None) -> list[PlacementSpan]:
    spans = [PlacementSpan(p.start, p.end, p.district_id, p.id) for p in member.placements if p is not replace]
    if with_ is not None:
        spans.append(with_)
    return spans


def _capacity_spans(member: Member) -> list[CapacitySpan]:
    return [CapacitySpan(c.valid_from, c.percent, frozenset(c.weekdays)) for c in member.capacity_periods]


def add_placement(
    session: Session,
    actor: audit.Actor,
    member_id: int,
    district_id: int,
    decision_ref: str,
    start: dt.date,
    end: dt.date | None = None,
    *,
    case_worker: str | None = None,
    case_worker_phone: str | None = None,
    case_worker_email: str | None = None,
) -> Placement:
    member = lookups.member(session, member_id)
    _district(session, district_id)
    ref = require_text(decision_ref, "decision_ref", "Beslutsnumret", "The decision reference", 100)
    check_period(start, end, "end")
    span = PlacementSpan(start, end, district_id)
    check_no_overlap(member.name, _spans(member, with_=span), "start")
    ensure_unlocked(session, start, end, field="start")
    placement = Placement(
        member_id=member.id,
        district_id=district_id,
        decision_ref=ref,
        start=start,
        end=end,
        case_worker=optional_text(case_worker, "case_worker", "Handläggarens namn", "The case worker's name", 200),
        case_worker_phone=optional_text(case_worker_phone, "case_worker_phone", "Telefonnumret", "The phone", 50),
        case_worker_email=optional_text(case_worker_email, "case_worker_email", "E-postadressen", "The e-mail", 200),
    )
    member.placements.append(placement)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "placement",
        placement.id,
        summary=f"{member.name} {ref}",
        new=_placement_dict(placement),
        member_id=member.id,
    )
    return placement


def _days_between(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)} if first <= last else set()


def _changed_days(old: PlacementSpan, new: PlacementSpan, horizon: dt.date) -> set[dt.date]:
    """The days on which one placement is active and the other not (open ends cut at ``horizon``)."""
    old_days = _days_between(old.start, old.end or horizon)
    new_days = _days_between(new.start, new.end or horizon)
    return old_days ^ new_days


def update_placement(
    session: Session,
    actor: audit.Actor,
    placement_id: int,
    *,
    district_id: int | None = None,
    decision_ref: str | None = None,
    start: dt.date | None = None,
    end: dt.date | EllipsisType | None = ...,  # ...: keep it as it is (None: open-ended)
    case_worker: str | EllipsisType | None = ...,
    case_worker_phone: str | EllipsisType | None = ...,
    case_worker_email: str | EllipsisType | None = ...,
    end_reason: str | EllipsisType | None = ...,  # ...: kept while the end is; an open end has none
    expected_version: int | None = None,
) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None and expected_version is not None:
        raise conflicts.conflict(session, "placement", placement_id)
    if placement is None:
        raise NotFoundError(f"Beslutet {placement_id} finns inte.", f"The placement {placement_id} does not exist.")
    member = placement.member
    subject = f"{member.name} {placement.decision_ref}"
    conflicts.check(session, placement, expected_version, "placement", placement.id, subject=subject)
    old = _placement_dict(placement)
    new_start = start or placement.start
    new_end = placement.end if end is ... else end
    check_period(new_start, new_end, "end")
    new_reason = check_end_reason(placement.end_reason if end_reason is ... else end_reason, new_end)
    new_district = district_id if district_id is not None else placement.district_id
    _district(session, new_district)
    ref = (
        require_text(decision_ref, "decision_ref", "Beslutsnumret", "The decision reference", 100)
        if decision_ref is not None
        else placement.decision_ref
    )
    old_span = PlacementSpan(placement.start, placement.end, placement.district_id, placement.id)
    new_span = PlacementSpan(new_start, new_end, new_district, placement.id)
    check_no_overlap(member.name, _spans(member, replace=placement, with_=new_span), "start")
    # A statement of a locked month must not change: neither the days a placement covers there, nor
    # the district or decision it is billed under.
    horizon = max(dt.date.today(), new_start, placement.start) + dt.timedelta(days=366)
    ensure_days_unlocked(session, _changed_days(old_span, new_span, horizon), field="end")
    if new_district != placement.district_id or ref != placement.decision_ref:
        ensure_unlocked(session, placement.start, placement.end, field="district")
    _check_records_still_valid(
        session, member, MemberPlan(_spans(member, placement, new_span), _capacity_spans(member))
    )
    placement.district_id, placement.decision_ref = new_district, ref
    placement.start, placement.end = new_start, new_end
    placement.end_reason = new_reason
    for attr, value, sv, en, n in (
        ("case_worker", case_worker, "Handläggarens namn", "The case worker's name", 200),
        ("case_worker_phone", case_worker_phone, "Telefonnumret", "The phone", 50),
        ("case_worker_email", case_worker_email, "E-postadressen", "The e-mail", 200),
    ):
        if value is not ...:
            setattr(placement, attr, optional_text(value, attr, sv, en, n))
    conflicts.flush(session, "placement", placement.id, subject=subject)
    audit.record(
        session,
        actor,
        "update",
        "placement",
        placement.id,
        summary=f"{member.name} {ref}",
        old=old,
        new=_placement_dict(placement),
        member_id=member.id,
    )
    return placement


def end_placement(
    session: Session,
    actor: audit.Actor,
    placement_id: int,
    end: dt.date,
    reason: str | None = None,
    *,
    expected_version: int | None = None,
) -> Placement:
    """The placement ends on ``end`` (inclusive), for ``reason`` (END_REASONS; None: not known)."""
    return update_placement(session, actor, placement_id, end=end, end_reason=reason, expected_version=expected_version)


def check_end_reason(reason: str | None, end: dt.date | None) -> str | None:
    """An end reason is one of domain.md §8's, and only a placement that ends has one: reopening a
    placement (no end) drops its reason rather than refusing, since the reason no longer applies."""
    if end is None or reason is None:
        return None
    if reason not in END_REASONS:
        raise ValidationError(
            "end_reason",
            reason,
            f"Okänd orsak till att beslutet avslutas: {reason}. Välj en av: {', '.join(END_REASONS)}.",
            f"Unknown reason for ending the placement: {reason}. Choose one of: {', '.join(END_REASONS)}.",
        )
    return reason


def move_to_district(
    session: Session,
    actor: audit.Actor,
    member_id: int,
    district_id: int,
    from_day: dt.date,
    decision_ref: str,
    *,
    case_worker: str | None = None,
) -> Placement:
    """A new decision from another district: the current placement ends the day before ``from_day``."""
    member = lookups.member(session, member_id)
    current = next((p for p in member.placements if PlacementSpan(p.start, p.end).active_on(from_day)), None)
    if current is not None and current.start >= from_day:
        raise ValidationError(
            "start",
            from_day.isoformat(),
            f"Det nuvarande beslutet börjar {current.start}; flytten måste gälla från en senare dag.",
            f"The current placement starts on {current.start}; the move must be from a later day.",
        )
    # Check the new placement as it will stand beside the shortened one before either is written, so a
    # refused move leaves no half-done change behind (the caller might commit what went before).
    _district(session, district_id)
    require_text(decision_ref, "decision_ref", "Beslutsnumret", "The decision reference", 100)
    new_span = PlacementSpan(from_day, None, district_id)
    ended = (
        [PlacementSpan(current.start, from_day - dt.timedelta(days=1), current.district_id, current.id)]
        if current
        else []
    )
    check_no_overlap(member.name, [*_spans(member, replace=current), *ended, new_span], "start")
    ensure_unlocked(session, from_day, None, field="start")
    _check_records_still_valid(
        session, member, MemberPlan([*_spans(member, replace=current), *ended, new_span], _capacity_spans(member))
    )
    if current is not None:
        # A move is not an ending (domain.md §8): the old decision ends without a reason.
        update_placement(session, actor, current.id, end=from_day - dt.timedelta(days=1), end_reason=None)
    return add_placement(session, actor, member_id, district_id, decision_ref, from_day, case_worker=case_worker)


def add_capacity_period(
    session: Session,
    actor: audit.Actor,
    member_id: int,
    valid_from: dt.date,
    percent: int,
    weekdays: Iterable[int] | None = None,
) -> CapacityPeriod:
    """A new capacity from ``valid_from``; earlier history is kept as it was."""
    member = lookups.member(session, member_id)
    check_percent(percent, "percent")
    later = [c.valid_from for c in member.capacity_periods if c.valid_from > valid_from]
    until = min(later) - dt.timedelta(days=1) if later else None
    # The opening weekdays are dated: the planned ones must be open throughout the period.
    opening = lookups.opening_weekdays_during(session, valid_from, until)
    days = check_weekdays(list(weekdays), "weekdays", opening) if weekdays is not None else opening
    if any(c.valid_from == valid_from for c in member.capacity_periods):
        raise ValidationError(
            "valid_from",
            valid_from.isoformat(),
            f"{member.name} har redan en omfattning från {valid_from}. Välj ett annat datum.",
            f"{member.name} already has a capacity from {valid_from}. Choose another date.",
        )
    ensure_unlocked(session, valid_from, until, field="valid_from")
    period = CapacityPeriod(valid_from=valid_from, percent=percent, weekdays=days)
    new_spans = [*_capacity_spans(member), CapacitySpan(valid_from, percent, days)]
    records = [
        (d, s) for d, s in _attendance_days(session, member.id) if d >= valid_from and (until is None or d <= until)
    ]
    _check_records_still_valid(session, member, MemberPlan(_spans(member), new_spans), records)
    member.capacity_periods.append(period)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "capacity",
        period.id,
        summary=f"{member.name} {percent} % från {valid_from}",
        new={"valid_from": valid_from, "percent": percent, "weekdays": days},
        member_id=member.id,
    )
    return period


def open_record(session: Session, actor: audit.Actor, member_id: int) -> Member:
    """A member's file, opened to be read: who opened whose file is written to the audit log."""
    member = lookups.member(session, member_id)
    audit.record(session, actor, "read", "member", member.id, summary=f"Öppnade {member.name}", member_id=member.id)
    return member


def members(session: Session) -> list[Member]:
    from coopdesk.core.text import swedish_key

    return sorted(session.scalars(select(Member)), key=lambda m: swedish_key(m.name))
