"""The month's wage subsidy request basis (underlag för rekvisition av lönebidrag), and the outlook, as a
printable PDF in Swedish (domain.md §10).

Portrait A4 in the house style of the statements: the cooperative and the document in the running head,
"Sida n (N)" and the secrecy mark on every page, figures with a decimal comma. Per employee and decision:
the decision, employment %, wage cost, ceiling, step %, days covered and subsidy; beside it the month's
time report summary. The figures are those of :mod:`coopdesk.core.subsidy` (the JSON's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

import coopdesk
from coopdesk.core.models import TIME_KINDS
from coopdesk.core.numbers import NBSP
from coopdesk.core.subsidy import SubsidyChange, SubsidyMonth
from coopdesk.reports.pdf_kit import (
    MUTED,
    TABLE_SIZE,
    Lines,
    Rule,
    RunningPage,
    build_document,
    hours_sv,
    markup,
    plain,
    register_fonts,
    simple_table,
    styles,
)
from coopdesk.reports.statement_pdf import SECRECY_MARK

__all__ = ["KIND_HEAD_SV", "Letterhead", "running_page", "signature_block", "subsidy_pdf"]


class Letterhead(Protocol):
    """What the running head shows of the cooperative (its row, or the application layer's plain copy)."""

    @property
    def name(self) -> str | None: ...

    @property
    def org_number(self) -> str | None: ...


MARGIN = 16 * mm
KIND_HEAD_SV = {
    "worked": "Arbetad",
    "sick": "Sjuk",
    "vacation": "Semester",
    "vab": "Vab",
    "leave": "Tjänst-\nledig",
    "other": "Annan\nfrånvaro",
}


def money_sv(value: Decimal | object) -> str:
    return f"{hours_sv(value)}{NBSP}kr"  # type: ignore[arg-type]


def running_page(coop: Letterhead, document: str, subject: str, footer: str) -> RunningPage:
    """The house style's running head (the cooperative; the document and whom or what it is about) and footer."""
    return RunningPage(
        left=f"<b>{markup(coop.name or '')}</b>"
        + (f"<br/>Org.nr {markup(coop.org_number)}" if coop.org_number else ""),
        middle=f"<b>{markup(document)}</b><br/>{markup(subject)}",
        footer=f"coopdesk {markup(coopdesk.__version__)} · {markup(footer)}",
        secrecy=SECRECY_MARK,
        margin=MARGIN,
    )


def signature_block(width: float, who: Sequence[str]) -> Flowable:
    """Side by side: a line to sign on for each of ``who``, with name clarification and date."""
    s = styles()
    column = (width - 10 * mm * (len(who) - 1)) / len(who)
    cells = [
        [
            Spacer(1, 12 * mm),
            Rule(column),
            Paragraph(f"{markup(label)}", s["label"]),
            Spacer(1, 8 * mm),
            Rule(column),
            Paragraph("Namnförtydligande och datum", s["label"]),
        ]
        for label in who
    ]
    widths = []
    row: list[object] = []
    for i, cell in enumerate(cells):
        if i:
            row.append("")
            widths.append(10 * mm)
        row.append(cell)
        widths.append(column)
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([table])


def _request_table(month: SubsidyMonth, width: float) -> Table:
    head = ["Anställd", "Beslut", "Syssel-\nsättning", "Lönekostnad", "Tak", "Nivå", "Dagar", "Bidrag"]
    data: list[list[object]] = [head]
    for line in month.lines:
        cost = money_sv(line.wage_cost) + (" *" if line.wage_cost_is_override else "")
        data.append(
            [
                Lines(plain(line.name) + plain(line.personal_number, colour=MUTED), size=TABLE_SIZE + 0.5),
                Lines(plain(line.decision.ref) + plain(line.decision.kind, colour=MUTED), size=TABLE_SIZE + 0.5),
                f"{line.employment_percent}{NBSP}%",
                cost,
                money_sv(line.ceiling),
                f"{line.percent}{NBSP}%",
                f"{line.covered_days} av {line.days_in_month}",
                money_sv(line.subsidy),
            ]
        )
    data.append(["Summa", "", "", "", "", "", "", money_sv(month.total)])
    fractions = (0.18, 0.19, 0.08, 0.14, 0.12, 0.07, 0.09)
    widths = [width * f for f in fractions]
    return simple_table(data, [*widths, width - sum(widths)], numeric_from=2)


def _time_table(month: SubsidyMonth, summaries: Mapping[str, Mapping[str, Decimal]], width: float) -> Table:
    data: list[list[object]] = [["Anställd", *(KIND_HEAD_SV[k] for k in TIME_KINDS), "Summa"]]
    seen: set[str] = set()
    totals = dict.fromkeys(TIME_KINDS, Decimal(0))
    for line in month.lines:
        if line.personal_number in seen:
            continue
        seen.add(line.personal_number)
        hours = summaries.get(line.personal_number, {})
        for kind in TIME_KINDS:
            totals[kind] += hours.get(kind, Decimal(0))
        data.append(
            [
                Lines(plain(line.name), size=TABLE_SIZE + 0.5),
                *(hours_sv(hours.get(k, Decimal(0))) for k in TIME_KINDS),
                hours_sv(sum(hours.values(), Decimal(0))),
            ]
        )
    data.append(["Summa", *(hours_sv(totals[k]) for k in TIME_KINDS), hours_sv(sum(totals.values(), Decimal(0)))])
    first = width * 0.23
    rest = (width - first) / (len(TIME_KINDS) + 1)
    return simple_table(data, [first] + [rest] * (len(TIME_KINDS) + 1), numeric_from=1)


OUTLOOK_COLUMNS = 5  # employees per table; more go into the next table


def _outlook_years_and_changes(
    months: Sequence[SubsidyMonth], changes: Sequence[SubsidyChange], width: float
) -> list[Flowable]:
    """The total per year, and each step-down and end of the period in words, by day."""
    s = styles()
    if not months:
        return []
    years: dict[int, list[Decimal]] = {}
    for month in months:
        years.setdefault(month.month.year, []).append(month.total)
    data: list[list[object]] = [["År", "Månader i prognosen", "Bidrag"]]
    data += [[str(y), str(len(t)), money_sv(sum(t, Decimal(0)))] for y, t in sorted(years.items())]
    data.append(["Summa", str(len(months)), money_sv(sum((m.total for m in months), Decimal(0)))])
    story: list[Flowable] = [
        Paragraph("Summa per år", s["h2"]),
        simple_table(data, [width * 0.15, width * 0.25, width * 0.25], numeric_from=1),
    ]
    if changes:
        story.append(Paragraph("Nedtrappningar och slut", s["h2"]))
        for change in changes:
            if change.is_end:
                text = f"{change.day.isoformat()}: {change.name}, {change.ref} – sista dagen med bidrag."
            else:
                text = (
                    f"{change.day.isoformat()}: {change.name}, {change.ref} – från {change.before}{NBSP}% "
                    f"till {change.after}{NBSP}%."
                )
            story.append(Paragraph(markup(text), s["text"]))
    return story


def _outlook_tables(months: Sequence[SubsidyMonth], width: float) -> list[Flowable]:
    """Month by month (rows) and employee (columns): the subsidy and the step in force, and the total;
    a step-down or an end shows as a changed figure in the employee's column."""
    s = styles()
    people: dict[str, str] = {}
    for month in months:
        for line in month.lines:
            people.setdefault(line.personal_number, line.name)
    if not people:
        return [Paragraph("Ingen anställd har ett beslut om lönebidrag under perioden.", s["text"])]
    numbers = list(people)
    story: list[Flowable] = [Paragraph("Bidrag per månad", s["h2"])]
    for chunk_start in range(0, len(numbers), OUTLOOK_COLUMNS):
        chunk = numbers[chunk_start : chunk_start + OUTLOOK_COLUMNS]
        last = chunk_start + OUTLOOK_COLUMNS >= len(numbers)
        head: list[object] = ["Månad", *(people[n] for n in chunk)] + (["Summa"] if last else [])
        data: list[list[object]] = [head]
        for month in months:
            row: list[object] = [month.month.name_sv()]
            for number in chunk:
                lines = [line for line in month.lines if line.personal_number == number]
                if not lines:
                    row.append("–")
                    continue
                amount = sum((line.subsidy for line in lines), Decimal(0))
                steps = ", ".join(f"{line.percent}{NBSP}%" for line in lines)
                row.append(f"{money_sv(amount)} ({steps})")
            if last:
                row.append(money_sv(month.total))
            data.append(row)
        data.append(
            ["Summa"]
            + [
                money_sv(sum((ln.subsidy for m in months for ln in m.lines if ln.personal_number == n), Decimal(0)))
                for n in chunk
            ]
            + ([money_sv(sum((m.total for m in months), Decimal(0)))] if last else [])
        )
        first = width * 0.16
        rest = (width - first) / (len(head) - 1)
        story += [simple_table(data, [first] + [rest] * (len(head) - 1), numeric_from=1), Spacer(1, 4)]
    return story


def subsidy_pdf(
    coop: Letterhead,
    months: Sequence[SubsidyMonth],
    summaries: Mapping[str, Mapping[str, Decimal]],
    *,
    outlook: bool = False,
    printed: dt.date,
    changes: Sequence[SubsidyChange] = (),
) -> bytes:
    """The request basis of one month (with the time report summary, ``summaries`` by personal number),
    or with ``outlook`` the outlook's months one after another."""
    register_fonts()
    s = styles()
    if outlook:
        title = "Prognos för lönebidrag"
        subject = f"{months[0].month.name_sv()} – {months[-1].month.name_sv()}" if months else ""
    else:
        title = "Underlag för rekvisition av lönebidrag"
        subject = months[0].month.name_sv() if months else ""
    page = running_page(coop, title, subject, f"{title} · Utskrivet {printed.isoformat()}")
    width = page.width - 2 * MARGIN
    story: list[Flowable] = [
        Paragraph(title, s["title"]),
        Paragraph(markup(f"{coop.name} · {subject}"), s["subtitle"]),
        Spacer(1, 4),
        Paragraph(
            "Bidraget per anställd och beslut: lägsta av lönekostnaden och taket (lönekostnadstaket för heltid × "
            "sysselsättningsgraden den första dagen i månaden), gånger bidragsnivån, gånger de dagar i månaden "
            "som beslutet gäller, avrundat till hela ören."
            + (
                " Prognosen utgår från den stående lönekostnaden och beslutens nivåer."
                if outlook
                else " * = månadens egen lönekostnad."
            ),
            s["muted"],
        ),
    ]
    if outlook:
        story += _outlook_tables(months, width)
        story += _outlook_years_and_changes(months, changes, width)
    for month in [] if outlook else months:
        story.append(Paragraph("Bidrag", s["h2"]))
        if not month.lines:
            story.append(Paragraph("Ingen anställd har ett beslut om lönebidrag som gäller månaden.", s["text"]))
            continue
        story.append(_request_table(month, width))
        story.append(Paragraph("Tidrapport", s["h2"]))
        story.append(
            Paragraph("Timmar enligt månadens tidrapporter (de undertecknade tidrapporterna bifogas).", s["muted"])
        )
        story.append(Spacer(1, 3))
        story.append(_time_table(month, summaries, width))
    if not outlook:
        story.append(Spacer(1, 4 * mm))
        story.append(signature_block(width * 0.5, ["Arbetsgivarens underskrift"]))
    return build_document(
        story,
        pagesize=A4,
        margin=MARGIN,
        page=page,
        title=f"{title} {subject}",
        author=coop.name or "kooperativet",
        subject=SECRECY_MARK,
    )
