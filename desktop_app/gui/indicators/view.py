"""The indicators table as a clerk uses it: type, Enter saves and goes down, Tab goes
across; a refused value stays in its cell, unsaved, with the reason beside it (Esc drops
it); Ctrl+V pastes a block copied from Excel; "no data" applies to all selected rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QInputDialog,
    QLineEdit, QMenu, QStyledItemDelegate, QTableView, QToolTip,
)

from desktop_app.core import entries
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.gui.indicators.batch import PastedRow
from desktop_app.gui.indicators.commands import WHOLE_ACTION
from desktop_app.gui.indicators.model import COL_NAME, COL_NOTE, COL_SOURCE, COL_VALUE, EDIT_TEXT, IndicatorModel
from desktop_app.gui.indicators.proxy import IndicatorFilter

WIDTHS = {0: 44, 1: 380, 2: 80, 3: 100, 4: 100, 5: 84, 6: 104, 7: 170, 8: 120, 9: 130}
PASTE_COLUMNS = (COL_VALUE, COL_SOURCE, COL_NOTE)  # a block pasted across goes value, source, note
MAX_PASTED_ROWS = 1000  # the biggest plan has ~100 indicators; more is a mistake, not a form


class ValueDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAccessibleName(_("Value"))
        if index.column() == COL_VALUE:
            editor.setPlaceholderText("99,5")
        return editor

    def setEditorData(self, editor, index) -> None:
        text = index.data(EDIT_TEXT)  # not EditRole: an item shows "no data" but edits from empty
        editor.setText("" if text is None else str(text))


class IndicatorView(QTableView):
    status = Signal(str)    # a confirmation
    problem = Signal(str)   # a refusal: shown where the eye is, until dismissed
    selected_indicator = Signal(str)

    def __init__(self, model: IndicatorModel, parent=None):
        super().__init__(parent)
        self.proxy = IndicatorFilter(self)
        self.setModel(self.proxy)
        self.setItemDelegate(ValueDelegate(self))
        self.setAccessibleName(_("Indicators of the year"))
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        # Row heights are fitted once per load and then per changed row: ResizeToContents
        # would measure every row after each save.
        self.verticalHeader().setSectionResizeMode(QHeaderView.Interactive)
        header = self.horizontalHeader()
        for column, width in WIDTHS.items():
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self.context_menu)
        self._saved = False
        for signal in (self.proxy.layoutChanged, self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._fit_rows_later)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.resizeRowsToContents)
        self.source: IndicatorModel | None = None
        self.set_source(model)

    def set_source(self, model: IndicatorModel) -> None:
        """Show another year's model; the old one goes with its connections."""
        old = self.source
        self.source = model
        self.proxy.setSourceModel(model)
        model.saved.connect(self._on_saved)
        model.message.connect(self._refused)
        model.refused.connect(self._value_refused)
        model.note_needed.connect(self.ask_note)
        model.modelReset.connect(self.resizeRowsToContents)
        model.dataChanged.connect(self._fit_changed_row)
        if old is not None and old is not model:
            old.deleteLater()
        # Column sizes belong to sections that exist only once a model is there.
        for column, width in WIDTHS.items():
            if column != COL_NAME:
                self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        self.resizeRowsToContents()

    def _fit_changed_row(self, top, bottom, roles=()) -> None:
        self.resizeRowToContents(self.proxy.mapFromSource(top).row())

    def _fit_rows_later(self, *args) -> None:
        self._fit_timer.start(0)

    # -- moving and messages -------------------------------------------------------------------

    def _on_saved(self, indicator_id: str) -> None:
        self._saved = True
        self.status.emit(_("Saved {indicator}.", indicator=indicator_id))

    def _refused(self, message: str) -> None:
        self.problem.emit(message)
        rect = self.visualRect(self.currentIndex())
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self)

    def _value_refused(self, indicator_id: str, reason: str) -> None:
        indicator = self.source.workspace.plan.indicator(indicator_id)
        self.problem.emit(_("Not saved — {number} {name}: {reason} (correct the value, or press Esc to drop it)",
                            number=indicator.number, name=indicator.name, reason=reason))

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Paste) and self.state() != QAbstractItemView.EditingState:
            self.paste_clipboard()
            return
        if event.key() == Qt.Key_Escape and self.state() != QAbstractItemView.EditingState:
            indicator_id = self.indicator_at(self.currentIndex())
            if indicator_id in self.source.refusals:
                self.source.clear_refusal(indicator_id)
                self.status.emit(_("The refused value was dropped; the saved value is shown again."))
                return
        super().keyPressEvent(event)

    def commitData(self, editor) -> None:
        self._saved = False
        super().commitData(editor)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.SubmitModelCache and self._saved:
            self.move_down()

    def move_down(self) -> None:
        current = self.currentIndex()
        for row in range(current.row() + 1, self.proxy.rowCount()):
            candidate = self.proxy.index(row, current.column())
            if self.proxy.flags(candidate) & Qt.ItemIsEditable:
                self.setCurrentIndex(candidate)
                return

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        indicator_id = self.indicator_at(current)
        if indicator_id:
            self.selected_indicator.emit(indicator_id)

    def indicator_at(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        line = self.source.line(self.proxy.mapToSource(index).row())
        return line.indicator.id if line.row else None

    def focus_value(self, indicator_id: str) -> None:
        source = self.source.index(self.source.row_of(indicator_id), COL_VALUE)
        self.setCurrentIndex(self.proxy.mapFromSource(source))

    # -- dialogs -----------------------------------------------------------------------------

    def ask_note(self, indicator_id: str, typed: str, reason: str) -> None:
        note, ok = QInputDialog.getMultiLineText(
            self, _("A note is needed"), reason + "\n\n" + _("Note (why the value changed so much):"))
        if ok and note.strip():
            self.source.commit_value(indicator_id, typed, note=note)
        else:
            self.source.refuse(indicator_id, typed, _("Not saved: the value needs a note."))

    # -- many rows at once -------------------------------------------------------------------

    def selected_indicators(self) -> list[str]:
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()} | (
            {self.currentIndex().row()} if self.currentIndex().isValid() else set()))
        plan = self.source.workspace.plan
        found = [self.indicator_at(self.proxy.index(row, 0)) for row in rows]
        return [i for i in found if i and not plan.is_heading(i)]

    def editable_rows_from(self, proxy_row: int) -> list[str]:
        """The indicators that take a value, in the order shown, from ``proxy_row`` down:
        group titles and headings are stepped over, as a pasted column skips them."""
        plan = self.source.workspace.plan
        ids = []
        for row in range(max(0, proxy_row), self.proxy.rowCount()):
            indicator_id = self.indicator_at(self.proxy.index(row, 0))
            if indicator_id and not plan.is_heading(indicator_id):
                ids.append(indicator_id)
        return ids

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """A block copied from Excel (tab between cells, a line per row) pasted from the
        current cell down: one action, one undo step; refusals stay in their cells."""
        from desktop_app.core.text import nfc

        if self.source.locked:
            self.problem.emit(_("The year is signed and locked; reopen it to change values."))
            return
        current = self.currentIndex()
        column = self.proxy.mapToSource(current).column() if current.isValid() else COL_VALUE
        if column not in PASTE_COLUMNS:
            column = COL_VALUE
        lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return
        if len(lines) > MAX_PASTED_ROWS:
            self.problem.emit(_("Too many rows to paste ({count}).", count=len(lines)))
            return
        targets = self.editable_rows_from(current.row() if current.isValid() else 0)
        if len(lines) > len(targets):
            self.problem.emit(_("{count} rows were copied but only {room} indicators follow the current one; "
                                "nothing was pasted.", count=len(lines), room=len(targets)))
            return
        fields = PASTE_COLUMNS[PASTE_COLUMNS.index(column):]
        rows = []
        for indicator_id, line in zip(targets, lines):
            cells = line.split("\t")
            values = {field: cell.strip() for field, cell in zip(fields, cells)}
            rows.append(PastedRow(indicator_id, value=values.get(COL_VALUE), source=values.get(COL_SOURCE),
                                  note=values.get(COL_NOTE)))
        refused = self.source.paste(rows)
        saved = len(rows) - len(refused)
        if WHOLE_ACTION in refused:
            self.problem.emit(refused[WHOLE_ACTION])
        elif refused:
            plan = self.source.workspace.plan
            reasons = "; ".join(f"{plan.indicator(i).number}: {reason}" for i, reason in refused.items())
            self.problem.emit(_("Pasted {saved} of {count} rows. Not saved: {reasons}",
                                saved=saved, count=len(rows), reasons=reasons))
        else:
            self.status.emit(_("Pasted {count} rows (Ctrl+Z undoes them all).", count=len(rows)))

    def no_data_for_selection(self) -> None:
        ids = self.selected_indicators()
        if not ids:
            return
        reason, ok = QInputDialog.getText(self, _("No data"), _(
            "Why is there no data this year? (for {count} indicators)", count=len(ids)))
        if not ok:
            return
        refused = self.source.mark_no_data(ids, reason)
        if refused:
            self.problem.emit(next(iter(refused.values())))
        else:
            self.status.emit(_("“No data” recorded for {count} indicators.", count=len(ids)))

    def context_menu(self, point: QPoint) -> None:
        indicator_id = self.indicator_at(self.indexAt(point))
        if not indicator_id or self.source.workspace.plan.is_heading(indicator_id):
            return
        menu = QMenu(self)
        menu.addAction(_("History of changes…"), lambda: self.show_history(indicator_id))
        if not self.source.locked:
            indicator = self.source.workspace.plan.indicator(indicator_id)
            if indicator.kind == "percent":
                menu.addAction(_("Enter numerator and denominator…"), lambda: self.enter_parts(indicator_id))
            selected = self.selected_indicators()
            if len(selected) > 1:
                menu.addAction(_("No data this year for the {count} selected rows…", count=len(selected)),
                               self.no_data_for_selection)
            else:
                menu.addAction(_("No data this year…"), lambda: self.no_data(indicator_id))
            menu.addSeparator()
            menu.addAction(_("Judge: achieved"), lambda: self.judge(indicator_id, True))
            menu.addAction(_("Judge: not achieved"), lambda: self.judge(indicator_id, False))
            menu.addAction(_("Clear the judgement"), lambda: self.judge(indicator_id, None))
        menu.exec(self.viewport().mapToGlobal(point))

    def _core(self, indicator_id: str, action) -> None:
        self.source._apply(indicator_id, action)

    def enter_parts(self, indicator_id: str) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Numerator and denominator"))
        form = QFormLayout(dialog)
        numerator, denominator = QLineEdit(), QLineEdit()
        numerator.setAccessibleName(_("Numerator"))
        denominator.setAccessibleName(_("Denominator"))
        form.addRow(_("&Numerator:"), numerator)
        form.addRow(_("&Denominator:"), denominator)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.Accepted:
            ws, year = self.source.workspace, self.source.year
            self._core(indicator_id, lambda: entries.set_value(
                ws, year, indicator_id, None, numerator=numerator.text(), denominator=denominator.text(),
                note=entries.value(ws, year, indicator_id).note if entries.value(ws, year, indicator_id) else None))

    def no_data(self, indicator_id: str) -> None:
        reason, ok = QInputDialog.getText(self, _("No data"), _("Why is there no data this year?"))
        if ok:
            ws, year = self.source.workspace, self.source.year
            self._core(indicator_id, lambda: entries.mark_no_data(ws, year, indicator_id, reason))

    def judge(self, indicator_id: str, achieved: bool | None) -> None:
        ws, year = self.source.workspace, self.source.year
        self._core(indicator_id, lambda: entries.set_judgement(ws, year, indicator_id, achieved))

    def show_history(self, indicator_id: str) -> None:
        from desktop_app.gui.indicators.history import HistoryDialog

        try:
            HistoryDialog(self.source.workspace, self.source.year, indicator_id, self).exec()
        except TienDoError as error:
            self.problem.emit(error.message())
