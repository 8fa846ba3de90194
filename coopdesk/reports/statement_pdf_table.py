"""The member table of the statement PDF: one row per statement row, every figure of domain.md §4.

Eighteen columns have to share a landscape A4 page, so the figures get exactly the width their
widest value needs and the text columns (names, decisions, capacity, work areas) share the rest:
as wide as their longest line when it all fits; otherwise the widest give way first and wrap,
never cutting anything off. The head row repeats on every page the table runs over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from coopdesk.core.numbers import NBSP, fmt_amount_sv
from coopdesk.core.statement import Billing, Statement, StatementRow
from coopdesk.core.text import swedish_key
from coopdesk.reports.pdf_kit import (
    FONT,
    FONT_BOLD,
    GRID,
    HEAD_FILL,
    HEAD_SIZE,
    LEADING,
    MUTED,
    TABLE_SIZE,
    TOTAL_FILL,
    ZEBRA_FILL,
    Line,
    Lines,
    hours_sv,
    plain,
    rate_sv,
    text_width,
    weekdays_sv,
)

PAD = 2.5  # cell padding left and right
MIN_TEXT_WIDTH = 40.0  # a text column never gets narrower than this (unless the page is too narrow)

Cell = str | list[Line]  # a figure (right-aligned, never wraps) or lines of text (wrap to the column)

LEGEND = (
    "<b>Förklaring.</b> Period = de dagar i månaden som beslutet gällde. "
    "Omfattning = arbetsförmåga i procent under perioden, vid ändring från och med datumet; planerade veckodagar "
    "inom parentes när de inte är mån–fre. "
    "Plan. dagar, Plan. tid = planerade dagar och planerad tid i timmar. "
    "Närv. dagar, Närv. tid = närvarodagar och närvarotid i timmar. "
    "Extra dagar = närvaro en dag som inte var planerad (ingår i närvarodagarna). "
    "Sjuk = sjukdagar. Anm. frånv., Oanm. frånv. = dagar med anmäld respektive oanmäld frånvaro. "
    "Ledig = lediga dagar. Ej reg. = planerade dagar utan registrering. "
    "Närv.-grad = närvarotid ÷ planerad tid × 100 (tomt när inget var planerat). "
    "Tid per arbetsområde = närvarotid i timmar. "
    "Underlag = heldagar och halvdagar (ersättning per dag), debiterad tid (per timme) eller "
    "del av månaden (per månad). Belopp = ersättning, avrundad till hela ören per rad."
)


@dataclass(frozen=True)
class Column:
    key: str
    head: str
    cell: Callable[[StatementRow], Cell]
    weight: float = 0.0  # text columns: how firmly they keep their width, and their share of spare width
    figure: bool = True  # right-aligned


def capacity_lines(row: StatementRow) -> list[str]:
    """'50 %', then '75 % fr.o.m. 2026-05-18' for a change within the period; weekdays below when not mån–fre."""
    lines = []
    for entry in row.capacity:
        text = f"{entry.percent}{NBSP}%"
        if entry.start != row.period_from:
            text += f" fr.o.m. {entry.start.isoformat()}"
        lines.append(text)
        if set(entry.weekdays) != {1, 2, 3, 4, 5}:
            lines.append(f"({weekdays_sv(entry.weekdays)})")
    return lines or ["–"]


def billing_basis(billing: Billing, row: StatementRow, month_days: int) -> str:
    if billing.tariff == "per_day":
        return f"{billing.full_days or 0} hel\n{billing.half_days or 0} halv"
    if billing.tariff == "per_hour":
        return f"{hours_sv(billing.hours)} tim"
    if billing.tariff == "per_month":
        days = (row.period_to - row.period_from).days + 1
        return "hel månad" if days == month_days else f"{days} av {month_days}\ndagar"
    return "–"


def _member(row: StatementRow) -> list[Line]:
    return [*plain(row.member, font=FONT_BOLD), *plain(row.personal_number or "–")]  # None: erased


def _decision(row: StatementRow) -> list[Line]:
    return plain(row.decision_ref) + (plain(row.case_worker, colour=MUTED) if row.case_worker else [])


def _areas(hours: dict[str, Decimal], font: str = FONT) -> list[Line]:
    return plain(*(f"{area} {hours_sv(value)}" for area, value in hours.items()), font=font) or plain("–")


def columns(month_days: int) -> list[Column]:
    def count(name: str) -> Callable[[StatementRow], str]:
        return lambda r: str(getattr(r, name))

    return [
        Column("member", "Medlem,\npersonnummer", _member, 1.2, figure=False),
        Column("decision", "Beslutsnr,\nhandläggare", _decision, 0.8, figure=False),
        Column("period", "Period", lambda r: plain(f"{r.period_from}–", str(r.period_to)), figure=False),
        Column("capacity", "Omfattning", lambda r: plain(*capacity_lines(r)), 0.9, figure=False),
        Column("planned_days", "Plan.\ndagar", count("planned_days")),
        Column("planned_hours", "Plan.\ntid", lambda r: hours_sv(r.planned_hours)),
        Column("attended_days", "Närv.\ndagar", count("attended_days")),
        Column("attended_hours", "Närv.\ntid", lambda r: hours_sv(r.attended_hours)),
        Column("extra_days", "Extra\ndagar", count("extra_days")),
        Column("sick_days", "Sjuk", count("sick_days")),
        Column("notified_absence_days", "Anm.\nfrånv.", count("notified_absence_days")),
        Column("unnotified_absence_days", "Oanm.\nfrånv.", count("unnotified_absence_days")),
        Column("leave_days", "Ledig", count("leave_days")),
        Column("unregistered_days", "Ej\nreg.", count("unregistered_days")),
        Column("attendance_rate", "Närv.-\ngrad", lambda r: rate_sv(r.attendance_rate)),
        Column("areas", "Tid per\narbetsområde", lambda r: _areas(r.hours_by_work_area), 1.5, figure=False),
        Column("basis", "Underlag", lambda r: billing_basis(r.billing, r, month_days)),
        Column("amount", "Belopp", lambda r: fmt_amount_sv(r.billing.amount)),
    ]


def totals_cells(statement: Statement, cols: list[Column]) -> list[Cell]:
    t = statement.totals
    areas: dict[str, Decimal] = {}
    for row in statement.rows:
        for area, hours in row.hours_by_work_area.items():
            areas[area] = areas.get(area, Decimal(0)) + hours
    basis = "–"
    if statement.tariff.kind == "per_day":
        full = sum(r.billing.full_days or 0 for r in statement.rows)
        half = sum(r.billing.half_days or 0 for r in statement.rows)
        basis = f"{full} hel\n{half} halv"
    elif statement.tariff.kind == "per_hour":
        basis = f"{hours_sv(sum((r.billing.hours or Decimal(0) for r in statement.rows), Decimal(0)))} tim"
    values: dict[str, Cell] = {
        "member": plain(f"Summa ({t.rows} {'rad' if t.rows == 1 else 'rader'})", font=FONT_BOLD),
        "planned_days": str(t.planned_days),
        "planned_hours": hours_sv(t.planned_hours),
        "attended_days": str(t.attended_days),
        "attended_hours": hours_sv(t.attended_hours),
        "extra_days": str(t.extra_days),
        "sick_days": str(t.sick_days),
        "notified_absence_days": str(t.notified_absence_days),
        "unnotified_absence_days": str(t.unnotified_absence_days),
        "leave_days": str(t.leave_days),
        "unregistered_days": str(t.unregistered_days),
        "attendance_rate": rate_sv(t.attendance_rate),
        "areas": _areas(dict(sorted(areas.items(), key=lambda kv: swedish_key(kv[0]))), FONT_BOLD) if areas else "",
        "basis": basis,
        "amount": fmt_amount_sv(t.amount),
    }
    return [values.get(c.key, "") for c in cols]


def _cell_width(cell: Cell) -> tuple[float, float]:
    """(natural width, narrowest sensible width) of a cell's content."""
    if isinstance(cell, str):
        width = max(text_width(line, FONT_BOLD, TABLE_SIZE) for line in cell.split("\n"))
        return width, width
    natural = max(text_width(text, font, TABLE_SIZE) for text, font, _c in cell)
    word = max(text_width(w, font, TABLE_SIZE) for text, font, _c in cell for w in text.split(" "))
    return natural, min(word, 70.0)


