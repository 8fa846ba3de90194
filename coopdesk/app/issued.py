"""Issued statements (domain.md §9): attesting a month issues every district's statement for it.

An issued version is stored as it stands — the coopdesk-statement/1 document, the whole statement for
printing (core/issued_snapshot.py), the time, the user and the fingerprint — in a table the database
itself keeps append-only (migration 0010). Reopening and attesting again issues the next version; all
versions are kept, and any of them prints again exactly as it was issued.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from coopdesk.core import audit
from coopdesk.core.calendar import Month
from coopdesk.core.correction import correction_document
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.issued_snapshot import from_snapshot, snapshot
from coopdesk.core.models import IssuedStatement, MonthLock
from coopdesk.core.services import locks, lookups
from coopdesk.core.statement import Statement, compute_statement
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.statement_json import dumps, statement_document

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class IssuedVersion:
    """One issued version as lists and headings show it (without its figures)."""

    district_id: int
    district: str
    month: Month
    version: int
    issued_at: dt.datetime
    issued_by: str
    fingerprint: str

    def mark_sv(self) -> str:
        """'Utfärdad 2026-06-03 av Sara Svensson, version 2', as the printed forms say it."""
        return f"Utfärdad {self.issued_at.date().isoformat()} av {self.issued_by}, version {self.version}"


@dataclass(frozen=True)
class Issued:
    """An issued version with its figures: the document as stored and the statement to print."""

    version: IssuedVersion
    document_text: str  # the coopdesk-statement/1 JSON exactly as issued
    statement: Statement

    @property
    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.document_text)
        return document


def _version(row: IssuedStatement) -> IssuedVersion:
    return IssuedVersion(
        row.district_id,
        row.district,
        Month.parse(row.month),
        row.version,
        row.issued_at,
        row.issued_by,
        row.fingerprint,
    )


def attest_and_issue(
    session: Session, actor: audit.Actor, month: Month, *, now: dt.datetime | None = None
) -> MonthLock:
    """Attest ``month`` (core/services/locks.py) and issue every district's statement for it, in one unit
    of work: a month is never attested without its issued versions, nor the other way round."""
    lock = locks.attest_month(session, actor, month, now=now)
    issue_month(session, month, lock)
    return lock


def issue_month(session: Session, month: Month, lock: MonthLock) -> list[IssuedVersion]:
    """Store each district's statement of the (just attested) month as its next issued version."""
    last = dict(
        session.execute(
            select(IssuedStatement.district_id, func.max(IssuedStatement.version))
            .where(IssuedStatement.month == str(month))
            .group_by(IssuedStatement.district_id)
        ).all()
    )
    issued = []
    for district in lookups.districts(session):
        statement = compute_statement(session, district, month)
        row = IssuedStatement(
            district_id=district.id,
            district=district.name,
            month=str(month),
            version=last.get(district.id, 0) + 1,
            issued_at=lock.attested_at,
            issued_by=lock.attested_by,
            fingerprint=statement_fingerprint(statement),
            document=dumps(statement_document(statement)),
            snapshot=json.dumps(snapshot(statement), ensure_ascii=False, sort_keys=True),
        )
        session.add(row)
        issued.append(_version(row))
    session.flush()
    return issued


def _district_id(session: Session, district: str | int) -> int:
    if isinstance(district, int):
        return district
    try:
        return lookups.district_by_name(session, district).id
    except NotFoundError:
        # a district renamed or removed since: its versions are still found by the name they were issued under
        found = session.scalar(select(IssuedStatement.district_id).where(IssuedStatement.district == district).limit(1))
        if found is None:
            raise
        return found


def versions(session: Session, district: str | int, month: Month) -> list[IssuedVersion]:
    """The issued versions of a district's month, oldest first (empty when never issued)."""
    district_id = _district_id(session, district)
    rows = session.scalars(
        select(IssuedStatement)
        .where(IssuedStatement.district_id == district_id, IssuedStatement.month == str(month))
        .order_by(IssuedStatement.version)
    )
    return [_version(r) for r in rows]


