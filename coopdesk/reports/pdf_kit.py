"""The reportlab pieces the printed documents share: the embedded font, styles, Swedish number forms,
light table cells, ruled fields and a canvas that can write "Sida 1 (3)".

Nothing here knows about statements; :mod:`coopdesk.reports.statement_pdf` puts the pieces together.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Table, TableStyle

from coopdesk.core.numbers import NBSP, fmt_sv
from coopdesk.core.text import printable
from coopdesk.storage.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MINUS = "\u2212"  # Swedish typography writes a true minus sign, not a hyphen

TEXT_SIZE = 8.5
TABLE_SIZE = 7
HEAD_SIZE = 6.5
LEGEND_SIZE = 7.5
LEADING = 1.22  # line height as a multiple of the font size in tables

DARK_RED = colors.HexColor("#9b1c1c")
GRID = colors.HexColor("#9a9a9a")
HEAD_FILL = colors.HexColor("#e4e8ee")
TOTAL_FILL = colors.HexColor("#f1f1f1")
ZEBRA_FILL = colors.HexColor("#f8f8f8")
MUTED = colors.HexColor("#555555")

WEEKDAY_SV = {1: "mån", 2: "tis", 3: "ons", 4: "tor", 5: "fre", 6: "lör", 7: "sön"}

Line = tuple[str, str, colors.Color]  # text, font name, colour


# --- font and styles ---------------------------------------------------------------------------


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (shipped in coopdesk/resources/fonts) once per process; it is embedded in every PDF.

    The PDF standard fonts cannot print "Łukasz Şahin"; DejaVu Sans covers every Latin script name.
    """
    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.25)

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "text": base,
        "muted": style("muted", fontSize=7, leading=8.6, textColor=MUTED),
        # the member table's legend: read while reading the table, so at least 7.5 pt (not a footnote)
        "legend": style("legend", fontSize=LEGEND_SIZE, leading=LEGEND_SIZE * 1.25, textColor=MUTED),
        "title": style("title", fontName=FONT_BOLD, fontSize=17, leading=21),
        "subtitle": style("subtitle", fontSize=11, leading=14, spaceAfter=2),
        "h2": style("h2", fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=4),
        "label": style("label", fontSize=6.5, leading=8, textColor=MUTED),
        "run": style("run", fontSize=7.5, leading=9.2),
        "run_center": style("run_center", fontSize=7.5, leading=9.2, alignment=TA_CENTER),
        "secrecy": style(
            "secrecy", fontName=FONT_BOLD, fontSize=7.5, leading=9.2, alignment=TA_RIGHT, textColor=DARK_RED
        ),
        "footer": style("footer", fontSize=7, leading=8.6, alignment=TA_CENTER, textColor=MUTED),
        "status_pre": style("status_pre", fontName=FONT_BOLD, fontSize=9, leading=11.5, textColor=DARK_RED),
        "status_ok": style("status_ok", fontName=FONT_BOLD, fontSize=9, leading=11.5),
    }


# --- Swedish forms (ui-sv.md) ------------------------------------------------------------------


def hours_sv(value: Fraction | Decimal | int | None) -> str:
    """Hours as the JSON form has them (2 decimals), with a decimal comma and a true minus sign."""
    return fmt_sv(value, 2).replace("-", MINUS)


def rate_sv(value: Decimal | None) -> str:
    return "–" if value is None else f"{fmt_sv(value, 1)}{NBSP}%"


def date_sv(value: dt.date | dt.datetime) -> str:
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def weekdays_sv(days: Iterable[int]) -> str:
    """'mån–tor' for a run of three days or more, 'mån, ons, fre' otherwise."""
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAY_SV[ordered[0]]}–{WEEKDAY_SV[ordered[-1]]}"
    return ", ".join(WEEKDAY_SV[d] for d in ordered)


