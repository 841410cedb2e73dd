"""The office's own task form (``forms.office_form``): each task it takes part in, or for
a commune or district one line per section of the plan, with this year's status, result
and the document that evidences it; edits are saved at once, each in its own transaction
(a section's line writes every task of the section)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from desktop_app.core import entries
from desktop_app.core.entries import TASK_STATUSES, task_status_label
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import N_, translate
from desktop_app.core.model import unsaid
from desktop_app.core.text import format_date
from desktop_app.core.workspace import Workspace

COL_NUMBER, COL_TASK, COL_LEAD, COL_COORD, COL_TIME, COL_STATUS, COL_RESULT, COL_EVIDENCE, COL_DATE = range(9)
HEADERS = (N_("No."), N_("Task"), N_("Lead office"), N_("Coordinating offices"), N_("Time"), N_("Status"),
           N_("Result"), N_("Evidence document"), N_("Document date"))
EDITABLE = {COL_STATUS, COL_RESULT, COL_EVIDENCE, COL_DATE}


class TaskModel(QAbstractTableModel):
    message = Signal(str)

    def __init__(self, workspace: Workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        self.tasks = []  # forms.FormTask lines
        self.progress = {}
        self.locked = False
        self.reload()

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:
        from desktop_app.core import forms

        self.beginResetModel()
        self.tasks = list(forms.office_form(self.workspace).tasks)
        self.progress = forms.item_progress(self.workspace, self.year)
        self.locked = entries.report_state(self.workspace, self.year).locked
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return translate(HEADERS[section])
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() in EDITABLE and not self.locked else base

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole):
            return None
        item = self.tasks[index.row()]
        progress = self.progress.get(item.id)
        plan = self.workspace.plan
        task = plan.task(item.task_ids[0])
        column = index.column()
        if column == COL_NUMBER:
            if item.grouped:
                return item.section
            return f"{task.section.split('.')[-1]}.{task.number}" if task.section else task.number
        if column == COL_TASK:
            return item.name
        if column == COL_LEAD:
            return plan.office_names_or_unsaid(item.lead)
        if column == COL_COORD:
            return "" if item.grouped else task.coordinators_text or plan.office_names(task.coordinators)
        if column == COL_TIME:
            return "" if item.grouped else unsaid(task.time)
        if column == COL_STATUS:
            status = progress.status if progress else None
            if role == Qt.EditRole:
                return status or "not_started"
            return task_status_label(status) if status else ""
        if column == COL_RESULT:
            return progress.result if progress else ""
        if column == COL_EVIDENCE:
            return progress.evidence_number if progress else ""
        if column == COL_DATE:
            return format_date(progress.evidence_date) if progress and progress.evidence_date else ""
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not (self.flags(index) & Qt.ItemIsEditable):
            return False
        from desktop_app.core import forms

        item = self.tasks[index.row()]
        current = self.progress.get(item.id)
        fields = {
            "status": current.status if current else "not_started",
            "result": current.result if current else "",
            "evidence_number": current.evidence_number if current else "",
            "evidence_date": current.evidence_date if current else None,
        }
        key = {COL_STATUS: "status", COL_RESULT: "result", COL_EVIDENCE: "evidence_number", COL_DATE: "evidence_date"}[index.column()]
        fields[key] = str(value or "")
        try:
            self.progress[item.id] = forms.set_item_progress(self.workspace, self.year, item.id, **fields)
        except TienDoError as error:
            self.message.emit(error.message())
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True


class StatusDelegate(QStyledItemDelegate):
    """A list of the four statuses for the status column; plain text elsewhere."""

    def createEditor(self, parent, option, index):
        if index.column() != COL_STATUS:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for status in TASK_STATUSES:
            combo.addItem(task_status_label(status), status)
        combo.setAccessibleName(translate("Status"))
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
        else:
            super().setModelData(editor, model, index)
