"""The ``coopdesk`` command line: the same services as the desktop app, without a window.

Every known error (bad input, a missing file, a database that cannot be opened) ends with a clear
message on stderr and exit code 1; usage errors exit 2 (argparse). Nothing is half-done.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from coopdesk import __version__
from coopdesk.cli.common import (
    Output,
    add_force,
    bounded_int,
    check_output,
    language,
    log_in,
    require_file,
    say_unlogged,
)
from coopdesk.cli.employees import add_employee_commands, cmd_employee, cmd_subsidy
from coopdesk.cli.erasure import add_parser as add_erasure_parser
from coopdesk.cli.erasure import cmd_erase
from coopdesk.cli.invoice import add_invoice_commands, cmd_invoice, cmd_invoicing
from coopdesk.cli.issued import add_issued_options, cmd_issued_statement, wants_issued
from coopdesk.cli.month import add_month_commands, cmd_attest, cmd_register, cmd_reopen
from coopdesk.cli.placements import add_placement_commands, cmd_end_placement
from coopdesk.cli.records import MEMBER_EXPORT_FORMATS, cmd_audit, cmd_backup, cmd_member_export, cmd_restore
from coopdesk.cli.report import add_report_commands, cmd_report
from coopdesk.cli.sheets import add_sheet_commands, cmd_export_sheet, cmd_import_sheet
from coopdesk.cli.social import add_social_commands, cmd_deviation, cmd_journal, cmd_personakt, cmd_plan, cmd_todo
from coopdesk.cli.users import add_user_commands, cmd_encrypt, cmd_password, cmd_recover, cmd_users, open_or_create
from coopdesk.core.errors import CoopdeskError, ValidationError

STATEMENT_FORMATS = ("json", "csv", "pdf", "xlsx")
EXIT_CHANGED = 3  # statement --verify: the data no longer matches the printed fingerprint
MAX_AUDIT_LIMIT = 1_000_000
SCREENSHOT_SIZE = (200, 10_000)  # pixels, either side: Qt refuses (or overflows on) more
SCREENSHOT_VIEWS = (
    "idag",
    "manad",
    "medlemmar",
    "handledare",
    "bestallare",
    "redovisning",
    "attgora",
    "avvikelser",
    "anstallda",
    "statistik",
    "installningar",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coopdesk",
        description="Närvaro, handledartid och månadsredovisningar för ett socialt arbetskooperativ. "
        "Attendance, supervisor hours and monthly statements for a social work cooperative.",
        epilog="Without a command the desktop app starts. The default database is coopdesk.db in the user's data "
        "folder (COOPDESK_HOME replaces that folder; --db or COOPDESK_DB names another database).",
    )
    parser.add_argument("--version", action="version", version=f"coopdesk {__version__}")
    parser.add_argument("--selftest", action="store_true", help="check this installation in a temporary folder")
    parser.add_argument(
        "--db", metavar="PATH|URL", help="the database (default: COOPDESK_DB or the user's data folder)"
    )
    parser.add_argument("--lang", choices=("sv", "en"), help="message language (default: from the locale)")
    parser.add_argument(
        "--user",
        dest="login",
        metavar="LOGIN",
        help="log in as LOGIN (default: COOPDESK_USER); the password comes from COOPDESK_PASSWORD or a prompt",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init", help="create a database with its first administrator (or bring an existing one up to date)"
    )
    init.add_argument("--admin", metavar="LOGIN", help="the first administrator's login (password: COOPDESK_PASSWORD)")
    init.add_argument("--name", metavar="NAME", help="the first administrator's full name (default: the login)")
    _creation_options(init)
    demo = commands.add_parser(
        "demo", help="create a database with a believable demo cooperative and two demo accounts"
    )
    _creation_options(demo)

    imp = commands.add_parser("import", help="read a coopdesk/1 or coopdesk/2 JSON document into an empty database")
    imp.add_argument("file", type=Path, metavar="FILE")
    _creation_options(imp)

    exp = commands.add_parser(
        "export", help="write the whole database as a coopdesk/2 JSON document (administrators; logged)"
    )
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_force(exp)
    exp.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the file with a passphrase (asked, or COOPDESK_EXPORT_PASSWORD); import reads it back",
    )

    backup = commands.add_parser("backup", help="make a checked backup now (default: into the backup folder)")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the backup to FILE instead")
    backup.add_argument("--list", action="store_true", help="list the backups in the backup folder")
    add_force(backup)
    backup.add_argument(
        "--remove-pre-restore",
        metavar="NAME",
        help="remove a copy kept before a restore (administrator; those copies are never rotated away)",
    )

    restore = commands.add_parser("restore", help="replace the database with a backup (the current one is kept)")
    restore.add_argument(
        "file", type=Path, metavar="FILE", nargs="?", help="the backup (default: the newest sound one)"
    )
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    mexp = commands.add_parser(
        "member-export", help="everything about one member, for a subject-access request (GDPR art. 15)"
    )
    mexp.add_argument("--member", required=True, metavar="NAME|NUMBER", help="the member's name or personal number")
    mexp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    mexp.add_argument(
        "--format", choices=MEMBER_EXPORT_FORMATS, help="json or pdf (default: from FILE's suffix, else json)"
    )
    add_force(mexp)

    log = commands.add_parser("audit", help="the audit log: who changed or opened what, and when")
    log.add_argument("--member", metavar="NAME|NUMBER", help="entries about members matching this")
    log.add_argument("--by", dest="by_user", metavar="NAME", help="entries made by this user")
    log.add_argument("--from", dest="first", metavar="YYYY-MM-DD")
    log.add_argument("--to", dest="last", metavar="YYYY-MM-DD")
    log.add_argument(
        "--limit",
        type=bounded_int(1, MAX_AUDIT_LIMIT),
        default=500,
        metavar="N",
        help="at most N entries, newest first",
    )
    log.add_argument("--kind", metavar="KIND", help="entries of this kind: export, print, login, attendance.update…")
    log.add_argument("--format", choices=("text", "json"), default="text", help="json: the stored entries, raw")

    add_user_commands(commands)
    add_month_commands(commands)
    add_erasure_parser(commands)
    add_employee_commands(commands)
    add_sheet_commands(commands)
    add_invoice_commands(commands)
    add_placement_commands(commands)
    add_report_commands(commands)
    add_social_commands(commands)

    gui = commands.add_parser("gui", help="start the desktop app (the default without a command)")
    gui.add_argument("--screenshot", type=Path, metavar="FILE.png", help="render the window offscreen to FILE and exit")
    gui.add_argument("--view", choices=SCREENSHOT_VIEWS, default=None, help="the view to show")
    gui.add_argument("--date", metavar="YYYY-MM-DD", help="the day (Idag) or month (Månad) to show")
    gui.add_argument("--size", default="1280x800", metavar="WxH", help="window size for --screenshot")
    add_force(gui)

    st = commands.add_parser("statement", help="the monthly statement of a district (or of all)")
    st.add_argument("--month", required=True, metavar="YYYY-MM")
    which = st.add_mutually_exclusive_group(required=True)
    which.add_argument("--district", metavar="NAME")
    which.add_argument("--all", action="store_true", help="every district; with -o, DIR gets one file each")
    st.add_argument("--format", choices=STATEMENT_FORMATS, default="json")
    st.add_argument("-o", "--output", type=Path, metavar="PATH", help="a file (one district) or a folder (--all)")
    add_force(st)
    st.add_argument(
        "--verify",
        metavar="FINGERPRINT",
        type=fingerprint_argument,
        help="compare with the fingerprint printed on a statement (e.g. 9945-DF1C-9D89); exit 0 if the figures "
        f"are unchanged, {EXIT_CHANGED} if the data has changed since",
    )
    add_issued_options(st)
    return parser


def fingerprint_argument(text: str) -> str:
    """A fingerprint as printed (12 hex digits, dashes and spaces as you like): else a usage error (exit 2),
    never "changed" (a typo in a fingerprint must not look like changed figures)."""
    import re

    cleaned = text.strip().upper().replace(" ", "")
    if not re.fullmatch(r"[0-9A-F]{4}-?[0-9A-F]{4}-?[0-9A-F]{4}", cleaned):
        raise argparse.ArgumentTypeError(
            f"{text!r} är ingen kontrollsumma (12 tecken 0–9 och A–F, till exempel 9945-DF1C-9D89) / "
            f"{text!r} is not a fingerprint (12 characters 0-9 and A-F, e.g. 9945-DF1C-9D89)"
        )
    return cleaned


def _creation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-encryption",
        action="store_true",
        help="a new database is not encrypted (for tests and demos only: it holds personal data)",
    )
    parser.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="also write the new database's recovery key to FILE (owner-only), to print and keep",
    )
    add_force(parser)


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None, process: bool = False
) -> int:
    """Run one command. ``process``: this is the whole process (coopdesk.entry), which ends when the
    command returns; a command other than the desktop app then spares the collector (see _collect_less)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    io = Output(out or sys.stdout, err or sys.stderr, args.lang or language())
    if process and args.command not in (None, "gui"):
        _collect_less()
        try:
            return _run(args, io)
        finally:
            _leave_heap_to_exit(io)
    return _run(args, io)


