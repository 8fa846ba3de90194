"""The statement as CSV for Swedish Excel: UTF-8 with BOM, ';' between fields, decimal comma.

One line per statement row plus a totals line, with Swedish column heads. The figures are the
same as in the JSON form, only written the Swedish way (92,00 instead of 92.00).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from coopdesk.core.numbers import fmt
from coopdesk.core.statement import Statement
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


def statement_csv(statement: Statement) -> str:
    """The CSV text (without BOM; :func:`write_csv` and the CLI add it)."""
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
            "",
            "",
            "",
            _h(t.amount),
            attested,
        ]
    )
    return out.getvalue()


def csv_bytes(statement: Statement) -> bytes:
    """UTF-8 with a BOM, which is what makes Excel read å, ä and ö correctly."""
    return statement_csv(statement).encode("utf-8-sig")
