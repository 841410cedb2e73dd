"""The narrative parts of the year's report, saved as typed (after a short pause, on
leaving the box, and on closing): nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.core import entries
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import N_, translate

SECTIONS = (
    ("results", N_("I. Results (narrative)")),
    ("difficulties", N_("III. Difficulties and limitations")),
    ("proposals", N_("IV. Proposals and recommendations")),
)
SAVE_AFTER_MS = 800


class SectionEdit(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class NarrativeEditor(QWidget):
    message = Signal(str)

    def __init__(self, workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        layout = QVBoxLayout(self)
        self.editors: dict[str, SectionEdit] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.save)
        for section, title in SECTIONS:
            label = QLabel(f"<b>{translate(title)}</b>")
            editor = SectionEdit()
            editor.setTabChangesFocus(True)  # a report's text has no use for tab characters
            editor.setAccessibleName(translate(title))
            editor.textChanged.connect(lambda: self.timer.start(SAVE_AFTER_MS))
            editor.left.connect(self.save)
            label.setBuddy(editor)
            layout.addWidget(label)
            layout.addWidget(editor, 1)
            self.editors[section] = editor
        self.reload()

    def set_year(self, year: int) -> None:
        self.save()
        self.year = year
        self.reload()

    def reload(self) -> None:
        state = entries.report_state(self.workspace, self.year)
        for section, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(state.narrative(section))
            editor.setReadOnly(state.locked)
            editor.blockSignals(False)

    def save(self) -> None:
        self.timer.stop()
        state = entries.report_state(self.workspace, self.year)
        if state.locked:
            return
        for section, editor in self.editors.items():
            if editor.toPlainText().strip() != state.narrative(section):
                try:
                    entries.set_narrative(self.workspace, self.year, section, editor.toPlainText())
                except TienDoError as error:
                    self.message.emit(error.message())
                    return
