"""Windows sized for the screen they open on: the smallest still common is a 1366×768
laptop whose taskbar leaves a 1366×728 work area, at 100 % scaling."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TASKBAR_ALLOWANCE = 40  # when the platform reports no work area (X11 without a panel, offscreen)
FRAME_ALLOWANCE = (16, 40)  # a window manager's borders and title bar, outside geometry()


def work_area(widget: QWidget | None = None) -> QRect:
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    area, whole = screen.availableGeometry(), screen.geometry()
    if area == whole:
        area = area.adjusted(0, 0, 0, -TASKBAR_ALLOWANCE)
    return area


def fit_window(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, or to what the work area leaves, and centre."""
    area = work_area(widget)
    w = min(width, area.width() - FRAME_ALLOWANCE[0])
    h = min(height, area.height() - FRAME_ALLOWANCE[1])
    widget.resize(max(w, 200), max(h, 150))
    x = area.x() + (area.width() - widget.width()) // 2
    y = area.y() + max(0, (area.height() - widget.height() - FRAME_ALLOWANCE[1]) // 2)
    widget.move(x, y)
