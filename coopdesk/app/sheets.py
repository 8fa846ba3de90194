"""Importing members and attendance history from a spreadsheet: the preview (a query) and the import (one
command, one transaction). No Qt here.

The file is read and interpreted before either runs (reading a file is no database work); both make
the plan against the database as it stands in their own session, so the import writes exactly what a
preview made at that moment would show, and refuses if anything changed into a problem since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from coopdesk.app.application import Command, Query, Work
from coopdesk.core.sheets.headers import FIELDS, Field
from coopdesk.core.sheets.interpret import Interpretation, interpret
from coopdesk.core.sheets.plan import ImportPlan, make_plan
from coopdesk.core.sheets.write import SheetImportResult, apply_plan

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ADMIN_ONLY = ("importera från kalkylblad", "import from a spreadsheet")
__all__ = ["ADMIN_ONLY", "FIELDS", "Field", "ImportPlan", "ImportSheet", "PreviewSheetImport", "read_sheets"]


def read_sheets(path: Path, today: dt.date, mapping: dict[str, str] | None = None) -> Interpretation:
    """The file read and its sheets interpreted (no database work: the GUI does it before the preview).
    Raises SheetFileError (a CoopdeskError) for a file that cannot be read."""
    from coopdesk.core.sheets.workbook import read_file

    return interpret(read_file(path), today=today, mapping=mapping or {})


class PreviewSheetImport(Query[ImportPlan]):
    """What importing ``reading`` would create, and every problem (nothing is written)."""

    def __init__(self, reading: Interpretation, file_name: str) -> None:
        self.reading = reading
        self.file_name = file_name

    def run(self, session: Session, today: dt.date) -> ImportPlan:
        return make_plan(session, self.reading, self.file_name, today)


class ImportSheet(Command[SheetImportResult]):
    """Import ``reading``: all of it, or (while the plan has a problem) nothing. Administrators only, like
    the import of a whole database: it writes many members' history at once."""

    kinds: ClassVar[frozenset[str]] = frozenset({"members", "attendance"})
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN_ONLY

    def __init__(
        self,
        reading: Interpretation,
        file_name: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.reading = reading
        self.file_name = file_name
        self.progress = progress

    def run(self, work: Work) -> SheetImportResult:
        plan = make_plan(work.session, self.reading, self.file_name, work.today)
        result = apply_plan(work.session, work.actor, plan, today=work.today, progress=self.progress)
        if not result.nothing_new:
            work.touched("members", "attendance")
            for member_id in result.member_ids:
                work.touched_member(member_id)
        return result
