"""The month's wage subsidy request basis, and the outlook, as an Excel workbook (reports/xlsx.py, the one
writer): the figures of :mod:`coopdesk.core.subsidy` (the JSON's and the PDF's), as numbers.

The request basis: a sheet of its lines (a row per employee and decision, the total under it) and a
sheet of the month's time report per employee. The outlook: a row per month, employee and decision, a
sheet with a column per employee and a row per month (the chart's figures), and the total per year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from coopdesk.core.models import TIME_KINDS
from coopdesk.core.numbers import round_half_up
from coopdesk.core.subsidy import SubsidyLine, SubsidyMonth
from coopdesk.core.text import swedish_key
from coopdesk.reports.subsidy_pdf import Letterhead
from coopdesk.reports.xlsx import Column, Sheet, workbook_bytes

KIND_SV = {
    "worked": "Arbetad",
    "sick": "Sjuk",
    "vacation": "Semester",
    "vab": "Vab",
    "leave": "Tjänstledig",
    "other": "Annan frånvaro",
}
LINE_COLUMNS = (
    Column("Anställd"),
    Column("Personnummer"),
    Column("Beslut"),
    Column("Stödform"),
    Column("Sysselsättning", "percent"),
    Column("Lönekostnad", "money"),
    Column("Månadens egen lönekostnad"),
    Column("Tak", "money"),
    Column("Nivå", "percent"),
    Column("Dagar", "int"),
    Column("Dagar i månaden", "int"),
    Column("Bidrag", "money"),
)


def _line(line: SubsidyLine) -> list[object]:
    return [
        line.name,
        line.personal_number,
        line.decision.ref,
        line.decision.kind,
        line.employment_percent,
        line.wage_cost,
        "ja" if line.wage_cost_is_override else "",
        round_half_up(line.ceiling, 2),
        line.percent,
        line.covered_days,
        line.days_in_month,
        line.subsidy,
    ]


def request_xlsx(coop: Letterhead, month: SubsidyMonth, summaries: Mapping[str, Mapping[str, Decimal]]) -> bytes:
    title = f"Underlag för rekvisition av lönebidrag, {month.month.name_sv()}"
    head = [title, coop.name or ""]
    lines = Sheet(
        f"Rekvisition {month.month}",
        LINE_COLUMNS,
        [_line(line) for line in month.lines],
        title_lines=head,
        totals=["Summa", *[""] * (len(LINE_COLUMNS) - 2), month.total],
        notes=[
            "Bidraget: lägsta av lönekostnaden och taket (lönekostnadstaket för heltid × sysselsättningsgraden), "
            "gånger nivån, gånger dagarna beslutet gäller delat med månadens dagar, avrundat till hela ören."
        ],
    )
    people: dict[str, str] = {}
    for line in month.lines:
        people.setdefault(line.personal_number, line.name)
    rows = []
    totals = dict.fromkeys(TIME_KINDS, Decimal(0))
    for number, name in people.items():
        hours = summaries.get(number, {})
        values = [hours.get(kind, Decimal(0)) for kind in TIME_KINDS]
        for kind, value in zip(TIME_KINDS, values, strict=True):
            totals[kind] += value
        rows.append([name, *values, sum(values, Decimal(0))])
    time = Sheet(
        "Tidrapport",
        [Column("Anställd"), *(Column(KIND_SV[k], "hours") for k in TIME_KINDS), Column("Summa", "hours")],
        rows,
        title_lines=[f"Tidrapporterna, {month.month.name_sv()}", coop.name or ""],
        totals=["Summa", *(totals[k] for k in TIME_KINDS), sum(totals.values(), Decimal(0))],
    )
    return workbook_bytes([lines, time], title=title, author=coop.name or "coopdesk")


def outlook_xlsx(coop: Letterhead, months: Sequence[SubsidyMonth]) -> bytes:
    span = f"{months[0].month.name_sv()} – {months[-1].month.name_sv()}" if months else ""
    title = f"Prognos för lönebidrag, {span}"
    head = [title, coop.name or "", "Från den stående lönekostnaden och beslutens nivåer."]
    long_rows = [[str(m.month), *_line(line)] for m in months for line in m.lines]
    total = sum((m.total for m in months), Decimal(0))
    by_line = Sheet(
        "Per månad och anställd",
        [Column("Månad"), *LINE_COLUMNS],
        long_rows,
        title_lines=head,
        totals=["Summa", *[""] * len(LINE_COLUMNS[:-1]), total],
    )
    people = {line.personal_number: line.name for m in months for line in m.lines}
    numbers = sorted(people, key=lambda n: (swedish_key(people[n]), n))
    grid_rows = []
    for m in months:
        per_person: dict[str, Decimal] = defaultdict(Decimal)
        for line in m.lines:
            per_person[line.personal_number] += line.subsidy
        grid_rows.append([str(m.month), *(per_person.get(n, Decimal(0)) for n in numbers), m.total])
    grid = Sheet(
        "Per månad",
        [Column("Månad"), *(Column(people[n], "money") for n in numbers), Column("Summa", "money")],
        grid_rows,
        title_lines=head,
        totals=[
            "Summa",
            *(
                sum((line.subsidy for m in months for line in m.lines if line.personal_number == n), Decimal(0))
                for n in numbers
            ),
            total,
        ],
    )
    years: dict[int, Decimal] = defaultdict(Decimal)
    for m in months:
        years[m.month.year] += m.total
    per_year = Sheet(
        "Per år",
        [Column("År", "int"), Column("Månader i prognosen", "int"), Column("Bidrag", "money")],
        [[year, sum(1 for m in months if m.month.year == year), years[year]] for year in sorted(years)],
        title_lines=head,
        totals=["Summa", len(months), total],
    )
    return workbook_bytes([by_line, grid, per_year], title=title, author=coop.name or "coopdesk")
