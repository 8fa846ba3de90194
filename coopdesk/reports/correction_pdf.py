"""Rättelse av månadsredovisning: a correction (coopdesk-correction/1) as a printable PDF in Swedish.

Portrait A4 in the house style of the statements (running head with the cooperative, the document and
"Sida n (N)", the secrecy mark on every page, a footer with the program version). A district checks it
line by line: each changed figure of each added, removed or changed row with its old value, its new
value and the difference, then the row's amount; last the totals and what is invoiced or credited.
The fingerprints (kontrollsummor) of both issued versions are printed, so each can be matched against
the statement the district holds. Built from the correction document only; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

import coopdesk
from coopdesk.core.calendar import Month
from coopdesk.core.correction import difference
from coopdesk.core.numbers import NBSP, fmt_sv
from coopdesk.reports.pdf_kit import (
    FONT_BOLD,
    MINUS,
    MUTED,
    TABLE_SIZE,
    Lines,
    RunningPage,
    build_document,
    markup,
    plain,
    register_fonts,
    simple_table,
    styles,
)
from coopdesk.reports.statement_pdf import SECRECY_MARK
from coopdesk.reports.subsidy_pdf import signature_block

__all__ = ["FIGURE_SV", "TITLE", "correction_pdf"]

TITLE = "Rättelse av månadsredovisning"
MARGIN = 16 * mm
FIGURE_SV = {
    "planned_days": "Planerade dagar",
    "attended_days": "Närvarodagar",
    "extra_days": "Extra dagar",
    "sick_days": "Sjukdagar",
    "notified_absence_days": "Anmäld frånvaro, dagar",
    "unnotified_absence_days": "Oanmäld frånvaro, dagar",
    "leave_days": "Lediga dagar",
    "unregistered_days": "Ej registrerade dagar",
    "planned_hours": "Planerad tid, tim",
    "attended_hours": "Närvarotid, tim",
    "full_days": "Heldagar",
    "half_days": "Halvdagar",
    "billed_hours": "Debiterad tid, tim",
}
CHANGE_SV = {"added": "Tillkommen rad", "removed": "Borttagen rad", "changed": "Ändrad rad"}


def _number(value: Any) -> str:
    """A figure as printed: days as whole numbers, hours and amounts with a decimal comma; '–' for none."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value).replace("-", MINUS)
    return fmt_sv(Decimal(value)).replace("-", MINUS)


def _signed(value: Decimal) -> str:
    text = fmt_sv(value)
    return ("+" + text if value > 0 else text).replace("-", MINUS)


def _figure_difference(issued: Any, current: Any) -> str:
    if issued is None or current is None:
        return ""
    if isinstance(issued, int) and isinstance(current, int):
        change = current - issued
        return (f"+{change}" if change > 0 else str(change)).replace("-", MINUS)
    return _signed(Decimal(current) - Decimal(issued))


def _kr(text: str) -> str:
    return text if text in ("–", "") else f"{text}{NBSP}kr"


def _table(document: dict[str, Any], width: float) -> Table:
    data: list[list[object]] = [["Medlem och beslut", "Uppgift", "Tidigare", "Ny", "Skillnad"]]
    spans: list[tuple[int, int]] = []  # first and last line of each row's block
    size = TABLE_SIZE + 0.5
    for row in document["rows"]:
        first = len(data)
        who = Lines(
            plain(row["member"], font=FONT_BOLD)
            + plain(row["decision_ref"])
            + plain(f"period från {row['period_from']}", colour=MUTED)
            + plain(CHANGE_SV[row["change"]], colour=MUTED),
            size=size,
        )
        lines: list[list[object]] = [
            [
                FIGURE_SV[name],
                _number(v["issued"]),
                _number(v["current"]),
                _figure_difference(v["issued"], v["current"]),
            ]
            for name, v in row["figures"].items()
        ]
        amount = row["amount"]
        if amount is not None:
            lines.append(
                [
                    "Belopp",
                    _kr(_number(amount["issued"])),
                    _kr(_number(amount["current"])),
                    _kr(_signed(Decimal(amount["difference"]))),
                ]
            )
        if not lines:
            lines.append(["(inga siffror ändrade)", "", "", ""])
        for index, line in enumerate(lines):
            data.append([who if index == 0 else "", *line])
        spans.append((first, len(data) - 1))
    totals = document["totals"]["amount"]
    if totals is not None:
        data.append(
            [
                "Summa ersättning",
                "",
                _kr(_number(totals["issued"])),
                _kr(_number(totals["current"])),
                _kr(_signed(Decimal(totals["difference"]))),
            ]
        )
    else:
        data.append(["Summa", "Ingen ersättning", "", "", ""])
    widths = [width * 0.30, width * 0.25, width * 0.15, width * 0.15]
    table = simple_table(data, [*widths, width - sum(widths)], numeric_from=2)
    extra = [("SPAN", (0, a), (0, b)) for a, b in spans if b > a]
    extra += [("LINEABOVE", (0, a), (-1, a), 0.8, MUTED) for a, _b in spans[1:]]
    table.setStyle(TableStyle(extra))
    return table


