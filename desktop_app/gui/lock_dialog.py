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
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Unlock"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Close TienDo"))
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_unlock(self) -> None:
        try:
            check_secret(self.path, passphrase=self.passphrase.text(), recovery_code=self.code.text().strip() or None)
        except TienDoError as error:
            self.error.setText(error.message())
            return
        self.accept()
