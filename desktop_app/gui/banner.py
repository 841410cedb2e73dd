"""The deadline banner: days left, amber in the last week, red when overdue, green once
signed; or why the year refuses edits.  Colour always comes with words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from desktop_app.core import entries
from desktop_app.core.deadlines import deadline_status
from desktop_app.core.i18n import _

STYLES = {
    "ok": "background:#e8f0fe; color:#174ea6;",
    "soon": "background:#fff4ce; color:#7a4f01;",
    "overdue": "background:#fde7e9; color:#a4161a;",
    "signed": "background:#e6f4ea; color:#1b5e20;",
}


class DeadlineBanner(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(_("Deadline"))
        self.level = "ok"

    def update_for(self, workspace, year: int, today: dt.date) -> None:
        state = entries.report_state(workspace, year)
        status = deadline_status(workspace.plan, year, today, state.signed_at if state.locked else None,
                                 lead=workspace.role == "lead")
        self.level = status.level
        text = status.message()
        if state.locked:
            text += " — " + _("the year is signed and locked; to change it, reopen it (Báo cáo > Mở lại năm đã ký).")
        if text != self.text():
            self.setText(text)
        style = STYLES[status.level] + " padding:8px; border-radius:4px; font-weight:bold;"
        if style != self.styleSheet():  # refreshed after every save: restyling costs a relayout
            self.setStyleSheet(style)
