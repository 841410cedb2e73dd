"""A read-only list of a few rows in a dialog (history, import summary, submissions):
a plain table widget is enough where nothing is edited."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


def read_only_table(name: str, headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def add_table_with_close(dialog, layout: QVBoxLayout, table: QWidget, buttons=QDialogButtonBox.Close) -> QDialogButtonBox:
    layout.addWidget(table)
    box = QDialogButtonBox(buttons)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    return box
