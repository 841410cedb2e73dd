"""The unlock dialog: the passphrase, or "forgot it" with the recovery code and a new
passphrase.  Key derivation takes a moment, so opening runs off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _

if TYPE_CHECKING:  # imported when a workspace is opened, not with the first window
    from desktop_app.core.workspace import Workspace


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setAccessibleName(name)
    return field


class UnlockDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None, *, message: str | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.workspace: Workspace | None = None
        self.setWindowTitle(_("Open workspace"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        heading = QLabel(message or _("Workspace: {name}", name=self.path.name))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)

        normal = QWidget()
        form = QFormLayout(normal)
        self.passphrase = password_field(_("Passphrase"))
        form.addRow(_("&Passphrase:"), self.passphrase)
        self.forgot = QPushButton(_("&Forgot the passphrase? Use the recovery code"))
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        form.addRow(self.forgot)
        self.pages.addWidget(normal)

        recovery = QWidget()
        form = QFormLayout(recovery)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.code.setAccessibleName(_("Recovery code"))
        form.addRow(_("&Recovery code:"), self.code)
        self.new_passphrase = password_field(_("New passphrase"))
        self.confirmation = password_field(_("New passphrase again"))
        form.addRow(_("&New passphrase:"), self.new_passphrase)
        form.addRow(_("Type it &again:"), self.confirmation)
        self.pages.addWidget(recovery)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Error message"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Open"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_open(self) -> None:
        """Key derivation takes a moment: open on a worker thread, keep the dialog alive."""
        from desktop_app.gui.ops import run_op

        self.error.clear()
        self.setEnabled(False)
        recovering = self.pages.currentIndex() == 1
        passphrase, code = self.passphrase.text(), self.code.text()
        new, again = self.new_passphrase.text(), self.confirmation.text()
        run_op(self, lambda progress: open_workspace(self.path, passphrase, code if recovering else None, new, again),
               on_done=self._opened, on_failed=self._failed, title=_("Opening the workspace…"))

    def _opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(error, TienDoError):
            from desktop_app.gui.ops import show_error

            show_error(self, error)
            return
        self.error.setText(error.message())
        self.passphrase.setFocus()
        self.passphrase.selectAll()


def open_workspace(path: Path, passphrase: str, recovery_code: str | None, new: str, again: str) -> Workspace:
    """With a recovery code, the new passphrase is set before the workspace is handed over."""
    from desktop_app.core.workspace import Workspace

    if recovery_code is None:
        return Workspace.open(path, passphrase=passphrase)
    from desktop_app.core.keyslots import check_new_passphrase

    check_new_passphrase(new, again)
    workspace = Workspace.open(path, recovery_code=recovery_code)
    try:
        workspace.change_passphrase(new, again)
    except BaseException:
        workspace.close()
        raise
    return workspace
