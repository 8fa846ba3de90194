"""The statement as CSV for Swedish Excel: UTF-8 with BOM, ';' between fields, decimal comma.

One line per statement row plus a totals line, with Swedish column heads. The figures are the
same as in the JSON form, only written the Swedish way (92,00 instead of 92.00). "Omfattning %" is
a number (the capacity on the first day of the row's period, the one a per-month tariff bills on;
"Omfattning" lists every change as text). The totals line sums every column that can be summed.
The host district's statement then has the supervisors' section, after an empty line: the
supervisors, the hours per work area and the hours per activity, each a small table with its own head
and a totals line, every line starting with the district and the month like the member lines.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from coopdesk.core.models import ABSENCE_ACTIVITIES, ACTIVITIES
from coopdesk.core.numbers import fmt
from coopdesk.core.statement import Statement, StatementRow, SupervisorSection
from coopdesk.core.vocabulary import ACTIVITY_SV
from coopdesk.reports.csv_cells import csv_writer

TARIFF_SV = {"none": "Ingen", "per_day": "Per dag", "per_hour": "Per timme", "per_month": "Per månad"}


def _sv(value: object) -> str:
    """A figure in the JSON form ('92.00'), written with a decimal comma; '' where it does not apply."""
    if value is None:
        return ""
    return str(value).replace(".", ",")


def _h(value: object) -> str:
    return _sv(fmt(value))  # type: ignore[arg-type]


def _rate(value: object) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _capacity(entries: Iterable[object]) -> str:
    return ", ".join(f"{c.percent} % fr.o.m. {c.start.isoformat()}" for c in entries)  # type: ignore[attr-defined]


def _percent(row: StatementRow) -> int | str:
    """The capacity in effect on the first day of the row's period, as a number; '' without one."""
    return row.capacity[0].percent if row.capacity and row.capacity[0].start == row.period_from else ""


def statement_csv(statement: Statement) -> str:
    """The CSV text (without BOM; :func:`csv_bytes` and the CLI add it)."""
    return member_lines(statement) + supervisor_lines(statement)


def statements_csv(statements: Iterable[Statement]) -> str:
    """Several statements in one CSV text: one head, every district's member lines, then the supervisors'
    section of the host district (so the member lines stay one table for Excel)."""
    members = [member_lines(s) for s in statements]
    sections = "".join(supervisor_lines(s) for s in statements)
    return "".join(text if i == 0 else text.split("\r\n", 1)[1] for i, text in enumerate(members)) + sections


def member_lines(statement: Statement) -> str:
    """The head, a line per statement row and the totals line."""
    areas = sorted({a for row in statement.rows for a in row.hours_by_work_area})
    head = [
        "Beställare",
        "Månad",
        "Medlem",
        "Personnummer",
        "Beslutsnummer",
        "Från och med",
        "Till och med",
        "Omfattning",
        "Omfattning %",
        "Planerade dagar",
        "Planerad tid",
        "Närvarodagar",
        "Närvarotid",
        "Extra dagar",
        "Sjukdagar",
        "Anmäld frånvaro",
        "Oanmäld frånvaro",
        "Lediga dagar",
        "Ej registrerade dagar",
        "Närvarograd (%)",
        *[f"Tid {a}" for a in areas],
        "Ersättning",
        "Heldagar",
        "Halvdagar",
        "Debiterad tid",
        "Belopp (kr)",
        "Attesterad",
    ]
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")  # text cells never run as formulas
    writer.writerow(head)
    month = str(statement.month)
    attested = "Ja" if statement.attested else "Nej (preliminär)"
    for row in statement.rows:
        b = row.billing
        writer.writerow(
            [
                statement.district,
                month,
                row.member,
                row.personal_number,
                row.decision_ref,
                row.period_from.isoformat(),
                row.period_to.isoformat(),
                _capacity(row.capacity),
                _percent(row),
                row.planned_days,
                _h(row.planned_hours),
                row.attended_days,
                _h(row.attended_hours),
                row.extra_days,
                row.sick_days,
                row.notified_absence_days,
                row.unnotified_absence_days,
                row.leave_days,
                row.unregistered_days,
                _rate(row.attendance_rate),
                *[_h(row.hours_by_work_area.get(a)) for a in areas],
                TARIFF_SV[b.tariff],
                _sv(b.full_days),
                _sv(b.half_days),
                _h(b.hours),
                _h(b.amount),
                attested,
            ]
        )
    t = statement.totals
    per_day, per_hour = statement.tariff.kind == "per_day", statement.tariff.kind == "per_hour"
    writer.writerow(
        [
            statement.district,
            month,
            "Summa",
            "",
            "",
            "",
            "",
            "",
            "",
            t.planned_days,
            _h(t.planned_hours),
            t.attended_days,
            _h(t.attended_hours),
            t.extra_days,
            t.sick_days,
            t.notified_absence_days,
            t.unnotified_absence_days,
            t.leave_days,
            t.unregistered_days,
            _rate(t.attendance_rate),
            *[_h(sum((r.hours_by_work_area.get(a, 0) for r in statement.rows), 0)) for a in areas],
            TARIFF_SV[statement.tariff.kind],
            sum(r.billing.full_days or 0 for r in statement.rows) if per_day else "",
            sum(r.billing.half_days or 0 for r in statement.rows) if per_day else "",
            _h(sum((r.billing.hours or 0 for r in statement.rows), 0)) if per_hour else "",
            _h(t.amount),
            attested,
        ]
    )
    return out.getvalue()


def supervisor_lines(statement: Statement) -> str:
    """The host district's supervisors' section after an empty line; '' for every other district."""
    section: SupervisorSection | None = statement.supervisors
    if section is None:
        return ""
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    lead = [statement.district, str(statement.month)]
    writer.writerow([])
    writer.writerow(
        [
            "Beställare",
            "Månad",
            "Handledare",
            "Tjänstgöringsgrad %",
            "Arbetsdagar",
            "Finansierad tid",
            "Arbetad tid",
            "Frånvaro",
            "Avvikelse",
        ]
    )
    for r in section.rows:
        writer.writerow(
            [
                *lead,
                r.name,
                r.fte_percent,
                section.working_days,
                _h(r.funded_hours),
                _h(r.worked_hours),
                _h(r.absence_hours),
                _h(r.difference),
            ]
        )
    writer.writerow(
        [
            *lead,
            "Summa",
            "",
            section.working_days,
            _h(section.funded_hours),
            _h(section.worked_hours),
            _h(section.absence_hours),
            _h(section.difference),
        ]
    )
    writer.writerow([])
    writer.writerow(["Beställare", "Månad", "Arbetsområde", "Arbetad tid"])
    for area, hours in section.by_work_area.items():
        writer.writerow([*lead, area, _h(hours)])
    writer.writerow([*lead, "Summa", _h(sum(section.by_work_area.values(), 0))])
    writer.writerow([])
    writer.writerow(["Beställare", "Månad", "Aktivitet", "Tid"])
    for activity in ACTIVITIES:  # all five, as on the printed statement
        label = ACTIVITY_SV[activity] + (" (frånvaro)" if activity in ABSENCE_ACTIVITIES else "")
        writer.writerow([*lead, label, _h(section.by_activity.get(activity, 0))])
    writer.writerow([*lead, "Summa", _h(sum(section.by_activity.values(), 0))])
    return out.getvalue()


def csv_bytes(statement: Statement) -> bytes:
    """UTF-8 with a BOM, which is what makes Excel read å, ä and ö correctly."""
    return statement_csv(statement).encode("utf-8-sig")
