"""The charts of the year in figures as reportlab ``graphics`` drawings: printed in the PDF, and shown
in the app's Statistik view as the same drawing (docs/rules.md "Årsstatistik": why no chart library).

Each function takes the plain figures of core/yearly.py and returns a ``Drawing`` of the given size in
points. Colours are told apart by lightness as well as hue, so a black-and-white printout still reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from coopdesk.core.numbers import fmt_sv
from coopdesk.core.vocabulary import ACTIVITIES, ACTIVITY_LABELS
from coopdesk.core.yearly import AGE_BANDS, UNKNOWN_AGE, Yearly
from coopdesk.reports.pdf_kit import FONT, FONT_BOLD, register_fonts
from coopdesk.reports.yearly_xlsx import age_label

#: dark blue, orange, green, light blue, purple: distinct in hue and in grey
PALETTE = [colors.HexColor(c) for c in ("#1f4e79", "#e08a2c", "#5b9a5b", "#8fb8de", "#7a4e8c", "#b8b8b8")]
AXIS = colors.HexColor("#555555")
MONTH_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
AGE_AXIS = {"-24": "–24", "25-34": "25–34", "35-44": "35–44", "45-54": "45–54", "55-64": "55–64", "65-": "65–"}


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 10, text, fontName=FONT_BOLD, fontSize=8.5, fillColor=colors.black))


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1  # one name per column: the names side by side under the chart
    legend.boxAnchor = "nw"
    legend.deltax = 8
    legend.dx, legend.dy = 7, 7
    legend.colorNamePairs = list(zip(PALETTE, names, strict=False))
    legend.dxTextSpace = 4
    drawing.add(legend)


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, *, whole: bool) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
        axis.strokeColor = AXIS
        axis.labels.fillColor = AXIS
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labelTextFormat = (lambda v: f"{v:.0f}") if whole else (lambda v: fmt_sv(Decimal(v), 0))
    chart.categoryAxis.tickShift = 0
    chart.bars.strokeWidth = 0


def _whole_steps(chart: VerticalBarChart | HorizontalBarChart, top: float) -> None:
    """Counts are whole members: whole-number steps on the value axis, whatever the top."""
    step = max(1, round(top / 5 + 0.49))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, (int(top) // step + 1) * step)


def _bars(chart: VerticalBarChart | HorizontalBarChart, series: int) -> None:
    for index in range(series):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]


def members_by_age_and_gender(yearly: Yearly, width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Medlemmar efter ålder och kön")
    cross = yearly.members.by_age_and_gender
    # the six bands, or a hand-out's merged ones (core.yearly.for_hand_out)
    bands = list(AGE_BANDS) if all(b in cross for b in AGE_BANDS) else [b for b in cross if b != UNKNOWN_AGE]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 26, 30, width - 36, height - 62
    chart.data = [[cross[b].get(g, 0) for b in bands] for g in ("kvinna", "man")]
    chart.categoryAxis.categoryNames = [AGE_AXIS.get(b) or age_label(b, years=False) for b in bands]
    chart.groupSpacing, chart.barSpacing = 6, 1
    _style_axes(chart, whole=True)
    _whole_steps(chart, max((max(row) for row in chart.data), default=0))
    _bars(chart, 2)
    drawing.add(chart)
    _legend(drawing, ["Kvinnor", "Män"], 26, 12)
    return drawing


def members_by_district(yearly: Yearly, width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Medlemmar per beställare")
    names = list(yearly.members.by_district)
    chart = HorizontalBarChart()
    label_width = 78
    chart.x, chart.y, chart.width, chart.height = label_width, 18, width - label_width - 10, height - 40
    # the first district at the top, as in the table
    chart.data = [[yearly.members.by_district[n] for n in reversed(names)] or [0]]
    chart.categoryAxis.categoryNames = list(reversed(names)) or [""]
    chart.barSpacing = 2
    _style_axes(chart, whole=True)
    _whole_steps(chart, max(chart.data[0], default=0))
    _bars(chart, 1)
    drawing.add(chart)
    return drawing


def attended_and_planned(yearly: Yearly, width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Planerade timmar och närvarotimmar per månad")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 50, height - 62
    chart.data = [
        [float(m.planned_hours) for m in yearly.months],
        [float(m.attended_hours) for m in yearly.months],
    ]
    chart.categoryAxis.categoryNames = list(MONTH_SHORT)
    chart.groupSpacing, chart.barSpacing = 6, 1
    _style_axes(chart, whole=False)
    _bars(chart, 2)
    drawing.add(chart)
    _legend(drawing, ["Planerade", "Närvaro"], 40, 12)
    return drawing


def hours_by_work_area(yearly: Yearly, width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Närvarotimmar per arbetsområde och månad")
    areas = list(yearly.totals.hours_by_work_area)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 50, height - 62
    chart.data = [[float(m.hours_by_work_area.get(a, 0)) for m in yearly.months] for a in areas] or [[0] * 12]
    chart.categoryAxis.categoryNames = list(MONTH_SHORT)
    chart.categoryAxis.style = "stacked"
    chart.groupSpacing = 8
    _style_axes(chart, whole=False)
    _bars(chart, len(chart.data))
    drawing.add(chart)
    if areas:
        _legend(drawing, areas, 40, 12)
    return drawing


def supervisor_activities(yearly: Yearly, width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Handledartid per aktivitet (timmar)")
    hours = yearly.supervisors.hours_by_activity if yearly.supervisors is not None else {}
    chart = HorizontalBarChart()
    label_width = 78
    chart.x, chart.y, chart.width, chart.height = label_width, 18, width - label_width - 10, height - 40
    chart.data = [[float(hours.get(a, 0)) for a in reversed(ACTIVITIES)]]
    chart.categoryAxis.categoryNames = [ACTIVITY_LABELS[a].sv for a in reversed(ACTIVITIES)]
    chart.barSpacing = 2
    _style_axes(chart, whole=False)
    _bars(chart, 1)
    drawing.add(chart)
    return drawing
