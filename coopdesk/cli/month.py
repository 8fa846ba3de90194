"""The command line's month work: registering a day's attendance, attesting a month and reopening it.

The same services as the app's Idag, Månad and Redovisning views, so the same rules hold: a locked
(attested) month refuses every change, and only an administrator reopens one, with a reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal

from coopdesk.cli.common import Output, log_in
from coopdesk.core.errors import ValidationError
from coopdesk.core.vocabulary import STATUS_LABELS


def add_month_commands(commands: argparse._SubParsersAction) -> None:
    reg = commands.add_parser("register", help="register one member's attendance on one day")
    reg.add_argument("--member", required=True, metavar="NAME|NUMBER")
    reg.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    reg.add_argument("--status", required=True, choices=tuple(STATUS_LABELS))
    reg.add_argument(
        "--hours", action="append", default=[], metavar="AREA=H", help="hours in a work area, e.g. Kaffestuga=3,5"
    )
    attest = commands.add_parser("attest", help="attest (lock) a month for everyone")
    attest.add_argument("--month", required=True, metavar="YYYY-MM")
    attest.add_argument("--yes", action="store_true", help="attest even if planned days are unregistered")
    reopen = commands.add_parser("reopen", help="reopen an attested month (administrator, with a reason)")
    reopen.add_argument("--month", required=True, metavar="YYYY-MM")
    reopen.add_argument("--reason", required=True, metavar="TEXT")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(
            "--day", value, f"Datumet {value} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.", f"The date {value} is not valid."
        ) from exc


def cmd_register(args: argparse.Namespace, io: Output) -> int:
    """One member-day, through the same command as Idag's registration (app.attendance.RegisterDays):
    the member by name or personal number and the work areas by name are resolved in its transaction."""
    from coopdesk.app.application import Application
    from coopdesk.app.attendance import DayChange, RegisterDays

    day = _day(args.day)
    wanted: dict[int | str, Decimal | str] = {}
    for item in args.hours:
        area, sep, hours = item.partition("=")
        if not sep or not area.strip():
            raise ValidationError(
                "--hours", item, f"Skriv timmarna som OMRÅDE=TIMMAR, inte {item!r}.", f"Write AREA=HOURS, not {item!r}."
            )
        wanted[area.strip()] = hours.strip()
    user = log_in(args)
    try:
        changes = Application(user.db, user.actor).execute(
            RegisterDays([DayChange(args.member, day, args.status, wanted)])
        )
    finally:
        user.db.close()
    name = changes.result[0].name
    io.say(
        f"Registrerade {name} {day}: {STATUS_LABELS[args.status].in_text('sv')}.",
        f"Registered {name} {day}: {args.status}.",
    )
    return 0


def cmd_attest(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.issued import attest_and_issue
    from coopdesk.core.calendar import Month
    from coopdesk.core.services import locks

    month = Month.parse(args.month)
    user = log_in(args)
    try:
        with user.db.session() as session:
            if locks.lock_of(session, month) is not None or month.first > dt.date.today():
                locks.attest_month(session, user.actor, month)  # refuses (already attested, not begun) and says why
            missing = locks.unregistered_days(session, month)
            if missing and not args.yes:
                shown = "; ".join(f"{name} {day}" for name, day in missing[:10])
                more = f" (+{len(missing) - 10})" if len(missing) > 10 else ""
                if not sys.stdin.isatty():
                    raise ValidationError(
                        "--yes",
                        None,
                        f"{len(missing)} planerade dagar saknar registrering: {shown}{more}. "
                        "Registrera dem, eller attestera ändå med --yes.",
                        f"{len(missing)} planned days are unregistered: {shown}{more}. "
                        "Register them, or attest anyway with --yes.",
                    )
                answer = input(f"{len(missing)} dagar saknar registrering ({shown}{more}). Attestera ändå? [j/N] ")
                if answer.strip().lower() not in ("j", "ja", "y", "yes"):
                    io.say("Avbrutet; inget ändrades.", "Cancelled; nothing changed.")
                    return 1
            lock = attest_and_issue(session, user.actor, month)  # every district's statement is issued
    finally:
        user.db.close()
    io.say(
        f"{month.name_sv().capitalize()} är attesterad av {lock.attested_by} och låst för ändringar. "
        "Redovisningarna är utfärdade (coopdesk statement --issued).",
        f"{month.name_en()} is attested by {lock.attested_by} and locked against changes. "
        "The statements are issued (coopdesk statement --issued).",
    )
    return 0


def cmd_reopen(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.calendar import Month
    from coopdesk.core.services import locks

    month = Month.parse(args.month)
    user = log_in(args, admin_for=("öppna en attesterad månad igen", "reopen an attested month"))
    try:
        with user.db.session() as session:
            locks.reopen_month(session, user.actor, month, args.reason)
    finally:
        user.db.close()
    io.say(
        f"{month.name_sv().capitalize()} är öppen igen. Skälet finns i händelseloggen.",
        f"{month.name_en()} is open again. The reason is in the audit log.",
    )
    return 0
