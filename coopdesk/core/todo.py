"""Att göra: the things that need doing, gathered from every part of coopdesk into one list.

Each part that knows of something due (a plan to follow up, a lex Sarah report to send to IVO, a wage
subsidy step-down within 90 days) registers a *source*: a function that, given a Session and today,
returns :class:`TodoItem` lines. The Att göra view and its count in the navigation read
:func:`todo_items`, which asks every source. A line says where it is done (``target``), so the view can
take the user there in one click. No Qt here; the sources are plain functions over the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.core.actor import Actor


@dataclass(frozen=True)
class TodoItem:
    """One line of Att göra.

    ``kind`` names the rule behind it (``"plan_follow_up"``, ``"ivo_report"``, ``"subsidy_step"`` …);
    ``due`` is the day by which it should be done (None: as soon as possible); ``overdue`` is true when
    that day has passed. ``text`` is the Swedish line as shown. ``target`` says where it is done, as
    ``"<place>:<id>[:<tab>]"`` — e.g. ``"member:12:plan"``, ``"deviation:3"``, ``"employee:2"`` — which
    the GUI turns into navigation; ``member_id`` is set when the line is about one member (so a
    member's window can show its own lines).
    """

    kind: str
    text: str
    target: str
    due: dt.date | None = None
    overdue: bool = False
    member_id: int | None = None


Source = Callable[[Session, Actor, dt.date], list[TodoItem]]
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    """Add (or replace, by ``name``) a source of Att göra lines; called at import of the part that owns it."""
    _SOURCES[name] = source


def todo_items(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    """Every line from every source: overdue first, then by due day (undated last), then by text."""
    items = [item for name in sorted(_SOURCES) for item in _SOURCES[name](session, actor, today)]
    return sorted(items, key=lambda i: (not i.overdue, i.due is None, i.due or dt.date.max, i.text))
