"""The year in figures for the Statistik view and ``coopdesk report yearly``: one read, Qt-free."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coopdesk.app.application import Command, Query, Work
from coopdesk.core.services import outputs
from coopdesk.core.yearly import Yearly, yearly_figures

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class YearlyFiguresView(Query[Yearly]):
    """The figures of ``year`` (domain.md §8), from its twelve months' statements."""

    def __init__(self, year: int) -> None:
        self.year = year

    def run(self, session: Session, today: dt.date) -> Yearly:
        return yearly_figures(session, self.year)


class RecordYearlyPrint(Command[None]):
    """A printout of the year in figures, on the record (like a statement's: docs/rules.md)."""

    def __init__(self, year: int, pages: int) -> None:
        self.year = year
        self.pages = pages

    def run(self, work: Work) -> None:
        outputs.record_yearly_print(work.session, work.actor, self.year, self.pages)
