"""``coopdesk gallra`` (alias ``erase``): erasure of former members from the command line.

Without ``--yes`` it only shows who would be erased; with ``--yes`` it shows the same list and erases
them. Both need an administrator: the list names former members. See core/services/erasure.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from coopdesk.cli.common import Output, bounded_int
from coopdesk.core.errors import ValidationError

if TYPE_CHECKING:
    from coopdesk.core.actor import Actor
    from coopdesk.storage.database import Database

NAMES = ("gallra", "erase")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        NAMES[0],
        aliases=list(NAMES[1:]),
        help="erase (anonymise) former members whose last placement ended more than the retention period ago; "
        "shows the list and changes nothing without --yes",
    )
    parser.add_argument(
        "--years",
        type=bounded_int(1, 50),
        metavar="N",
        help="a longer retention period than the setting, in years (1-50)",
    )
    parser.add_argument(
        "--set-years",
        type=bounded_int(1, 50),
        metavar="N",
        help="change the cooperative's retention period to N years first",
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="count the period back from this day (default: today)")
    parser.add_argument(
        "--member-id",
        type=bounded_int(1, 2**63 - 1),  # SQLite's largest integer
        action="append",
        metavar="ID",
        help="erase only this member (repeat for several); default: everyone listed",
    )
    parser.add_argument("--yes", action="store_true", help="erase the listed members (cannot be undone)")
    return parser


def _today(value: str | None, erasing: bool) -> dt.date:
    today = dt.date.today()
    if value is None:
        return today
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            "--today", value, f"Datumet {value} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.", f"The date {value} is not valid."
        ) from exc
    if erasing and day > today:
        raise ValidationError(
            "--today",
            value,
            f"{value} ligger i framtiden. Gallring räknas från i dag eller en tidigare dag.",
            f"{value} is in the future. Erasure counts from today or an earlier day.",
        )
    return day


def cmd_erase(args: argparse.Namespace, io: Output) -> int:
    """The command as the command line runs it: log in (administrators only), then :func:`run_erase`."""
    from coopdesk.cli.common import log_in

    user = log_in(args, admin_for=("gallra medlemmar", "erase members"))
    try:
        return run_erase(args, io, user.actor, user.db)
    finally:
        user.db.close()


def _years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"


def run_erase(args: argparse.Namespace, out: Output, actor: Actor, db: Database) -> int:
    """Show the candidates and, with ``--yes``, erase them, on the database ``actor`` is logged in to."""
    from coopdesk.core.permissions import require_admin
    from coopdesk.core.services import erasure

    # The list names former members: only an administrator sees it (the service checks the erasure again).
    require_admin(actor, "gallra medlemmar", "erase members")
    today = _today(args.today, args.yes)
    if args.set_years is not None:
        with db.session() as session:
            old = erasure.retention_years(session)
            erasure.save_retention_years(session, actor, args.set_years)
        out.say(
            f"Gallringstiden är nu {args.set_years} år (var {old} år).",
            f"The retention period is now {_years(args.set_years)} (was {_years(old)}).",
        )
    with db.session() as session:
        setting = erasure.retention_years(session)
        years = setting if args.years is None else args.years
        found = erasure.candidates(session, today, years)
    cutoff = erasure.cutoff_date(today, years)
    if args.member_id:
        known = {c.member_id for c in found}
        missing = [i for i in args.member_id if i not in known]
        if missing:
            raise ValidationError(
                "--member-id",
                missing[0],
                f"Medlem {missing[0]} finns inte bland dem som kan gallras (sista beslutet före {cutoff}).",
                f"Member {missing[0]} is not among those who can be erased (last placement before {cutoff}).",
            )
        found = [c for c in found if c.member_id in set(args.member_id)]
    if not found:
        out.say(
            f"Ingen medlem kan gallras: ingen har alla beslut avslutade före {cutoff} (gallringstid {years} år).",
            f"No member can be erased: nobody has every placement ended before {cutoff} "
            f"(retention period {_years(years)}).",
        )
        return 0
    out.say(
        f"Gallringstid {years} år: medlemmar vars sista beslut upphörde före {cutoff}.",
        f"Retention period {_years(years)}: members whose last placement ended before {cutoff}.",
    )
    width = max(len(c.pseudonym) for c in found)
    out.say(
        f"{'id':>6}  {'blir':<{width}}  sista beslut  beställare / namn",
        f"{'id':>6}  {'becomes':<{width}}  last ended    district / name",
    )
    for c in found:
        line = f"{c.member_id:>6}  {c.pseudonym:<{width}}  {c.last_end}    {c.district} / {c.name}"
        out.say(line, line)
    count = len(found)
    if not args.yes:
        out.say(
            f"{count} {'medlem' if count == 1 else 'medlemmar'} kan gallras. Ingenting har ändrats. "
            "Kör med --yes för att gallra; det går inte att ångra.",
            f"{count} {'member' if count == 1 else 'members'} can be erased. Nothing was changed. "
            "Run with --yes to erase; it cannot be undone.",
        )
        return 0
    with db.session() as session:
        result = erasure.erase(session, actor, [c.member_id for c in found], today, years=years)
    out.say(
        f"Gallrade {result.count} {'medlem' if result.count == 1 else 'medlemmar'}: namn, personnummer och "
        f"handläggaruppgifter är borta och {result.redacted_entries} loggposter maskerade. "
        "Närvaro och timmar finns kvar i redovisningarna.",
        f"Erased {result.count} {'member' if result.count == 1 else 'members'}: names, personal numbers and "
        f"case workers' details are gone and {result.redacted_entries} audit entries redacted. "
        "Attendance and hours stay in the statements.",
    )
    return 0