def _version_line(label: str, meta: dict[str, Any], by: str | None) -> str:
    when = str(meta["issued_at"])[:10]
    who = f" av {markup(by)}" if by else ""
    return f"{label}: version {meta['version']}, utfärdad {when}{who}, kontrollsumma <b>{meta['fingerprint']}</b>"


def correction_pdf(
    document: dict[str, Any],
    *,
    org_number: str | None = None,
    issued_by: tuple[str | None, str | None] = (None, None),
    printed: dt.date | None = None,
) -> bytes:
    """The correction as PDF bytes; ``issued_by`` names who issued the older and the newer version."""
    register_fonts()
    s = styles()
    printed = printed or dt.date.today()
    month = Month.parse(document["month"]).name_sv()
    district = document["district"]
    old, new = document["issued"], document["current"]
    fingerprints = (
        f"Kontrollsummor {old['fingerprint']} (version {old['version']}) och {new['fingerprint']} "
        f"(version {new['version']})"
    )
    page = RunningPage(
        left=f"<b>{markup(document['cooperative'])}</b>" + (f"<br/>Org.nr {markup(org_number)}" if org_number else ""),
        middle=f"<b>{TITLE}</b><br/>{markup(district)} · {month}",
        footer=f"coopdesk {markup(coopdesk.__version__)} · {fingerprints} · Utskriven {printed.isoformat()}",
        secrecy=SECRECY_MARK,
        margin=MARGIN,
    )
    width = page.width - 2 * MARGIN
    story: list[Flowable] = [
        Paragraph(TITLE, s["title"]),
        Paragraph(f"{markup(district)} · {month}", s["subtitle"]),
        Spacer(1, 4),
        Paragraph(_version_line("Tidigare", old, issued_by[0]), s["text"]),
        Paragraph(_version_line("Ny", new, issued_by[1]), s["text"]),
        Spacer(1, 4),
        Paragraph(
            "Rättelsen visar varje rad i redovisningen som har tillkommit, tagits bort eller ändrats sedan den "
            "tidigare versionen utfärdades: de uppgifter som skiljer, med tidigare och nytt värde och skillnaden, "
            "och radens belopp. Rader utan ändring är inte med. Raderna jämförs på medlem, beslut och periodens "
            "första dag.",
            s["muted"],
        ),
        Paragraph("Ändringar", s["h2"]),
    ]
    if document["rows"]:
        story.append(_table(document, width))
    else:
        story.append(Paragraph("Inga rader har ändrats mellan versionerna.", s["text"]))
    change = difference(document)
    if change is None:
        result = "Beställaren har ingen ersättning för månaden: rättelsen ändrar inget belopp."
    elif change > 0:
        result = f"Att fakturera i efterhand: {_kr(fmt_sv(change))}."
    elif change < 0:
        result = f"Att kreditera: {_kr(fmt_sv(-change))}."
    else:
        result = "Beloppet är oförändrat: inget att fakturera eller kreditera."
    story += [
        Spacer(1, 6),
        # (not inside a KeepTogether: the signature block is one already, and one nested in another always
        # breaks the page)
        Paragraph(markup(result), s["status_ok"]),
        Paragraph("Ingen moms (social omsorg är momsfri).", s["muted"]),
        Spacer(1, 4 * mm),
        signature_block(width * 0.5, ["För kooperativet"]),
    ]
    return build_document(
        story,
        pagesize=A4,
        margin=MARGIN,
        page=page,
        title=f"{TITLE} {district} {month}",
        author=document["cooperative"],
        subject=SECRECY_MARK,
    )
