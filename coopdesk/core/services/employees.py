"""Employees with wage subsidy (domain.md §10): the employees, their dated employment percentage and
wage cost, their subsidy decisions with dated steps, and their time reports.

An administrator edits employees, wage costs and decisions; anyone logged in (a supervisor too) keeps
the time report, which is locked with an attested month like attendance. Every change writes its audit
entry in the same transaction. The rule itself lives in :mod:`coopdesk.core.subsidy`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.calendar import Month
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import (
    TIME_KINDS,
    Employee,
    EmploymentPeriod,
    SubsidyDecision,
    SubsidyStep,
    TimeReport,
    WageCost,
    WageCostMonth,
)
from coopdesk.core.numbers import fmt_hours_sv, normalized, parse_amount, parse_decimal
from coopdesk.core.permissions import require_admin
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.rules import check_percent, check_period, require_text
from coopdesk.core.services.locks import ensure_unlocked
from coopdesk.core.subsidy import Decision, EmployeeTerms, SubsidyMonth, month_subsidy, outlook
from coopdesk.core.text import swedish_key

KIND_SV = {
    "worked": "arbetad tid",
    "sick": "sjuk",
    "vacation": "semester",
    "vab": "vab",
    "leave": "tjänstledig",
    "other": "annan frånvaro",
}
MAX_DAY_HOURS = Decimal(24)
#: What is planned may be reported ahead; what happened (worked, sick, vab) only once the day has come,
#: as a member's attendance (rules.check_attendance).
KINDS_ALLOWED_AHEAD = frozenset({"vacation", "leave", "other"})
_EDIT_SV = "ändra anställda, lönekostnader och lönebidragsbeslut"
_EDIT_EN = "change employees, wage costs and subsidies"


# --- reading -----------------------------------------------------------------------------------


def employees(session: Session) -> list[Employee]:
    """Every employee, in Swedish alphabetical order."""
    return sorted(session.scalars(select(Employee)), key=lambda e: (swedish_key(e.name), e.personal_number))


def employee(session: Session, employee_id: int) -> Employee:
    found = session.get(Employee, employee_id)
    if found is None:
        raise NotFoundError(f"Den anställda med id {employee_id} finns inte.", f"No employee with id {employee_id}.")
    return found


def find_employee(session: Session, text: str) -> Employee:
    """An employee by name (any case) or personal number."""
    wanted = (text or "").strip()
    for candidate in employees(session):
        if candidate.name.casefold() == wanted.casefold() or candidate.personal_number == wanted:
            return candidate
    try:
        number = normalize_personal_number(wanted)
    except ValidationError:
        number = None
    found = session.scalar(select(Employee).where(Employee.personal_number == number)) if number else None
    if found is not None:
        return found
    names = ", ".join(e.name for e in employees(session))
    raise NotFoundError(
        f"Den anställda {wanted!r} finns inte. Finns: {names or 'inga anställda ännu'}.",
        f"The employee {wanted!r} does not exist. Known: {names or 'no employees yet'}.",
    )


def find_decision(session: Session, employee_id: int, ref: str) -> SubsidyDecision:
    person = employee(session, employee_id)
    for decision in person.subsidies:
        if decision.ref.casefold() == (ref or "").strip().casefold():
            return decision
    refs = ", ".join(d.ref for d in person.subsidies)
    raise NotFoundError(
        f"{person.name} har inget beslut {ref!r}. Finns: {refs or 'inga beslut'}.",
        f"{person.name} has no decision {ref!r}. Known: {refs or 'no decisions'}.",
    )


def terms_of(person: Employee) -> EmployeeTerms:
    return EmployeeTerms(
        name=person.name,
        personal_number=person.personal_number,
        start=person.start,
        end=person.end,
        employment=tuple(sorted((e.valid_from, e.percent) for e in person.employment)),
        wage_costs=tuple(sorted((w.valid_from, w.amount) for w in person.wage_costs)),
        wage_cost_months={w.month: w.amount for w in person.wage_cost_months},
        decisions=tuple(
            Decision(
                ref=d.ref,
                kind=d.kind,
                start=d.start,
                end=d.end,
                ceiling=d.ceiling,
                steps=tuple(sorted((s.valid_from, s.percent) for s in d.steps)),
            )
            for d in sorted(person.subsidies, key=lambda d: d.start)
        ),
    )


def all_terms(session: Session) -> list[EmployeeTerms]:
    return [terms_of(person) for person in employees(session)]


def month_request(session: Session, month: Month) -> SubsidyMonth:
    """The month's request basis (rekvisitionsunderlag)."""
    return month_subsidy(all_terms(session), month)