def column_widths(cols: list[Column], cells: list[list[Cell]], frame_width: float) -> list[float]:
    """Figures get what their widest value needs; text columns share what is left.

    A text column is as wide as its longest line when everything fits (the spare width is shared
    by weight); otherwise all text columns are capped at one width times their weight, so the
    widest and least weighty give way first while short lines (work areas, most names) stay whole.
    """
    natural, narrow = [], []
    for index, column in enumerate(cols):
        head = max(text_width(line, FONT_BOLD, HEAD_SIZE) for line in column.head.split("\n"))
        sizes = [_cell_width(row[index]) for row in cells if row[index]]
        nat = max([head, *(n for n, _m in sizes)]) + 2 * PAD + 0.5
        low = max([head, *(m for _n, m in sizes)]) + 2 * PAD + 0.5
        natural.append(nat)
        narrow.append(max(low, MIN_TEXT_WIDTH) if column.weight else nat)
    text = [i for i, c in enumerate(cols) if c.weight]
    widths = list(natural)
    spare = frame_width - sum(natural)
    if spare >= 0:
        total = sum(cols[i].weight for i in text)
        for i in text:
            widths[i] += spare * cols[i].weight / total
        return widths

    room = frame_width - sum(natural[i] for i in range(len(cols)) if i not in text)

    def capped(cap: float, i: int) -> float:
        return max(narrow[i], min(natural[i], cap * cols[i].weight))

    low, high = 0.0, max(natural[i] / cols[i].weight for i in text)
    for _ in range(40):  # bisect for the largest cap that fits
        cap = (low + high) / 2
        low, high = (low, cap) if sum(capped(cap, i) for i in text) > room else (cap, high)
    for i in text:
        widths[i] = capped(low, i)
    if sum(widths) > frame_width:  # even the narrowest will not do: scale the text columns down
        over, text_total = sum(widths) - frame_width, sum(widths[i] for i in text)
        for i in text:
            widths[i] -= over * widths[i] / text_total
    else:  # the little the bisection left over goes to the columns that were capped
        short = [i for i in text if widths[i] < natural[i]] or text
        leftover = frame_width - sum(widths)
        for i in short:
            widths[i] += leftover / len(short)
    return widths


