"""The demo cooperative (20 members, 13 months of history) through export-sheet and import-sheet: the size
of a real cooperative's workbooks, two years' files imported one after the other into a database that
has only the settings, districts and work areas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coopdesk.app.application import Application
from coopdesk.app.sheets import ImportSheet, PreviewSheetImport, read_sheets
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.statement import statements_for_all
from coopdesk.reports import statement_json
from coopdesk.storage.database import Database, open_database
from tests.unit.test_sheets_import import member_picture

TODAY = dt.date(2026, 11, 27)
ADMIN = Actor("Sara Svensson")


def rows_of(database: Database, month: Month) -> list[tuple]:
    """The statements' member rows and totals (the attest marks differ: the new database has no locks)."""
    with database.session() as session:
        documents = [statement_json.statement_document(s) for s in statements_for_all(session, month)]
    return [(d["district"], d["rows"], d["totals"]) for d in documents]


def test_the_demo_cooperative_round_trip(new_db, tmp_path: Path) -> None:
    document = demo_document(TODAY)
    source = open_database(new_db("demo.db"))
    target = open_database(new_db("target.db"))
    try:
        with source.session() as session:
            import_document(session, document, actor=ADMIN, today=TODAY)
        bare = {
            **document,
            "members": [],
            "attendance": [],
            "supervisors": [],
            "supervisor_hours": [],
            "month_locks": [],
            "care_plans": [],
            "journal": [],
            "deviations": [],
        }
        with target.session() as session:
            import_document(session, bare, actor=ADMIN, today=TODAY)
        files = []
        for year in (2025, 2026):
            with source.session() as session:
                from coopdesk.core.sheets.export import year_sheets
                from coopdesk.reports.year_sheets import year_workbook_bytes

                path = tmp_path / f"{year}.xlsx"
                path.write_bytes(year_workbook_bytes(year_sheets(session, year)))
                files.append(path)
        app = Application(target, ADMIN, clock=lambda: TODAY)
        for path in files:
            reading = read_sheets(path, TODAY)
            plan = app.read(PreviewSheetImport(reading, path.name))
            assert plan.problems == []
            app.execute(ImportSheet(reading, path.name))
        assert len([p for p in member_picture(target) if isinstance(p[3], list)]) == 20
        assert member_picture(target) == member_picture(source)
        for month in (Month(2025, 11), Month(2026, 3), Month(2026, 5), Month(2026, 11)):
            assert rows_of(target, month) == rows_of(source, month)
    finally:
        source.close()
        target.close()
