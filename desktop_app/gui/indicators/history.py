"""Who changed a value, when, from what to what: the audit trail of one indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from desktop_app.core import entries
from desktop_app.core.i18n import _
from desktop_app.gui.listing import add_table_with_close, read_only_table


class HistoryDialog(QDialog):
    def __init__(self, workspace, year: int, indicator_id: str, parent=None):
        super().__init__(parent)
        indicator = workspace.plan.indicator(indicator_id)
        self.setWindowTitle(_("History of changes"))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{indicator.number}. {indicator.name}</b> — {year}")
        title.setWordWrap(True)
        layout.addWidget(title)
        trail = entries.history(workspace, year, indicator_id)
        rows = [(e.at.replace("T", " ")[:19], e.actor, e.field, e.old_value or "", e.new_value or "") for e in trail]
        table = read_only_table(_("History of changes"), [_("When"), _("Who"), _("What"), _("Before"), _("After")], rows)
        add_table_with_close(self, layout, table)
