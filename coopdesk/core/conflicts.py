"""Optimistic concurrency: two PCs changing the same row never overwrite each other silently.

Every editable row has a ``version`` (SQLAlchemy's ``version_id_col``), raised by every UPDATE. A
service that changes a row takes ``expected_version``: the version the user saw. ``None`` means "no
check" (the CLI, imports, scripts: last writer wins, as before); ``0`` means "I saw no row" where a
service can create one (an attendance record). A stale expectation raises :class:`ConflictError`
before anything is changed. Two changes racing between read and write are caught too: the UPDATE's
``WHERE version = …`` matches nothing (StaleDataError), or a second first-record hits a UNIQUE
constraint; :func:`flush` turns both into the same ConflictError.

Who changed the row, and when, comes from the newest audit log entry of the row: every service writes
one in the same transaction as the change, so it is there as soon as the change is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from coopdesk.core.errors import ConflictError
from coopdesk.core.models import AuditEntry

__all__ = ["ConflictError", "check", "conflict", "flush", "last_change"]

#: Audit actions that are not changes of the row (reading a file, logging in).
_NOT_CHANGES = ("read", "login", "login_failed", "logout")


def last_change(
    session: Session, entity: str, entity_id: object = None, *, member_id: int | None = None, day: dt.date | None = None
) -> AuditEntry | None:
    """The newest audit entry that changed the row: by entity and id, or (attendance, whose id changes
    when a record is removed and made again) by member and day."""
    query = select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action.not_in(_NOT_CHANGES))
    if day is not None and member_id is not None:
        query = query.where(AuditEntry.member_id == member_id, AuditEntry.summary.like(f"% {day.isoformat()}"))
    else:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    return session.scalar(query.order_by(AuditEntry.id.desc()).limit(1))


def conflict(
    session: Session,
    entity: str,
    entity_id: object = None,
    *,
    subject: str | None = None,
    member_id: int | None = None,
    day: dt.date | None = None,
    today: dt.date | None = None,
) -> ConflictError:
    """The error naming who changed the row last and when (read in ``session``, which must be usable)."""
    entry = last_change(session, entity, entity_id, member_id=member_id, day=day)
    return ConflictError(
        entity=entity,
        entity_id=entity_id,
        by=entry.actor if entry else None,
        at=entry.at if entry else None,
        removed=entry is not None and entry.action == "delete",
        subject=subject,
        today=today or dt.date.today(),
    )


def check(
    session: Session,
    row: Any,
    expected_version: int | None,
    entity: str,
    entity_id: object = None,
    **about: Any,
) -> None:
    """Refuse the change when the user saw another version of ``row`` (``None`` row: it is gone).

    ``expected_version`` None: no check. 0: the user saw no row.
    """
    if expected_version is None:
        return
    stored = 0 if row is None else row.version
    if stored != expected_version:
        raise conflict(session, entity, entity_id, **about)


def flush(session: Session, entity: str, entity_id: object = None, **about: Any) -> None:
    """``session.flush()``, with a lost race (a stale UPDATE or DELETE, or a second first record that
    breaks a UNIQUE constraint) reported as a ConflictError instead of a traceback. The transaction is
    rolled back (so nothing of the unit of work is saved) before the audit log is read."""
    try:
        session.flush()
    except StaleDataError as error:
        session.rollback()
        raise conflict(session, entity, entity_id, **about) from error
    except IntegrityError as error:
        text = str(error.orig).lower()
        if "unique" not in text and "duplicate" not in text:
            raise
        session.rollback()
        raise conflict(session, entity, entity_id, **about) from error
