"""The year in figures for the Statistik view and ``coopdesk report yearly``: one read, Qt-free."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.app.application import Command, Query, Work
from coopdesk.app.files import check_output_path, write_logged
from coopdesk.core.actor import Actor
from coopdesk.core.services import outputs
from coopdesk.core.yearly import MonthToDateFigures, Yearly, month_to_date, small_counts, yearly_figures

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coopdesk.storage.database import Database

__all__ = [
    "MonthToDateFigures",
    "MonthToDateView",
    "RecordYearlyPrint",
    "Yearly",
    "YearlyFiguresView",
    "save_yearly",
    "small_counts",
]


class YearlyFiguresView(Query[Yearly]):
    """The figures of ``year`` (domain.md §8), from its twelve months' statements."""

    def __init__(self, year: int) -> None:
        self.year = year

    def run(self, session: Session, today: dt.date) -> Yearly:
        return yearly_figures(session, self.year)


class MonthToDateView(Query[MonthToDateFigures]):
    """Today's month so far, in the same figures as a month of the year (the Statistik view's top)."""

    def run(self, session: Session, today: dt.date) -> MonthToDateFigures:
        return month_to_date(session, today)


class RecordYearlyPrint(Command[None]):
    """A printout of the year in figures, on the record (like a statement's: docs/rules.md)."""

    def __init__(self, year: int, pages: int) -> None:
        self.year = year
        self.pages = pages

    def run(self, work: Work) -> None:
        outputs.record_yearly_print(work.session, work.actor, self.year, self.pages)


def save_yearly(db: Database, actor: Actor, year: int, fmt: str, data: bytes, target: Path) -> Path:
    """Write the report's ``data`` to ``target`` and its audit entry, in one unit of work (a file whose
    making is not on the record is removed again: storage/files.write_logged)."""
    checked = check_output_path(target, force=True, db_path=db.sqlite_path)  # the save dialog asked already

    def make(session: Session) -> list[tuple[Path, bytes]]:
        outputs.record_yearly_export(session, actor, year, fmt, checked.name)
        return [(checked, data)]

    write_logged(db.output_session(), make)
    return checked
