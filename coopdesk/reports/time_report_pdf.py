"""An employee's time report of one month as a PDF to sign, by the employee and the employer (domain.md §10).

Every day of the month on its own row (weekends and holidays named), the hours of each kind, the month's
sums, and the two signatures. Portrait A4 in the house style (:mod:`coopdesk.reports.subsidy_pdf`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from coopdesk.core.calendar import Month, holiday_name
from coopdesk.core.models import TIME_KINDS
from coopdesk.reports.pdf_kit import (
    MUTED,
    WEEKDAY_SV,
    ZEBRA_FILL,
    build_document,
    hours_sv,
    markup,
    register_fonts,
    simple_table,
    styles,
)
from coopdesk.reports.statement_pdf import SECRECY_MARK
from coopdesk.reports.subsidy_pdf import KIND_HEAD_SV, MARGIN, Letterhead, running_page, signature_block

__all__ = ["time_report_pdf"]


class Person(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def personal_number(self) -> str: ...

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date | None: ...


class Entry(Protocol):
    @property
    def day(self) -> dt.date: ...

    @property
    def kind(self) -> str: ...

    @property
    def hours(self) -> Decimal: ...


class TimeReportData(Protocol):
    """The month of one employee (app/employees.py's ``TimeReportData``)."""

    @property
    def cooperative(self) -> Letterhead: ...

    @property
    def employee(self) -> Person: ...

    @property
    def month(self) -> Month: ...

    @property
    def entries(self) -> Sequence[Entry]: ...


def time_report_pdf(data: TimeReportData, *, printed: dt.date) -> bytes:
    coop, person, month, entries = data.cooperative, data.employee, data.month, data.entries
    register_fonts()
    s = styles()
    title = "Tidrapport"
    subject = f"{person.name} · {month.name_sv()}"
    page = running_page(coop, title, subject, f"Tidrapport · Utskrivet {printed.isoformat()}")
    width = page.width - 2 * MARGIN
    by_day: dict[dt.date, dict[str, Decimal]] = defaultdict(dict)
    for entry in entries:
        by_day[entry.day][entry.kind] = entry.hours
    head = ["Datum", "Dag", *(KIND_HEAD_SV[k] for k in TIME_KINDS), "Summa"]
    data: list[list[object]] = [head]
    muted_rows = []
    totals = dict.fromkeys(TIME_KINDS, Decimal(0))
    for day in month.days():
        hours = by_day.get(day, {})
        for kind, value in hours.items():
            totals[kind] += value
        holiday = holiday_name(day)
        name = WEEKDAY_SV[day.isoweekday()] + (f" ({holiday})" if holiday and day.isoweekday() != 7 else "")
        if holiday or day.isoweekday() == 6:
            muted_rows.append(len(data))
        data.append(
            [
                day.isoformat(),
                name,
                *(hours_sv(hours[k]) if k in hours else "" for k in TIME_KINDS),
                hours_sv(sum(hours.values(), Decimal(0))) if hours else "",
            ]
        )
    data.append(["Summa", "", *(hours_sv(totals[k]) for k in TIME_KINDS), hours_sv(sum(totals.values(), Decimal(0)))])
    first, second = width * 0.13, width * 0.2
    rest = (width - first - second) / (len(TIME_KINDS) + 1)
    table = simple_table(data, [first, second] + [rest] * (len(TIME_KINDS) + 1), numeric_from=2)
    table.setStyle(
        TableStyle(
            [("BACKGROUND", (0, r), (-1, r), ZEBRA_FILL) for r in muted_rows]
            + [("TEXTCOLOR", (0, r), (1, r), MUTED) for r in muted_rows]
        )
    )
    until = person.end.isoformat() if person.end else "tills vidare"
    story: list[Flowable] = [
        Paragraph(title, s["title"]),
        Paragraph(markup(f"{person.name} · {person.personal_number}"), s["subtitle"]),
        Paragraph(
            markup(f"{month.name_sv().capitalize()} · anställd {person.start} – {until} · {coop.name}"), s["muted"]
        ),
        Spacer(1, 5),
        table,
        Spacer(1, 3),
        Paragraph(
            "Timmar med decimaler (7,5 = sju och en halv timme). Frånvaro: sjuk, semester, vab, tjänstledig och "
            "annan frånvaro. Med underskrifterna intygas att tidrapporten stämmer.",
            s["muted"],
        ),
        Spacer(1, 6),
        signature_block(width, ["Arbetstagarens underskrift", "Arbetsgivarens underskrift"]),
    ]
    return build_document(
        story,
        pagesize=(page.width, page.height),
        margin=MARGIN,
        page=page,
        title=f"Tidrapport {person.name} {month}",
        author=coop.name or "kooperativet",
        subject=SECRECY_MARK,
    )
