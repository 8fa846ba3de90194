"""Funding districts (beställare) and their dated tariffs (domain.md §4 Tariffs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.calendar import Month
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import DISTRICT_KINDS, TARIFF_KINDS, District, MonthLock, Tariff, TariffBand
from coopdesk.core.numbers import parse_amount, parse_decimal
from coopdesk.core.permissions import require_admin
from coopdesk.core.rules import MAX_DAY_HOURS, check_percent, optional_text, require_text
from coopdesk.core.services.locks import _locked_error


def _district(session: Session, district_id: int) -> District:
    found = session.get(District, district_id)
    if found is None:
        raise NotFoundError(f"Beställaren {district_id} finns inte.", f"The district {district_id} does not exist.")
    return found


def _check_name(session: Session, name: str, district_id: int | None) -> str:
    clean = require_text(name, "name", "Namnet", "The name")
    for other in session.scalars(select(District)):
        if other.name.casefold() == clean.casefold() and other.id != district_id:
            raise ValidationError(
                "name", clean, f"Beställaren {clean} finns redan.", f"The district {clean} already exists."
            )
    return clean


def _check_kind(kind: str) -> str:
    if kind not in DISTRICT_KINDS:
        raise ValidationError(
            "kind", kind, "Typen måste vara stadsdel eller kommun.", "The kind must be stadsdel or kommun."
        )
    return kind


def _snapshot(d: District) -> dict[str, object]:
    return {
        "name": d.name,
        "kind": d.kind,
        "contact": d.contact,
        "show_full_personal_number": d.show_full_personal_number,
    }


def add_district(
    session: Session,
    actor: audit.Actor,
    name: str,
    kind: str = "stadsdel",
    *,
    contact: str | None = None,
    show_full_personal_number: bool = False,
) -> District:
    require_admin(actor, "lägga till beställare", "add districts")
    district = District(
        name=_check_name(session, name, None),
        kind=_check_kind(kind),
        contact=optional_text(contact, "contact", "Kontaktuppgiften", "The contact"),
        show_full_personal_number=bool(show_full_personal_number),
    )
    session.add(district)
    session.flush()
    audit.record(session, actor, "create", "district", district.id, summary=district.name, new=_snapshot(district))
    return district


def update_district(
    session: Session,
    actor: audit.Actor,
    district_id: int,
    *,
    name: str | None = None,
    kind: str | None = None,
    contact: object = ...,
    show_full_personal_number: bool | None = None,
    expected_version: int | None = None,
) -> District:
    require_admin(actor, "ändra beställare", "change districts")
    district = _district(session, district_id)
    conflicts.check(session, district, expected_version, "district", district.id, subject=district.name)
    old = _snapshot(district)
    if name is not None:
        district.name = _check_name(session, name, district.id)
    if kind is not None:
        district.kind = _check_kind(kind)
    if contact is not ...:
        district.contact = optional_text(contact, "contact", "Kontaktuppgiften", "The contact")
    if show_full_personal_number is not None:
        district.show_full_personal_number = bool(show_full_personal_number)
    conflicts.flush(session, "district", district.id, subject=old["name"])
    audit.record(
        session, actor, "update", "district", district.id, summary=district.name, old=old, new=_snapshot(district)
    )
    return district


def _months_governed(session: Session, district: District, valid_from: dt.date) -> tuple[dt.date, dt.date | None]:
    """The first days of months whose tariff a tariff from ``valid_from`` decides: [from, until)."""
    later = [t.valid_from for t in district.tariffs if t.valid_from > valid_from]
    return valid_from, (min(later) if later else None)


def _ensure_tariff_unlocked(session: Session, district: District, valid_from: dt.date) -> None:
    start, until = _months_governed(session, district, valid_from)
    for lock in session.scalars(select(MonthLock).order_by(MonthLock.month)):
        first = Month.parse(lock.month).first
        if first >= start and (until is None or first < until):
            raise _locked_error(lock, "valid_from", valid_from.isoformat())


def add_tariff(
    session: Session,
    actor: audit.Actor,
    district_id: int,
    valid_from: dt.date,
    kind: str,
    *,
    full_day_amount: Decimal | str | None = None,
    half_day_amount: Decimal | str | None = None,
    full_day_min_hours: Decimal | str | None = None,
    half_day_min_hours: Decimal | str | None = None,
    hourly_amount: Decimal | str | None = None,
    bands: Iterable[tuple[int, Decimal | str]] = (),
) -> Tariff:
    """A tariff from ``valid_from``; the one in effect on a month's first day applies to the month."""
    require_admin(actor, "ändra taxor", "change tariffs")
    district = _district(session, district_id)
    if kind not in TARIFF_KINDS:
        raise ValidationError(
            "kind",
            kind,
            f"Ersättningstypen {kind!r} finns inte. Välj ingen, per dag, per timme eller per månad.",
            f"The tariff kind {kind!r} does not exist. Choose none, per_day, per_hour or per_month.",
        )
    if any(t.valid_from == valid_from for t in district.tariffs):
        raise ValidationError(
            "valid_from",
            valid_from.isoformat(),
            f"{district.name} har redan en ersättning från {valid_from}.",
            f"{district.name} already has a tariff from {valid_from}.",
        )

    def amount(value: Decimal | str | None, field: str, sv: str, en: str, required: bool = False) -> Decimal | None:
        if value is None or value == "":
            if required:
                raise ValidationError(field, value, f"{sv} måste anges.", f"{en} must be given.")
            return None
        return parse_amount(value, field, what_sv=sv, what_en=en, minimum=Decimal(0))

    def hours(value: Decimal | str | None, field: str, sv: str, en: str) -> Decimal | None:
        if value is None or value == "":
            return None
        return parse_decimal(value, field, what_sv=sv, what_en=en, minimum=Decimal(0), maximum=MAX_DAY_HOURS)

    tariff = Tariff(district_id=district.id, valid_from=valid_from, kind=kind)
    if kind == "per_day":
        tariff.full_day_amount = amount(
            full_day_amount, "full_day_amount", "Heldagsbeloppet", "The full-day amount", True
        )
        tariff.half_day_amount = amount(half_day_amount, "half_day_amount", "Halvdagsbeloppet", "The half-day amount")
        tariff.full_day_min_hours = hours(
            full_day_min_hours, "full_day_min_hours", "Minsta tid för heldag", "The full-day minimum"
        )
        tariff.half_day_min_hours = hours(
            half_day_min_hours, "half_day_min_hours", "Minsta tid för halvdag", "The half-day minimum"
        )
    elif kind == "per_hour":
        tariff.hourly_amount = amount(hourly_amount, "hourly_amount", "Timbeloppet", "The hourly amount", True)
    elif kind == "per_month":
        seen: set[int] = set()
        for min_percent, band_amount in bands:
            check_percent(min_percent, "bands.min_percent", "Lägsta omfattning", "The minimum capacity")
            if min_percent in seen:
                raise ValidationError(
                    "bands.min_percent",
                    min_percent,
                    f"Intervallet från {min_percent} % finns två gånger.",
                    f"The band from {min_percent} % occurs twice.",
                )
            seen.add(min_percent)
            value = amount(band_amount, "bands.amount", "Beloppet", "The amount", True)
            tariff.bands.append(TariffBand(min_percent=min_percent, amount=value))
        if not seen:
            raise ValidationError(
                "bands",
                [],
                "Ange minst ett intervall (lägsta omfattning och belopp).",
                "Give at least one band (minimum capacity and amount).",
            )
    _ensure_tariff_unlocked(session, district, valid_from)
    district.tariffs.append(tariff)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "tariff",
        tariff.id,
        summary=f"{district.name} {kind} från {valid_from}",
        new={
            "valid_from": valid_from,
            "kind": kind,
            "full_day_amount": tariff.full_day_amount,
            "half_day_amount": tariff.half_day_amount,
            "full_day_min_hours": tariff.full_day_min_hours,
            "half_day_min_hours": tariff.half_day_min_hours,
            "hourly_amount": tariff.hourly_amount,
            "bands": [(b.min_percent, b.amount) for b in tariff.bands],
        },
    )
    return tariff


def remove_tariff(session: Session, actor: audit.Actor, tariff_id: int, *, expected_version: int | None = None) -> None:
    require_admin(actor, "ändra taxor", "change tariffs")
    tariff = session.get(Tariff, tariff_id)
    if tariff is None and expected_version is not None:
        raise conflicts.conflict(session, "tariff", tariff_id)
    if tariff is None:
        raise NotFoundError(f"Ersättningen {tariff_id} finns inte.", f"The tariff {tariff_id} does not exist.")
    subject = f"{tariff.district.name} {tariff.valid_from}"
    conflicts.check(session, tariff, expected_version, "tariff", tariff.id, subject=subject)
    _ensure_tariff_unlocked(session, tariff.district, tariff.valid_from)
    audit.record(
        session,
        actor,
        "delete",
        "tariff",
        tariff.id,
        summary=f"{tariff.district.name} från {tariff.valid_from}",
        old={"valid_from": tariff.valid_from, "kind": tariff.kind},
    )
    tariff.district.tariffs.remove(tariff)
    conflicts.flush(session, "tariff", tariff_id, subject=subject)
