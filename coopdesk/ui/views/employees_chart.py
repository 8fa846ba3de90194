"""The outlook as a chart: the subsidy per month as stacked bars (one colour per employee), each step-down
and end marked where it falls, drawn with QPainter (no QtCharts: the installer has no room for it).

The geometry is plain methods (``bar_rect``, ``marker_x``) so a test can check where a mark lands
without looking at pixels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coopdesk.core.subsidy import SubsidyChange, SubsidyMonth
from coopdesk.core.text import swedish_key
from coopdesk.ui import formats

#: Colours told apart by people with the common colour blindnesses (Okabe & Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MONTH_LETTERS_SV = "JFMAMJJASOND"


@dataclass(frozen=True)
class Series:
    personal_number: str
    name: str
    colour: QColor


def nice_step(top: Decimal) -> Decimal:
    """A round step for 3–6 gridlines up to ``top``: 1, 2 or 5 × a power of ten."""
    if top <= 0:
        return Decimal(1000)
    power = Decimal(1)
    while power * 10 <= top:
        power *= 10
    for factor in (Decimal("0.1"), Decimal("0.2"), Decimal("0.5"), Decimal(1), Decimal(2)):
        if top / (power * factor) <= 6:
            return power * factor
    return power * 5


class OutlookChart(QWidget):
    LEFT, RIGHT, TOP, BOTTOM = 78, 12, 58, 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlookChart")
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.months: list[SubsidyMonth] = []
        self.changes: list[SubsidyChange] = []
        self.series: list[Series] = []
        self.top = Decimal(1000)

    def sizeHint(self) -> QSize:
        return QSize(720, 300)

    def set_outlook(self, months: list[SubsidyMonth], changes: list[SubsidyChange]) -> None:
        self.months, self.changes = months, changes
        people = {line.personal_number: line.name for m in months for line in m.lines}
        people.update({c.personal_number: c.name for c in changes})
        ordered = sorted(people, key=lambda n: (swedish_key(people[n]), n))
        self.series = [Series(n, people[n], QColor(PALETTE[i % len(PALETTE)])) for i, n in enumerate(ordered)]
        highest = max((m.total for m in months), default=Decimal(0))
        step = nice_step(highest)
        self.top = max(step, ((highest / step).to_integral_value(rounding="ROUND_CEILING")) * step)
        self.update()

    # --- geometry ------------------------------------------------------------------------------

    def plot(self) -> QRectF:
        return QRectF(
            self.LEFT,
            self.TOP,
            max(1, self.width() - self.LEFT - self.RIGHT),
            max(1, self.height() - self.TOP - self.BOTTOM),
        )

    def _x_of_month(self, index: float) -> float:
        plot = self.plot()
        return plot.left() + plot.width() * index / max(1, len(self.months))

    def _y_of(self, value: Decimal) -> float:
        plot = self.plot()
        return plot.bottom() - plot.height() * float(value / self.top)

    def bar_rect(self, index: int) -> QRectF:
        """The whole bar of month ``index`` (all employees)."""
        width = self._x_of_month(1) - self._x_of_month(0)
        left = self._x_of_month(index) + width * 0.15
        top = self._y_of(self.months[index].total)
        return QRectF(left, top, width * 0.7, self.plot().bottom() - top)

    def marker_x(self, change: SubsidyChange) -> float | None:
        """Where a step (its first day) or an end (the day after its last) falls; None outside the chart."""
        if not self.months:
            return None
        day = change.day + dt.timedelta(days=1) if change.is_end else change.day
        first = self.months[0].month
        index = (day.year - first.year) * 12 + day.month - first.month
        if not 0 <= index <= len(self.months):
            return None
        days = self.months[index].month.number_of_days if index < len(self.months) else 31
        return self._x_of_month(index + (day.day - 1) / days)

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.months:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Ingen prognos att visa."))
            return
        self._grid(painter)
        self._bars(painter)
        self._axis(painter)
        self._markers(painter)
        self._legend(painter)

    def _grid(self, painter: QPainter) -> None:
        plot = self.plot()
        step = nice_step(self.top)
        muted = self.palette().mid().color()
        painter.setFont(self.font())
        value = Decimal(0)
        while value <= self.top:
            y = self._y_of(value)
            painter.setPen(QPen(muted, 0.5))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.palette().text().color())
            label = QRectF(0, y - 9, self.LEFT - 6, 18)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _kr(value))
            value += step

    def _bars(self, painter: QPainter) -> None:
        colours = {s.personal_number: s.colour for s in self.series}
        painter.setPen(Qt.PenStyle.NoPen)
        for index, month in enumerate(self.months):
            bar = self.bar_rect(index)
            base = Decimal(0)
            for line in month.lines:
                bottom, top = self._y_of(base), self._y_of(base + line.subsidy)
                painter.setBrush(colours.get(line.personal_number, QColor("#888888")))
                painter.drawRect(QRectF(bar.left(), top, bar.width(), bottom - top))
                base += line.subsidy

    def _axis(self, painter: QPainter) -> None:
        plot = self.plot()
        painter.setPen(self.palette().text().color())
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        width = self._x_of_month(1) - self._x_of_month(0)
        for index, month in enumerate(self.months):
            x = self._x_of_month(index)
            letter = MONTH_LETTERS_SV[month.month.month - 1]
            painter.drawText(QRectF(x, plot.bottom() + 2, width, 16), Qt.AlignmentFlag.AlignHCenter, letter)
            if month.month.month == 1 or index == 0:
                bold = QFont(self.font())
                bold.setBold(True)
                painter.setFont(bold)
                painter.drawText(
                    QRectF(x, plot.bottom() + 18, 60, 16), Qt.AlignmentFlag.AlignLeft, str(month.month.year)
                )
                painter.setFont(self.font())
                if index:
                    painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 18))

    def _markers(self, painter: QPainter) -> None:
        plot = self.plot()
        colours = {s.personal_number: s.colour for s in self.series}
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        for number, change in enumerate(self.changes):
            x = self.marker_x(change)
            if x is None:
                continue
            colour = colours.get(change.personal_number, QColor("#444444"))
            pen = QPen(colour, 1.6, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            text = self.tr("slut") if change.is_end else f"{change.before}→{change.after} %"
            row = number % 2  # two rows of labels, so neighbouring marks do not write over each other
            painter.drawText(QRectF(x - 50, plot.top() - 20 - 12 * row, 100, 14), Qt.AlignmentFlag.AlignHCenter, text)
        painter.setFont(self.font())

    def _legend(self, painter: QPainter) -> None:
        x = float(self.LEFT)
        for series in self.series:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(series.colour)
            painter.drawRect(QRectF(x, 4, 10, 10))
            painter.setPen(self.palette().text().color())
            width = painter.fontMetrics().horizontalAdvance(series.name) + 8
            painter.drawText(QRectF(x + 14, 0, width, 18), Qt.AlignmentFlag.AlignVCenter, series.name)
            x += 14 + width + 12


def _kr(value: Decimal) -> str:
    if formats.english():
        return f"{int(value):,}"
    return f"{int(value):,}".replace(",", "\N{NO-BREAK SPACE}")
