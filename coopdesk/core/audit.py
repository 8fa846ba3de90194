"""Who did what: the actor behind a change, and the append-only audit log it writes to.

Every service that changes data calls :func:`record` in the same session (so in the same
transaction) as the change: a change and its log entry are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, Actor
from coopdesk.core.models import AuditEntry

__all__ = ["ROLE_ADMIN", "ROLE_SUPERVISOR", "Actor", "record"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = None,
    *,
    summary: str | None = None,
    old: Any = None,
    new: Any = None,
    member_id: int | None = None,
    at: dt.datetime | None = None,
) -> None:
    session.add(
        AuditEntry(
            at=(at or dt.datetime.now()).replace(microsecond=0),
            actor=actor.name,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            member_id=member_id,
            summary=summary[:300] if summary else None,
            old=None if old is None else json.dumps(_jsonable(old), ensure_ascii=False, sort_keys=True),
            new=None if new is None else json.dumps(_jsonable(new), ensure_ascii=False, sort_keys=True),
        )
    )
