"""The monthly statement as a printable PDF in Swedish (domain.md §4, ui-sv.md).

Built with reportlab from the core's plain :class:`~coopdesk.core.statement.Statement` only; nothing
here reads the database. The figures are those of the JSON form (interchange.md §2), written the
Swedish way: decimal comma, a no-break space between thousands and "kr" after amounts, ISO dates.

The layout follows Swedish municipal documents: the organisation at the top left, the document
type in the middle and "Sida 1 (3)" at the top right, the secrecy marking on every page, and a
footer with the program version and the statement's fingerprint, so that a printed copy can be
matched against the data later. The member table has a column for every figure, which only
landscape A4 can hold; a statement without rows has no table and is set on portrait A4.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

import coopdesk
from coopdesk.core.models import ABSENCE_ACTIVITIES, ACTIVITIES
from coopdesk.core.numbers import NBSP, fmt_amount_sv, fmt_hours_sv
from coopdesk.core.plausibility import grouped
from coopdesk.core.statement import Statement, SupervisorSection
from coopdesk.core.tariffs import TariffTerms
from coopdesk.core.vocabulary import ACTIVITY_SV
from coopdesk.reports.fingerprint import statement_fingerprint
from coopdesk.reports.pdf_kit import (
    FONT,
    FONT_BOLD,
    GRID,
    TABLE_SIZE,
    Lines,
    NoteBox,
    Rule,
    build_document,
    date_sv,
    hours_sv,
    markup,
    plain,
    rate_sv,
    register_fonts,
    simple_table,
    styles,
)
from coopdesk.reports.statement_pdf_table import LEGEND, MemberTable

__all__ = ["PRELIMINARY", "SECRECY_MARK", "statement_pdf", "tariff_text_sv"]

SECRECY_MARK = "Innehåller uppgifter som omfattas av sekretess"
PRELIMINARY = "PRELIMINÄR"
MARGIN = 14 * mm
PAGE_FORM = "coopdeskPage"
WATERMARK = colors.HexColor("#f5e8e8")  # DARK_RED at 10 % on white
MAX_CHECKS = 40  # warnings listed under "Att kontrollera"; the rest are counted


def _min_hours(value: Decimal | None) -> str:
    return f" (minst {fmt_hours_sv(value)} tim)" if value else ""


def tariff_text_sv(terms: TariffTerms) -> str:
    """The tariff in words, e.g. 'Ersättning per dag: heldag 450,00 kr (minst 4 tim), halvdag …'."""
    if terms.kind == "per_day":
        text = f"Ersättning per dag: heldag {fmt_amount_sv(terms.full_day_amount)}"
        text += _min_hours(terms.full_day_min_hours)
        if terms.half_day_amount is not None:
            text += f", halvdag {fmt_amount_sv(terms.half_day_amount)}{_min_hours(terms.half_day_min_hours)}"
        lowest = terms.half_day_min_hours if terms.half_day_amount is not None else terms.full_day_min_hours
        if lowest:
            text += f". Närvaro under {fmt_hours_sv(lowest)} tim en dag ersätts inte"
    elif terms.kind == "per_hour":
        text = f"Ersättning per timme: {fmt_amount_sv(terms.hourly_amount)} per närvarotimme"
    elif terms.kind == "per_month":
        bands = ", ".join(f"{fmt_amount_sv(amount)} från {percent}{NBSP}%" for percent, amount in terms.bands)
        text = (
            f"Ersättning per månad efter omfattning: {bands}. Omfattningen den första dagen i perioden avgör; "
            "del av månad ersätts i proportion till antalet dagar"
        )
    else:
        return "Ingen ersättning: ingen taxa gäller för månaden."
    if terms.valid_from is not None:
        text += f". Taxan gäller från och med {terms.valid_from.isoformat()}"
    return text + ". Ingen moms (social omsorg är momsfri)."


def _status_text(statement: Statement) -> str:
    if statement.attested:
        when = date_sv(statement.attested_at) if statement.attested_at else "okänt datum"
        return f"Attesterad {when} av {statement.attested_by or 'okänd'}"
    return f"{PRELIMINARY} – månaden är inte attesterad"


# --- the blocks of the story -----------------------------------------------------------------


def _header(
    statement: Statement, printed: dt.date, frame_width: float, issued: str | None, notice: str | None
) -> list[Flowable]:
    s = styles()
    coop = [f"<b>{markup(statement.cooperative)}</b>"]
    if statement.cooperative_org_number:
        coop.append(f"Org.nr {markup(statement.cooperative_org_number)}")
    if statement.cooperative_address:
        coop.append(markup(statement.cooperative_address))
    district = [f"<b>{markup(statement.district)}</b>"]
    if statement.district_kind.casefold() not in statement.district.casefold():
        district[0] += f" ({markup(statement.district_kind)})"
    if statement.is_host_district:
        district.append("Värdstadsdel")
    if statement.district_contact:
        district.append(markup(statement.district_contact))
    month = [f"<b>{statement.month.name_sv()}</b>", f"Öppetdagar: {statement.open_days}", f"Utskriven: {printed}"]

    def block(label: str, lines: list[str]) -> list[Paragraph]:
        return [Paragraph(label, s["label"]), Paragraph("<br/>".join(lines), s["text"])]

    info = Table(
        [[block("Utförare", coop), block("Beställare", district), block("Månad", month)]],
        colWidths=[frame_width * 0.36, frame_width * 0.40, frame_width * 0.24],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ]
        ),
    )
    status = Paragraph(
        f"Status: {markup(_status_text(statement))}"
        + (f". <b>{markup(issued)}</b>" if issued else "")
        + ("" if statement.attested else ". Siffrorna kan ändras."),
        s["status_ok" if statement.attested else "status_pre"],
    )
    # an attested month whose figures changed since its statement was issued says so (app/issued.py)
    notes = [Spacer(1, 3), Paragraph(markup(notice), s["status_pre"])] if notice else []
    return [
        Paragraph("Månadsredovisning", s["title"]),
        Paragraph(f"{markup(statement.district)} · {statement.month.name_sv()}", s["subtitle"]),
        Spacer(1, 4),
        info,
        Spacer(1, 6),
        status,
        *notes,
        Spacer(1, 4),
    ]


def _summary(statement: Statement, frame_width: float) -> list[Flowable]:
    s = styles()
    t = statement.totals
    figures = [
        ("Antal rader (beslut)", str(t.rows)),
        ("Öppetdagar i månaden", str(statement.open_days)),
        ("Planerade dagar / planerad tid", f"{t.planned_days} / {hours_sv(t.planned_hours)} tim"),
        ("Närvarodagar / närvarotid", f"{t.attended_days} / {hours_sv(t.attended_hours)} tim"),
        ("varav extra dagar", str(t.extra_days)),
        ("Sjukdagar", str(t.sick_days)),
        ("Anmäld / oanmäld frånvaro (dagar)", f"{t.notified_absence_days} / {t.unnotified_absence_days}"),
        ("Lediga dagar", str(t.leave_days)),
        ("Ej registrerade dagar", str(t.unregistered_days)),
        ("Närvarograd", rate_sv(t.attendance_rate)),
    ]
    left = Table(
        [list(pair) for pair in figures],
        colWidths=[150, 95],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE + 0.5, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    amount = "ingen ersättning" if t.amount is None else fmt_amount_sv(t.amount)
    right = [
        Paragraph("Ersättning", s["label"]),
        Paragraph(markup(tariff_text_sv(statement.tariff)), s["text"]),
        Spacer(1, 6),
        Paragraph(f"<b>Summa ersättning: {markup(amount)}</b>", s["subtitle"]),
    ]
    block = Table(
        [[[Paragraph("Summering", s["label"]), left], right]],
        colWidths=[245 + 24, max(150.0, frame_width - 245 - 24)],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 24),
            ]
        ),
    )
    return [Paragraph("Summering och ersättning", s["h2"]), block]  # kept together by the caller


def _supervisors(section: SupervisorSection, frame_width: float) -> list[Flowable]:
    s = styles()
    data: list[list[object]] = [
        ["Handledare", "Tjänstgöringsgrad", "Finansierad tid", "Arbetad tid", "Frånvaro", "Avvikelse"]
    ]
    for r in section.rows:
        data.append(
            [
                Lines(plain(r.name), size=7.5),  # wraps a long name, and is cheaper than a Paragraph
                f"{r.fte_percent}{NBSP}%",
                hours_sv(r.funded_hours),
                hours_sv(r.worked_hours),
                hours_sv(r.absence_hours),
                hours_sv(r.difference),
            ]
        )
    total = [section.funded_hours, section.worked_hours, section.absence_hours, section.difference]
    data.append(["Summa", "", *(hours_sv(v) for v in total)])
    supervisors = simple_table(data, [min(190.0, frame_width * 0.3), 80, 75, 65, 60, 65])

    areas: list[list[object]] = [["Arbetsområde", "Arbetad tid"]]
    areas += [[Lines(plain(a), size=7.5), hours_sv(h)] for a, h in section.by_work_area.items()]
    areas.append(["Summa", hours_sv(sum(section.by_work_area.values(), Decimal(0)))])
    activities: list[list[object]] = [["Aktivitet", "Tid"]]
    for activity in ACTIVITIES:  # all five, absences too, also those with no hours
        label = ACTIVITY_SV[activity] + (" (frånvaro)" if activity in ABSENCE_ACTIVITIES else "")
        activities.append([label, hours_sv(section.by_activity.get(activity, Decimal(0)))])
    activities.append(["Summa", hours_sv(sum(section.by_activity.values(), Decimal(0)))])
    side_by_side = Table(
        [[simple_table(areas, [110, 65]), simple_table(activities, [130, 65])]],
        colWidths=[110 + 65 + 24, 130 + 65],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    note = (
        f"Arbetsdagar i månaden: {section.working_days}. Finansierad tid = tjänstgöringsgrad × heltidsveckan ÷ 5 × "
        "antalet arbetsdagar. Arbetad tid = handledning, administration och utbildning; frånvaro = semester och sjuk. "
        "Avvikelse = arbetad tid − finansierad tid. Tid per arbetsområde tar bara med poster med arbetsområde."
    )
    return [  # kept together (with the signatures) by the caller
        Paragraph("Handledartid (värdstadsdel)", s["h2"]),
        supervisors,
        Spacer(1, 6),
        side_by_side,
        Spacer(1, 4),
        Paragraph(note, s["muted"]),
    ]


def _checks(statement: Statement) -> list[Flowable]:
    """'Att kontrollera': the plausibility warnings (core/plausibility.py) per member and reason, with the days."""
    groups = grouped(statement.warnings)
    if not groups:
        return []
    s = styles()
    lines = []
    for group in groups[:MAX_CHECKS]:
        text = group.message("sv")
        name, rest = text[: len(group.member)], text[len(group.member) :]
        lines.append(f"<b>{markup(name)}</b>{markup(rest)}")
    if len(groups) > MAX_CHECKS:
        lines.append(f"… och {len(groups) - MAX_CHECKS} till.")
    lines.append(f"Dagarna är dagar i {statement.month.name_sv()}. Uppgifterna är tillåtna och hindrar inte attesten.")
    return [KeepTogether([Paragraph("Att kontrollera", s["h2"]), Paragraph("<br/>".join(lines), s["legend"])])]


def _signatures(frame_width: float) -> list[Flowable]:
    s = styles()
    column = (frame_width - 30) / 2
    gap = 26

    def field(label: str) -> list[Flowable]:
        return [Spacer(1, gap), Rule(column - 10), Paragraph(label, s["muted"])]

    cooperative = [
        Paragraph("<b>För kooperativet</b>", s["text"]),
        *field("Underskrift"),
        *field("Namnförtydligande"),
        *field("Datum"),
    ]
    district = [
        Paragraph("<b>Beställarens anteckning</b>", s["text"]),
        Spacer(1, 4),
        NoteBox(column - 10, 3 * (gap + 9.6) - 4 - 9.6),
        *field("Mottagen av, datum"),
    ]
    table = Table(
        [[cooperative, district]],
        colWidths=[column + 15, column + 15],
        hAlign="LEFT",
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
    )
    return [Paragraph("Underskrifter", s["h2"]), table]  # kept together with the totals by the caller


# --- what every page carries -------------------------------------------------------------------


class _Page:
    """Running head, secrecy mark, 'PRELIMINÄR' watermark, footer and 'Sida n (N)'.

    The head and footer are wrapped once up front, so that a long district name takes the lines
    it needs and the text frame starts below it.
    """

    def __init__(
        self, statement: Statement, printed: dt.date, pagesize: tuple[float, float], issued: str | None = None
    ) -> None:
        s = styles()
        self.width, self.height = pagesize
        self.preliminary = not statement.attested
        inner = self.width - 2 * MARGIN
        self.left_width = self.mid_width = inner * 0.36
        self.right_width = inner - self.left_width - self.mid_width
        coop = f"<b>{markup(statement.cooperative)}</b>"
        if statement.cooperative_org_number:
            coop += f"<br/>Org.nr {markup(statement.cooperative_org_number)}"
        self.left = Paragraph(coop, s["run"])
        self.mid = Paragraph(
            f"<b>Månadsredovisning</b><br/>{markup(statement.district)} · {statement.month.name_sv()}", s["run_center"]
        )
        self.secrecy = Paragraph(SECRECY_MARK, s["secrecy"])
        self.page_line = 9.2  # room for "Sida n (N)" above the secrecy mark
        _, left_height = self.left.wrap(self.left_width, self.height)
        _, mid_height = self.mid.wrap(self.mid_width, self.height)
        _, secrecy_height = self.secrecy.wrap(self.right_width, self.height)
        self.head_height = max(left_height, mid_height, self.page_line + secrecy_height)
        self.top = self.height - 9 * mm
        self.top_margin = 9 * mm + self.head_height + 6 * mm

        footer = (
            f"coopdesk {markup(coopdesk.__version__)} · Kontrollsumma {statement_fingerprint(statement)} · "
            f"Utskriven {printed} · {markup(_status_text(statement))}" + (f" · {markup(issued)}" if issued else "")
        )
        self.footer = Paragraph(footer, s["footer"])
        _, self.footer_height = self.footer.wrap(inner, self.height)
        self.bottom_margin = 8 * mm + self.footer_height + 5 * mm

    def decorate(self, canv: pdfcanvas.Canvas, _doc: object) -> None:
        """Draw what every page carries; it is the same on every page, so it is drawn once into a form
        XObject that each page refers to (smaller files, and a long statement builds faster)."""
        if not getattr(canv, "_coopdesk_page_form", False):
            canv.beginForm(PAGE_FORM)
            self._draw(canv)
            canv.endForm()
            canv._coopdesk_page_form = True
        canv.doForm(PAGE_FORM)

    def _draw(self, canv: pdfcanvas.Canvas) -> None:
        canv.saveState()
        if self.preliminary:
            self._watermark(canv)
        self.left.drawOn(canv, MARGIN, self.top - self.left.height)
        self.mid.drawOn(canv, MARGIN + self.left_width, self.top - self.mid.height)
        right = self.width - MARGIN - self.right_width
        self.secrecy.drawOn(canv, right, self.top - self.page_line - self.secrecy.height)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        rule = self.top - self.head_height - 2.5 * mm
        canv.line(MARGIN, rule, self.width - MARGIN, rule)
        rule = 8 * mm + self.footer_height + 2 * mm
        canv.line(MARGIN, rule, self.width - MARGIN, rule)
        self.footer.drawOn(canv, MARGIN, 8 * mm)
        canv.restoreState()

    def _watermark(self, canv: pdfcanvas.Canvas) -> None:
        """'PRELIMINÄR' along the page's diagonal, faint, under the content."""
        canv.saveState()
        canv.setFillColor(WATERMARK)  # pale rather than transparent: it lies under everything anyway
        along = 0.62 * math.hypot(self.width, self.height) / pdfmetrics.stringWidth(PRELIMINARY, FONT_BOLD, 1)
        size = min(along, min(self.width, self.height) / 4)
        canv.setFont(FONT_BOLD, size)
        canv.translate(self.width / 2, self.height / 2)
        canv.rotate(math.degrees(math.atan2(self.height, self.width)))
        canv.drawCentredString(0, -size * 0.35, PRELIMINARY)
        canv.restoreState()

    def number(self, canv: pdfcanvas.Canvas, page: int, pages: int) -> None:
        canv.saveState()
        canv.setFont(FONT_BOLD, 8)
        canv.drawRightString(self.width - MARGIN, self.top - 7.5, f"Sida {page} ({pages})")
        canv.restoreState()


