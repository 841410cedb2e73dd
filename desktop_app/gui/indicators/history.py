"""Who changed a value, when, from what to what: the audit trail of one indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from desktop_app.core import entries
from desktop_app.core.i18n import _


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
        # A read-only list of a few rows: a plain table widget is enough here.
        table = QTableWidget(len(trail), 5)
        table.setAccessibleName(_("History of changes"))
        table.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        for row, entry in enumerate(trail):
            for column, text in enumerate((entry.at.replace("T", " ")[:19], entry.actor, entry.field,
                                           entry.old_value or "", entry.new_value or "")):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
