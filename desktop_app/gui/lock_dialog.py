"""The lock screen after idle time: the passphrase (or recovery code) again, checked
against the key slots; the workspace itself stays open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.gui.idle_lock import check_secret
from desktop_app.gui.unlock import password_field


class LockDialog(QDialog):
    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("TienDo is locked"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("TienDo was locked after a while without use. Your work is kept.")))
        self.passphrase = password_field(_("Passphrase"))
        form.addRow(_("&Passphrase:"), self.passphrase)
        self.code = QLineEdit()
        self.code.setAccessibleName(_("Recovery code"))
        form.addRow(_("or &recovery code:"), self.code)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Unlock"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Close TienDo"))
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_unlock(self) -> None:
        """The key derivation takes a moment: checked off the UI thread."""
        from desktop_app.gui.ops import run_op

        passphrase, code = self.passphrase.text(), self.code.text().strip() or None
        self.error.clear()
        self.setEnabled(False)
        run_op(self, lambda progress: check_secret(self.path, passphrase=passphrase, recovery_code=code),
               on_done=lambda _none: (self.setEnabled(True), self.accept()), on_failed=self._failed,
               title=_("Checking the passphrase…"))

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(error, TienDoError):
            from desktop_app.gui.ops import show_error

            show_error(self, error)
            return
        self.error.setText(error.message())
        self.passphrase.setFocus()
        self.passphrase.selectAll()
