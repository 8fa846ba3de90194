"""``coopdesk import-sheet`` and ``coopdesk export-sheet``: members and attendance history from the
spreadsheets a cooperative keeps, and back (domain.md §11; docs/rules.md "Import från kalkylblad").

The import always shows its plan first: the sheets and what each was taken for, the columns left out,
what will be created, and every problem with its place. With a problem, or with ``--dry-run``, nothing
is written; otherwise the whole file is imported in one transaction (app/sheets.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.cli.common import Output, add_force, bounded_int, check_output, log_in

if TYPE_CHECKING:  # the sheet reader (SQLAlchemy, the models, the calendar) loads only for the sheet commands
    from coopdesk.core.sheets.interpret import Interpretation, SheetInfo
    from coopdesk.core.sheets.plan import ImportPlan

EXIT_PROBLEMS = 1


def add_sheet_commands(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser(
        "import-sheet",
        help="import members and attendance history from a spreadsheet (.xlsx, .ods, .csv); preview first",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--sheet", action="append", default=[], metavar="NAME", help="read only this sheet (may be repeated)"
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported and every problem; write nothing"
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="a column whose header is not recognised, e.g. --map 'Pnr nr=personal_number'",
    )
    exp = commands.add_parser(
        "export-sheet", help="write a year's members and attendance as .xlsx in the layout import-sheet reads"
    )
    exp.add_argument("--year", required=True, type=bounded_int(1900, 2199), metavar="YYYY")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    add_force(exp)


def _sheet_line(info: SheetInfo, io: Output) -> tuple[str, str]:
    if info.kind == "members":
        sv = f"  {info.name}: medlemsblad, rubrikerna på rad {info.header_row}"
        en = f"  {info.name}: member sheet, headers on row {info.header_row}"
    elif info.kind == "month" and info.month is not None:
        sv = f"  {info.name}: månadsblad för {info.month.name_sv()}, dagarna på rad {info.header_row}"
        en = f"  {info.name}: month sheet of {info.month.name_en()}, days on row {info.header_row}"
    elif info.kind == "hidden":
        return f"  {info.name}: dolt blad, läses inte", f"  {info.name}: hidden sheet, not read"
    elif info.kind == "skipped":
        return f"  {info.name}: inte valt med --sheet", f"  {info.name}: not chosen with --sheet"
    elif not info.columns:
        return (
            f"  {info.name}: varken medlemsblad eller månadsblad, läses inte",
            f"  {info.name}: neither a member sheet nor a month sheet, not read",
        )
    else:
        sv = (
            f"  {info.name}: läses inte; rubrikerna på rad {info.header_row} saknar Personnummer "
            "(ange kolumnen med --map RUBRIK=Personnummer)"
        )
        en = (
            f"  {info.name}: not read; the headers on row {info.header_row} lack Personnummer "
            "(name the column with --map HEADER=Personnummer)"
        )
    if info.unknown:
        sv += f"; okända kolumner som lämnas utanför: {', '.join(info.unknown)}"
        en += f"; unknown columns left out: {', '.join(info.unknown)}"
    return sv, en


def show_plan(plan: ImportPlan, io: Output) -> None:
    io.say(f"Blad i {plan.file_name}:", f"Sheets in {plan.file_name}:")
    for info in plan.sheets:
        io.say(*_sheet_line(info, io))
    names = [plan.names.get(m.personal_number, m.name) for m in plan.members]
    io.say("Skapas:", "To be created:")
    io.say(
        f"  {len(plan.members)} medlemmar{': ' + ', '.join(names) if names else ''}",
        f"  {len(plan.members)} members{': ' + ', '.join(names) if names else ''}",
    )
    io.say(
        f"  {len(plan.placements)} beslut, {len(plan.capacities)} omfattningsperioder",
        f"  {len(plan.placements)} placements, {len(plan.capacities)} capacity periods",
    )
    for month, present, absent in plan.days_per_month():
        io.say(
            f"  närvaro {month.name_sv()}: {present} dagar närvarande, {absent} frånvarodagar",
            f"  attendance {month.name_en()}: {present} days present, {absent} days absent",
        )
    if plan.known:
        k = plan.known
        io.say(
            f"Finns redan i coopdesk och skapas inte igen: {k['members']} medlemmar, {k['placements']} beslut, "
            f"{k['capacities']} omfattningar, {k['days']} närvarodagar",
            f"Already in coopdesk, not created again: {k['members']} members, {k['placements']} placements, "
            f"{k['capacities']} capacity periods, {k['days']} attendance days",
        )
    if plan.problems:
        io.say(f"Fel ({len(plan.problems)}):", f"Problems ({len(plan.problems)}):")
        for problem in plan.problems:
            io.say(f"  {problem.line('sv')}", f"  {problem.line('en')}")


def read_sheet_file(path: Path, only: list[str], mapping: list[str], today: dt.date) -> Interpretation:
    from coopdesk.core.sheets.headers import parse_mapping
    from coopdesk.core.sheets.interpret import interpret
    from coopdesk.core.sheets.workbook import read_file

    wanted = parse_mapping(mapping)
    return interpret(read_file(path), today=today, only=only, mapping=wanted)


def cmd_import_sheet(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.application import Application
    from coopdesk.app.sheets import ADMIN_ONLY, ImportSheet, PreviewSheetImport

    today = dt.date.today()
    reading = read_sheet_file(args.file, args.sheet, args.map, today)
    name = args.file.name
    user = log_in(args, admin_for=None if args.dry_run else ADMIN_ONLY)
    try:
        app = Application(user.db, user.actor)
        plan = app.read(PreviewSheetImport(reading, name))
        show_plan(plan, io)
        if plan.problems:
            io.say(
                "Inget importerades. Rätta felen i kalkylbladet (eller ange --map för en kolumn) och försök igen.",
                "Nothing was imported. Correct the problems in the spreadsheet (or give --map for a column) "
                "and try again.",
            )
            return EXIT_PROBLEMS
        if plan.empty:
            io.say(
                "Inget nytt att importera: allt i filen finns redan i coopdesk.",
                "Nothing new to import: everything in the file is already in coopdesk.",
            )
            return 0
        if args.dry_run:
            io.say("Provkörning (--dry-run): inget sparades.", "Dry run (--dry-run): nothing was saved.")
            return 0
        result = app.execute(ImportSheet(reading, name)).result
    finally:
        user.db.close()
    io.say(
        f"Importerat: {result.members} medlemmar, {result.placements} beslut, {result.capacities} omfattningar, "
        f"{result.days} närvarodagar.",
        f"Imported: {result.members} members, {result.placements} placements, {result.capacities} capacity "
        f"periods, {result.days} attendance days.",
    )
    return 0


def cmd_export_sheet(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.sheets.export import record_export, year_sheets
    from coopdesk.reports.year_sheets import year_workbook_bytes
    from coopdesk.storage.files import write_logged

    target = check_output(args, args.output)
    assert target is not None
    user = log_in(args)
    counts: list[int] = []

    def make(session):
        data = year_sheets(session, args.year)
        record_export(session, user.actor, data, target.name)
        counts.extend((len({r[1] for r in data.member_rows}), len({m for m, _, _ in data.months})))
        return [(target, year_workbook_bytes(data, author=user.actor.name))]

    try:
        write_logged(user.db.session(), make)
    finally:
        user.db.close()
    io.say(
        f"Skrev {target}: {counts[0]} medlemmar, {counts[1]} månadsblad för {args.year}.",
        f"Wrote {target}: {counts[0]} members, {counts[1]} month sheets of {args.year}.",
    )
    return 0
