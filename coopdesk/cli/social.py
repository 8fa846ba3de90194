"""The command line's social documentation (domain.md §7): ``coopdesk journal``, ``plan``, ``deviation``
and ``todo``. The same application commands as the member's window; every read of a member's
documentation is logged by them (who opened whose file), whatever prints it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from coopdesk.cli.common import Output, add_force, check_output, log_in
from coopdesk.core.errors import ValidationError
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, JOURNAL_KINDS, PLAN_STATUSES

LIST_FORMATS = ("text", "json")
PRINT_FORMATS = ("text", "json", "pdf")


def add_social_commands(commands: argparse._SubParsersAction) -> None:
    kinds = ", ".join(JOURNAL_KINDS)
    jour = commands.add_parser("journal", help="a member's journal: write, list, correct, strike out")
    sub = jour.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="write a journal entry as the logged-in user")
    add.add_argument("--member", required=True, metavar="NAME|NUMBER")
    add.add_argument("--type", required=True, metavar="TYPE", help=f"{kinds} (or the Swedish word: samtal, …)")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day of the event")
    add.add_argument("--text", required=True)
    lst = sub.add_parser("list", help="a member's entries, newest first (the read is logged)")
    lst.add_argument("--member", required=True, metavar="NAME|NUMBER")
    lst.add_argument("--from", dest="first", metavar="YYYY-MM-DD")
    lst.add_argument("--to", dest="last", metavar="YYYY-MM-DD")
    lst.add_argument("--type", metavar="TYPE")
    lst.add_argument("--format", choices=PRINT_FORMATS, default="text")
    lst.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (required for pdf)")
    add_force(lst)
    edit = sub.add_parser("edit", help="change your own entry (until the end of the day after it was written)")
    edit.add_argument("--entry", required=True, type=int, metavar="ID")
    edit.add_argument("--type", metavar="TYPE")
    edit.add_argument("--date", metavar="YYYY-MM-DD")
    edit.add_argument("--text")
    strike = sub.add_parser("strike", help="felmarkera an entry with a reason (and write its replacement)")
    strike.add_argument("--entry", required=True, type=int, metavar="ID")
    strike.add_argument("--reason", required=True)
    strike.add_argument("--replacement", metavar="TEXT", help="the corrected entry (same date and type)")

    plan = commands.add_parser("plan", help="a member's implementation plan (genomförandeplan)")
    psub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    show = psub.add_parser("show", help="the plan in force and its history (the read is logged)")
    show.add_argument("--member", required=True, metavar="NAME|NUMBER")
    show.add_argument("--format", choices=PRINT_FORMATS, default="text")
    show.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (required for pdf)")
    add_force(show)
    new = psub.add_parser("add", help="a new version of the plan (in force at once unless --draft)")
    new.add_argument("--member", required=True, metavar="NAME|NUMBER")
    new.add_argument(
        "--goal",
        action="append",
        required=True,
        metavar="GOAL|SUPPORT|WHO|HOW|WHEN",
        help="one goal; the parts after the goal are separated by '|' and may be left out (repeat for more)",
    )
    new.add_argument("--participation", required=True, metavar="TEXT", help="the member's own view and part")
    new.add_argument("--follow-up", required=True, metavar="YYYY-MM-DD")
    new.add_argument("--decision", metavar="REF", help="the placement's decision reference (default: the current)")
    new.add_argument("--draft", action="store_true", help="keep it as a draft, not in force")
    fol = psub.add_parser("follow-up", help="record the follow-up of the plan in force")
    fol.add_argument("--member", required=True, metavar="NAME|NUMBER")
    fol.add_argument("--note", required=True, metavar="TEXT")
    fol.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")

    dev = commands.add_parser("deviation", help="deviations, complaints and lex Sarah reports")
    dsub = dev.add_subparsers(dest="deviation_command", metavar="ACTION", required=True)
    dadd = dsub.add_parser("add", help="register a deviation")
    who = dadd.add_mutually_exclusive_group(required=True)
    who.add_argument("--member", metavar="NAME|NUMBER")
    who.add_argument("--general", action="store_true", help="about the cooperative, not one member")
    dadd.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the report date")
    dadd.add_argument("--reported-by", required=True, metavar="NAME")
    dadd.add_argument("--category", required=True, metavar="CAT", help=", ".join(DEVIATION_CATEGORIES))
    dadd.add_argument("--description", required=True, metavar="TEXT")
    dadd.add_argument("--measures", metavar="TEXT")
    dlist = dsub.add_parser("list", help="deviations, newest first (reads are logged per member)")
    dlist.add_argument("--member", metavar="NAME|NUMBER")
    dlist.add_argument("--open", action="store_true", help="only those not closed")
    dlist.add_argument("--format", choices=LIST_FORMATS, default="text")
    dupd = dsub.add_parser("update", help="change a deviation's category, measures, status or IVO date")
    dupd.add_argument("--id", required=True, type=int, metavar="ID")
    dupd.add_argument("--category", metavar="CAT")
    dupd.add_argument("--description", metavar="TEXT")
    dupd.add_argument("--measures", metavar="TEXT")
    dupd.add_argument("--status", metavar="STATUS", help=", ".join(DEVIATION_STATUSES))
    dupd.add_argument("--ivo-sent", metavar="YYYY-MM-DD|none", help="the day the report went to IVO (administrator)")

    akt = commands.add_parser(
        "personakt", help="a member's whole documentation as a PDF: plan versions, journal, deviations (logged)"
    )
    akt.add_argument("--member", required=True, metavar="NAME|NUMBER")
    akt.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    add_force(akt)

    todo = commands.add_parser("todo", help="Att göra: everything that needs doing")
    todo.add_argument("--format", choices=LIST_FORMATS, default="text")


def _date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(
            field,
            value,
            f"{field}: datumet {value} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.",
            f"{field}: the date {value} is not valid. Use YYYY-MM-DD.",
        ) from exc


def _member(user: Any, text: str) -> int:
    from coopdesk.core.services.member_record import find_member

    with user.db.session() as session:
        return find_member(session, text)


def _application(user: Any) -> Any:
    from coopdesk.app.application import Application

    return Application(user.db, user.actor)


def _print_json(io: Output, document: Any) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=1, default=str), file=io.out)


# --- journal -------------------------------------------------------------------------------------------


def cmd_journal(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app import social

    action = args.journal_command
    if action == "list" and args.format == "pdf":
        return _print_pdf(args, io, "journal")
    user = log_in(args)
    try:
        app = _application(user)
        if action == "add":
            member = _member(user, args.member)
            day = _date(args.date, "--date")
            entry = app.execute(social.AddJournalEntry(member, args.type, day, args.text)).result
            io.say(f"Skrev journalanteckning {entry}.", f"Wrote journal entry {entry}.")
        elif action == "list":
            member = _member(user, args.member)
            rows = app.execute(
                social.OpenJournal(
                    member, first=_date(args.first, "--from"), last=_date(args.last, "--to"), kind=args.type
                )
            ).result
            _journal_out(args, io, rows)
        elif action == "edit":
            current = {r.entry_id: r for r in _entry_rows(user, app, args.entry)}[args.entry]
            app.execute(
                social.EditJournalEntry(
                    args.entry,
                    args.type or current.kind,
                    _date(args.date, "--date") or current.date,
                    args.text if args.text is not None else current.text,
                    expected_version=current.version,
                )
            )
            io.say(f"Ändrade journalanteckning {args.entry}.", f"Changed journal entry {args.entry}.")
        else:
            new = app.execute(social.StrikeJournalEntry(args.entry, args.reason, args.replacement)).result
            io.say(
                f"Felmarkerade journalanteckning {args.entry}" + (f"; ny anteckning {new}." if new else "."),
                f"Struck out journal entry {args.entry}" + (f"; new entry {new}." if new else "."),
            )
    finally:
        user.db.close()
    return 0


def _entry_rows(user: Any, app: Any, entry_id: int) -> list[Any]:
    """The rows of the journal that holds ``entry_id`` (read, and logged, like every journal read)."""
    from coopdesk.app import social
    from coopdesk.core.services import journal

    with user.db.session() as session:
        member = journal.entry(session, entry_id).member_id
    return app.execute(social.OpenJournal(member)).result


def _journal_out(args: argparse.Namespace, io: Output, rows: list[Any]) -> None:
    document = [
        {
            "id": r.entry_id,
            "date": r.date.isoformat(),
            "type": r.kind,
            "author": r.author,
            "written_at": r.written_at.isoformat(),
            "changed_at": r.changed_at.isoformat() if r.changed_at else None,
            "text": r.text,
            "struck": None
            if r.struck_at is None
            else {"at": r.struck_at.isoformat(), "by": r.struck_by, "reason": r.strike_reason},
            "replaces": r.replaces_id,
        }
        for r in rows
    ]
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n" if args.format == "json" else _journal_text(rows)
    _text_out(args, io, text)


def _journal_text(rows: list[Any]) -> str:
    lines = []
    for r in rows:
        mark = f"  FELMARKERAD {r.struck_at:%Y-%m-%d} av {r.struck_by}: {r.strike_reason}" if r.struck_at else ""
        lines.append(f"[{r.entry_id}] {r.date} {JOURNAL_KINDS[r.kind].sv} · {r.author}{mark}")
        lines += [f"    {line}" for line in r.text.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "")


def _text_out(args: argparse.Namespace, io: Output, text: str) -> None:
    target = getattr(args, "output", None)
    if target is None:
        io.out.write(text)
        return
    from coopdesk.storage.files import write_atomic

    write_atomic(check_output(args, target), text.encode("utf-8"))


# --- plan ----------------------------------------------------------------------------------------------


def _goal(text: str) -> Any:
    from coopdesk.app.social import Goal

    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 5:
        raise ValidationError(
            "--goal",
            text,
            "Ett mål har högst fem delar: mål|insats|vem|hur|när.",
            "A goal has at most five parts: goal|support|who|how|when.",
        )
    return Goal(*parts)


def cmd_plan(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app import social

    action = args.plan_command
    if action == "show" and args.format == "pdf":
        return _print_pdf(args, io, "plan")
    user = log_in(args)
    try:
        app = _application(user)
        member = _member(user, args.member)
        if action == "show":
            plans = app.execute(social.OpenPlans(member)).result
            _plans_out(args, io, plans)
        elif action == "add":
            placement = _placement(user, member, args.decision)
            plan_id = app.execute(
                social.NewPlanVersion(
                    member,
                    [_goal(g) for g in args.goal],
                    args.participation,
                    _date(args.follow_up, "--follow-up"),
                    placement_id=placement,
                    draft=args.draft,
                )
            ).result
            io.say(f"Skrev genomförandeplan (id {plan_id}).", f"Wrote the implementation plan (id {plan_id}).")
        else:
            current = app.execute(social.OpenPlans(member)).result.in_force()
            if current is None:
                raise ValidationError(
                    "--member",
                    args.member,
                    "Medlemmen har ingen genomförandeplan som gäller att följa upp.",
                    "The member has no plan in force to follow up.",
                )
            app.execute(social.FollowUpPlan(current.plan_id, args.note, _date(args.date, "--date"), current.version))
            io.say(f"Följde upp version {current.number}.", f"Followed up version {current.number}.")
    finally:
        user.db.close()
    return 0


def _placement(user: Any, member: int, decision: str | None) -> int | None:
    if decision is None:
        return None
    from coopdesk.core.services import lookups

    with user.db.session() as session:
        found = [p.id for p in lookups.member(session, member).placements if p.decision_ref == decision.strip()]
    if len(found) != 1:
        raise ValidationError(
            "--decision",
            decision,
            f"Medlemmen har inget beslut {decision}.",
            f"The member has no placement {decision}.",
        )
    return found[0]


def plan_document(plans: Any) -> dict[str, Any]:
    def version(p: Any) -> dict[str, Any]:
        return {
            "id": p.plan_id,
            "decision_ref": p.decision_ref,
            "number": p.number,
            "status": p.status,
            "participation": p.participation,
            "follow_up_on": p.follow_up_on.isoformat(),
            "in_force_from": p.in_force_from.isoformat() if p.in_force_from else None,
            "followed_up_at": p.followed_up_at.isoformat() if p.followed_up_at else None,
            "follow_up_note": p.follow_up_note,
            "created_at": p.created_at.isoformat(),
            "created_by": p.created_by,
            "goals": [
                {"goal": g.goal, "support": g.support, "who": g.who, "how": g.how, "when": g.when} for g in p.goals
            ],
        }

    current = plans.in_force()
    return {
        "member": plans.member_name,
        "in_force": None if current is None else version(current),
        "versions": [version(p) for p in plans.versions],
    }


def _plans_out(args: argparse.Namespace, io: Output, plans: Any) -> None:
    if args.format == "json":
        _text_out(args, io, json.dumps(plan_document(plans), ensure_ascii=False, indent=1) + "\n")
        return
    lines = [f"Genomförandeplan för {plans.member_name}"]
    for p in plans.versions:
        lines.append(
            f"Version {p.number} ({PLAN_STATUSES[p.status].sv}) · beslut {p.decision_ref}"
            f" · uppföljning {p.follow_up_on}"
        )
        for n, g in enumerate(p.goals, start=1):
            lines.append(f"  {n}. {g.goal}")
            lines += [
                f"     {label}: {value}"
                for label, value in (("Insats", g.support), ("Vem", g.who), ("Hur", g.how), ("När", g.when))
                if value
            ]
    if not plans.versions:
        lines.append("Ingen plan är skriven.")
    _text_out(args, io, "\n".join(lines) + "\n")


# --- deviations ----------------------------------------------------------------------------------------


def cmd_deviation(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app import social

    action = args.deviation_command
    user = log_in(args)
    try:
        app = _application(user)
        if action == "add":
            member = None if args.general else _member(user, args.member)
            new = app.execute(
                social.AddDeviation(
                    member, _date(args.date, "--date"), args.reported_by, args.category, args.description, args.measures
                )
            ).result
            io.say(f"Registrerade avvikelse {new}.", f"Registered deviation {new}.")
        elif action == "list":
            member = None if args.member is None else _member(user, args.member)
            rows = app.execute(social.OpenDeviations(member, open_only=args.open)).result
            if args.format == "json":
                _print_json(io, [deviation_dict(r) for r in rows])
            else:
                for r in rows:
                    due = f" · IVO senast {r.ivo_due}" if r.ivo_due else ""
                    io.out.write(
                        f"[{r.deviation_id}] {r.reported_on} {DEVIATION_CATEGORIES[r.category].sv} · "
                        f"{r.member or 'hela kooperativet'} · {DEVIATION_STATUSES[r.status].sv}{due}\n"
                        f"    {r.description}\n"
                    )
        else:
            changes: dict[str, Any] = {}
            for name in ("category", "description", "measures", "status"):
                if getattr(args, name) is not None:
                    changes[name] = getattr(args, name)
            if args.ivo_sent is not None:
                sent = args.ivo_sent.strip().lower()
                changes["ivo_sent_on"] = None if sent in ("none", "ingen") else _date(args.ivo_sent, "--ivo-sent")
            app.execute(social.UpdateDeviation(args.id, **changes))
            io.say(f"Ändrade avvikelse {args.id}.", f"Changed deviation {args.id}.")
    finally:
        user.db.close()
    return 0


def deviation_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r.deviation_id,
        "member": r.member,
        "reported_on": r.reported_on.isoformat(),
        "reported_by": r.reported_by,
        "category": r.category,
        "description": r.description,
        "measures": r.measures,
        "status": r.status,
        "ivo_due": r.ivo_due.isoformat() if r.ivo_due else None,
        "ivo_sent_on": r.ivo_sent_on.isoformat() if r.ivo_sent_on else None,
    }


# --- Att göra ------------------------------------------------------------------------------------------


def cmd_personakt(args: argparse.Namespace, io: Output) -> int:
    """The personakt (everything of one member) as the window prints it, logged as a print and a read."""
    return _print_pdf(args, io, "all")


def cmd_todo(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.todo import TodoList

    user = log_in(args)
    try:
        items = _application(user).read(TodoList(user.actor))
    finally:
        user.db.close()
    if args.format == "json":
        _print_json(
            io,
            [
                {
                    "kind": i.kind,
                    "text": i.text,
                    "due": i.due.isoformat() if i.due else None,
                    "overdue": i.overdue,
                    "target": i.target,
                    "member_id": i.member_id,
                }
                for i in items
            ],
        )
        return 0
    for i in items:
        due = i.due.isoformat() if i.due else ""
        io.out.write(f"{'!' if i.overdue else ' '} {due:10} {i.text}\n")
    if not items:
        io.say("Inget att göra.", "Nothing to do.")
    return 0


# --- print ---------------------------------------------------------------------------------------------


def _print_pdf(args: argparse.Namespace, io: Output, what: str) -> int:
    """The plan or the journal as a PDF: made, written and logged in one unit of work (a failed log
    leaves no file), like the register extract."""
    from coopdesk.app.social import print_documentation
    from coopdesk.storage.files import write_logged

    if args.output is None:
        raise ValidationError("-o", None, "Ange en fil med -o för PDF.", "Give a file with -o for a PDF.")
    target = check_output(args, args.output)
    first = _date(getattr(args, "first", None), "--from")
    last = _date(getattr(args, "last", None), "--to")
    user = log_in(args)
    name = ""
    try:
        member = _member(user, args.member)

        def make(session: Any) -> list[tuple[Path, bytes]]:
            nonlocal name
            data, name = print_documentation(session, user.actor, member, what, target.name, first=first, last=last)
            return [(target, data)]

        write_logged(user.db.session(), make)
    finally:
        user.db.close()
    word = {
        "plan": ("genomförandeplanen", "implementation plan"),
        "journal": ("journalen", "journal"),
        "all": ("personakten", "personakt"),
    }[what]
    io.say(f"Skrev {word[0]} för {name} till {target}.", f"Wrote the {word[1]} of {name} to {target}.")
    return 0
