"""The journal (domain.md §7): notes about a member, written by the logged-in user.

An entry is changed only by its author, and only until the end of the day after it was written; after
that it is corrected by felmarkering — the entry stays, marked wrong with a reason (by its author or an
administrator), and a new entry may replace it. Nothing here deletes an entry: only gallring
(core/services/erasure.py) does. Every change is written to the audit log with the old and new text,
under the member's id, so the register extract shows it and gallring redacts it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts
from coopdesk.core.actor import Actor
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import JournalEntry, Member
from coopdesk.core.services import lookups
from coopdesk.core.social import JOURNAL_KINDS, choice, editable_until, long_text

ENTITY = "journal_entry"


def _member(session: Session, member_id: int) -> Member:
    member = lookups.member(session, member_id)
    if member.erased_at is not None:
        raise ValidationError(
            "member",
            member_id,
            f"{member.name} är gallrad; ingen dokumentation kan läggas till.",
            f"{member.name} is erased; no documentation can be added.",
        )
    return member


def entry(session: Session, entry_id: int) -> JournalEntry:
    found = session.get(JournalEntry, entry_id)
    if found is None:
        raise NotFoundError(f"Journalanteckning {entry_id} finns inte.", f"No journal entry {entry_id}.")
    return found


def is_author(actor: Actor, row: JournalEntry) -> bool:
    """The logged-in user wrote the entry (by login; a stand-in without login by name)."""
    if actor.login or row.author_login:
        return actor.login == row.author_login
    return actor.name == row.author_name


def can_edit(actor: Actor, row: JournalEntry, today: dt.date) -> bool:
    return row.struck_at is None and is_author(actor, row) and today <= editable_until(row.written_at)


def can_strike(actor: Actor, row: JournalEntry) -> bool:
    """Felmarkera: the author, or an administrator (who answers for the documentation as a whole)."""
    return row.struck_at is None and (is_author(actor, row) or actor.is_admin)


def _event_date(value: object, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError("date", value, "Ange händelsens datum (ÅÅÅÅ-MM-DD).", "Give the event's date.")
    if value > today:
        raise ValidationError(
            "date",
            value,
            f"Händelsedatumet {value} ligger efter i dag. En journal skrivs om det som har hänt.",
            f"The event date {value} is after today. A journal records what has happened.",
        )
    return value


def _snapshot(row: JournalEntry) -> dict[str, object]:
    return {"date": row.event_date, "kind": row.kind, "text": row.text}


def add_entry(
    session: Session,
    actor: Actor,
    member_id: int,
    kind: str,
    event_date: dt.date,
    text: str,
    *,
    now: dt.datetime,
    replaces_id: int | None = None,
) -> JournalEntry:
    member = _member(session, member_id)
    row = JournalEntry(
        member_id=member.id,
        event_date=_event_date(event_date, now.date()),
        kind=choice(kind, JOURNAL_KINDS, "type", "Anteckningstypen", "The entry type"),
        text=long_text(text, "text", "Texten", "The text"),
        author_login=actor.login,
        author_name=actor.name,
        written_at=now.replace(microsecond=0),
        replaces_id=replaces_id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "journal_entry",
        row.id,
        summary=f"{member.name} {row.event_date} {JOURNAL_KINDS[row.kind].sv}",
        new=_snapshot(row) | ({"replaces": replaces_id} if replaces_id else {}),
        member_id=member.id,
        at=now,
    )
    return row


def edit_entry(
    session: Session,
    actor: Actor,
    entry_id: int,
    *,
    kind: str,
    event_date: dt.date,
    text: str,
    now: dt.datetime,
    expected_version: int | None = None,
) -> JournalEntry:
    """Change an entry: only its author, only until the end of the day after it was written."""
    row = entry(session, entry_id)
    conflicts.check(session, row, expected_version, ENTITY, entry_id)
    if row.struck_at is not None:
        raise ValidationError(
            "entry", entry_id, "Anteckningen är felmarkerad och kan inte ändras.", "The entry is struck out."
        )
    if not is_author(actor, row):
        # Only what this user may do is offered: felmarkering is the author's or an administrator's.
        then_sv, then_en = (
            ("Du kan felmarkera den med ett skäl.", "You can strike it out with a reason.")
            if can_strike(actor, row)
            else (
                "Är den fel, be den som skrev den eller en administratör att felmarkera den.",
                "If it is wrong, ask its author or an administrator to strike it out.",
            )
        )
        raise ValidationError(
            "entry",
            entry_id,
            f"Bara den som skrev anteckningen ({row.author_name}) kan ändra den. {then_sv}",
            f"Only the entry's author ({row.author_name}) can change it. {then_en}",
        )
    last = editable_until(row.written_at)
    if now.date() > last:
        raise ValidationError(
            "entry",
            entry_id,
            f"Anteckningen skrevs {row.written_at.date()} och kunde ändras till och med {last}. "
            "Felmarkera den i stället, med ett skäl, och skriv en ny.",
            f"The entry was written on {row.written_at.date()} and could be changed until {last}. "
            "Strike it out instead, with a reason, and write a new one.",
        )
    old = _snapshot(row)
    row.kind = choice(kind, JOURNAL_KINDS, "type", "Anteckningstypen", "The entry type")
    row.event_date = _event_date(event_date, now.date())
    row.text = long_text(text, "text", "Texten", "The text") or ""
    new = _snapshot(row)
    if new == old:
        return row
    row.changed_at = now.replace(microsecond=0)
    conflicts.flush(session, ENTITY, entry_id)
    member = lookups.member(session, row.member_id)
    audit.record(
        session,
        actor,
        "update",
        "journal_entry",
        row.id,
        summary=f"{member.name} {row.event_date}",
        old=old,
        new=new,
        member_id=row.member_id,
        at=now,
    )
    return row


def strike_entry(
    session: Session,
    actor: Actor,
    entry_id: int,
    reason: str,
    *,
    now: dt.datetime,
    replacement: str | None = None,
    expected_version: int | None = None,
) -> tuple[JournalEntry, JournalEntry | None]:
    """Felmarkera an entry (its author or an administrator) with a reason; with ``replacement``, write
    the corrected entry (same date and type) that replaces it. The entry itself stays as it was."""
    row = entry(session, entry_id)
    conflicts.check(session, row, expected_version, ENTITY, entry_id)
    if row.struck_at is not None:
        raise ValidationError(
            "entry",
            entry_id,
            f"Anteckningen är redan felmarkerad ({row.struck_at.date()} av {row.struck_by}).",
            f"The entry is already struck out ({row.struck_at.date()} by {row.struck_by}).",
        )
    if not can_strike(actor, row):
        raise ValidationError(
            "entry",
            entry_id,
            f"Bara den som skrev anteckningen ({row.author_name}) eller en administratör kan felmarkera den.",
            f"Only the entry's author ({row.author_name}) or an administrator can strike it out.",
        )
    why = long_text(reason, "reason", "Skälet till felmarkeringen", "The reason for striking out")
    row.struck_at = now.replace(microsecond=0)
    row.struck_by = actor.name
    row.strike_reason = why
    conflicts.flush(session, ENTITY, entry_id)
    member = lookups.member(session, row.member_id)
    audit.record(
        session,
        actor,
        "strike",
        "journal_entry",
        row.id,
        summary=f"{member.name} {row.event_date}",
        new={"reason": why},
        member_id=row.member_id,
        at=now,
    )
    new_row = None
    if replacement is not None and replacement.strip():
        new_row = add_entry(
            session, actor, row.member_id, row.kind, row.event_date, replacement, now=now, replaces_id=row.id
        )
    return row, new_row


def entries(
    session: Session,
    member_id: int,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    kind: str | None = None,
) -> list[JournalEntry]:
    """A member's entries, newest event first (then newest written), struck ones included."""
    query = select(JournalEntry).where(JournalEntry.member_id == member_id)
    if first is not None:
        query = query.where(JournalEntry.event_date >= first)
    if last is not None:
        query = query.where(JournalEntry.event_date <= last)
    if kind is not None:
        query = query.where(JournalEntry.kind == choice(kind, JOURNAL_KINDS, "type", "Typen", "The type"))
    return list(
        session.scalars(
            query.order_by(JournalEntry.event_date.desc(), JournalEntry.written_at.desc(), JournalEntry.id.desc())
        )
    )
