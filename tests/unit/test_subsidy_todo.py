"""The steps and ends of the wage subsidy (core/subsidy.py ``subsidy_changes``) and their Att göra lines
within 90 days (core/services/employees_todo.py), on the fixtures of test_subsidy.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from coopdesk.core.audit import Actor
from coopdesk.core.services import employees_todo
from coopdesk.core.subsidy import Decision, SubsidyChange, subsidy_changes
from coopdesk.core.todo import todo_items
from coopdesk.storage.database import Database
from tests.unit.test_employees import ADMIN, SUPERVISOR, add_lars_and_asa
from tests.unit.test_subsidy import ASA, LARS

D = dt.date


def test_the_steps_and_ends_of_a_period() -> None:
    changes = subsidy_changes([LARS, ASA], D(2025, 1, 1), D(2027, 12, 31))
    assert changes == [
        SubsidyChange(D(2025, 1, 1), "Lars Nilsson", "19750312-2397", "AF-2024-5561", 80, 60),
        SubsidyChange(D(2026, 6, 1), "Lars Nilsson", "19750312-2397", "AF-2024-5561", 60, 40),
        SubsidyChange(D(2026, 12, 31), "Lars Nilsson", "19750312-2397", "AF-2024-5561", 40, None),
        SubsidyChange(D(2027, 5, 16), "Åsa Berg", "19880417-2248", "AF-2026-0017", 85, None),
    ]
    # the first step of a decision is no change; the bounds are inclusive
    assert subsidy_changes([LARS, ASA], D(2026, 5, 17), D(2026, 6, 1)) == changes[1:2]
    assert subsidy_changes([LARS, ASA], D(2026, 6, 2), D(2026, 12, 30)) == []


def test_an_employment_ending_first_ends_the_subsidy_and_a_following_decision_carries_on() -> None:
    leaving = dataclasses.replace(LARS, end=D(2026, 3, 15))
    assert [(c.day, c.after) for c in subsidy_changes([leaving], D(2026, 1, 1), D(2027, 12, 31))] == [
        (D(2026, 3, 15), None)
    ]
    renewed = Decision(
        "AF-2027-1", "lönebidrag", D(2027, 1, 1), D(2027, 12, 31), Decimal(20000), ((D(2027, 1, 1), 40),)
    )
    lowered = dataclasses.replace(renewed, ref="AF-2027-2", steps=((D(2027, 1, 1), 30),))
    kept = subsidy_changes(
        [dataclasses.replace(LARS, decisions=(*LARS.decisions, renewed))], D(2026, 7, 1), D(2027, 6, 30)
    )
    assert kept == []  # 40 % on 31 December, 40 % from 1 January: neither a step nor an end
    stepped = subsidy_changes(
        [dataclasses.replace(LARS, decisions=(*LARS.decisions, lowered))], D(2026, 7, 1), D(2027, 6, 30)
    )
    assert [(c.day, c.ref, c.before, c.after) for c in stepped] == [(D(2027, 1, 1), "AF-2027-2", 40, 30)]


def test_att_gora_shows_the_steps_and_ends_within_90_days_to_an_administrator(db: Database) -> None:
    ids = add_lars_and_asa(db)
    with db.session() as s:
        lines = employees_todo.subsidy_todo(s, ADMIN, D(2026, 3, 3))  # 1 June is 90 days on
        assert [(i.kind, i.due, i.target) for i in lines] == [
            ("subsidy_step", D(2026, 6, 1), f"employee:{ids['lars']}")
        ]
        assert lines[0].text == (
            "Lönebidraget för Lars Nilsson (AF-2024-5561) trappas ned från 60 % till 40 % den 1 juni 2026."
        )
        assert employees_todo.subsidy_todo(s, ADMIN, D(2026, 3, 2)) == []  # 91 days on
        ends = employees_todo.subsidy_todo(s, ADMIN, D(2026, 10, 15))
        assert [i.text for i in ends] == [
            "Lönebidraget för Lars Nilsson (AF-2024-5561, 40 %) upphör efter 31 december 2026."
        ]
        assert employees_todo.subsidy_todo(s, SUPERVISOR, D(2026, 10, 15)) == []
        # registered in the shared list
        assert ends[0] in todo_items(s, ADMIN, D(2026, 10, 15))
        assert not [
            i for i in todo_items(s, Actor("Kim", role="handledare"), D(2026, 10, 15)) if i.kind == "subsidy_step"
        ]
