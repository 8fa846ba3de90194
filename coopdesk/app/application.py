"""Commands own the unit of work; queries read the rows a view shows. No Qt here.

``Application(db, actor).execute(command)`` opens one Session (one transaction), checks the command's
permission, runs it, commits, and returns :class:`Changes` — what changed and the command's result.
``read(query)`` does the same for a read model, without the audit bookkeeping. The GUI runs both on its
one database worker (ui/tasks.py); the CLI calls them directly. There is no other way to write.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import event

from coopdesk.app.changes import ChangeRecorder, Changes
from coopdesk.core.actor import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.models import AuditEntry
from coopdesk.core.permissions import require_admin
from coopdesk.storage.database_errors import ServerUnreachableError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coopdesk.storage.database import Database

T = TypeVar("T")


@dataclass
class Work:
    """What a command works with: its Session, the user, today; and a recorder of what it touched."""

    session: Session
    actor: Actor
    today: dt.date
    recorder: ChangeRecorder = field(default_factory=ChangeRecorder)

    def touched_day(self, member_id: int, day: dt.date) -> None:
        self.recorder.days.add((member_id, day))
        self.recorder.months.add(Month.of(day).first)

    def touched_member(self, member_id: int) -> None:
        self.recorder.members.add(member_id)

    def touched_month(self, month: Month) -> None:
        self.recorder.months.add(month.first)

    def touched(self, *kinds: str) -> None:
        self.recorder.kinds.update(kinds)


class Command(ABC, Generic[T]):
    """One change a user makes, run in one unit of work.

    ``kinds`` are the kinds of data it may change (the views that must look again when ``run`` does not
    say more precisely); ``admin_only`` = (sv, en) completes "Bara en administratör kan …" for commands
    only an administrator may run — checked here, before anything is read, for every face.
    """

    kinds: ClassVar[frozenset[str]] = frozenset()
    admin_only: ClassVar[tuple[str, str] | None] = None

    @abstractmethod
    def run(self, work: Work) -> T: ...


class Query(ABC, Generic[T]):
    """A read model: the plain data a view shows, read in one Session."""

    @abstractmethod
    def run(self, session: Session, today: dt.date) -> T: ...


class SessionCall(Command[Any]):
    """A change still written as a function of a Session (forms not yet given a command of their own).

    It runs in the same unit of work, with the same permission, conflict and audit handling as every
    command; ``kind`` names what it changes.
    """

    def __init__(self, action: Callable[[Session], Any], kind: str) -> None:
        self.action = action
        self.kind = kind

    def run(self, work: Work) -> Any:
        work.touched(self.kind)
        return self.action(work.session)


class SessionRead(Query[Any]):
    """A read still written as a function of a Session; runs like every query."""

    def __init__(self, read: Callable[[Session], Any]) -> None:
        self.read = read

    def run(self, session: Session, today: dt.date) -> Any:
        return self.read(session)


class Application:
    """The one write path of the GUI and the CLI, for one user on one database."""

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], dt.date] = dt.date.today) -> None:
        self.db = db
        self.actor = actor
        self.clock = clock

    def execute(self, command: Command[T]) -> Changes:
        """Run ``command`` in one transaction; what it changed, with its result in ``Changes.result``.

        A known error (``CoopdeskError``: refused, a conflict, a locked month, no server) propagates and
        nothing is saved.
        """
        if command.admin_only is not None:
            require_admin(self.actor, *command.admin_only)
        with self.db.session() as session:
            audit_ids = note_audit_ids(session)
            work = Work(session, self.actor, self.clock())
            result = command.run(work)
        if not work.recorder.kinds and not work.recorder.days:
            work.recorder.kinds.update(command.kinds)
        return work.recorder.freeze(result, audit_ids)

    def read(self, query: Query[T]) -> T:
        with self.db.session() as session:
            return query.run(session, self.clock())


def note_audit_ids(session: Session) -> list[int]:
    """The ids of the audit entries ``session`` writes, as they are written (the sync monitor skips a
    window's own entries when it looks for other PCs' changes)."""
    ids: list[int] = []

    def written(_session: Session, instance: object) -> None:
        if isinstance(instance, AuditEntry):
            ids.append(instance.id)

    event.listen(session, "pending_to_persistent", written)
    return ids


def is_unreachable(error: BaseException) -> bool:
    """The database server cannot be reached: the change may wait for it (see app/offline.py)."""
    return isinstance(error, ServerUnreachableError)