def subsidy_outlook(session: Session, first: Month, count: int) -> list[SubsidyMonth]:
    """The next ``count`` months from ``first``, from the standing wage costs and the steps."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 120:
        raise ValidationError(
            "outlook",
            count,
            f"Antalet månader {count} är inte giltigt. Ange ett heltal från 1 till 120.",
            f"The number of months {count} is not valid. Give a whole number from 1 to 120.",
        )
    return outlook(all_terms(session), first, count)


def time_entries(session: Session, employee_id: int, month: Month) -> list[TimeReport]:
    """The employee's time report of the month, by day then kind (in TIME_KINDS order)."""
    rows = session.scalars(
        select(TimeReport).where(
            TimeReport.employee_id == employee_id, TimeReport.day >= month.first, TimeReport.day <= month.last
        )
    )
    return sorted(rows, key=lambda r: (r.day, TIME_KINDS.index(r.kind)))


def time_summary(entries: list[TimeReport]) -> dict[str, Decimal]:
    """Hours per kind (every kind, in TIME_KINDS order; 0.00 where none)."""
    totals: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for entry in entries:
        totals[entry.kind] += entry.hours
    return {kind: totals[kind] for kind in TIME_KINDS}


# --- employees ---------------------------------------------------------------------------------


def _snapshot(person: Employee) -> dict[str, object]:
    return {"name": person.name, "personal_number": person.personal_number, "start": person.start, "end": person.end}


def _check_unique_number(session: Session, number: str, employee_id: int | None) -> None:
    other = session.scalar(select(Employee).where(Employee.personal_number == number))
    if other is not None and other.id != employee_id:
        raise ValidationError(
            "personal_number",
            number,
            f"Personnumret {number} tillhör redan den anställda {other.name}.",
            f"The personal number {number} already belongs to the employee {other.name}.",
        )


def _employment_percent(value: object) -> int:
    return check_percent(value, "percent", "Sysselsättningsgraden", "The employment percentage")


