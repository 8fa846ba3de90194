"""Att göra from the wage subsidy: each step-down and end of an employee's subsidy within 90 days
(domain.md §10: "so the cooperative sees each step-down and end before it comes").

A source of :mod:`coopdesk.core.todo`, registered when this module is imported (app/employees.py
imports it, and so does whatever asks :func:`coopdesk.core.todo.todo_items`). Only an administrator gets
these lines: only an administrator can change a decision, apply for a new one or plan the wage.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from coopdesk.core.actor import Actor
from coopdesk.core.calendar import month_names_sv
from coopdesk.core.services import employees
from coopdesk.core.subsidy import subsidy_changes
from coopdesk.core.todo import TodoItem, register_source

#: How far ahead a step or an end is shown.
AHEAD = dt.timedelta(days=90)
KIND = "subsidy_step"


def day_sv(day: dt.date) -> str:
    """'1 januari 2027'."""
    return f"{day.day} {month_names_sv()[day.month - 1]} {day.year}"


def subsidy_todo(session: Session, actor: Actor, today: dt.date) -> list[TodoItem]:
    """The steps and ends from today to 90 days ahead, one line each, due on their day."""
    if not actor.is_admin:
        return []
    people = employees.employees(session)
    ids = {person.personal_number: person.id for person in people}
    terms = [employees.terms_of(person) for person in people]
    items = []
    for change in subsidy_changes(terms, today, today + AHEAD):
        if change.is_end:
            text = (
                f"Lönebidraget för {change.name} ({change.ref}, {change.before} %) upphör efter {day_sv(change.day)}."
            )
        else:
            text = (
                f"Lönebidraget för {change.name} ({change.ref}) trappas ned från {change.before} % till "
                f"{change.after} % den {day_sv(change.day)}."
                if (change.after or 0) < (change.before or 0)
                else f"Lönebidraget för {change.name} ({change.ref}) ändras från {change.before} % till "
                f"{change.after} % den {day_sv(change.day)}."
            )
        items.append(TodoItem(KIND, text, f"employee:{ids[change.personal_number]}", due=change.day))
    return items


register_source("subsidy", subsidy_todo)