# Collections of the youngest generation after this many new container objects instead of 700: a command
# allocates its imports and its results and then ends, and the collector walking that young heap again and
# again measured ~0.1 s of a 1.2 s statement. Cycles are still collected, only less often.
COMMAND_GC_THRESHOLD = 50_000


def _collect_less() -> None:
    import gc

    gc.set_threshold(COMMAND_GC_THRESHOLD, *gc.get_threshold()[1:])


def _leave_heap_to_exit(io: Output) -> None:
    """The command is done (files written and fsynced, the database closed by the command's own
    ``finally``): the output is flushed and every object moved to the collector's permanent generation,
    so the interpreter's exit does not walk the whole heap (0.15–0.35 s measured) to free memory the
    operating system takes back anyway. The interpreter still exits normally: atexit handlers (the log's
    flush) run and open files are closed. docs/rules.md, "The command line's fixed cost"."""
    import gc

    for stream in (io.out, io.err):
        with contextlib.suppress(Exception):  # a closed pipe: the interpreter reports it as it always did
            stream.flush()
    gc.freeze()


def _run(args: argparse.Namespace, io: Output) -> int:
    if args.selftest:
        from coopdesk.selftest import run as selftest

        return selftest(io.out)
    if args.command is not None:
        _warn_if_readable_by_others(args, io)
    try:
        if args.command is None:
            from coopdesk.ui.gui import run

            return run(args.db)
        return COMMANDS[args.command](args, io)
    except CoopdeskError as error:
        io.error(error)
        return 1


