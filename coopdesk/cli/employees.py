"""The command line's employees with wage subsidy (domain.md §10): ``coopdesk employee …`` to keep the
employees, their wage costs, subsidy decisions and time reports, and ``coopdesk subsidy`` for the month's
request basis and the outlook (``coopdesk-subsidy/1``, interchange.md §6, or a PDF).

The same services as everywhere: an administrator edits employees, wage costs and decisions; a
supervisor may register time; an attested month refuses changes to its time report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopdesk.cli.common import Output, add_force, check_output, log_in, require_file, say_unlogged
from coopdesk.core.errors import ValidationError

if TYPE_CHECKING:
    from coopdesk.app.application import Application

_ERASE = ("gallra anställda", "erase employees")
_ADMIN = ("ändra anställda, lönekostnader och lönebidragsbeslut", "change employees, wage costs and subsidies")
SUBSIDY_FORMATS = ("json", "pdf", "xlsx")


def add_employee_commands(commands: argparse._SubParsersAction) -> None:
    emp = commands.add_parser("employee", help="employees with wage subsidy: details, wage costs, decisions, time")
    sub = emp.add_subparsers(dest="employee_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="add an employee (administrator)")
    add.add_argument("--name", required=True)
    add.add_argument("--personal-number", required=True, metavar="YYYYMMDD-NNNN")
    add.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="the first day of employment")
    add.add_argument("--end", metavar="YYYY-MM-DD", help="the last day of employment (default: until further notice)")
    add.add_argument("--percent", default="100", metavar="1-100", help="employment percentage from the start")

    sub.add_parser("list", help="the employees, their employment, wage cost and decisions")

    end = sub.add_parser("set-end", help="the last day of employment, or none (administrator)")
    end.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    end.add_argument("--end", required=True, metavar="YYYY-MM-DD|none", help="'none': until further notice")

    emp_pct = sub.add_parser("set-employment", help="the employment percentage from a date (administrator)")
    emp_pct.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    emp_pct.add_argument("--percent", required=True, metavar="1-100")
    emp_pct.add_argument("--from", dest="valid_from", required=True, metavar="YYYY-MM-DD")

    cost = sub.add_parser("set-wage-cost", help="the monthly wage cost from a date, or of one month (administrator)")
    cost.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    cost.add_argument("--amount", required=True, metavar="KR", help="salary plus employer's fees for a month")
    when = cost.add_mutually_exclusive_group(required=True)
    when.add_argument("--from", dest="valid_from", metavar="YYYY-MM-DD", help="the standing amount from this day")
    when.add_argument("--month", metavar="YYYY-MM", help="this month's own amount instead of the standing one")

    dec = sub.add_parser("add-decision", help="a wage subsidy decision (administrator)")
    dec.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    dec.add_argument("--ref", required=True, metavar="REF", help="the decision's reference (diarienummer)")
    dec.add_argument("--kind", required=True, metavar="TEXT", help="e.g. 'lönebidrag för utveckling i anställning'")
    dec.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    dec.add_argument("--end", required=True, metavar="YYYY-MM-DD")
    dec.add_argument("--ceiling", required=True, metavar="KR", help="the monthly wage-cost ceiling at full time")
    dec.add_argument("--percent", required=True, metavar="1-100", help="the share paid from the start")

    step = sub.add_parser("add-step", help="a decision's step: the share paid from a date (administrator)")
    step.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    step.add_argument("--ref", required=True, metavar="REF")
    step.add_argument("--from", dest="valid_from", required=True, metavar="YYYY-MM-DD")
    step.add_argument("--percent", required=True, metavar="1-100")

    time = sub.add_parser("time", help="register an employee's hours of one kind on one day (0 removes them)")
    time.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    time.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    time.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help="worked, sick, vacation, vab, leave or other (or the Swedish word: semester, …)",
    )
    time.add_argument("--hours", required=True, metavar="H")

    report = sub.add_parser("time-report", help="the month's time report as a PDF to sign")
    report.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    report.add_argument("--month", required=True, metavar="YYYY-MM")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    add_force(report)

    record = sub.add_parser("record", help="everything about one employee as JSON (register extract; administrator)")
    record.add_argument("--employee", required=True, metavar="NAME|NUMBER")
    record.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    add_force(record)

    erase = sub.add_parser("gallra", help="former employees whose data need no longer be kept (administrator)")
    erase.add_argument("--yes", action="store_true", help="erase them (without: only list them)")

    sub_cmd = commands.add_parser("subsidy", help="the month's wage subsidy request basis, or the outlook")
    which = sub_cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--month", metavar="YYYY-MM")
    which.add_argument("--outlook", metavar="N", help="N months ahead (e.g. 24) from the standing wage costs")
    sub_cmd.add_argument("--from", dest="first", metavar="YYYY-MM", help="the outlook's first month (default: next)")
    sub_cmd.add_argument("--format", choices=SUBSIDY_FORMATS, default="json")
    sub_cmd.add_argument("-o", "--output", type=Path, metavar="FILE")
    add_force(sub_cmd)


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


def _int(value: str) -> int | str:
    """A whole number as typed; anything else is passed on for the service to refuse, naming the field."""
    text = value.strip()
    digits = text[1:] if text.startswith("-") else text
    # 0-9 only (int() takes '٧' and '１０' too), and not thousands of them (int() refuses > 4300 digits)
    return int(text) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else text


def cmd_employee(args: argparse.Namespace, io: Output) -> int:
    """Every change goes through the application layer's commands (app/employees.py), as in Anställda."""
    from coopdesk.app.application import Application

    action = args.employee_command
    if action == "time-report":
        return _time_report(args, io)
    if action == "record":
        return _record(args, io)
    admin = None if action in ("time", "list") else _ERASE if action == "gallra" else _ADMIN
    user = log_in(args, admin_for=admin)
    try:
        said = ACTIONS[action](Application(user.db, user.actor), args)
    finally:
        user.db.close()
    io.say(*said)
    return 0


