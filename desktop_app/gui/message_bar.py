"""A message strip at the top of the table, where the eye is: what was saved, what was
refused and why.

Its place is kept whether or not there is a message (a quiet hint fills it when idle), so
a message appearing or going never moves the rows the clerk is looking at; a message
longer than its two lines ends in "…" and is read whole in its tooltip (a refused cell
also keeps its own reason).  A refusal stays until dismissed or until the next edit
succeeds; a confirmation fades after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton

from desktop_app.core.i18n import _

STYLES = {
    "": "background:transparent; color:#5f6368; border:1px solid transparent;",  # idle: the hint, quiet
    "info": "background:#e6f4ea; color:#1b5e20; border:1px solid #b7dfc2;",
    "error": "background:#fde7e9; color:#a4161a; border:1px solid #f1b0b7;",
}
INFO_FOR_MS = 6000
LINES = 2  # the strip's height: two lines hold every short refusal whole


class MessageBar(QFrame):
    def __init__(self, parent=None, *, hint: str = ""):
        super().__init__(parent)
        self.setAccessibleName(_("Messages"))
        self.hint = hint
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setAccessibleName(_("Message"))
        self.label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # the text never widens the window
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName(_("Dismiss the message"))
        self.close_button.setToolTip(_("Dismiss the message"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        policy = self.close_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the text wraps at the same width with or without it
        self.close_button.setSizePolicy(policy)
        layout.addWidget(self.close_button, 0, Qt.AlignTop)
        margins = layout.contentsMargins()
        self.setFixedHeight(LINES * self.label.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
                            + 2 * self.frameWidth() + 6)
        self.level = ""
        self._text = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)
        self._show("")

    def show_message(self, text: str, level: str = "info") -> None:
        self.level = level
        self._text = text
        self._show(level)
        if level == "info":
            self.timer.start(INFO_FOR_MS)
        else:
            self.timer.stop()

    def text(self) -> str:
        """The message shown (whole, even when the strip shows it cut), or "" when idle."""
        return self._text

    def clear(self) -> None:
        self.timer.stop()
        self.level = ""
        self._text = ""
        self._show("")

    def clear_refusal(self, *_args) -> None:
        """An edit went through: a refusal about an earlier one is no longer news."""
        if self.level == "error":
            self.clear()

    def _show(self, level: str) -> None:
        style = f"MessageBar {{ {STYLES[level]} border-radius:4px; }} QLabel {{ {STYLES[level]} border:none; }}"
        if style != self.styleSheet():  # a confirmation after every save: restyling costs a relayout
            self.setStyleSheet(style)
        self.close_button.setVisible(bool(level))
        self._fit_text()

    def _fit_text(self) -> None:
        whole = self._text or self.hint
        shown = _elided(self.label, whole, LINES)
        self.label.setText(shown)
        self.label.setToolTip(whole if shown != whole else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_text()


def _elided(label: QLabel, text: str, lines: int) -> str:
    """``text`` cut at a word so that it fits ``lines`` lines of the label, ending in "…"."""
    width = label.width() - 2 * label.margin()
    if width <= 0 or not text:
        return text
    metrics = label.fontMetrics()
    room = lines * metrics.lineSpacing()

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextWordWrap, candidate).height() <= room

    if fits(text):
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its "…"
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + "…"):
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    if " " in cut[len(cut) // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
