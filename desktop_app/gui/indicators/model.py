"""The year's indicators as a Qt table model over ``progress.indicator_rows``.

The cells are ``QStandardItem``s filled from the core's rows, so that painting never calls
Python: a Python ``data()`` answered ~1,800 role queries per paint of the table (each
through the filter proxy), 20 ms, more than the save itself.  A save refills one row and
announces that row alone.

Edits go to the core (one transaction each) through ``commit_value``; a refused value
stays in its cell, marked, with the reason in the evaluation column beside it, until it is
corrected or dismissed (Esc); nothing refused is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel, QUndoStack

from desktop_app.core import entries
from desktop_app.core.entries import ValueRecord
from desktop_app.core.i18n import N_, translate
from desktop_app.core.model import Indicator, IndicatorGroup
from desktop_app.core.progress import IndicatorRow, indicator_row, indicator_rows, status_label
from desktop_app.core.text import format_number
from desktop_app.core.workspace import Workspace
from desktop_app.gui.icons import status_icon

COL_NUMBER, COL_NAME, COL_UNIT, COL_T2025, COL_T2030, COL_PREVIOUS, COL_VALUE, COL_EVAL, COL_SOURCE, COL_NOTE = range(10)
HEADERS = (N_("No."), N_("Indicator"), N_("Unit"), N_("Target 2025"), N_("Target 2030"), N_("Last year"),
           N_("This year"), N_("Evaluation"), N_("Source"), N_("Note"))
EDITABLE = {COL_VALUE, COL_SOURCE, COL_NOTE}
DISPLAY, DECORATION, EDIT, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, USER = (
    Qt.DisplayRole.value, Qt.DecorationRole.value, Qt.EditRole.value, Qt.ToolTipRole.value, Qt.FontRole.value,
    Qt.TextAlignmentRole.value, Qt.BackgroundRole.value, Qt.UserRole.value)
GROUP_BACKGROUND = QColor("#e8eef7")
REFUSED_BACKGROUND = QColor("#fde7e9")
REFUSED_TEXT = QColor("#a4161a")
FOREGROUND = Qt.ForegroundRole.value
# A QStandardItem keeps one text for display and edit: what the editor starts with (empty
# for "no data", the typed text for a refusal) is a role of its own.
EDIT_TEXT = USER + 1
READ_ONLY_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
EDITABLE_FLAGS = READ_ONLY_FLAGS | Qt.ItemIsEditable


@dataclass
class Line:
    group: IndicatorGroup | None = None
    row: IndicatorRow | None = None
    depth: int = 0
    heading: bool = False

    @property
    def indicator(self) -> Indicator | None:
        return self.row.indicator if self.row else None


def shown(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, Decimal) else value


def record_text(record: ValueRecord | None) -> str:
    if record is None:
        return ""
    if record.no_data_reason:
        return translate("no data")
    return shown(record.actual)


class IndicatorModel(QStandardItemModel):
    message = Signal(str)          # a refusal or a confirmation for the message bar
    saved = Signal(str)            # indicator id whose value was saved
    note_needed = Signal(str, str, str)  # indicator id, typed text, reason: the view asks for a note
    refused = Signal(str, str)     # indicator id, reason: a typed value that was not saved

    def __init__(self, workspace: Workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        self.lines: list[Line] = []
        self.locked = False
        self.refusals: dict[str, tuple[str, str]] = {}  # indicator id -> (typed text, reason)
        self.undo_stack = QUndoStack(self)
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        plan = self.workspace.plan
        rows = indicator_rows(self.workspace, self.year)
        by_group: dict[str, list[IndicatorRow]] = {}
        for row in rows:
            by_group.setdefault(row.indicator.group_id, []).append(row)
        self.lines = []
        for group in plan.groups:
            self.lines.append(Line(group=group))
            for row in by_group.get(group.id, []):
                depth = 1 if row.indicator.parent_id else 0
                self.lines.append(Line(row=row, depth=depth, heading=plan.is_heading(row.indicator.id)))
        self.locked = entries.report_state(self.workspace, self.year).locked
        # Filled quietly, then announced as one reset (views ask everything once).
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self.setColumnCount(len(HEADERS))
            self.setRowCount(len(self.lines))
            for row in range(len(self.lines)):
                for column in range(len(HEADERS)):
                    self.setItem(row, column, QStandardItem())
                self._fill_row(row)
        finally:
            self.blockSignals(blocked)
        self.beginResetModel()
        self.endResetModel()

    def refresh_indicator(self, indicator_id: str, reread: bool = True) -> None:
        """Re-read one row after a save (its evaluation depends only on its own values)
        and repaint that row alone."""
        index = self.row_of(indicator_id)
        line = self.lines[index]
        if reread:
            line.row = indicator_row(self.workspace, self.year, line.row.indicator, assigned=line.row.assigned)
        blocked = self.blockSignals(True)  # one dataChanged for the row, not one per cell and role
        try:
            self._fill_row(index)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(HEADERS) - 1))

    def _fill_row(self, row: int) -> None:
        line = self.lines[row]
        cache = self._row_cache(line)
        editable = line.row is not None and not line.heading and not self.locked
        for column in range(len(HEADERS)):
            item = self.item(row, column)
            item.clearData()
            for role, values in cache.items():
                value = values[column]
                if value is not None:
                    item.setData(value, role)
            item.setFlags(EDITABLE_FLAGS if editable and column in EDITABLE else READ_ONLY_FLAGS)

    def refuse(self, indicator_id: str, typed: str, reason: str) -> None:
        """Keep what was typed in the cell, marked, with the reason beside it."""
        self.refusals[indicator_id] = (typed, reason)
        self.refresh_indicator(indicator_id, reread=False)
        self.refused.emit(indicator_id, reason)

    def clear_refusal(self, indicator_id: str, refresh: bool = True) -> None:
        if self.refusals.pop(indicator_id, None) is not None and refresh:
            self.refresh_indicator(indicator_id, reread=False)

    def line(self, row: int) -> Line:
        return self.lines[row]

    def row_of(self, indicator_id: str) -> int:
        return next(i for i, line in enumerate(self.lines) if line.row and line.row.indicator.id == indicator_id)

    # -- Qt model ----------------------------------------------------------------------------

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return translate(HEADERS[section])
        return None

    def _row_cache(self, line: Line) -> dict[int, list]:
        columns = range(len(HEADERS))
        if line.group is not None:
            bold = QFont()
            bold.setBold(True)
            brush = QBrush(GROUP_BACKGROUND)
            display = [line.group.number if c == COL_NUMBER else line.group.name if c == COL_NAME else None for c in columns]
            return {DISPLAY: display, FONT: [bold] * len(HEADERS), BACKGROUND: [brush] * len(HEADERS)}
        row, indicator = line.row, line.row.indicator
        tooltips = [None] * len(HEADERS)
        tooltips[COL_NAME] = indicator.name
        if not line.heading:
            tooltips[COL_EVAL] = row.evaluation.reason()
        if row.current and row.current.no_data_reason:
            tooltips[COL_VALUE] = row.current.no_data_reason
        decoration = [None] * len(HEADERS)
        if not line.heading:
            decoration[COL_EVAL] = status_icon(row.status)
        right, centre = int(Qt.AlignRight | Qt.AlignVCenter), int(Qt.AlignCenter)
        alignment = [right if c in (COL_PREVIOUS, COL_VALUE) else centre if c in (COL_T2025, COL_T2030, COL_UNIT, COL_NUMBER)
                     else None for c in columns]
        cache = {
            DISPLAY: [self._text(line, c, False) for c in columns],
            EDIT_TEXT: [self._text(line, c, True) for c in columns],
            TOOLTIP: tooltips, DECORATION: decoration, ALIGNMENT: alignment,
            USER: [indicator.id] * len(HEADERS),
        }
        if line.heading:
            italic = QFont()
            italic.setItalic(True)
            cache[FONT] = [italic] * len(HEADERS)
        refusal = self.refusals.get(indicator.id)
        if refusal is not None:
            typed, reason = refusal
            for role in (DISPLAY, EDIT_TEXT):
                cache[role][COL_VALUE] = typed
            cache[DISPLAY][COL_EVAL] = "⚠ " + reason
            cache[TOOLTIP][COL_VALUE] = cache[TOOLTIP][COL_EVAL] = reason
            cache[DECORATION][COL_EVAL] = None
            cache[BACKGROUND] = [QBrush(REFUSED_BACKGROUND) if c in (COL_VALUE, COL_EVAL) else None for c in columns]
            cache[FOREGROUND] = [QBrush(REFUSED_TEXT) if c in (COL_VALUE, COL_EVAL) else None for c in columns]
        return cache

    def _text(self, line: Line, column: int, editing: bool) -> str:
        row, indicator = line.row, line.row.indicator
        if column == COL_NUMBER:
            return indicator.number
        if column == COL_NAME:
            return ("    " * line.depth) + indicator.name
        if column == COL_UNIT:
            return indicator.unit
        if column in (COL_T2025, COL_T2030):
            target = indicator.targets.get(2025 if column == COL_T2025 else 2030)
            return target.printed if target else ""
        if column == COL_PREVIOUS:
            return record_text(row.previous)
        if column == COL_VALUE:
            if editing and row.current and row.current.no_data_reason:
                return ""
            return record_text(row.current)
        if column == COL_EVAL:
            return "" if line.heading else status_label(row.status)
        if column == COL_SOURCE:
            return row.current.source if row.current else ""
        if column == COL_NOTE:
            return row.current.note if row.current else ""
        return ""

    # -- editing ---------------------------------------------------------------------------

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not (self.flags(index) & Qt.ItemIsEditable):
            return False
        line = self.lines[index.row()]
        indicator_id = line.row.indicator.id
        text = "" if value is None else str(value)
        if index.column() == COL_VALUE:
            if text.strip() == self._text(line, COL_VALUE, True).strip():
                self.clear_refusal(indicator_id)  # typed back what is saved: nothing to refuse
                return False
            return self.commit_value(indicator_id, text)
        field = "source" if index.column() == COL_SOURCE else "note"
        return self.commit_field(indicator_id, field, text)

    def commit_value(self, indicator_id: str, text: str, note: str | None = None) -> bool:
        """Save through the undo stack owner (the view); False leaves the old value."""
        return self._apply(indicator_id, lambda: self._set_value(indicator_id, text, note), typed=text)

    def commit_field(self, indicator_id: str, field: str, text: str) -> bool:
        if indicator_id in self.refusals:
            self.message.emit(translate("Correct the refused value first (or press Esc on it to drop it)."))
            return False
        current = entries.value(self.workspace, self.year, indicator_id)
        if current is None or current.actual is None and not current.no_data_reason:
            self.message.emit(translate("Enter the value first, then its source and note."))
            return False
        raw = current.actual
        return self._apply(indicator_id, lambda: entries.set_value(
            self.workspace, self.year, indicator_id, raw if isinstance(raw, Decimal) else (raw or ""),
            numerator=current.numerator, denominator=current.denominator, **{field: text},
            max_change=Decimal(1000)))

    def _set_value(self, indicator_id: str, text: str, note: str | None):
        if not text.strip():
            entries.clear_value(self.workspace, self.year, indicator_id)
            return None
        return entries.set_value(self.workspace, self.year, indicator_id, text, note=note)

    def _apply(self, indicator_id: str, action, typed: str | None = None) -> bool:
        from desktop_app.gui.indicators.commands import EditValueCommand

        before = entries.value(self.workspace, self.year, indicator_id)
        command = EditValueCommand(self, indicator_id, before, action, typed)
        if not command.first_run():
            return False
        self.undo_stack.push(command)
        return True

    def _apply_many(self, text: str, action) -> dict[str, str]:
        """One undo step for an action over several indicators; returns {id: reason refused}."""
        from desktop_app.gui.indicators.commands import BatchCommand

        command = BatchCommand(self, text, action)
        if command.first_run():
            self.undo_stack.push(command)
            for indicator_id in command.after:
                self.saved.emit(indicator_id)
        return command.refused

    def paste(self, rows: list) -> dict[str, str]:
        """Pasted rows (``batch.PastedRow``): the acceptable ones saved as one action,
        the refused ones kept in their cells with their reasons.  Returns {id: reason}."""
        from desktop_app.gui.indicators.batch import save_rows

        refused = self._apply_many(translate("Paste {count} rows", count=len(rows)),
                                   lambda: save_rows(self.workspace, self.year, rows))
        for row in rows:
            if row.indicator_id in refused and row.value is not None:
                self.refusals[row.indicator_id] = (row.value, refused[row.indicator_id])
                self.refresh_indicator(row.indicator_id, reread=False)
        return refused

    def mark_no_data(self, indicator_ids: list[str], reason: str) -> dict[str, str]:
        """"No data" with one reason for the given rows: one transaction, one undo step."""
        from desktop_app.gui.indicators.batch import mark_no_data

        return self._apply_many(translate("No data for {count} indicators", count=len(indicator_ids)),
                                lambda: (mark_no_data(self.workspace, self.year, indicator_ids, reason), {}))