@dataclass(frozen=True)
class Density:
    """How tightly the member table is set: font size, line height and the padding above and below a row."""

    size: float = TABLE_SIZE
    leading: float = LEADING
    top: float = 2
    bottom: float = 2.5


NORMAL = Density()
#: Tried in turn, only when the table would leave a few rows to a page of their own: first tighter rows,
#: then also a slightly smaller font (6.5 pt, the head row's size).
TIGHTER = (Density(TABLE_SIZE, 1.12, 1, 1.5), Density(6.5, 1.1, 0.8, 1.2))
#: A table that would run over to a new page with this many body rows or fewer is fitted instead.
FEW_ROWS = 3


def _drawable(cell: Cell, width: float, row_font: str, density: Density = NORMAL) -> object:
    """A plain string where the lines fit in the row's font (reportlab draws those fastest), else :class:`Lines`."""
    if isinstance(cell, str):
        return cell
    room = width - 2 * PAD
    if all(
        font == row_font and colour == colors.black and text_width(text, font, density.size) <= room
        for text, font, colour in cell
    ):
        return "\n".join(text for text, _f, _c in cell)
    return Lines(cell, density.size, density.leading)


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """[4, 5, 6, 9, 10] → [(4, 6), (9, 10)]."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


class _Cells:
    """The whole table's cells, made drawable once per density and shared by the parts it breaks into
    (a :class:`Lines` keeps its wrapping, so a row is not wrapped again for every page that follows)."""

    def __init__(self, cols: list[Column], body: list[list[Cell]], totals: list[Cell], widths: list[float]) -> None:
        self.cols, self.body, self.totals, self.widths = cols, body, totals, widths
        self._drawn: dict[Density, tuple[list[list[object]], list[object]]] = {}

    def drawn(self, density: Density) -> tuple[list[list[object]], list[object]]:
        if density not in self._drawn:
            widths = self.widths
            body = [[_drawable(c, w, FONT, density) for c, w in zip(cells, widths, strict=True)] for cells in self.body]
            totals = [_drawable(c, w, FONT_BOLD, density) for c, w in zip(self.totals, widths, strict=True)]
            self._drawn[density] = (body, totals)
        return self._drawn[density]


class MemberTable(Flowable):
    """The member table, which fits itself rather than leave a row or two alone on the next page.

    Laid out as a plain reportlab table (the head repeated on every page, the last row kept with the
    totals). When the table does not fit where it stands and splitting it would leave no more than
    :data:`FEW_ROWS` body rows for the next page, the rest of the table is set tighter (row padding and
    line height, then a slightly smaller font) if that makes it fit; otherwise it breaks as usual, and
    the part that goes over is again a :class:`MemberTable`, so the same holds on every page.
    """

    def __init__(self, cells: _Cells, first_row: int = 0, density: Density = NORMAL) -> None:
        super().__init__()
        self.cells, self.first_row, self.density = cells, first_row, density  # first_row: the first body row shown
        self.rows = len(cells.body) - first_row
        self._table: Table | None = None

    @classmethod
    def of(cls, statement: Statement, frame_width: float) -> MemberTable:
        cols = columns(statement.month.number_of_days)
        body = [[column.cell(row) for column in cols] for row in statement.rows]
        totals = totals_cells(statement, cols)
        return cls(_Cells(cols, body, totals, column_widths(cols, [*body, totals], frame_width)))

    def table(self, density: Density | None = None) -> Table:
        density = density or self.density
        body, totals = self.cells.drawn(density)
        data: list[list[object]] = [[c.head for c in self.cells.cols], *body[self.first_row :], totals]
        last = len(data) - 1
        stripes = [colors.white, ZEBRA_FILL] if self.first_row % 2 == 0 else [ZEBRA_FILL, colors.white]
        leading = density.size * density.leading
        commands: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, density.size, leading),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, HEAD_SIZE, HEAD_SIZE * 1.2),
            ("FONT", (0, last), (-1, last), FONT_BOLD, density.size, leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), density.top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), density.bottom),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("ROWBACKGROUNDS", (0, 1), (-1, last - 1), stripes),
            ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEABOVE", (0, last), (-1, last), 0.8, colors.black),
            ("BOX", (0, 0), (-1, -1), 0.6, GRID),
            ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
        ]
        figures = [i for i, c in enumerate(self.cells.cols) if c.figure]
        for first, last_col in _runs(figures):  # few commands: each costs a pass
            commands += [("ALIGN", (first, 1), (last_col, -1), "RIGHT"), ("ALIGN", (first, 0), (last_col, 0), "CENTER")]
        return Table(
            data,
            colWidths=self.cells.widths,
            repeatRows=1,
            # a page break only between body rows: the last row goes over with the totals, never the totals alone
            rowSplitRange=(2, max(2, last - 1)),
            style=TableStyle(commands),
            hAlign="LEFT",
        )

    def _laid_out(self) -> Table:
        if self._table is None:
            self._table = self.table(self.density)
        return self._table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self._laid_out().wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self._laid_out().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        taken = len(parts[0]._cellvalues) - 1  # body rows on this page (the head row is repeated)
        if not 0 < taken < self.rows:
            return parts
        if self.rows - taken <= FEW_ROWS:
            for density in TIGHTER:
                fitted = MemberTable(self.cells, self.first_row, density)
                if fitted.wrap(avail_width, avail_height)[1] <= avail_height:
                    return [fitted]
        rest = MemberTable(self.cells, self.first_row + taken)
        rest._table = parts[1]  # reportlab's own rest of the table: no second layout of the same rows
        return [parts[0], rest]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._laid_out().drawOn(canvas, x, y, _sW)


def member_table(statement: Statement, frame_width: float) -> Table:
    """The whole member table as one reportlab table, set normally (what :class:`MemberTable` starts from)."""
    return MemberTable.of(statement, frame_width).table()
