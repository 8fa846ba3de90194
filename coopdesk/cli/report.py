"""``coopdesk report yearly``: the year in figures as JSON (coopdesk-yearly/1), a printed PDF or a
spreadsheet — the same figures as the app's Statistik view (core/yearly.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from coopdesk.cli.common import Output, add_force, check_output, log_in, require_file, say_unlogged
from coopdesk.core.errors import ValidationError

REPORT_FORMATS = ("json", "pdf", "xlsx")


def add_report_commands(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="reports over a longer period: the year in figures")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    yearly = kinds.add_parser(
        "yearly", help="the year in figures (verksamhetsstatistik): members, hours, attendance, supervisors"
    )
    yearly.add_argument("--year", required=True, type=_year, metavar="YYYY")
    yearly.add_argument("--format", choices=REPORT_FORMATS, default="json")
    yearly.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file (required for pdf and xlsx)")
    yearly.add_argument(
        "--hand-out",
        action="store_true",
        help="the PDF to hand out (an annual meeting): counts of 1 or 2 members merged, no sekretess mark",
    )
    add_force(yearly)


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 9999:
        raise argparse.ArgumentTypeError(f"{text!r} är inget år (ÅÅÅÅ) / is not a year (YYYY)")
    return int(text)


def render(yearly: Any, fmt: str, *, hand_out: bool = False) -> bytes:
    """The figures in one of REPORT_FORMATS (the PDF and XLSX writers load only when asked for)."""
    if fmt == "pdf":
        from coopdesk.reports.yearly_pdf import yearly_pdf

        return yearly_pdf(yearly, hand_out=hand_out)
    if fmt == "xlsx":
        from coopdesk.reports.yearly_xlsx import yearly_xlsx

        return yearly_xlsx(yearly)
    from coopdesk.reports import yearly_json

    return yearly_json.dumps(yearly_json.yearly_document(yearly)).encode("utf-8")


def cmd_report(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.application import Application
    from coopdesk.app.yearly import YearlyFiguresView
    from coopdesk.core.services import outputs
    from coopdesk.storage.files import write_logged

    if args.format != "json":
        require_file(args.format, args.output)
    if args.hand_out and args.format != "pdf":
        raise ValidationError(
            "--hand-out",
            args.format,
            "Versionen för utlämning är en PDF: ange --format pdf.",
            "The version to hand out is a PDF: give --format pdf.",
        )
    target = check_output(args, args.output)
    user = log_in(args, check=False)
    db = user.db
    try:
        yearly = Application(db, user.actor, clock=dt.date.today).read(YearlyFiguresView(args.year))
        data = render(yearly, args.format, hand_out=args.hand_out)
        if target is None:
            with db.session() as session:
                outputs.record_yearly_export(session, user.actor, args.year, args.format, None)
            io.out.write(data.decode("utf-8"))
            return 0

        def make(session: Any) -> list[tuple[Path, bytes]]:
            outputs.record_yearly_export(session, user.actor, args.year, args.format, target.name)
            return [(target, data)]

        for written in write_logged(db.output_session(), make):
            io.say(f"Skrev {written}", f"Wrote {written}")
        say_unlogged(io, db)
        return 0
    finally:
        db.close()
