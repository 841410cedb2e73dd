"""A second copy of the lead office's key, from the window: saved to a file with its own
passphrase (for a USB stick kept in the office's safe), and loaded on a new computer.

The wizard's lead-office set-up should open ``LeadKeyCopyDialog`` after the workspace is
made; the exchange menu can offer ``save_lead_key_copy`` and ``load_lead_key``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.core.exchange.lead_key import SUFFIX, export_lead_key, import_lead_key
from desktop_app.core.i18n import _
from desktop_app.gui.ops import run_op, show_error


class LeadKeyCopyDialog(QDialog):
    """Asks where to keep a copy of the lead key and a passphrase for it; saves on OK."""

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.saved = None
        self.setWindowTitle(_("A second copy of the lead key"))
        layout = QVBoxLayout(self)
        explain = QLabel(_("Packages from the offices open only with this lead office's key. Save a copy on a USB "
                           "stick kept apart from this computer, protected by its own passphrase: if the computer "
                           "is lost, load the copy on the new one."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.path = QLineEdit(str(Path.home() / f"{workspace.office_id}{SUFFIX}"))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(_("File:"), row)
        self.passphrase = QLineEdit(echoMode=QLineEdit.Password)
        self.again = QLineEdit(echoMode=QLineEdit.Password)
        form.addRow(_("Passphrase of the key file:"), self.passphrase)
        form.addRow(_("The same passphrase again:"), self.again)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Key file"), self.path.text(), f"TienDo (*{SUFFIX})")
        if name:
            self.path.setText(name)

    def save(self) -> None:
        try:
            self.saved = export_lead_key(self.workspace, Path(self.path.text()), self.passphrase.text(), self.again.text())
        except Exception as error:  # noqa: BLE001 - shown through the one error door
            show_error(self, error)
            return
        QMessageBox.information(self, _("TienDo"), _(
            "The lead key {fingerprint} is saved in {file}: keep it apart from this computer.",
            fingerprint=self.saved.fingerprint, file=self.path.text()))
        self.accept()


def save_lead_key_copy(parent: QWidget | None, workspace) -> None:
    LeadKeyCopyDialog(workspace, parent).exec()


def load_lead_key(parent: QWidget | None, workspace) -> None:
    name, _filter = QFileDialog.getOpenFileName(parent, _("Key file"), "", f"TienDo (*{SUFFIX})")
    if not name:
        return
    passphrase, ok = QInputDialog.getText(parent, _("TienDo"), _("Passphrase of the key file:"), QLineEdit.Password)
    if not ok:
        return
    run_op(parent, lambda progress: import_lead_key(workspace, Path(name), passphrase),
           on_done=lambda info: QMessageBox.information(parent, _("TienDo"), _(
               "This workspace now holds the lead key {fingerprint}.", fingerprint=info.fingerprint)))
