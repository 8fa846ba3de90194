"""The year in figures as a workbook: one sheet per table of the printed report, through reports/xlsx.py.

The figures are those of the JSON form (coopdesk-yearly/1) as numbers: counts as whole numbers, hours
and amounts with two decimals, the attendance rate with one (as the statements print it).
"""

from __future__ import annotations

from decimal import Decimal

from coopdesk.core.calendar import Month
from coopdesk.core.text import swedish_key
from coopdesk.core.vocabulary import ACTIVITIES, ACTIVITY_LABELS, END_REASON_LABELS
from coopdesk.core.yearly import (
    AGE_BANDS,
    OTHER_REASONS,
    UNKNOWN_AGE,
    UNKNOWN_GENDER,
    UNKNOWN_REASON,
    Figures,
    Yearly,
)
from coopdesk.reports.xlsx import Column, Sheet, workbook_bytes

DAY_COLUMNS = (
    ("attended_days", "Närvarodagar"),
    ("extra_days", "Extra dagar"),
    ("sick_days", "Sjukdagar"),
    ("notified_absence_days", "Anmäld frånvaro"),
    ("unnotified_absence_days", "Oanmäld frånvaro"),
    ("leave_days", "Ledig"),
    ("unregistered_days", "Ej registrerade"),
)
AGE_SV = {"-24": "–24 år", "25-34": "25–34 år", "35-44": "35–44 år", "45-54": "45–54 år", "55-64": "55–64 år",
          "65-": "65 år–", UNKNOWN_AGE: "Okänd (gallrad)"}  # fmt: skip


def month_label(month: Month) -> str:
    """'Januari': the month's Swedish name, capitalised as a row heading."""
    return month.name_sv().split(" ")[0].capitalize()


def reason_label(reason: str) -> str:
    if reason == OTHER_REASONS:
        return "Övriga orsaker"
    return "Okänd" if reason == UNKNOWN_REASON else END_REASON_LABELS[reason].sv


def age_label(band: str, *, years: bool = True) -> str:
    """An age band as printed (``–24 år``, ``25–34 år``, ``65 år–``), also a hand-out's merged one
    (``25-34+35-44``: ``25–44 år``); without ``years`` as a chart's axis (``25–44``)."""
    parts = band.split("+")
    known = [p for p in parts if p != UNKNOWN_AGE]
    unit = " år" if years else ""
    if not known:
        return AGE_SV[UNKNOWN_AGE]
    low, high = known[0].split("-")[0], known[-1].split("-")[1]
    text = f"–{high}{unit}" if not low else f"{low}{unit}–" if not high else f"{low}–{high}{unit}"
    return text + (" eller okänd" if len(known) < len(parts) else "")


def _rate(figures: Figures) -> Decimal | None:
    return figures.attendance_rate


def _key_figures(yearly: Yearly) -> Sheet:
    m, t, s = yearly.members, yearly.totals, yearly.supervisors
    rows: list[list[object]] = [
        ["Medlemmar under året", m.total, None],
        ["Kvinnor", m.by_gender.get("kvinna", 0), None],
        ["Män", m.by_gender.get("man", 0), None],
        ["Började under året", m.came, None],
        ["Slutade under året", m.left, None],
        ["Planerade timmar", None, t.planned_hours],
        ["Närvarotimmar", None, t.attended_hours],
        ["Närvaro i procent av planerad tid", None, _rate(t)],
    ]
    if m.by_gender.get(UNKNOWN_GENDER):
        rows.insert(3, ["Kön okänt (gallrade)", m.by_gender[UNKNOWN_GENDER], None])
    if s is not None:
        rows += [
            ["Handledare: finansierade timmar", None, s.funded_hours],
            ["Handledare: arbetade timmar", None, s.worked_hours],
            ["Handledare: frånvaro (semester, sjuk)", None, s.absence_hours],
        ]
    return Sheet(
        "Nyckeltal",
        [Column("Uppgift"), Column("Antal", "int"), Column("Timmar / procent", "hours")],
        rows,
        title_lines=[f"{yearly.cooperative}: verksamhetsstatistik {yearly.year}"],
    )


