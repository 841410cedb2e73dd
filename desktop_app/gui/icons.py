"""Icons drawn in code, so the evaluation is shown by shape and word, not colour alone."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

SIZE = 32


def status_icon(status: str) -> QIcon:
    """The icon of any verdict: on track and already reached wear the tick, behind
    schedule the cross, as ``progress.verdict_tone`` says."""
    from desktop_app.core.progress import verdict_tone

    return _tone_icon(verdict_tone(status))


@lru_cache(maxsize=None)
def _tone_icon(status: str) -> QIcon:
    from PySide6.QtCore import Qt

    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    if status == "achieved":  # a tick in a green disc
        painter.setBrush(QColor("#1b7f3b"))
        painter.setPen(Qt.NoPen)
        painter.drawEllipse(2, 2, SIZE - 4, SIZE - 4)
        painter.setPen(QPen(QColor("white"), 4))
        painter.drawPolyline(QPolygonF([QPointF(9, 17), QPointF(14, 22), QPointF(24, 10)]))
    elif status == "not_achieved":  # a cross in a red square
        painter.setBrush(QColor("#b3261e"))
        painter.setPen(Qt.NoPen)
        painter.drawRoundedRect(3, 3, SIZE - 6, SIZE - 6, 4, 4)
        painter.setPen(QPen(QColor("white"), 4))
        painter.drawLine(10, 10, 22, 22)
        painter.drawLine(22, 10, 10, 22)
    else:  # a question mark in a grey ring
        painter.setPen(QPen(QColor("#6b6b6b"), 3))
        painter.drawEllipse(3, 3, SIZE - 6, SIZE - 6)
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(18)
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignCenter, "?")
    painter.end()
    return QIcon(pixmap)


@lru_cache(maxsize=None)
def app_icon() -> QIcon:
    """The picture ``draw_app_icon`` draws, as saved in resources/icons/tiendo.png: loaded,
    not drawn, because painting in colour makes PySide build Python's view of Qt's whole
    namespace (~30 ms), and the icon is needed before the first window shows."""
    from desktop_app.core.resources import icons_dir

    saved = icons_dir() / "tiendo.png"
    return QIcon(str(saved)) if saved.is_file() else draw_app_icon()


def draw_app_icon() -> QIcon:
    """A rising bar chart on a deep red tile: progress, in the colours of official papers."""
    from PySide6.QtCore import Qt

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setBrush(QColor("#a4161a"))
        painter.setPen(Qt.NoPen)
        painter.drawRoundedRect(0, 0, size, size, size / 6, size / 6)
        painter.setBrush(QColor("#ffd60a"))
        bar = size / 7
        for i, height in enumerate((0.3, 0.5, 0.72)):
            x = size * 0.18 + i * bar * 1.6
            painter.drawRect(int(x), int(size * (0.85 - height)), int(bar), int(size * height))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