# --- table cells -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """pdfmetrics.stringWidth, remembered: a statement measures the same figures and names many times."""
    return pdfmetrics.stringWidth(text, font, size)


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap at spaces; a word wider than the cell breaks after a hyphen, else anywhere.

    Nothing is ever cut off: a name longer than its cell takes as many lines as it needs. No-break
    spaces (in "6 350,00 kr") are not break points.
    """

    def measure(value: str) -> float:
        return text_width(value, font, size)

    if measure(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while measure(word) > width:
            cut = _cut_at(word, measure, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _cut_at(word: str, measure: Callable[[str], float], width: float) -> int:
    """Where to break a word too wide for its cell: after its last hyphen that fits, else where it fills the cell."""
    fits = [i for i in range(1, len(word)) if measure(word[:i]) <= width]
    if not fits:
        return 1
    hyphens = [i for i in fits if word[i - 1] == "-"]
    return hyphens[-1] if hyphens else fits[-1]


def plain(*texts: str, font: str = FONT, colour: colors.Color = colors.black) -> list[Line]:
    """Lines of text for a table cell, printed in the order they are stored (no bidi controls)."""
    return [(printable(t), font, colour) for t in texts]


def markup(text: str) -> str:
    """Text for a Paragraph: markup characters escaped, bidi controls left out (see :func:`plain`)."""
    return escape(printable(text))


class Lines(Flowable):
    """Lines of text in a table cell, each in its own font and colour, wrapped to the cell.

    A light stand-in for a Paragraph: a statement has thousands of such cells, and Paragraph's
    markup parser would make the PDF several times slower to build.
    """

    def __init__(self, lines: Sequence[Line], size: float = TABLE_SIZE, leading: float = LEADING) -> None:
        super().__init__()
        self.lines = lines
        self.size, self.leading = size, size * leading
        self._wrapped: list[Line] = []
        self._wrapped_at = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._wrapped_at:
            self._wrapped = [
                (piece, font, colour)
                for text, font, colour in self.lines
                for piece in wrap_text(text, font, self.size, avail_width)
            ]
            self._wrapped_at = avail_width
        self.width, self.height = avail_width, len(self._wrapped) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        lines = self.canv.beginText(0, self.height - self.size * 0.93)  # DejaVu's ascent
        font = colour = None
        for text, line_font, line_colour in self._wrapped:
            if line_font != font:
                font = line_font
                lines.setFont(font, self.size, self.leading)
            if line_colour != colour:
                colour = line_colour
                lines.setFillColor(colour)
            lines.textLine(text)
        self.canv.drawText(lines)


def simple_table(data: list[list[object]], widths: list[float], *, numeric_from: int = 1) -> Table:
    """A small table with a head row, a totals row last and figures right-aligned from ``numeric_from``."""
    last = len(data) - 1
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 7.5, 9.2),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7, 8.6),
                ("FONT", (0, last), (-1, last), FONT_BOLD, 7.5, 9.2),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, last), (-1, last), 0.8, colors.black),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        ),
    )


# --- fields to fill in by hand -----------------------------------------------------------------


def light_table(data: list[list[object]], widths: list[float], *, zebra: bool = True) -> Table:
    """A light table with a head row that repeats on every page."""
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 7.5, 9.2),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7, 8.6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if zebra:
        style += [("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL) for row in range(2, len(data), 2)]
    return Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(style))


class Rule(Flowable):
    """A line to sign on."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 1

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


