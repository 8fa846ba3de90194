"""The year in figures as a printed annual report (A4, Swedish): key figures, charts and tables.

Built from core/yearly.py's plain figures only (style.md: reports never query). The figures are those
of the JSON form; the charts are reportlab ``graphics`` drawings (reports/yearly_charts.py). The
sekretess mark is printed only when a count could point out a person (docs/rules.md "Årsstatistik").
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

import coopdesk
from coopdesk.core.numbers import fmt_amount_sv
from coopdesk.core.vocabulary import ACTIVITIES, ACTIVITY_LABELS
from coopdesk.core.yearly import AGE_BANDS, DAY_FIELDS, Figures, HandOut, Yearly, for_hand_out, small_counts
from coopdesk.reports import yearly_charts as charts
from coopdesk.reports.pdf_kit import RunningPage, build_document, hours_sv, markup, rate_sv, simple_table, styles
from coopdesk.reports.yearly_xlsx import age_label, month_label, reason_label

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
SECRECY_MARK = "Innehåller uppgifter som omfattas av sekretess"
DAY_HEADS = ("Närv.<br/>dagar", "Extra<br/>dagar", "Sjuk-<br/>dagar", "Anm.<br/>frånv.", "Oanm.<br/>frånv.", "Ledig",
             "Ej<br/>reg.")  # fmt: skip


#: The month table's short heads, spelled out below it (a reader of the annual report has no statement beside it).
MONTH_ABBREVIATIONS = (
    "Att. = månaden är attesterad. Medl. = medlemmar med beslut någon dag i månaden (för året: utan dubbletter). "
    "Närvaro = närvarotimmar av planerade timmar. Extra dagar = närvaro en dag som inte var planerad. "
    "Anm./oanm. frånv. = anmäld/oanmäld frånvaro. Ledig = beviljad ledighet, semester. "
    "Ej reg. = planerad dag utan registrering."
)


def _p(text: str, style: str = "text") -> Paragraph:
    return Paragraph(text, styles()[style])


def _head(*texts: str) -> list[Paragraph]:
    style = styles()["label"]
    return [Paragraph(f"<b>{t}</b>", style) for t in texts]


FEW = "färre än 3"


def _count(n: int, small: bool) -> str:
    """A count as a hand-out prints it: 1 or 2 as "färre än 3" (``small``)."""
    return FEW if small else str(n)


def _key_figures(yearly: Yearly, hand_out: HandOut | None) -> Table:
    m, t, s = yearly.members, yearly.totals, yearly.supervisors
    came = _count(m.came, hand_out is not None and hand_out.came_small)
    left = _count(m.left, hand_out is not None and hand_out.left_small)
    cells = [
        ("Medlemmar under året", str(m.total)),
        ("Kvinnor / män", f"{m.by_gender.get('kvinna', 0)} / {m.by_gender.get('man', 0)}"),
        ("Började / slutade", f"{came} / {left}"),
        ("Närvarotimmar", hours_sv(t.attended_hours)),
        ("Planerade timmar", hours_sv(t.planned_hours)),
        ("Närvaro av planerad tid", rate_sv(t.attendance_rate)),
    ]
    if s is not None:
        cells += [
            ("Handledartid, arbetad", hours_sv(s.worked_hours)),
            ("Handledartid, finansierad", hours_sv(s.funded_hours)),
        ]
    amounts = [a for a in yearly.amounts_by_district.values() if a is not None]
    if amounts:
        cells.append(("Ersättning från beställarna", fmt_amount_sv(sum(amounts, Decimal(0)))))
    s_ = styles()
    big = s_["subtitle"]
    per_row = 3
    rows = []
    for start in range(0, len(cells), per_row):
        chunk = cells[start : start + per_row]
        rows.append([[Paragraph(label, s_["label"]), Paragraph(f"<b>{value}</b>", big)] for label, value in chunk])
    while len(rows[-1]) < per_row:
        rows[-1].append("")
    return Table(
        rows,
        colWidths=[WIDTH / per_row] * per_row,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, charts.AXIS),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, charts.AXIS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
    )


def _side_by_side(left: Flowable, right: Flowable) -> Table:
    return Table(
        [[left, right]],
        colWidths=[WIDTH * 0.55, WIDTH * 0.45],
        hAlign="LEFT",
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
    )


def _members(yearly: Yearly, hand_out: HandOut | None) -> list[Flowable]:
    m = yearly.members
    cross = m.by_age_and_gender
    bands = [b for b in cross if b in AGE_BANDS or sum(cross[b].values()) or hand_out is not None]
    ages = [_head("Ålder 31 dec", "Kvinnor", "Män", "Totalt")]
    ages += [[age_label(b), cross[b].get("kvinna", 0), cross[b].get("man", 0), m.by_age.get(b, 0)] for b in bands]
    ages.append(["Totalt", m.by_gender.get("kvinna", 0), m.by_gender.get("man", 0), m.total])
    districts = [_head("Beställare", "Medlemmar")]
    districts += [[markup(name), n] for name, n in m.by_district.items()]
    districts.append(["Totalt (utan dubbletter)", m.total])
    left_table = [_head("Orsak till avslut", "Medlemmar")]
    left_table += [[reason_label(r), n] for r, n in m.left_by_reason.items()]
    left_small = hand_out is not None and hand_out.left_small
    left_table.append(["Slutade under året", _count(m.left, left_small)])
    w = WIDTH * 0.45 - 6
    if hand_out is not None and hand_out.by_age_and_gender is None:
        by_age: Flowable = _p(
            "Ålder och kön redovisas inte: med så få kvinnor eller män skulle varje tal kunna peka ut någon."
        )
    else:
        by_age = _side_by_side(
            charts.members_by_age_and_gender(yearly, WIDTH * 0.55 - 8, 150),
            simple_table(ages, [w * 0.37, w * 0.21, w * 0.21, w * 0.21]),
        )
    came_text = _count(m.came, hand_out is not None and hand_out.came_small)
    reasons: list[Flowable] = [simple_table(left_table, [WIDTH * 0.4, WIDTH * 0.15])]
    if hand_out is not None and m.left and not m.left_by_reason:
        reasons = [_p("Orsakerna redovisas inte när färre än tre har slutat.")]
    return [
        _p("Medlemmarna", "h2"),
        _p(
            "Medlemmar under året är de som hade minst en dag med beslut hos kooperativet. Kön enligt "
            "personnumrets näst sista siffra, ålder i fyllda år den 31 december. Den som bytt beställare "
            "under året räknas hos båda."
        ),
        Spacer(1, 4),
        by_age,
        Spacer(1, 6),
        _side_by_side(
            charts.members_by_district(yearly, WIDTH * 0.55 - 8, max(70, 30 + 18 * len(m.by_district))),
            simple_table(districts, [w * 0.7, w * 0.3]),
        ),
        Spacer(1, 6),
        KeepTogether(
            [
                _p("Började och slutade", "h2"),
                _p(
                    f"{came_text.capitalize()} medlemmar började under året (första dagen med beslut hos "
                    f"kooperativet) och {_count(m.left, left_small)} slutade (sista dagen med beslut, och inget "
                    "senare beslut). Ett byte av beställare utan uppehåll är varken början eller slut."
                ),
                Spacer(1, 4),
                *reasons,
            ]
        ),
    ]


def _month_rows(yearly: Yearly) -> list[list[object]]:
    rows: list[list[object]] = [
        _head(
            "Månad",
            "Att.",
            "Medl.",
            "Öppet-<br/>dagar",
            "Planer.<br/>timmar",
            "Närvaro-<br/>timmar",
            "Närvaro",
            *DAY_HEADS,
        )
    ]

    def figures(f: Figures) -> list[object]:
        return [hours_sv(f.planned_hours), hours_sv(f.attended_hours), rate_sv(f.attendance_rate)] + [
            getattr(f, name) for name in DAY_FIELDS
        ]

    for m in yearly.months:
        rows.append([month_label(m.month), "ja" if m.attested else "–", m.members, m.open_days, *figures(m)])
    rows.append(["Året", "", yearly.members.total, sum(m.open_days for m in yearly.months), *figures(yearly.totals)])
    return rows


def _narrow(table: Table) -> Table:
    """Fourteen columns on a portrait page: less padding, so the heads fit on two lines."""
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]))
    return table


def _attendance(yearly: Yearly) -> list[Flowable]:
    widths = [50, 22, 27, 32, 49, 49, 38] + [(WIDTH - 267) / 7] * 7
    attested = sum(m.attested for m in yearly.months)
    return [
        _p("Närvaro per månad", "h2"),
        _p(
            "Summor av månadsredovisningarna till alla beställare, så som de skrivs ut. "
            + (
                "Alla månader är attesterade."
                if attested == 12
                else f"<b>Preliminärt:</b> {attested} av 12 månader är attesterade; siffrorna kan ändras."
            )
        ),
        Spacer(1, 4),
        charts.attended_and_planned(yearly, WIDTH, 175),
        Spacer(1, 6),
        _narrow(simple_table(_month_rows(yearly), widths, numeric_from=2)),
        Spacer(1, 2),
        _p(MONTH_ABBREVIATIONS, "muted"),
    ]


def _areas(yearly: Yearly) -> list[Flowable]:
    areas = list(yearly.totals.hours_by_work_area)
    rows: list[list[object]] = [_head("Månad", *(markup(a) for a in areas), "Totalt")]
    for m in yearly.months:
        rows.append([month_label(m.month), *(hours_sv(m.hours_by_work_area.get(a, 0)) for a in areas),
                     hours_sv(m.attended_hours)])  # fmt: skip
    rows.append(["Året", *(hours_sv(h) for h in yearly.totals.hours_by_work_area.values()),
                 hours_sv(yearly.totals.attended_hours)])  # fmt: skip
    rest = (WIDTH * 0.75 - 60) / (len(areas) + 1)
    return [
        _p("Timmar per arbetsområde", "h2"),
        charts.hours_by_work_area(yearly, WIDTH, 175),
        Spacer(1, 6),
        simple_table(rows, [60] + [rest] * (len(areas) + 1)),
    ]


def _supervisors(yearly: Yearly) -> list[Flowable]:
    s = yearly.supervisors
    if s is None:
        return []
    rows: list[list[object]] = [_head("Aktivitet", "Timmar")]
    rows += [[ACTIVITY_LABELS[a].sv, hours_sv(s.hours_by_activity[a])] for a in ACTIVITIES]
    rows.append(["Totalt", hours_sv(sum(s.hours_by_activity.values(), Decimal(0)))])
    summary = [
        _head("Handledartid", "Timmar"),
        ["Finansierad", hours_sv(s.funded_hours)],
        ["Arbetad", hours_sv(s.worked_hours)],
        ["Frånvaro (semester, sjuk)", hours_sv(s.absence_hours)],
        ["Arbetad − finansierad", hours_sv(s.worked_hours - s.funded_hours)],
    ]
    w = WIDTH * 0.45 - 6
    return [
        CondPageBreak(230),
        _p("Handledartid", "h2"),
        _p("Summor av värdstadsdelens redovisningar: finansierad tid enligt tjänstgöringsgrad och arbetsdagar."),
        Spacer(1, 4),
        _side_by_side(
            charts.supervisor_activities(yearly, WIDTH * 0.55 - 8, 120),
            simple_table(rows, [w * 0.65, w * 0.35]),
        ),
        Spacer(1, 6),
        simple_table(summary, [WIDTH * 0.3, WIDTH * 0.15]),
    ]


def _amounts(yearly: Yearly) -> list[Flowable]:
    if not yearly.amounts_by_district:
        return []
    rows: list[list[object]] = [_head("Beställare", "Ersättning")]
    rows += [[markup(d), "–" if a is None else fmt_amount_sv(a)] for d, a in yearly.amounts_by_district.items()]
    known = [a for a in yearly.amounts_by_district.values() if a is not None]
    rows.append(["Totalt", fmt_amount_sv(sum(known, Decimal(0))) if known else "–"])
    return [
        KeepTogether(
            [
                _p("Ersättning per beställare", "h2"),
                _p("Summan av årets tolv redovisade belopp; – för en beställare utan ersättning."),
                Spacer(1, 4),
                simple_table(rows, [WIDTH * 0.4, WIDTH * 0.2]),
            ]
        )
    ]


def _hand_out_note(handed: HandOut) -> str:
    merged = []
    if handed.by_age_and_gender is not None and any("+" in b for b in handed.by_age_and_gender):
        merged.append("närliggande åldersgrupper")
    if handed.folded_districts:
        merged.append("beställarna " + ", ".join(markup(d) for d in handed.folded_districts) + " till övriga")
    if any(r == "merged" for r in handed.yearly.members.left_by_reason):
        merged.append("orsaker till övriga orsaker")
    text = "Version för utlämning: inget tal om medlemmar är 1 eller 2, så att ingen kan pekas ut."
    if merged:
        text += " Sammanslagna: " + "; ".join(merged) + "."
    return text + " Summorna är desamma som i den fullständiga rapporten."


def yearly_pdf(yearly: Yearly, *, hand_out: bool = False) -> bytes:
    """The printed report; ``hand_out`` prints the version to hand out (core.yearly.for_hand_out): small
    counts merged, so no sekretess mark, and a note that says so."""
    handed = for_hand_out(yearly) if hand_out else None
    if handed is not None:
        yearly = handed.yearly
    small = [] if handed is not None else small_counts(yearly.members)
    page = RunningPage(
        left=f"<b>{markup(yearly.cooperative)}</b>",
        middle=f"<b>Verksamhetsstatistik {yearly.year}</b>",
        footer=f"coopdesk {markup(coopdesk.__version__)} · Siffrorna är summor av årets månadsredovisningar",
        secrecy=SECRECY_MARK if small else "",
        margin=MARGIN,
    )
    story: list[Flowable] = [
        _p(f"Verksamhetsstatistik {yearly.year}", "title"),
        _p(markup(yearly.cooperative), "subtitle"),
        Spacer(1, 6),
        _key_figures(yearly, handed),
        Spacer(1, 4),
    ]
    if handed is not None:
        story.append(_p(_hand_out_note(handed), "muted"))
    if small:
        story.append(
            _p(
                "Små tal (1 eller 2 medlemmar) i "
                + ", ".join(small)
                + " kan peka ut en enskild medlem. Rapporten omfattas därför av sekretess; "
                "lämna inte ut den utan att slå samman eller ta bort de små talen.",
                "muted",
            )
        )
    story += _members(yearly, handed)
    story += [PageBreak(), *_attendance(yearly), *_amounts(yearly)]
    story += [PageBreak(), *_areas(yearly), *_supervisors(yearly)]
    return build_document(
        story,
        pagesize=A4,
        margin=MARGIN,
        page=page,
        title=f"Verksamhetsstatistik {yearly.year}",
        author=yearly.cooperative,
        subject=f"{yearly.cooperative}: året i siffror {yearly.year}",
    )
