"""``coopdesk end-placement``: a member's placement ends, with the reason (domain.md §8).

The same command as the member editor's "Avsluta beslut…" (app.members.EndPlacement): the member by
name or personal number, the placement the one active on the end date. A move to another district is
not an ending, and is not done here.
"""

from __future__ import annotations

import argparse
import datetime as dt

from coopdesk.cli.common import Output, log_in
from coopdesk.core.errors import ValidationError
from coopdesk.core.vocabulary import END_REASONS, end_reason_label

UNKNOWN = "unknown"  # the reason is not known: stored as none, counted as unknown in the yearly figures


def add_placement_commands(commands: argparse._SubParsersAction) -> None:
    end = commands.add_parser(
        "end-placement", help="end a member's placement on a day (inclusive), with the reason it ends"
    )
    end.add_argument("--member", required=True, metavar="NAME|NUMBER")
    end.add_argument("--end", required=True, metavar="YYYY-MM-DD", help="the placement's last day")
    end.add_argument(
        "--reason",
        required=True,
        choices=(*END_REASONS, UNKNOWN),
        help="why it ends (work, studies, other_activity, moved, health, own_choice, other; unknown if not known)",
    )


def cmd_end_placement(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.application import Application
    from coopdesk.app.members import EndPlacement

    try:
        end = dt.date.fromisoformat(args.end.strip())
    except ValueError as exc:
        raise ValidationError(
            "--end",
            args.end,
            f"Datumet {args.end} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.",
            f"The date {args.end} is not valid.",
        ) from exc
    reason = None if args.reason == UNKNOWN else args.reason
    user = log_in(args)
    try:
        Application(user.db, user.actor).execute(EndPlacement(None, end, reason, member=args.member))
    finally:
        user.db.close()
    io.say(
        f"Beslutet för {args.member} avslutas {end} (orsak: {end_reason_label(reason).lower()}).",
        f"The placement of {args.member} ends on {end} (reason: {end_reason_label(reason, 'en').lower()}).",
    )
    return 0
