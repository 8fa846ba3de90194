"""``coopdesk statement --issued [--version N]`` and ``--correction``: issued statements as issued, and
what changed between the last two (domain.md §9, interchange.md §5).

An issued version prints exactly as it was issued, whatever changed later: the JSON is the stored
document byte for byte, the CSV and PDF are made from the stored statement (the PDF says "Utfärdad
<datum> av <namn>, version N"). Every copy is on the record, like every statement output.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from coopdesk.cli.common import Output, check_output, log_in, require_file, say_unlogged
from coopdesk.core.errors import ValidationError


def add_issued_options(st: argparse.ArgumentParser) -> None:
    which = st.add_mutually_exclusive_group()
    which.add_argument(
        "--issued", action="store_true", help="the statement as it was issued when the month was attested"
    )
    which.add_argument(
        "--correction",
        action="store_true",
        help="what changed between the last two issued versions (coopdesk-correction/1; json or pdf)",
    )
    st.add_argument(
        "--version", dest="issued_version", type=int, metavar="N", help="with --issued: version N (default: the last)"
    )


def wants_issued(args: argparse.Namespace) -> bool:
    if getattr(args, "issued_version", None) is not None and not args.issued:
        raise ValidationError(
            "--version", args.issued_version, "--version gäller med --issued.", "--version goes with --issued."
        )
    return bool(args.issued or args.correction)


def _refuse(flag: str, sv: str, en: str) -> None:
    raise ValidationError(flag, None, sv, en)


def cmd_issued_statement(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.calendar import Month

    month = Month.parse(args.month)
    if args.all:
        _refuse("--all", "Ange en beställare med --district NAMN.", "Give one district with --district NAME.")
    if args.verify:
        _refuse("--verify", "--verify jämför den aktuella redovisningen.", "--verify checks the current statement.")
    if args.correction and args.format in ("csv", "xlsx"):
        _refuse("--format", "En rättelse skrivs som json eller pdf.", "A correction is written as json or pdf.")
    if args.format in ("pdf", "xlsx"):
        require_file(args.format, args.output)
    target = check_output(args, args.output)
    user = log_in(args, check=False)
    db = user.db
    try:
        if args.correction:
            data, district = _correction(args, db, month)
            what = "rättelse"
        else:
            data, district = _issued(args, db, month)
            what = "utfärdad"
        _write(io, db, user.actor, month, district, f"{args.format}, {what}", target, data)
    finally:
        db.close()
    return 0


def _issued(args: argparse.Namespace, db: Any, month: Any) -> tuple[bytes, str]:
    from coopdesk.app import issued

    with db.session() as session:
        found = issued.issued(session, args.district, month, args.issued_version)
    if args.format == "json":
        return found.document_text.encode("utf-8"), found.version.district
    if args.format == "csv":
        from coopdesk.reports.statement_csv import csv_bytes

        return csv_bytes(found.statement), found.version.district
    if args.format == "xlsx":
        from coopdesk.reports.statement_xlsx import xlsx_bytes

        return xlsx_bytes(found.statement, issued=found.version.mark_sv()), found.version.district
    from coopdesk.reports.statement_pdf import statement_pdf

    return statement_pdf(found.statement, issued=found.version.mark_sv()), found.version.district


def _correction(args: argparse.Namespace, db: Any, month: Any) -> tuple[bytes, str]:
    from coopdesk.app.issued import correction_of

    with db.session() as session:
        document, older, newer = correction_of(session, args.district, month)
    if args.format == "pdf":
        from coopdesk.reports.correction_pdf import correction_pdf

        data = correction_pdf(
            document,
            org_number=newer.statement.cooperative_org_number,
            issued_by=(older.version.issued_by, newer.version.issued_by),
        )
        return data, newer.version.district
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), newer.version.district


def _write(
    io: Output, db: Any, actor: Any, month: Any, district: str, fmt: str, target: Path | None, data: bytes
) -> None:
    from coopdesk.core.services import outputs
    from coopdesk.storage.files import write_logged

    if target is None:
        with db.session() as session:
            outputs.record_statement_export(session, actor, month, [district], fmt, [])
        io.out.write(data.decode("utf-8"))
        return

    def make(session: Any) -> list[tuple[Path, bytes]]:
        outputs.record_statement_export(session, actor, month, [district], fmt, [target.name])
        return [(target, data)]

    for written in write_logged(db.output_session(), make):
        io.say(f"Skrev {written}", f"Wrote {written}")
    say_unlogged(io, db)