def statement_pdf(
    statement: Statement, *, printed: dt.date | None = None, issued: str | None = None, notice: str | None = None
) -> bytes:
    """The statement as PDF bytes; ``printed`` is the date printed on it (default today).

    ``issued`` marks an issued version printed again ("Utfärdad 2026-06-03 av Sara Svensson, version 2",
    in the status line and every page's footer); ``notice`` is a warning under the status line (the
    current statement of a month whose figures changed since it was issued)."""
    register_fonts()
    printed = printed or dt.date.today()
    pagesize = landscape(A4) if statement.rows else portrait(A4)
    page = _Page(statement, printed, pagesize, issued)
    frame_width = pagesize[0] - 2 * MARGIN
    s = styles()

    story = _header(statement, printed, frame_width, issued, notice)
    story.append(Paragraph("Medlemmar", s["h2"]))
    if statement.rows:
        story += [MemberTable.of(statement, frame_width), Spacer(1, 4), KeepTogether(Paragraph(LEGEND, s["legend"]))]
    else:
        story.append(Paragraph("Inga beslut för den här beställaren gällde under månaden.", s["text"]))
    story += _checks(statement)
    # The signature block never stands alone on a page: it is kept with the totals before it (the
    # supervisors' section on the host district's statement, else the summary).
    # (KeepTogether takes the flowables themselves: one nested in another would always break the page.)
    tail = _summary(statement, frame_width)
    if statement.supervisors is not None:
        story.append(KeepTogether(tail))
        tail = _supervisors(statement.supervisors, frame_width)
    story.append(KeepTogether([*tail, *_signatures(frame_width)]))

    return build_document(
        story,
        pagesize=pagesize,
        margin=MARGIN,
        page=page,
        title=f"Månadsredovisning {statement.district} {statement.month.name_sv()}",
        author=statement.cooperative,
        subject=SECRECY_MARK,
    )
