"""Undo and redo of value edits: each puts back the exact record that was there."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop_app.core import entries
from desktop_app.core.entries import NoteRequiredError
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _


class EditValueCommand(QUndoCommand):
    def __init__(self, model, indicator_id: str, before, action, typed: str = ""):
        super().__init__(_("Change {indicator}", indicator=indicator_id))
        self.model = model
        self.indicator_id = indicator_id
        self.before = before
        self.after = None
        self.action = action
        self.typed = typed
        self._pushed = False

    def first_run(self) -> bool:
        """Do the edit once, before the command goes on the stack; False if refused."""
        try:
            self.action()
        except NoteRequiredError as error:
            self.model.note_needed.emit(self.indicator_id, self.typed, error.message())
            return False
        except TienDoError as error:
            self.model.message.emit(error.message())
            return False
        self.after = entries.value(self.model.workspace, self.model.year, self.indicator_id)
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
        self.model.refresh_indicator(self.indicator_id)
