"""Filtering the indicators: words without diacritics or case, only missing values, only
this office's; a group row stays while any of its indicators is shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from desktop_app.core.text import fold


class IndicatorFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.words: list[str] = []
        self.only_missing = False
        self.only_mine = False

    def set_text(self, text: str) -> None:
        self.words = fold(text).split()
        self.invalidate()

    def set_only_missing(self, on: bool) -> None:
        self.only_missing = on
        self.invalidate()

    def set_only_mine(self, on: bool) -> None:
        self.only_mine = on
        self.invalidate()

    def _keeps(self, line) -> bool:
        row = line.row
        if self.only_mine and not row.assigned:
            return False
        if self.only_missing and (line.heading or (row.current is not None and row.current.is_filled)):
            return False
        if self.words:
            haystack = fold(f"{row.indicator.number} {row.indicator.id} {row.indicator.name} {row.indicator.unit}")
            return all(word in haystack for word in self.words)
        return True

    def filterAcceptsRow(self, source_row: int, parent: QModelIndex) -> bool:
        model = self.sourceModel()
        line = model.line(source_row)
        if line.group is None:
            return self._keeps(line)
        for index in range(source_row + 1, model.rowCount()):
            following = model.line(index)
            if following.group is not None:
                break
            if self._keeps(following):
                return True
        return not (self.words or self.only_missing or self.only_mine)