def _add(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import AddEmployee

    start = _date(args.start, "--start")
    assert start is not None  # required by argparse
    person = app.execute(
        AddEmployee(args.name, args.personal_number, start, end=_date(args.end, "--end"), percent=_int(args.percent))
    ).result
    return f"Lade till {person.name} ({person.personal_number}).", f"Added {person.name} ({person.personal_number})."


def _list(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import EmployeeList
    from coopdesk.core.numbers import fmt

    lines_sv, lines_en = [], []
    for person in app.read(EmployeeList()):
        until = person.end.isoformat() if person.end else "tills vidare"
        employment = ", ".join(f"{percent} % från {valid_from}" for valid_from, percent in person.employment)
        costs = ", ".join(f"{fmt(amount)} kr från {valid_from}" for valid_from, amount in person.wage_costs) or "–"
        head = f"{person.name}\t{person.personal_number}\t{person.start} – {until}\t{employment}\t{costs}"
        lines_sv.append(head)
        lines_en.append(head.replace("tills vidare", "until further notice").replace(" från ", " from "))
        for d in person.decisions:
            steps = ", ".join(f"{s.percent} % från {s.valid_from}" for s in d.steps)
            line = f"  {d.ref}\t{d.kind}\t{d.start} – {d.end}\ttak {fmt(d.ceiling)} kr\t{steps}"
            lines_sv.append(line)
            lines_en.append(line.replace("tak ", "ceiling ").replace(" från ", " from "))
    if not lines_sv:
        return "Inga anställda ännu.", "No employees yet."
    return "\n".join(lines_sv), "\n".join(lines_en)


def _set_end(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import UpdateEmployee

    end = None if args.end.strip().lower() in ("none", "ingen", "") else _date(args.end, "--end")
    person = app.execute(UpdateEmployee(args.employee, end=end)).result
    if end is None:
        return f"{person.name} är anställd tills vidare.", f"{person.name} is employed until further notice."
    return f"{person.name}: sista anställningsdag {end}.", f"{person.name}: last day of employment {end}."


def _set_employment(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import SetEmployment

    valid_from = _date(args.valid_from, "--from")
    assert valid_from is not None  # required by argparse
    person = app.execute(SetEmployment(args.employee, _int(args.percent), valid_from)).result
    percent = dict(person.employment)[valid_from]
    return (
        f"{person.name}: sysselsättningsgrad {percent} % från {valid_from}.",
        f"{person.name}: employment {percent} % from {valid_from}.",
    )


def _set_wage_cost(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import SetWageCost
    from coopdesk.core.calendar import Month
    from coopdesk.core.numbers import fmt

    month = Month.parse(args.month) if args.month else None
    valid_from = _date(args.valid_from, "--from")
    person = app.execute(SetWageCost(args.employee, args.amount, valid_from=valid_from, month=month)).result
    if month is not None:
        amount = dict(person.wage_cost_months)[str(month)]
        when_sv, when_en = f"för {month}", f"for {month}"
    else:
        amount = dict(person.wage_costs)[valid_from]
        when_sv, when_en = f"från {valid_from}", f"from {valid_from}"
    return (
        f"{person.name}: lönekostnad {fmt(amount)} kr {when_sv}.",
        f"{person.name}: wage cost {fmt(amount)} kr {when_en}.",
    )


def _add_decision(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import AddDecision

    start, end = _date(args.start, "--start"), _date(args.end, "--end")
    assert start is not None and end is not None  # required by argparse
    command = AddDecision(args.employee, args.ref, args.kind, start, end, args.ceiling, _int(args.percent))
    person = app.execute(command).result
    decision = next(d for d in person.decisions if d.ref.casefold() == args.ref.strip().casefold())
    return (
        f"{person.name}: beslut {decision.ref} {decision.start} – {decision.end} lades till.",
        f"{person.name}: decision {decision.ref} {decision.start} – {decision.end} added.",
    )


def _add_step(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import AddStep

    valid_from = _date(args.valid_from, "--from")
    assert valid_from is not None  # required by argparse
    person = app.execute(AddStep(args.employee, args.ref, valid_from, _int(args.percent))).result
    decision = next(d for d in person.decisions if d.ref.casefold() == args.ref.strip().casefold())
    percent = next(s.percent for s in decision.steps if s.valid_from == valid_from)
    return (
        f"{person.name}: beslut {decision.ref} betalar {percent} % från {valid_from}.",
        f"{person.name}: decision {decision.ref} pays {percent} % from {valid_from}.",
    )


def _time(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import SetTimes, TimeChange
    from coopdesk.core.numbers import fmt_hours_sv, normalized
    from coopdesk.core.services.employees import KIND_SV

    day = _date(args.date, "--date")
    assert day is not None  # required by argparse
    # The Swedish word the error message lists beside each kind ("vacation (semester)") is taken too,
    # as journal --type takes "samtal".
    kind = next((key for key, word in KIND_SV.items() if word == args.kind.strip().lower()), args.kind)
    (done,) = app.execute(SetTimes([TimeChange(args.employee, day, kind, args.hours)])).result
    kind_sv = KIND_SV.get(kind, kind)
    if not done.new:
        return f"{done.name} {day}: {kind_sv} borttagen.", f"{done.name} {day}: {kind} removed."
    return (
        f"{done.name} {day}: {kind_sv} {fmt_hours_sv(done.new)} timmar.",
        f"{done.name} {day}: {kind} {normalized(done.new)} hours.",
    )


def _gallra(app: Application, args: argparse.Namespace) -> tuple[str, str]:
    from coopdesk.app.employees import ErasableEmployees, EraseEmployees

    found = app.read(ErasableEmployees())
    if not found:
        return (
            "Inga tidigare anställda att gallra: uppgifterna sparas sju hela kalenderår (bokföringslagen).",
            "No former employees to erase: the data is kept seven whole calendar years (the Accounting Act).",
        )
    listed = "\n".join(f"  {c.name}\tsista dag {c.last_day}\t{c.time_reports} tidrapportposter" for c in found)
    if not args.yes:
        return (
            f"Kan gallras ({len(found)}):\n{listed}\nInget ändrades. Kör igen med --yes för att gallra dem.",
            f"Can be erased ({len(found)}):\n{listed}\nNothing changed. Run again with --yes to erase them.",
        )
    erased = app.execute(EraseEmployees([c.employee_id for c in found])).result
    return f"Gallrade {len(erased)} anställda:\n{listed}", f"Erased {len(erased)} employees:\n{listed}"


ACTIONS = {
    "gallra": _gallra,
    "add": _add,
    "list": _list,
    "set-end": _set_end,
    "set-employment": _set_employment,
    "set-wage-cost": _set_wage_cost,
    "add-decision": _add_decision,
    "add-step": _add_step,
    "time": _time,
}


def _record(args: argparse.Namespace, io: Output) -> int:
    """The register extract: the file and its audit entry in one unit of work, as every logged export
    (storage/files.py write_logged: a failed write or commit leaves no file)."""
    from coopdesk.core.services.employees_privacy import employee_record
    from coopdesk.storage.files import write_logged

    check_output(args, args.output)
    user = log_in(args, check=False, admin_for=("ta ut registerutdrag för anställda", "export an employee's record"))
    try:

        def make(session: Any) -> list[tuple[Path, bytes]]:
            document = employee_record(session, user.actor, args.employee, file_name=args.output.name)
            text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
            return [(args.output, text.encode("utf-8"))]

        write_logged(user.db.output_session(), make)
    finally:
        user.db.close()
    io.say(f"Skrev registerutdraget till {args.output}", f"Wrote the register extract to {args.output}")
    say_unlogged(io, user.db)
    return 0


def _time_report(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.application import Application
    from coopdesk.app.employees import TimeReportView
    from coopdesk.core.calendar import Month
    from coopdesk.reports.time_report_pdf import time_report_pdf
    from coopdesk.storage.files import write_atomic

    month = Month.parse(args.month)
    check_output(args, args.output)
    user = log_in(args, check=False)
    try:
        data = Application(user.db, user.actor).read(TimeReportView(args.employee, month))
    finally:
        user.db.close()
    write_atomic(args.output, time_report_pdf(data, printed=dt.date.today()))
    io.say(f"Skrev {args.output}", f"Wrote {args.output}")
    return 0


def cmd_subsidy(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.app.application import Application
    from coopdesk.app.employees import SubsidyMonthView, SubsidyOutlookView
    from coopdesk.core.calendar import Month
    from coopdesk.reports.subsidy_files import subsidy_bytes
    from coopdesk.storage.files import write_atomic

    month = Month.parse(args.month) if args.month else None
    count = None
    if args.outlook is not None:
        count = _int(args.outlook)
        if not isinstance(count, int):
            raise ValidationError(
                "--outlook",
                args.outlook,
                f"--outlook {args.outlook}: ange antalet månader som ett heltal, till exempel 24.",
                f"--outlook {args.outlook}: give the number of months as a whole number, e.g. 24.",
            )
    elif args.first is not None:
        raise ValidationError("--from", args.first, "--from gäller --outlook.", "--from goes with --outlook.")
    if args.format in ("pdf", "xlsx"):
        require_file(args.format, args.output)
    check_output(args, args.output)
    user = log_in(args, check=False)
    try:
        app = Application(user.db, user.actor)
        first = Month.parse(args.first) if args.first else None
        basis = app.read(SubsidyMonthView(month) if month is not None else SubsidyOutlookView(count, first))  # type: ignore[arg-type]
    finally:
        user.db.close()
    data = subsidy_bytes(basis, args.format)
    if args.output is None:
        io.out.write(data.decode("utf-8"))
        return 0
    write_atomic(args.output, data)
    io.say(f"Skrev {args.output}", f"Wrote {args.output}")
    return 0
