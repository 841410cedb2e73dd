"""The indicators table as a clerk uses it: type, Enter saves and goes down, Tab goes
across; a refused value stays unsaved with the reason shown beside the cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QInputDialog,
    QLineEdit, QMenu, QStyledItemDelegate, QTableView, QToolTip,
)

from desktop_app.core import entries
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.gui.indicators.model import COL_NAME, COL_VALUE, IndicatorModel
from desktop_app.gui.indicators.proxy import IndicatorFilter

WIDTHS = {0: 44, 1: 420, 2: 96, 3: 96, 4: 96, 5: 90, 6: 100, 7: 180, 8: 140, 9: 160}


class ValueDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAccessibleName(_("Value"))
        if index.column() == COL_VALUE:
            editor.setPlaceholderText("99,5")
        return editor


class IndicatorView(QTableView):
    status = Signal(str)
    selected_indicator = Signal(str)

    def __init__(self, model: IndicatorModel, parent=None):
        super().__init__(parent)
        self.source = model
        self.proxy = IndicatorFilter(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setItemDelegate(ValueDelegate(self))
        self.setAccessibleName(_("Indicators of the year"))
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
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
        model.saved.connect(self._on_saved)
        model.message.connect(self._refused)
        model.note_needed.connect(self.ask_note)
        model.modelReset.connect(self.resizeRowsToContents)
        model.dataChanged.connect(lambda top, bottom: self.resizeRowToContents(self.proxy.mapFromSource(top).row()))
        for signal in (self.proxy.layoutChanged, self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._fit_rows_later)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.resizeRowsToContents)
        self.resizeRowsToContents()

    def _fit_rows_later(self, *args) -> None:
        self._fit_timer.start(0)

    # -- moving and messages -------------------------------------------------------------------

    def _on_saved(self, indicator_id: str) -> None:
        self._saved = True
        self.status.emit(_("Saved {indicator}.", indicator=indicator_id))

    def _refused(self, message: str) -> None:
        self.status.emit(message)
        rect = self.visualRect(self.currentIndex())
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self)

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
            self.status.emit(_("Not saved: the value needs a note."))

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
            self.status.emit(error.message())