class NoteBox(Flowable):
    """A ruled box for a handwritten note."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.6)
        c.setStrokeColor(GRID)
        c.rect(0, 0, self.width, self.height)
        c.setLineWidth(0.25)
        y = self.height - 18
        while y > 6:
            c.line(6, y, self.width - 6, y)
            y -= 18


# --- pages -------------------------------------------------------------------------------------


def numbered_canvas(number: Callable[[pdfcanvas.Canvas, int, int], None]) -> type[pdfcanvas.Canvas]:
    """A canvas class that holds its pages back until the end, so each can say 'Sida n (N)'.

    ``number(canvas, page, pages)`` draws the numbering on each page just before it is written.
    """

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._held)
            for page, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                number(self, page, pages)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_document(
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margin: float,
    page: object,
    title: str,
    author: str,
    subject: str,
) -> bytes:
    """Lay out ``story`` on pages decorated by ``page`` (header, footer, "Sida n (N)") and return the PDF.

    ``page`` has ``top_margin``, ``bottom_margin``, ``decorate(canvas, doc)`` and ``number(canvas, n, total)``.
    The document is invariant: the same content and date give the same bytes.
    """
    import io

    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    import coopdesk

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=page.top_margin,  # type: ignore[attr-defined]
        bottomMargin=page.bottom_margin,  # type: ignore[attr-defined]
        title=title,
        author=author,
        subject=subject,
        creator=f"coopdesk {coopdesk.__version__}",
        invariant=True,
    )
    height = pagesize[1] - page.top_margin - page.bottom_margin  # type: ignore[attr-defined]
    frame = Frame(margin, page.bottom_margin, pagesize[0] - 2 * margin, height, 0, 0, 0, 0, id="body")  # type: ignore[attr-defined]
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPage=page.decorate)])  # type: ignore[attr-defined]
    doc.build(story, canvasmaker=numbered_canvas(page.number))  # type: ignore[attr-defined]
    return buffer.getvalue()


class RunningPage:
    """A portrait page's running head and footer: ``left`` (the cooperative), ``middle`` (the document
    and whom it is about), 'Sida n (N)' above the ``secrecy`` mark on the right, a rule under the head,
    and ``footer`` centred over a rule at the foot. The three texts are Paragraph markup (escaped).

    For :func:`build_document`; the register extract, the wage subsidy basis and the time report use it.
    """

    def __init__(
        self,
        *,
        left: str,
        middle: str,
        footer: str,
        secrecy: str,
        margin: float,
        column_share: float = 0.3,
        pagesize: tuple[float, float] = A4,
    ) -> None:
        from reportlab.platypus import Paragraph

        s = styles()
        self.margin = margin
        self.width, self.height = pagesize
        inner = self.width - 2 * margin
        self.column = inner * column_share  # left and middle; the secrecy mark takes the rest, on one line
        self.right = inner - 2 * self.column
        self.left = Paragraph(left, s["run"])
        self.mid = Paragraph(middle, s["run_center"])
        self.secrecy = Paragraph(secrecy, s["secrecy"])
        # The mark on one line: with a wider margin (the yearly report's) the rest was too narrow and it
        # wrapped to two; the left and middle columns give up what it needs, at most a half of the width.
        self.secrecy.wrap(inner, self.height)
        needed = max(self.secrecy.getActualLineWidths0(), default=0.0)
        if needed > self.right:
            self.right = min(needed + 1, inner / 2)
            self.column = (inner - self.right) / 2
        self.page_line = 9.2
        _, left_h = self.left.wrap(self.column, self.height)
        _, mid_h = self.mid.wrap(self.column, self.height)
        _, sec_h = self.secrecy.wrap(self.right, self.height)
        self.head_height = max(left_h, mid_h, self.page_line + sec_h)
        self.top = self.height - 10 * mm
        self.top_margin = 10 * mm + self.head_height + 7 * mm
        self.footer = Paragraph(footer, s["footer"])
        _, self.footer_height = self.footer.wrap(inner, self.height)
        self.bottom_margin = 9 * mm + self.footer_height + 5 * mm

    def decorate(self, canv: pdfcanvas.Canvas, _doc: object) -> None:
        m = self.margin
        canv.saveState()
        self.left.drawOn(canv, m, self.top - self.left.height)
        self.mid.drawOn(canv, m + self.column, self.top - self.mid.height)
        self.secrecy.drawOn(canv, self.width - m - self.right, self.top - self.page_line - self.secrecy.height)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        rule = self.top - self.head_height - 2.5 * mm
        canv.line(m, rule, self.width - m, rule)
        rule = 9 * mm + self.footer_height + 2 * mm
        canv.line(m, rule, self.width - m, rule)
        self.footer.drawOn(canv, m, 9 * mm)
        canv.restoreState()

    def number(self, canv: pdfcanvas.Canvas, page: int, pages: int) -> None:
        canv.saveState()
        canv.setFont(FONT_BOLD, 8)
        canv.drawRightString(self.width - self.margin, self.top - 7.5, f"Sida {page} ({pages})")
        canv.restoreState()
