"""A chart of an indicator's values by year against its 2025 and 2030 targets.

Both axes are category axes labelled by the program: every year of the plan is named on
the x-axis (a value axis spaced its ticks between years and skipped some), and the
y-axis prints Vietnamese decimals ("2,5") the way the table does."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QScatterSeries
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from desktop_app.core import entries
from desktop_app.core.i18n import _
from desktop_app.core.text import format_number

Y_TICKS = 5


def nice_step(span: Decimal) -> Decimal:
    """1, 2 or 5 times a power of ten, giving about Y_TICKS steps over ``span``."""
    raw = span / Y_TICKS if span > 0 else Decimal(1)
    power = Decimal(10) ** raw.adjusted()
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def y_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    step = nice_step(high - low)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


class TrendView(QChartView):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setRenderHint(QPainter.Antialiasing)
        self.setAccessibleName(_("Trend chart"))
        self.setMinimumHeight(260)
        self.show_indicator(None)

    def show_indicator(self, indicator_id: str | None) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignBottom)
        plan = self.workspace.plan
        first, last = plan.reporting.first_year, plan.reporting.last_year
        if indicator_id is None:
            chart.setTitle(_("Choose an indicator to see its trend"))
            self.setChart(chart)
            return
        indicator = plan.indicator(indicator_id)
        chart.setTitle(f"{indicator.number}. {indicator.name}" if indicator.number else indicator.name)
        series = QLineSeries()
        series.setName(_("Value"))
        points = QScatterSeries()
        points.setMarkerSize(9)
        points.setName(_("Value"))
        numbers = []
        for year, record in sorted(entries.values_by_year(self.workspace, indicator_id).items()):
            if record.number is not None:
                series.append(year, float(record.number))  # a chart is a picture: float is fine here
                points.append(year, float(record.number))
                numbers.append(record.number)
        chart.addSeries(series)
        chart.addSeries(points)
        points.setColor(series.color())
        chart.legend().markers(points)[0].setVisible(False)
        for year, colour in ((2025, "#e07a00"), (2030, "#1b7f3b")):
            target = indicator.targets.get(year)
            if target is None or target.parsed.low is None:
                continue
            pen = QPen(QColor(colour))
            pen.setStyle(Qt.DashLine)
            pen.setWidth(2)
            bounds = [b for b in (target.parsed.low, target.parsed.high) if b is not None]
            for position, bound in enumerate(bounds):  # a range draws both of its edges
                line = QLineSeries()
                # Legend names are rich text: "< 3" would vanish as the start of a tag.
                line.setName(html.escape(_("Target {year}: {target}", year=year, target=target.printed)))
                line.setPen(pen)
                line.append(first, float(bound))
                line.append(last, float(bound))
                numbers.append(bound)
                chart.addSeries(line)
                if position:
                    chart.legend().markers(line)[0].setVisible(False)
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        axis_x.setStartValue(first - 0.5)
        for year in range(first, last + 1):
            axis_x.append(str(year), year)
        axis_x.setRange(first - 0.5, last + 0.5)
        axis_y = QCategoryAxis()
        axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        if numbers:
            low, high = min(numbers), max(numbers)
            pad = (high - low) * Decimal("0.15") or abs(high) * Decimal("0.1") or Decimal(1)
            ticks = y_ticks(low - pad, high + pad)
            axis_y.setStartValue(float(ticks[0]))
            for tick in ticks:
                axis_y.append(format_number(tick.normalize() if tick != 0 else Decimal(0)), float(tick))
            axis_y.setRange(float(ticks[0]), float(ticks[-1]))
        axis_y.setTitleText(indicator.unit)
        chart.addAxis(axis_x, Qt.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignLeft)
        for attached in chart.series():
            attached.attachAxis(axis_x)
            attached.attachAxis(axis_y)
        self.setChart(chart)
