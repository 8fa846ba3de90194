"""The statement as an Excel workbook (beside the CSV): the same columns and figures, as numbers.

A function of a :class:`Statement` only, so an issued statement version is written the same way. Every
hour and amount is the figure as printed (rounded half up to the hundredth, the öre), so a sum in Excel
gives what the printed totals say; the dates are dates. The sheet "Medlemmar" has a line per row and a
totals line; the host district's workbook adds "Handledare", "Arbetsområden" and "Aktiviteter".
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from coopdesk.core.models import ABSENCE_ACTIVITIES, ACTIVITIES
from coopdesk.core.numbers import round_half_up
from coopdesk.core.statement import Statement, StatementRow
from coopdesk.core.vocabulary import ACTIVITY_SV
from coopdesk.reports.statement_csv import TARIFF_SV
from coopdesk.reports.xlsx import Column, Sheet, workbook_bytes


def _h(value: Fraction | Decimal | int | None) -> Decimal | None:
    """An hour or amount figure as printed."""
    return None if value is None else round_half_up(value, 2)


def _capacity(row: StatementRow) -> str:
    return ", ".join(f"{c.percent} % fr.o.m. {c.start.isoformat()}" for c in row.capacity)


def _percent(row: StatementRow) -> int | None:
    """The capacity on the first day of the row's period (the one a per-month tariff bills on)."""
    return row.capacity[0].percent if row.capacity and row.capacity[0].start == row.period_from else None


def _title(statement: Statement, issued: str | None) -> list[str]:
    state = "attesterad" if statement.attested else "PRELIMINÄR (inte attesterad)"
    return [
        f"Månadsredovisning {statement.district} {statement.month.name_sv()}",
        f"{statement.cooperative} · {statement.open_days} öppetdagar · {state}" + (f" · {issued}" if issued else ""),
        "Innehåller uppgifter som omfattas av sekretess",
    ]


def member_sheet(statement: Statement, issued: str | None = None) -> Sheet:
    areas = sorted({a for row in statement.rows for a in row.hours_by_work_area})
    columns = [
        Column("Medlem"),
        Column("Personnummer"),
        Column("Beslutsnummer"),
        Column("Från och med", "date"),
        Column("Till och med", "date"),
        Column("Omfattning"),
        Column("Omfattning %", "int"),
        Column("Planerade dagar", "int"),
        Column("Planerad tid", "hours"),
        Column("Närvarodagar", "int"),
        Column("Närvarotid", "hours"),
        Column("Extra dagar", "int"),
        Column("Sjukdagar", "int"),
        Column("Anmäld frånvaro", "int"),
        Column("Oanmäld frånvaro", "int"),
        Column("Lediga dagar", "int"),
        Column("Ej registrerade dagar", "int"),
        Column("Närvarograd (%)", "decimal"),
        *[Column(f"Tid {a}", "hours") for a in areas],
        Column("Ersättning"),
        Column("Heldagar", "int"),
        Column("Halvdagar", "int"),
        Column("Debiterad tid", "hours"),
        Column("Belopp (kr)", "money"),
    ]
    rows = []
    for row in statement.rows:
        b = row.billing
        rows.append(
            [
                row.member,
                row.personal_number,
                row.decision_ref,
                row.period_from,
                row.period_to,
                _capacity(row),
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
                row.attendance_rate,
                *[_h(row.hours_by_work_area.get(a)) for a in areas],
                TARIFF_SV[b.tariff],
                b.full_days,
                b.half_days,
                _h(b.hours),
                b.amount,
            ]
        )
    t = statement.totals
    per_day, per_hour = statement.tariff.kind == "per_day", statement.tariff.kind == "per_hour"
    totals = [
        "Summa",
        None,
        None,
        None,
        None,
        None,
        None,
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
        t.attendance_rate,
        *[_h(sum((r.hours_by_work_area.get(a, Decimal(0)) for r in statement.rows), Decimal(0))) for a in areas],
        TARIFF_SV[statement.tariff.kind],
        sum(r.billing.full_days or 0 for r in statement.rows) if per_day else None,
        sum(r.billing.half_days or 0 for r in statement.rows) if per_day else None,
        _h(sum((r.billing.hours or Decimal(0) for r in statement.rows), Decimal(0))) if per_hour else None,
        t.amount,
    ]
    return Sheet("Medlemmar", columns, rows, title_lines=_title(statement, issued), totals=totals)


def supervisor_sheets(statement: Statement) -> list[Sheet]:
    """The host district's supervisors' section: none for every other district."""
    section = statement.supervisors
    if section is None:
        return []
    people = Sheet(
        "Handledare",
        [
            Column("Handledare"),
            Column("Tjänstgöringsgrad %", "int"),
            Column("Arbetsdagar", "int"),
            Column("Finansierad tid", "hours"),
            Column("Arbetad tid", "hours"),
            Column("Frånvaro", "hours"),
            Column("Avvikelse", "hours"),
        ],
        [
            [
                r.name,
                r.fte_percent,
                section.working_days,
                _h(r.funded_hours),
                _h(r.worked_hours),
                _h(r.absence_hours),
                _h(r.difference),
            ]
            for r in section.rows
        ],
        totals=[
            "Summa",
            None,
            section.working_days,
            _h(section.funded_hours),
            _h(section.worked_hours),
            _h(section.absence_hours),
            _h(section.difference),
        ],
    )
    areas = Sheet(
        "Arbetsområden",
        [Column("Arbetsområde"), Column("Arbetad tid", "hours")],
        [[area, _h(hours)] for area, hours in section.by_work_area.items()],
        totals=["Summa", _h(sum(section.by_work_area.values(), Decimal(0)))],
    )
    activities = Sheet(
        "Aktiviteter",
        [Column("Aktivitet"), Column("Tid", "hours")],
        [
            [ACTIVITY_SV[a] + (" (frånvaro)" if a in ABSENCE_ACTIVITIES else ""), _h(section.by_activity.get(a, 0))]
            for a in ACTIVITIES  # all five, as on the printed statement
        ],
        totals=["Summa", _h(sum(section.by_activity.values(), Decimal(0)))],
    )
    return [people, areas, activities]


def statement_sheets(statement: Statement, issued: str | None = None) -> list[Sheet]:
    return [member_sheet(statement, issued), *supervisor_sheets(statement)]


def xlsx_bytes(statement: Statement, *, issued: str | None = None) -> bytes:
    """The workbook of one statement, as the bytes of an .xlsx file. ``issued`` marks an issued version
    written again ("Utfärdad 2026-06-03 av Sara Svensson, version 2"), as the PDF says it."""
    return workbook_bytes(
        statement_sheets(statement, issued), title=f"Månadsredovisning {statement.district} {statement.month}"
    )