def _warn_if_readable_by_others(args: argparse.Namespace, io: Output) -> None:
    """A data folder or database file that others can read: a warning on stderr (the command still runs)."""
    from coopdesk.storage import paths

    try:
        url = paths.database_url(args.db)
    except CoopdeskError:
        return  # the command says what is wrong with the path
    db_path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    warning = paths.exposure_warning(db_path)
    if warning is not None:
        print(f"coopdesk: {warning[0] if io.lang == 'sv' else warning[1]}", file=io.err)


def cmd_gui(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.ui.gui import run

    day = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise ValidationError(
                "--date",
                args.date,
                f"Datumet {args.date} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.",
                f"The date {args.date} is not valid. Use YYYY-MM-DD.",
            ) from exc
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
        low, high = SCREENSHOT_SIZE
        if not (low <= width <= high and low <= height <= high):
            raise ValueError(args.size)
    except ValueError as exc:
        raise ValidationError(
            "--size",
            args.size,
            f"Storleken skrivs BREDDxHÖJD, till exempel 1280x800 ({SCREENSHOT_SIZE[0]}–{SCREENSHOT_SIZE[1]} "
            "bildpunkter åt varje håll).",
            f"Give the size as WIDTHxHEIGHT, e.g. 1280x800 ({SCREENSHOT_SIZE[0]}–{SCREENSHOT_SIZE[1]} pixels "
            "each way).",
        ) from exc
    screenshot = check_output(args, args.screenshot)
    return run(args.db, screenshot=screenshot, view=args.view, day=day, size=(width, height))


def cmd_init(args: argparse.Namespace, io: Output) -> int:
    session, _ = open_or_create(args, io, admin=args.admin, name=args.name)
    db = session.db
    io.say(f"Databasen är klar: {db.describe()}", f"The database is ready: {db.describe()}")
    db.close()
    return 0


def cmd_demo(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.demo import demo_document

    document = demo_document(dt.date.today())
    return _import(args, io, document, "demo", demo=True)


def cmd_import(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.cli.records import read_export_file

    return _import(args, io, read_export_file(args.file), str(args.file))


def _import(args: argparse.Namespace, io: Output, document: object, source: str, *, demo: bool = False) -> int:
    from coopdesk.core.exchange.importer import import_document

    def populate(session: object, actor: object) -> object:  # a new database: filled before it gets its name
        summary = import_document(session, document, actor=actor)  # type: ignore[arg-type]
        if demo:
            from coopdesk.core.demo import add_demo_employees

            add_demo_employees(session, actor, dt.date.today())  # type: ignore[arg-type]
        return summary

    user, summary = open_or_create(args, io, demo=demo, admin_for=("importera", "import"), populate=populate)
    db = user.db
    try:
        if summary is None:
            with db.session() as session:
                summary = populate(session, user.actor)
    finally:
        db.close()
    io.say(
        f"Importerade {source} till {db.describe()}: {summary.describe_sv()}.",
        f"Imported {source} into {db.describe()}: {summary.describe_en()}.",
    )
    return 0


def cmd_export(args: argparse.Namespace, io: Output) -> int:
    """The whole database to a file: an administrator's, logged, owner-only, encrypted on request."""
    import json

    from coopdesk.cli.records import export_passphrase, warn_unencrypted
    from coopdesk.core.exchange.exporter import export_for
    from coopdesk.storage.export_crypto import seal
    from coopdesk.storage.files import write_logged

    check_output(args, args.output)
    user = log_in(args, check=False, admin_for=("exportera hela databasen", "export the whole database"))
    db = user.db
    try:
        passphrase = export_passphrase() if args.encrypt else None

        def make(session):
            document = export_for(session, user.actor, file_name=args.output.name, encrypted=bool(passphrase))
            data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            return [(args.output, seal(data, passphrase) if passphrase else data)]

        write_logged(db.output_session(), make)
    finally:
        db.close()
    say_unlogged(io, db)
    if passphrase:
        io.say(
            f"Exporterade databasen krypterad till {args.output}. Utan lösenordet kan ingen läsa den.",
            f"Exported the database, encrypted, to {args.output}. Without the passphrase nobody can read it.",
        )
    else:
        io.say(f"Exporterade databasen till {args.output}.", f"Exported the database to {args.output}.")
        warn_unencrypted(io, args.output)
    return 0


def statement_file_name(month: object, district: str, extension: str) -> str:
    from coopdesk.storage.files import safe_file_name

    return f"{month} {safe_file_name(district)} månadsredovisning.{extension}"


def cmd_statement(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.calendar import Month

    if wants_issued(args):
        return cmd_issued_statement(args, io)
    month = Month.parse(args.month)
    if args.verify and args.all:
        raise ValidationError(
            "--verify",
            args.verify,
            "--verify gäller en beställare: ange --district NAMN.",
            "--verify checks one district: give --district NAME.",
        )
    if args.all and args.output is not None:
        from coopdesk.storage.output_paths import check_output_folder

        check_output_folder(args.output)
    elif not args.verify:
        check_output(args, args.output)
    user = log_in(args, check=False, meanwhile=lambda: _load_statement_modules(args.format))
    db = user.db
    try:
        return _statement_output(args, io, db, user.actor, month)
    finally:
        db.close()


def _load_statement_modules(fmt: str) -> None:
    """What a statement needs after the login, loaded while the key is derived (access.login's
    ``meanwhile``): the statement, the issue check, the writer of ``fmt`` and, for a PDF, its fonts."""
    import coopdesk.app.issued
    import coopdesk.core.services.outputs
    import coopdesk.core.statement
    import coopdesk.storage.files

    if fmt == "pdf":
        from coopdesk.reports.pdf_kit import register_fonts
        from coopdesk.reports.statement_pdf import statement_pdf  # noqa: F401

        register_fonts()
    elif fmt == "xlsx":
        import coopdesk.reports.statement_xlsx  # noqa: F401


def _statement_output(args: argparse.Namespace, io: Output, db: Any, actor: Any, month: Any) -> int:
    """The statements written (or shown) and logged: every copy that leaves the program is on the record."""
    from coopdesk.core.services import outputs
    from coopdesk.core.statement import statement_for, statements_for_all
    from coopdesk.reports import statement_csv, statement_json
    from coopdesk.storage.files import write_logged

    with db.session() as session:
        statements = statements_for_all(session, month) if args.all else [statement_for(session, args.district, month)]
        notices = _since_issue(session, io, statements)
    if args.verify:
        return _verify(args, io, statements[0], month)
    if args.format in ("pdf", "xlsx"):
        require_file(args.format, args.output, folder_with_all=True)
    names = [s.district for s in statements]

    def render(statement: object) -> bytes:
        if args.format == "pdf":
            from coopdesk.reports.statement_pdf import statement_pdf

            return statement_pdf(statement, notice=notices.get(statement.district))  # type: ignore[arg-type, attr-defined]
        if args.format == "csv":
            return statement_csv.csv_bytes(statement)  # type: ignore[arg-type]
        if args.format == "xlsx":
            from coopdesk.reports.statement_xlsx import xlsx_bytes

            return xlsx_bytes(statement)  # type: ignore[arg-type]
        return statement_json.dumps(statement_json.statement_document(statement)).encode("utf-8")  # type: ignore[arg-type]

    if args.output is None:
        if args.format == "json":
            documents = [statement_json.statement_document(s) for s in statements]
            text = statement_json.dumps(documents if args.all else documents[0])
        else:
            text = statement_csv.statements_csv(statements)  # one head; the supervisors' section last
        if statements:
            with db.session() as session:
                outputs.record_statement_export(session, actor, month, names, args.format, [])
        io.out.write(text)
        return 0
    if args.all:
        from coopdesk.storage.output_paths import make_output_folder

        folder: Path = args.output
        # every file is checked before the first is written: all of them are written, or none
        targets = [folder / statement_file_name(month, s.district, args.format) for s in statements]
        if folder.exists():  # in a new folder no file exists yet, nor any of coopdesk's own
            targets = [check_output(args, target) for target in targets]  # type: ignore[misc]
        made = statements and not folder.exists()
        if statements:
            make_output_folder(folder)
    else:
        targets = [check_output(args, args.output)]  # type: ignore[list-item]
        made = False
    if not statements:
        io.say("Det finns inga beställare i databasen.", "There are no districts in the database.")
        return 0

    def make(session):
        outputs.record_statement_export(session, actor, month, names, args.format, [t.name for t in targets])
        return [(target, render(statement)) for target, statement in zip(targets, statements, strict=True)]

    try:
        written = write_logged(db.output_session(), make)
    except BaseException:
        if made:  # write_logged removed the files; the folder made for them goes too (all or nothing)
            with contextlib.suppress(OSError):
                args.output.rmdir()
        raise
    for target in written:
        io.say(f"Skrev {target}", f"Wrote {target}")
    say_unlogged(io, db)
    return 0


def _since_issue(session: Any, io: Output, statements: list[Any]) -> dict[str, str]:
    """A warning for each statement whose month was issued and has changed or been reopened since
    (app/issued.py); the notes the PDFs carry, by district."""
    from coopdesk.app import issued
    from coopdesk.core.services import lookups

    notices = {}
    for statement in statements:
        since = issued.since_issue(session, statement, lookups.district_by_name(session, statement.district).id)
        sv = issued.since_issue_sv(since) if since else None
        if since is not None and sv is not None:
            notices[statement.district] = sv
            io.warn(f"{statement.district}: {sv}", f"{statement.district}: {issued.since_issue_en(since)}")
    return notices


def _verify(args: argparse.Namespace, io: Output, statement: object, month: Any) -> int:
    from coopdesk.reports.fingerprint import statement_fingerprint

    if args.all:
        raise ValidationError(
            "--verify",
            args.verify,
            "--verify gäller en beställare: ange --district NAMN.",
            "--verify checks one district: give --district NAME.",
        )
    given = args.verify.strip().upper().replace(" ", "")
    now = statement_fingerprint(statement)  # type: ignore[arg-type]
    district = statement.district  # type: ignore[attr-defined]
    if given.replace("-", "") == now.replace("-", ""):
        io.say(
            f"Oförändrad: redovisningen för {district} {month.name_sv()} har kontrollsumman {now}.",
            f"Unchanged: the statement for {district} {month.name_en()} has the fingerprint {now}.",
        )
        return 0
    io.say(
        f"Ändrad: uppgifterna för {district} {month.name_sv()} har ändrats sedan utskriften "
        f"(utskriften: {given}, nu: {now}). Skriv ut redovisningen igen.",
        f"Changed: the data for {district} {month.name_en()} has changed since it was printed "
        f"(printed: {given}, now: {now}). Print the statement again.",
    )
    return EXIT_CHANGED


COMMANDS = {
    "audit": cmd_audit,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "gui": cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "member-export": cmd_member_export,
    "statement": cmd_statement,
    "users": cmd_users,
    "register": cmd_register,
    "attest": cmd_attest,
    "reopen": cmd_reopen,
    "gallra": cmd_erase,
    "erase": cmd_erase,
    "password": cmd_password,
    "encrypt": cmd_encrypt,
    "recover": cmd_recover,
    "employee": cmd_employee,
    "subsidy": cmd_subsidy,
    "import-sheet": cmd_import_sheet,
    "export-sheet": cmd_export_sheet,
    "invoice": cmd_invoice,
    "invoicing": cmd_invoicing,
    "end-placement": cmd_end_placement,
    "report": cmd_report,
    "journal": cmd_journal,
    "plan": cmd_plan,
    "deviation": cmd_deviation,
    "todo": cmd_todo,
    "personakt": cmd_personakt,
}
