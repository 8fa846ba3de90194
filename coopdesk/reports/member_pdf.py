"""The register extract (registerutdrag) of one member as a printable PDF in Swedish (GDPR art. 15).

Built from the plain dict of :func:`coopdesk.core.services.member_record.member_record` only; nothing
here reads the database, so the PDF and the JSON export always hold the same data. Portrait A4, the
secrecy mark and "Sida n (N)" on every page, figures with a decimal comma.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

import coopdesk
from coopdesk.core.numbers import NBSP
from coopdesk.core.services.audit_log import ACTION_SV, ENTITY_SV
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, JOURNAL_KINDS, PLAN_STATUSES
from coopdesk.core.vocabulary import STATUS_SV
from coopdesk.reports.pdf_kit import (
    FONT,
    GRID,
    MUTED,
    TABLE_SIZE,
    Lines,
    RunningPage,
    build_document,
    hours_sv,
    light_table,
    markup,
    plain,
    register_fonts,
    simple_table,
    styles,
    weekdays_sv,
    wrap_text,
)
from coopdesk.reports.social_pdf import documentation_story
from coopdesk.reports.statement_pdf import SECRECY_MARK

__all__ = ["STATUS_SV", "member_pdf"]

MARGIN = 16 * mm


_table = light_table  # the extract's tables: the light kind with a repeating head row


def _cell(*texts: str, muted: bool = False) -> Lines:
    return Lines(plain(*texts, colour=MUTED if muted else colors.black), size=TABLE_SIZE + 0.5)


KEY_SV = {
    "status": "status",
    "hours": "timmar",
    "name": "namn",
    "personal_number": "personnummer",
    "primary_work_area_id": "arbetsområde (id)",
    "district_id": "beställare (id)",
    "decision_ref": "beslut",
    "case_worker": "handläggare",
    "case_worker_phone": "telefon",
    "case_worker_email": "e-post",
    "start": "från",
    "end": "till",
    "valid_from": "gäller från",
    "percent": "procent",
    "weekdays": "veckodagar",
    # the social documentation's entries (domain.md §7)
    "date": "datum",
    "kind": "typ",
    "text": "text",
    "reason": "skäl",
    "replaces": "ersätter anteckning",
    "number": "version",
    "participation": "delaktighet",
    "follow_up_on": "uppföljning senast",
    "followed_up_at": "uppföljd",
    "follow_up_note": "uppföljningen",
    "goals": "mål",
    "goal": "mål",
    "support": "insats",
    "who": "vem gör vad",
    "how": "hur",
    "when": "när",
    "reported_on": "rapporterad",
    "reported_by": "rapporterad av",
    "category": "kategori",
    "description": "beskrivning",
    "measures": "åtgärder",
    "ivo_sent_on": "anmäld till IVO",
    "file": "fil",
    "from": "från",
    "to": "till",
}
#: The stored words of the social documentation, as the extract shows them.
SOCIAL_SV = {
    key: label.sv.lower()
    for labels in (JOURNAL_KINDS, PLAN_STATUSES, DEVIATION_CATEGORIES, DEVIATION_STATUSES)
    for key, label in labels.items()
}


def _value_sv(value: Any) -> str:
    """An old/new value of the audit log in words: 'status: Sjuk, timmar: Kopiering 3.5'."""
    if value is None or value in ({}, []):
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{KEY_SV.get(key, key)}: {_value_sv(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_value_sv(item) for item in value)
    if isinstance(value, str):
        return STATUS_SV.get(value) or SOCIAL_SV.get(value) or " ".join(value.split())  # a note's lines on one line
    return str(value)


def _details(record: dict[str, Any], width: float) -> list[Flowable]:
    s = styles()
    member = record["member"]
    coop = record.get("cooperative") or {}
    rows = [
        ("Namn", member["name"]),
        ("Personnummer", member["personal_number"] or "– (gallrad)"),
        ("Huvudsakligt arbetsområde", member.get("primary_work_area") or "–"),
        ("Personuppgiftsansvarig", " · ".join(v for v in (coop.get("name"), coop.get("org_number")) if v) or "–"),
    ]
    if coop.get("address"):
        rows.append(("Adress", coop["address"]))
    data = [[Paragraph(label, s["label"]), Paragraph(markup(value), s["text"])] for label, value in rows]
    table = Table(
        data,
        colWidths=[width * 0.3, width * 0.7],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )
    return [Paragraph("Uppgifter", s["h2"]), table]


def _placements(record: dict[str, Any], width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Beslut", s["h2"])]
    if not record["placements"]:
        return [*story, Paragraph("Inga beslut finns registrerade.", s["text"])]
    data: list[list[object]] = [["Beställare", "Beslut", "Handläggare", "Från", "Till"]]
    for p in record["placements"]:
        worker = [p.get("case_worker") or "–"]
        worker += [v for v in (p.get("case_worker_phone"), p.get("case_worker_email")) if v]
        data.append(
            [
                _cell(p["district"]),
                _cell(p["decision_ref"]),
                Lines([*plain(worker[0]), *plain(*worker[1:], colour=MUTED)], size=TABLE_SIZE + 0.5),
                p["start"],
                p["end"] or "tills vidare",
            ]
        )
    return [*story, _table(data, [width * f for f in (0.22, 0.2, 0.34, 0.12, 0.12)])]


def _capacity(record: dict[str, Any], width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Omfattning", s["h2"])]
    if not record["capacity"]:
        return [*story, Paragraph("Ingen omfattning finns registrerad.", s["text"])]
    data: list[list[object]] = [["Gäller från", "Omfattning", "Veckodagar"]]
    for c in record["capacity"]:
        data.append([c["valid_from"], f"{c['percent']}{NBSP}%", weekdays_sv(c["weekdays"])])
    table = _table(data, [width * 0.2, width * 0.16, width * 0.3])
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    return [*story, table]


def _attendance(record: dict[str, Any], width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Närvaro", s["h2"])]
    days = record["attendance"]
    if not days:
        return [*story, Paragraph("Ingen närvaro finns registrerad.", s["text"])]
    data: list[list[object]] = [["Datum", "Status", "Timmar", "Arbetsområde"]]
    widths = [width * f for f in (0.15, 0.25, 0.12)]
    area_width = width - sum(widths)
    total = Decimal(0)
    for day in days:
        hours = {area: Decimal(value) for area, value in (day.get("hours") or {}).items()}
        total += sum(hours.values(), Decimal(0))
        if len(hours) > 1:
            areas = " · ".join(f"{area} {hours_sv(value)}" for area, value in hours.items())
        else:
            areas = next(iter(hours), "")
        data.append(
            [
                day["date"],
                STATUS_SV.get(day["status"], day["status"]),
                hours_sv(sum(hours.values(), Decimal(0))) if hours else "",
                "\n".join(wrap_text(areas, FONT, 7.5, area_width - 12)),  # plain text: aligned with the row
            ]
        )
    present = sum(1 for day in days if day["status"] == "present")
    data.append(["Summa", f"{len(days)} dagar, {present} närvarande", hours_sv(total), ""])
    table = simple_table(data, [*widths, area_width], numeric_from=2)
    table.setStyle(TableStyle([("ALIGN", (3, 0), (3, -1), "LEFT")]))
    return [*story, table]


def _documentation(record: dict[str, Any], width: float) -> list[Flowable]:
    """The social documentation (domain.md §7) as the personakt prints it: every plan version, the whole
    journal with its felmarkeringar, the deviations."""
    return documentation_story(record, width)


def _audit(record: dict[str, Any], width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Händelselogg", s["h2"])]
    entries = record["audit"]
    if not entries:
        return [*story, Paragraph("Inga händelser finns registrerade.", s["text"])]
    story.append(
        Paragraph(
            "Vem som har lagt till, ändrat, öppnat eller exporterat uppgifterna om dig, och när. "
            "Före- och efter-värden visas för dina egna uppgifter.",
            s["muted"],
        )
    )
    story.append(Spacer(1, 3))
    data: list[list[object]] = [["Tid", "Användare", "Händelse"]]
    for e in entries:
        action = ACTION_SV.get(e["action"], e["action"])
        entity = ENTITY_SV.get(e["entity"], e["entity"])
        what = f"{action.capitalize()} {entity}" + (f": {e['summary']}" if e.get("summary") else "")
        lines = plain(what)
        if e.get("old") is not None:
            lines += plain(f"Före: {_value_sv(e['old'])}", colour=MUTED)
        if e.get("new") is not None:
            lines += plain(f"Efter: {_value_sv(e['new'])}", colour=MUTED)
        data.append([_cell(e["at"].replace("T", " ")), _cell(e["actor"]), Lines(lines, size=TABLE_SIZE + 0.5)])
    return [*story, _table(data, [width * f for f in (0.19, 0.19, 0.62)])]


def _page(record: dict[str, Any], printed: dt.date) -> RunningPage:
    """Running head (cooperative, 'Registerutdrag', 'Sida n (N)' and the secrecy mark) and footer."""
    coop = record.get("cooperative") or {}
    return RunningPage(
        left=f"<b>{markup(coop.get('name') or '')}</b>"
        + (f"<br/>Org.nr {markup(coop['org_number'])}" if coop.get("org_number") else ""),
        middle=f"<b>Registerutdrag</b><br/>{markup(record['member']['name'])}",
        footer=f"coopdesk {markup(coopdesk.__version__)} · Registerutdrag enligt artikel 15 i dataskyddsförordningen "
        f"(GDPR) · Utskrivet {printed.isoformat()}",
        secrecy=SECRECY_MARK,
        margin=MARGIN,
        column_share=0.28,
    )


def member_pdf(record: dict[str, Any], *, printed: dt.date | None = None) -> bytes:
    """The member's register extract as PDF bytes; ``printed`` defaults to the export's date."""
    register_fonts()
    s = styles()
    if printed is None:
        printed = dt.datetime.fromisoformat(record["exported_at"]).date()
    page = _page(record, printed)
    width = page.width - 2 * MARGIN
    member = record["member"]
    coop_name = (record.get("cooperative") or {}).get("name") or "kooperativet"

    story: list[Flowable] = [
        Paragraph("Registerutdrag", s["title"]),
        Paragraph(f"{markup(member['name'])} · {markup(member['personal_number'] or 'gallrad')}", s["subtitle"]),
        Paragraph(f"Utskrivet {record['exported_at'].replace('T', ' ')}", s["muted"]),
        Spacer(1, 5),
        Paragraph(
            f"Det här är alla uppgifter om dig som {markup(coop_name)} har registrerade i coopdesk: "
            "dina personuppgifter, besluten om din plats, din omfattning, din närvaro, din genomförandeplan, "
            "journalen och avvikelser som gäller dig, och loggen över vem som "
            "har hanterat uppgifterna. Uppgifterna används för att planera verksamheten och för att redovisa "
            "närvaro till den som har fattat beslutet (beställaren).",
            s["text"],
        ),
    ]
    story += _details(record, width)
    story += _placements(record, width)
    story += _capacity(record, width)
    story += _attendance(record, width)
    story += _documentation(record, width)
    story += _audit(record, width)

    return build_document(
        story,
        pagesize=A4,
        margin=MARGIN,
        page=page,
        title=f"Registerutdrag {member['name']}",
        author=coop_name,
        subject=SECRECY_MARK,
    )
