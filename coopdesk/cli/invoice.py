"""``coopdesk invoice``: Peppol BIS Billing 3 e-invoices from issued statements, and ``coopdesk invoicing``:
the invoicing details they need (domain.md §9; app/invoices.py, core/services/invoicing.py).

    coopdesk invoice --month 2026-05 --district Norrmalm [--version N] -o faktura.xml
    coopdesk invoice --month 2026-05 --district Norrmalm --correction -o rättelse.xml
    coopdesk invoice --list [--month 2026-05]
    coopdesk invoice --number F1001 -o faktura.xml           # written again, identically
    coopdesk invoicing [--district NAME] [--set KEY=VALUE …]  # show or change the details
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from coopdesk.cli.common import Output, add_force, check_output, log_in
from coopdesk.core.errors import ValidationError


def add_invoice_commands(commands: argparse._SubParsersAction) -> None:
    inv = commands.add_parser("invoice", help="write a Peppol BIS Billing 3 e-invoice of an issued statement")
    inv.add_argument("--month", metavar="YYYY-MM")
    inv.add_argument("--district", metavar="NAME")
    inv.add_argument(
        "--correction", action="store_true", help="invoice (or credit) the correction of the last two versions"
    )
    inv.add_argument(
        "--version", dest="invoice_version", type=int, metavar="N", help="invoice issued version N (default: the last)"
    )
    inv.add_argument("--list", action="store_true", help="list the invoices written")
    inv.add_argument("--number", metavar="NUMBER", help="write invoice NUMBER again, exactly as it was written")
    inv.add_argument("-o", "--output", type=Path, metavar="FILE.xml")
    add_force(inv)
    setting = commands.add_parser("invoicing", help="show or change the invoicing details (administrators)")
    setting.add_argument("--district", metavar="NAME", help="a district's details (default: the cooperative's)")
    setting.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="change one detail")


def cmd_invoice(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app import invoices
    from coopdesk.core.calendar import Month
    from coopdesk.storage.files import write_logged

    if args.list:
        user = log_in(args, check=False)
        try:
            with user.db.session() as session:
                found = invoices.invoices(session, Month.parse(args.month) if args.month else None)
        finally:
            user.db.close()
        if not found:
            io.say("Inga fakturor är skrivna.", "No invoices have been written.")
        for i in found:
            kind_sv = "kreditfaktura" if i.kind == "credit_note" else "faktura"
            basis = "rättelse" if i.basis == "correction" else "redovisning"
            io.say(
                f"{i.number}  {i.issue_date}  {kind_sv:<13} {i.district} {i.month} ({basis}, version "
                f"{i.statement_version})  {i.amount} kr  {i.written_by}",
                f"{i.number}  {i.issue_date}  {i.kind:<13} {i.district} {i.month} ({i.basis}, version "
                f"{i.statement_version})  {i.amount} SEK  {i.written_by}",
            )
        return 0
    if args.output is None:
        raise ValidationError("-o", None, "Ange filen: -o FIL.xml.", "Give the file: -o FILE.xml.")
    if args.number is None and (args.month is None or args.district is None):
        raise ValidationError(
            "--month",
            None,
            "Ange --month ÅÅÅÅ-MM och --district NAMN (eller --number, eller --list).",
            "Give --month YYYY-MM and --district NAME (or --number, or --list).",
        )
    target = check_output(args, args.output)
    user = log_in(args, check=False)
    written: list[Any] = []

    def make(session: Any) -> list[tuple[Path, bytes]]:
        if args.number is not None:
            found = invoices.invoice_by_number(session, args.number)
        else:
            found = invoices.write_invoice(
                session,
                user.actor,
                args.district,
                Month.parse(args.month),
                correction=args.correction,
                version=args.invoice_version,
                today=dt.date.today(),
            )
        written.append(found)
        return [(target, found.xml)]  # type: ignore[list-item]

    try:
        write_logged(user.db.session(), make)
    finally:
        user.db.close()
    found = written[0]
    what_sv = "Kreditfakturan" if found.kind == "credit_note" else "Fakturan"
    io.say(
        f"{what_sv} {found.number} ({found.district} {found.month}, {found.amount} kr) är skriven till {target}.",
        f"{'Credit note' if found.kind == 'credit_note' else 'Invoice'} {found.number} ({found.district} "
        f"{found.month}, {found.amount} SEK) is written to {target}.",
    )
    return 0


def cmd_invoicing(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.services import invoicing, lookups

    user = log_in(args, check=False)
    try:
        with user.db.session() as session:
            district_id = lookups.district_by_name(session, args.district).id if args.district else None
            current = invoicing.seller(session) if district_id is None else invoicing.buyer(session, district_id)
            if args.set:
                changes: dict[str, Any] = {}
                names = {f.name: f for f in dataclasses.fields(current)}
                for item in args.set:
                    key, sep, value = item.partition("=")
                    key = key.strip()
                    if not sep or key not in names:
                        raise ValidationError(
                            "--set",
                            item,
                            f"Skriv NYCKEL=VÄRDE med en av: {', '.join(names)}.",
                            f"Write KEY=VALUE with one of: {', '.join(names)}.",
                        )
                    if names[key].type in ("bool", bool):
                        changes[key] = value.strip().lower() in ("1", "ja", "yes", "true", "j", "y")
                    elif names[key].type in ("int", int):
                        if not value.strip().isdigit():
                            raise ValidationError(
                                key, value, f"{key} är ett heltal, inte {value!r}.", f"{key} is a whole number."
                            )
                        changes[key] = int(value)
                    else:
                        changes[key] = value.strip() or None
                updated = dataclasses.replace(current, **changes)
                if district_id is None:
                    current = invoicing.save_seller(session, user.actor, updated)
                else:
                    current = invoicing.save_buyer(session, user.actor, district_id, updated)
    finally:
        user.db.close()
    for name, value in dataclasses.asdict(current).items():
        io.say(f"{name} = {'' if value is None else value}", f"{name} = {'' if value is None else value}")
    return 0