def add_employee(
    session: Session,
    actor: audit.Actor,
    name: str,
    personal_number: str,
    start: dt.date,
    *,
    percent: int = 100,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> Employee:
    """A new employee, employed from ``start`` (to ``end``) at ``percent`` from the start."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    clean_name = require_text(name, "name", "Namnet", "The name")
    number = normalize_personal_number(personal_number, today)
    _check_unique_number(session, number, None)
    check_period(start, end, "end")
    share = _employment_percent(percent)
    person = Employee(name=clean_name, personal_number=number, start=start, end=end)
    person.employment.append(EmploymentPeriod(valid_from=start, percent=share))
    session.add(person)
    conflicts.flush(session, "employee", subject=clean_name)
    audit.record(
        session,
        actor,
        "create",
        "employee",
        person.id,
        summary=clean_name,
        new={**_snapshot(person), "percent": share},
    )
    return person


def update_employee(
    session: Session,
    actor: audit.Actor,
    employee_id: int,
    *,
    name: str | None = None,
    end: dt.date | EllipsisType | None = ...,
    expected_version: int | None = None,
) -> Employee:
    """Change the name, or the last day of employment (None: until further notice)."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    person = employee(session, employee_id)
    conflicts.check(session, person, expected_version, "employee", person.id, subject=person.name)
    old = _snapshot(person)
    new_name = person.name if name is None else require_text(name, "name", "Namnet", "The name")
    new_end = person.end if end is ... else end
    check_period(person.start, new_end, "end")
    if new_end is not None:
        _no_time_after(session, person, new_end)
    person.name, person.end = new_name, new_end
    if _snapshot(person) == old:
        return person
    conflicts.flush(session, "employee", person.id, subject=old["name"])
    audit.record(session, actor, "update", "employee", person.id, summary=person.name, old=old, new=_snapshot(person))
    return person


def _no_time_after(session: Session, person: Employee, last: dt.date) -> None:
    """An employment cannot end before a day with reported time: the hours would lie outside it, where
    the time grid does not even let them be removed. The report is changed first (as a member's
    attendance is before a placement is shortened)."""
    days = list(
        session.scalars(
            select(TimeReport.day)
            .where(TimeReport.employee_id == person.id, TimeReport.day > last)
            .distinct()
            .order_by(TimeReport.day)
        )
    )
    if days:
        when_sv = f"{days[0]}" if len(days) == 1 else f"{len(days)} dagar från {days[0]} till {days[-1]}"
        when_en = f"{days[0]}" if len(days) == 1 else f"{len(days)} days from {days[0]} to {days[-1]}"
        raise ValidationError(
            "end",
            last.isoformat(),
            f"{person.name} har tid rapporterad efter {last}: {when_sv}. Ta bort den tiden i tidrapporten "
            "först, eller välj en senare sista anställningsdag.",
            f"{person.name} has time reported after {last}: {when_en}. Remove that time from the time report "
            "first, or choose a later last day of employment.",
        )


def _inside_employment(person: Employee, day: dt.date, field: str, what_sv: str, what_en: str) -> None:
    if day < person.start or (person.end is not None and day > person.end):
        until = person.end.isoformat() if person.end else "tills vidare"
        until_en = person.end.isoformat() if person.end else "until further notice"
        raise ValidationError(
            field,
            day.isoformat(),
            f"{what_sv} {day} ligger utanför {person.name}s anställning ({person.start} – {until}).",
            f"{what_en} {day} lies outside {person.name}'s employment ({person.start} – {until_en}).",
        )


def set_employment(
    session: Session,
    actor: audit.Actor,
    employee_id: int,
    percent: int,
    valid_from: dt.date,
    *,
    expected_version: int | None = None,
) -> EmploymentPeriod:
    """The employment percentage from ``valid_from`` until the next dated entry (a same-day entry is replaced)."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    person = employee(session, employee_id)
    conflicts.check(session, person, expected_version, "employee", person.id, subject=person.name)
    share = _employment_percent(percent)
    _inside_employment(person, valid_from, "valid_from", "Datumet", "The date")
    entry = next((e for e in person.employment if e.valid_from == valid_from), None)
    old = None if entry is None else {"valid_from": entry.valid_from, "percent": entry.percent}
    if entry is None:
        entry = EmploymentPeriod(valid_from=valid_from, percent=share)
        person.employment.append(entry)
    elif entry.percent == share:
        return entry
    entry.percent = share
    conflicts.flush(session, "employment", entry.id, subject=person.name)
    audit.record(
        session,
        actor,
        "update" if old else "create",
        "employment",
        entry.id,
        summary=f"{person.name} från {valid_from}",
        old=old,
        new={"valid_from": valid_from, "percent": share},
    )
    return entry


def _amount(value: object) -> Decimal:
    return parse_amount(value, "amount", what_sv="Lönekostnaden", what_en="The wage cost", minimum=Decimal(0))


def set_wage_cost(
    session: Session,
    actor: audit.Actor,
    employee_id: int,
    amount: Decimal | str,
    *,
    valid_from: dt.date | None = None,
    month: Month | None = None,
) -> WageCost | WageCostMonth:
    """The standing monthly wage cost from ``valid_from``, or (with ``month``) one month's own amount."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    person = employee(session, employee_id)
    value = _amount(amount)
    if (valid_from is None) == (month is None):
        raise ValidationError(
            "valid_from",
            None,
            "Ange antingen från vilket datum lönekostnaden gäller, eller den månad den gäller.",
            "Give either the date the wage cost holds from, or the month it is for.",
        )
    entry: WageCost | WageCostMonth | None
    if month is not None:
        entry = next((w for w in person.wage_cost_months if w.month == str(month)), None)
        about: dict[str, object] = {"month": str(month)}
        if entry is None:
            entry = WageCostMonth(month=str(month), amount=value)
            person.wage_cost_months.append(entry)
            old = None
        else:
            old = {"month": entry.month, "amount": entry.amount}
    else:
        assert valid_from is not None
        entry = next((w for w in person.wage_costs if w.valid_from == valid_from), None)
        about = {"valid_from": valid_from}
        if entry is None:
            entry = WageCost(valid_from=valid_from, amount=value)
            person.wage_costs.append(entry)
            old = None
        else:
            old = {"valid_from": entry.valid_from, "amount": entry.amount}
    if old is not None and old["amount"] == value:
        return entry
    entry.amount = value
    conflicts.flush(session, "wage_cost", subject=person.name)
    audit.record(
        session,
        actor,
        "update" if old else "create",
        "wage_cost",
        entry.id,
        summary=f"{person.name} {next(iter(about.values()))}",
        old=old,
        new={**about, "amount": value},
    )
    return entry


# --- decisions ---------------------------------------------------------------------------------


def _step_percent(value: object) -> int:
    return check_percent(value, "percent", "Bidragsnivån", "The subsidy percentage")


def _decision_snapshot(decision: SubsidyDecision) -> dict[str, object]:
    return {
        "ref": decision.ref,
        "kind": decision.kind,
        "start": decision.start,
        "end": decision.end,
        "ceiling": decision.ceiling,
        "steps": [{"valid_from": s.valid_from, "percent": s.percent} for s in decision.steps],
    }


def add_decision(
    session: Session,
    actor: audit.Actor,
    employee_id: int,
    ref: str,
    kind: str,
    start: dt.date,
    end: dt.date,
    ceiling: Decimal | str,
    percent: int,
) -> SubsidyDecision:
    """A subsidy decision paying ``percent`` from ``start`` (later steps: :func:`add_step`). One employee's
    decisions do not overlap."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    person = employee(session, employee_id)
    clean_ref = require_text(ref, "ref", "Beslutets diarienummer", "The decision's reference", max_length=100)
    clean_kind = require_text(kind, "kind", "Stödformen", "The kind of subsidy")
    if end is None:
        raise ValidationError("end", None, "Beslutets slutdatum måste anges.", "The decision's end date is required.")
    check_period(start, end, "end")
    cap = parse_amount(
        ceiling,
        "ceiling",
        what_sv="Lönekostnadstaket",
        what_en="The ceiling",
        minimum=Decimal(0),
        exclusive_minimum=True,
    )
    share = _step_percent(percent)
    for other in person.subsidies:
        if other.start <= end and start <= other.end:
            raise ValidationError(
                "start",
                start.isoformat(),
                f"{person.name} har redan beslutet {other.ref} ({other.start} – {other.end}), som överlappar "
                f"{start} – {end}. En anställds beslut får inte överlappa.",
                f"{person.name} already has the decision {other.ref} ({other.start} – {other.end}), which overlaps "
                f"{start} – {end}. One employee's decisions must not overlap.",
            )
        if other.ref.casefold() == clean_ref.casefold():
            raise ValidationError(
                "ref",
                clean_ref,
                f"{person.name} har redan ett beslut {other.ref}.",
                f"{person.name} already has a decision {other.ref}.",
            )
    decision = SubsidyDecision(ref=clean_ref, kind=clean_kind, start=start, end=end, ceiling=cap)
    decision.steps.append(SubsidyStep(valid_from=start, percent=share))
    person.subsidies.append(decision)
    conflicts.flush(session, "subsidy_decision", subject=person.name)
    audit.record(
        session,
        actor,
        "create",
        "subsidy_decision",
        decision.id,
        summary=f"{person.name} {clean_ref}",
        new=_decision_snapshot(decision),
    )
    return decision


def add_step(
    session: Session,
    actor: audit.Actor,
    decision_id: int,
    valid_from: dt.date,
    percent: int,
    *,
    expected_version: int | None = None,
) -> SubsidyStep:
    """The share the decision pays from ``valid_from`` (inside the decision) until its next step."""
    require_admin(actor, _EDIT_SV, _EDIT_EN)
    decision = session.get(SubsidyDecision, decision_id)
    if decision is None:
        raise NotFoundError(f"Beslutet {decision_id} finns inte.", f"The decision {decision_id} does not exist.")
    subject = f"{decision.employee.name} {decision.ref}"
    conflicts.check(session, decision, expected_version, "subsidy_decision", decision.id, subject=subject)
    share = _step_percent(percent)
    if not decision.start <= valid_from <= decision.end:
        raise ValidationError(
            "valid_from",
            valid_from.isoformat(),
            f"Steget från {valid_from} ligger utanför beslutet {decision.ref} ({decision.start} – {decision.end}).",
            f"The step from {valid_from} lies outside the decision {decision.ref} ({decision.start} – {decision.end}).",
        )
    old = _decision_snapshot(decision)
    step = next((s for s in decision.steps if s.valid_from == valid_from), None)
    if step is None:
        step = SubsidyStep(valid_from=valid_from, percent=share)
        decision.steps.append(step)
    elif step.percent == share:
        return step
    step.percent = share
    decision.steps.sort(key=lambda s: s.valid_from)
    conflicts.flush(session, "subsidy_decision", decision.id, subject=subject)
    audit.record(
        session,
        actor,
        "update",
        "subsidy_decision",
        decision.id,
        summary=subject,
        old=old,
        new=_decision_snapshot(decision),
    )
    return step


# --- time report -------------------------------------------------------------------------------


def check_kind(value: object) -> str:
    if not (isinstance(value, str) and value in TIME_KINDS):
        known = ", ".join(f"{k} ({KIND_SV[k]})" for k in TIME_KINDS)
        raise ValidationError(
            "kind",
            value,
            f"Tidsslaget {value!r} finns inte. Välj ett av: {known}.",
            f"The kind of time {value!r} does not exist. Choose one of: {', '.join(TIME_KINDS)}.",
        )
    return value


def set_time(
    session: Session,
    actor: audit.Actor,
    employee_id: int,
    day: dt.date,
    kind: str,
    hours: Decimal | str,
    *,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> TimeReport | None:
    """The employee's hours of ``kind`` on ``day`` (0 removes them). The day's hours of all kinds
    together are at most 24; an attested month refuses the change; with ``today``, worked, sick and vab
    hours are refused on a later day. Any logged-in user may do this."""
    person = employee(session, employee_id)
    check_kind(kind)
    value = parse_decimal(
        hours, "hours", what_sv="Timmarna", what_en="The hours", minimum=Decimal(0), maximum=MAX_DAY_HOURS
    )
    _inside_employment(person, day, "date", "Dagen", "The day")
    if today is not None and day > today and value > 0 and kind not in KINDS_ALLOWED_AHEAD:
        raise ValidationError(
            "date",
            day.isoformat(),
            f"{day} har inte varit än; {KIND_SV[kind]} kan inte rapporteras i förväg (bara semester, "
            "tjänstledigt och annan frånvaro).",
            f"{day} is in the future; {kind} cannot be reported ahead (only vacation, leave and other absence).",
        )
    ensure_unlocked(session, day, day)
    # The day's total is a rule across rows: the employee's row is the lock (see supervisors.py).
    session.execute(select(Employee.id).where(Employee.id == person.id).with_for_update())
    rows = list(session.scalars(select(TimeReport).where(TimeReport.employee_id == person.id, TimeReport.day == day)))
    record = next((r for r in rows if r.kind == kind), None)
    subject = f"{person.name} {day} {KIND_SV[kind]}"
    if expected_version is not None and (record.version if record else 0) != expected_version:
        if (record.hours if record else Decimal(0)) == value:
            return record  # the other PC registered just this
        conflicts.check(
            session, record, expected_version, "time_report", record.id if record else None, subject=subject
        )
    others = sum((r.hours for r in rows if r is not record), Decimal(0))
    if others + value > MAX_DAY_HOURS:
        raise ValidationError(
            "hours",
            str(value),
            f"{person.name} har redan {fmt_hours_sv(others)} timmar {day}; med {fmt_hours_sv(value)} till blir "
            f"dagen {fmt_hours_sv(others + value)} timmar, mer än 24.",
            f"{person.name} already has {normalized(others)} hours on {day}; {normalized(value)} more makes "
            f"{normalized(others + value)} hours, more than 24.",
        )
    old = None if record is None else {"date": day, "kind": kind, "hours": record.hours}
    if record is not None and record.hours == value:
        return record
    if value == 0:
        if record is None:
            return None
        audit.record(session, actor, "delete", "time_report", record.id, summary=subject, old=old)
        session.delete(record)
        conflicts.flush(session, "time_report", record.id, subject=subject)
        return None
    if record is None:
        record = TimeReport(employee_id=person.id, day=day, kind=kind, hours=value)
        session.add(record)
    record.hours = value
    conflicts.flush(session, "time_report", record.id, subject=subject)
    audit.record(
        session,
        actor,
        "update" if old else "create",
        "time_report",
        record.id,
        summary=subject,
        old=old,
        new={"date": day, "kind": kind, "hours": value},
    )
    return record
