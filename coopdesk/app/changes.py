"""What a command changed, precisely enough for a view to update one row instead of reloading all.

After Anki's ``OpChanges``: every command returns a :class:`Changes`; the GUI turns it into signals
(a single member-day becomes ``day_changed``, the rest ``changed(kind)`` once per kind) and the sync
monitor skips the audit entries a window wrote itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: The kinds of data a view shows; a command names the kinds it may change ("all": anything, e.g. a
#: restore or an import). "attendance_day" is not a kind here: it is how a single ``days`` entry is told.
KINDS = frozenset(
    {
        "attendance",
        "members",
        "supervisors",
        "districts",
        "settings",
        "locks",
        "audit",
        "users",
        "employees",
        "social",
        "all",
    }
)


@dataclass(frozen=True)
class Changes:
    """The outcome of one command: what it changed, and its result for the caller.

    ``days`` holds the (member id, date) pairs of register days written, ``members`` the members whose
    data changed otherwise, ``months`` the first days of months touched; ``kinds`` says which kinds of
    views must look again (a kind whose change is fully told by ``days`` is left out).
    """

    kinds: frozenset[str] = frozenset()
    days: frozenset[tuple[int, dt.date]] = frozenset()
    members: frozenset[int] = frozenset()
    months: frozenset[dt.date] = frozenset()
    result: Any = None
    audit_ids: tuple[int, ...] = ()
    #: The command changed nothing that is stored (a save of what already stood, say).
    empty: bool = False

    def __post_init__(self) -> None:
        unknown = self.kinds - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of change: {sorted(unknown)}")


@dataclass
class ChangeRecorder:
    """Collects what a command touches while it runs (see ``Work``)."""

    kinds: set[str] = field(default_factory=set)
    days: set[tuple[int, dt.date]] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    months: set[dt.date] = field(default_factory=set)

    def freeze(self, result: Any, audit_ids: list[int]) -> Changes:
        return Changes(
            kinds=frozenset(self.kinds),
            days=frozenset(self.days),
            members=frozenset(self.members),
            months=frozenset(self.months),
            result=result,
            audit_ids=tuple(audit_ids),
            empty=not audit_ids,
        )
