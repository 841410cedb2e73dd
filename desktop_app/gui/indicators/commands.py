"""Undo and redo of value edits: each puts back the exact records that were there.  A
pasted block or a "no data" over selected rows is one command, undone in one step."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop_app.core import entries
from desktop_app.core.entries import NoteRequiredError
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _


class EditValueCommand(QUndoCommand):
    def __init__(self, model, indicator_id: str, before, action, typed: str | None = None):
        super().__init__(_("Change {indicator}", indicator=indicator_id))
        self.model = model
        self.indicator_id = indicator_id
        self.before = before
        self.after = None
        self.action = action
        self.typed = typed  # what the clerk typed in the value cell, kept in the cell if refused
        self._pushed = False

    def first_run(self) -> bool:
        """Do the edit once, before the command goes on the stack; False if refused."""
        try:
            self.action()
        except NoteRequiredError as error:
            self.model.note_needed.emit(self.indicator_id, self.typed or "", error.message())
            return False
        except TienDoError as error:
            if self.typed is not None:
                self.model.refuse(self.indicator_id, self.typed, error.message())
            else:
                self.model.message.emit(error.message())
            return False
        self.after = entries.value(self.model.workspace, self.model.year, self.indicator_id)
        self.model.clear_refusal(self.indicator_id)
        self.model.refresh_indicator(self.indicator_id)
        self.model.saved.emit(self.indicator_id)
        return True

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the edit was already made
            self._pushed = True
            return
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)

    def _put(self, record) -> None:
        try:
            entries.restore_value(self.model.workspace, self.model.workspace.office_id, self.model.year,
                                  self.indicator_id, record)
        except TienDoError as error:
            self.model.message.emit(error.message())
            return
        self.model.clear_refusal(self.indicator_id)
        self.model.refresh_indicator(self.indicator_id)


WHOLE_ACTION = ""  # the key of a refusal that concerns no single row


class BatchCommand(QUndoCommand):
    """Several indicators changed by one core batch call (one transaction); undone and
    redone in one transaction too.  ``action()`` returns (BulkResult or None, refusals)."""

    def __init__(self, model, text: str, action):
        super().__init__(text)
        self.model = model
        self.action = action
        self.before: dict = {}
        self.after: dict = {}
        self.refused: dict[str, str] = {}
        self._pushed = False

    def first_run(self) -> bool:
        """True when anything was saved (the command then goes on the stack)."""
        try:
            result, self.refused = self.action()
        except TienDoError as error:  # the whole action refused (a locked year, no reason given)
            self.refused = {WHOLE_ACTION: error.message()}
            return False
        if result is None:
            return False
        self.before = dict(result.previous)
        self.after = {record.indicator_id: record for record in result.records}
        self._refresh(self.after)
        return True

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)

    def _put(self, records: dict) -> None:
        try:
            entries.restore_values(self.model.workspace, self.model.year, records)
        except TienDoError as error:
            self.model.message.emit(error.message())
            return
        self._refresh(records)

    def _refresh(self, records: dict) -> None:
        for indicator_id in records:
            self.model.clear_refusal(indicator_id, refresh=False)
            self.model.refresh_indicator(indicator_id)
