"""A question about a list that may be long (25 new offices at the lead office): the
list scrolls inside a dialog that fits the screen, and the safe answer is the default,
so Enter never agrees to all of it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop_app.gui.screen_fit import fit_window


class ConfirmListDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, intro: str, items: list[str], question: str,
                 yes_text: str, no_text: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.items = QListWidget()
        self.items.setAccessibleName(title)
        self.items.addItems(items)
        self.items.setWordWrap(True)
        layout.addWidget(self.items, 1)
        asked = QLabel(question)
        asked.setWordWrap(True)
        layout.addWidget(asked)
        buttons = QDialogButtonBox()
        self.yes = buttons.addButton(yes_text, QDialogButtonBox.AcceptRole)
        self.no = buttons.addButton(no_text, QDialogButtonBox.RejectRole)
        for button in (self.yes, self.no):
            button.setAutoDefault(False)
        self.no.setDefault(True)
        self.no.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, 760, 200 + 24 * len(items))


def confirm_list(parent, title: str, intro: str, items: list[str], question: str, yes_text: str, no_text: str) -> bool:
    return ConfirmListDialog(parent, title, intro, items, question, yes_text, no_text).exec() == QDialog.Accepted
