"""A message bar at the top of the table, where the eye is: what was saved, what was
refused and why.  A refusal stays until it is dismissed or the next message comes;
a confirmation fades after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from desktop_app.core.i18n import _

STYLES = {
    "info": "background:#e6f4ea; color:#1b5e20; border:1px solid #b7dfc2;",
    "error": "background:#fde7e9; color:#a4161a; border:1px solid #f1b0b7;",
}
INFO_FOR_MS = 6000


class MessageBar(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(_("Messages"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setAccessibleName(_("Message"))
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName(_("Dismiss the message"))
        self.close_button.setToolTip(_("Dismiss the message"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout.addWidget(self.close_button)
        self.level = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        self.level = level
        self.label.setText(text)
        style = f"MessageBar {{ {STYLES[level]} border-radius:4px; }} QLabel {{ {STYLES[level]} border:none; }}"
        if style != self.styleSheet():  # a confirmation after every save: restyling costs a relayout
            self.setStyleSheet(style)
        self.show()
        if level == "info":
            self.timer.start(INFO_FOR_MS)
        else:
            self.timer.stop()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def clear(self) -> None:
        self.timer.stop()
        self.level = ""
        self.label.clear()
        self.hide()