def _ages(yearly: Yearly) -> Sheet:
    cross = yearly.members.by_age_and_gender
    bands = [b for b in (*AGE_BANDS, UNKNOWN_AGE) if b in cross and (b in AGE_BANDS or sum(cross[b].values()))]
    by_age = yearly.members.by_age
    rows = [[AGE_SV[b], cross[b].get("kvinna", 0), cross[b].get("man", 0), by_age.get(b, 0)] for b in bands]
    totals = ["Totalt", yearly.members.by_gender.get("kvinna", 0), yearly.members.by_gender.get("man", 0)]
    return Sheet(
        "Ålder och kön",
        [Column("Ålder 31 december"), Column("Kvinnor", "int"), Column("Män", "int"), Column("Totalt", "int")],
        rows,
        totals=[*totals, yearly.members.total],
    )


def _districts(yearly: Yearly) -> Sheet:
    names = sorted(set(yearly.members.by_district) | set(yearly.amounts_by_district), key=swedish_key)
    rows = [[n, yearly.members.by_district.get(n, 0), yearly.amounts_by_district.get(n)] for n in names]
    amounts = [a for a in yearly.amounts_by_district.values() if a is not None]
    return Sheet(
        "Beställare",
        [Column("Beställare"), Column("Medlemmar", "int"), Column("Ersättning (kr)", "money")],
        rows,
        totals=["Totalt", None, sum(amounts, Decimal("0.00")) if amounts else None],
        notes=["En medlem som bytt beställare under året räknas hos båda."],
    )


def _reasons(yearly: Yearly) -> Sheet:
    rows = [[reason_label(r), n] for r, n in yearly.members.left_by_reason.items()]
    return Sheet(
        "Avslut",
        [Column("Orsak"), Column("Medlemmar", "int")],
        rows,
        totals=["Totalt", yearly.members.left],
        notes=["Orsaken till det sista beslutets avslut. Byte av beställare är inget avslut."],
    )


def _months(yearly: Yearly) -> Sheet:
    columns = [
        Column("Månad"),
        Column("Attesterad"),
        Column("Medlemmar", "int"),
        Column("Öppetdagar", "int"),
        Column("Planerade timmar", "hours"),
        Column("Närvarotimmar", "hours"),
        Column("Närvaro %", "decimal"),
        *(Column(header, "int") for _name, header in DAY_COLUMNS),
    ]
    rows = [
        [
            month_label(m.month),
            "ja" if m.attested else "nej",
            m.members,
            m.open_days,
            m.planned_hours,
            m.attended_hours,
            _rate(m),
            *(getattr(m, name) for name, _header in DAY_COLUMNS),
        ]
        for m in yearly.months
    ]
    t = yearly.totals
    totals = ["Året", None, yearly.members.total, sum(m.open_days for m in yearly.months), t.planned_hours,
              t.attended_hours, _rate(t), *(getattr(t, name) for name, _header in DAY_COLUMNS)]  # fmt: skip
    return Sheet("Månader", columns, rows, totals=totals)


def _areas(yearly: Yearly) -> Sheet:
    areas = list(yearly.totals.hours_by_work_area)
    rows = [[month_label(m.month), *(m.hours_by_work_area.get(a, Decimal(0)) for a in areas)] for m in yearly.months]
    return Sheet(
        "Arbetsområden",
        [Column("Månad"), *(Column(a, "hours") for a in areas)],
        rows,
        totals=["Året", *yearly.totals.hours_by_work_area.values()],
    )


def _supervisors(yearly: Yearly) -> Sheet | None:
    if yearly.supervisors is None:
        return None
    rows = [
        [month_label(m.month), *(hours.get(a, Decimal(0)) for a in ACTIVITIES)]
        for m, hours in zip(yearly.months, yearly.supervisor_months, strict=True)
    ]
    return Sheet(
        "Handledare",
        [Column("Månad"), *(Column(ACTIVITY_LABELS[a].sv, "hours") for a in ACTIVITIES)],
        rows,
        totals=["Året", *yearly.supervisors.hours_by_activity.values()],
    )


def yearly_sheets(yearly: Yearly) -> list[Sheet]:
    sheets = [_key_figures(yearly), _ages(yearly), _districts(yearly), _reasons(yearly), _months(yearly)]
    sheets.append(_areas(yearly))
    supervisors = _supervisors(yearly)
    if supervisors is not None:
        sheets.append(supervisors)
    return sheets


def yearly_xlsx(yearly: Yearly) -> bytes:
    return workbook_bytes(yearly_sheets(yearly), title=f"Verksamhetsstatistik {yearly.year}")
