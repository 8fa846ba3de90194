"""Att göra as a read model: every registered source's lines (core/todo.py).

The modules that register sources are imported here, so that every face that reads the list (the
view, its count in the navigation, ``coopdesk todo``) asks all of them. A part that adds a source adds
its import below.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import coopdesk.core.services.employees_todo
import coopdesk.core.services.social_todo  # noqa: F401  - registers the sources of domain.md §7
from coopdesk.app.application import Query
from coopdesk.core.actor import Actor
from coopdesk.core.todo import TodoItem, todo_items

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class TodoList(Query[list[TodoItem]]):
    """Everything that needs doing today, overdue first. The lines name members, never the content of
    their documentation, so reading the list is not a read of anyone's file."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    def run(self, session: Session, today: dt.date) -> list[TodoItem]:
        return todo_items(session, self.actor, today)