def issued(session: Session, district: str | int, month: Month, version: int | None = None) -> Issued:
    """One issued version (the newest without ``version``), with its figures as issued."""
    district_id = _district_id(session, district)
    query = select(IssuedStatement).where(
        IssuedStatement.district_id == district_id, IssuedStatement.month == str(month)
    )
    if version is not None:
        query = query.where(IssuedStatement.version == version)
    row = session.scalar(query.order_by(IssuedStatement.version.desc()).limit(1))
    if row is None:
        name = district if isinstance(district, str) else str(district)
        if version is None:
            raise NotFoundError(
                f"Redovisningen för {name} {month.name_sv()} är inte utfärdad: månaden har inte attesterats.",
                f"The statement for {name} {month.name_en()} has not been issued: the month has not been attested.",
            )
        count = len(versions(session, district_id, month))
        raise ValidationError(
            "--version",
            version,
            f"Det finns ingen version {version} av redovisningen för {name} {month.name_sv()} "
            f"(utfärdade versioner: {count}).",
            f"There is no version {version} of the statement for {name} {month.name_en()} ({count} issued).",
        )
    return Issued(_version(row), row.document, from_snapshot(json.loads(row.snapshot)))


def last_two(session: Session, district: str | int, month: Month) -> tuple[Issued, Issued]:
    """The last two issued versions (for a correction), or a clear message that there is nothing to correct."""
    found = versions(session, district, month)
    if len(found) < 2:
        name = found[0].district if found else str(district)
        times_sv, times_en = (
            ("är utfärdad en gång", "has been issued once")
            if found
            else (
                "har inte utfärdats",
                "has not been issued",
            )
        )
        raise ValidationError(
            "--correction",
            str(month),
            f"Redovisningen för {name} {month.name_sv()} {times_sv}: det finns inget att rätta. En rättelse "
            "jämför de två senaste utfärdade versionerna.",
            f"The statement for {name} {month.name_en()} {times_en}: there is nothing to correct. A correction "
            "compares the last two issued versions.",
        )
    older, newer = found[-2:]
    return issued(session, older.district_id, month, older.version), issued(
        session, newer.district_id, month, newer.version
    )


def correction_of(session: Session, district: str | int, month: Month) -> tuple[dict[str, Any], Issued, Issued]:
    """The coopdesk-correction/1 document of the last two issued versions, with the two (older, newer)."""
    older, newer = last_two(session, district, month)

    def meta(found: Issued) -> dict[str, Any]:
        v = found.version
        return {"version": v.version, "issued_at": v.issued_at, "fingerprint": v.fingerprint}

    return correction_document(older.document, newer.document, meta(older), meta(newer)), older, newer


@dataclass(frozen=True)
class SinceIssue:
    """How the current statement stands against the last issued version of its month."""

    last: IssuedVersion
    changed: bool  # the figures differ from the issued ones (a different fingerprint)
    reopened: bool  # the month is not attested any more


def since_issue(session: Session, statement: Statement, district_id: int) -> SinceIssue | None:
    """None when the month was never issued for the district; else whether it changed since."""
    found = versions(session, district_id, statement.month)
    if not found:
        return None
    last = found[-1]
    return SinceIssue(last, statement_fingerprint(statement) != last.fingerprint, not statement.attested)


def since_issue_sv(since: SinceIssue) -> str | None:
    """The sentence the current statement carries when it no longer is what was issued; None when it is."""
    last = since.last
    issued_sv = f"version {last.version}, utfärdad {last.issued_at.date()} av {last.issued_by}"
    if since.reopened:
        return (
            f"Månaden har öppnats igen efter att redovisningen utfärdades ({issued_sv}). "
            "Den utfärdade versionen gäller tills månaden attesteras igen."
        )
    if since.changed:
        return (
            f"Uppgifterna har ändrats sedan redovisningen utfärdades ({issued_sv}, kontrollsumma "
            f"{since.last.fingerprint}). Skriv ut den utfärdade versionen för det som skickades."
        )
    return None


def since_issue_en(since: SinceIssue) -> str | None:
    last = since.last
    if since.reopened:
        return (
            f"The month was reopened after the statement was issued (version {last.version}, "
            f"{last.issued_at.date()}, by {last.issued_by}). The issued version stands until it is attested again."
        )
    if since.changed:
        return (
            f"The data has changed since the statement was issued (version {last.version}, {last.issued_at.date()}, "
            f"by {last.issued_by}, fingerprint {last.fingerprint}). Print the issued version for what was sent."
        )
    return None
