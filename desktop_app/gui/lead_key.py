"""A second copy of the lead office's key, from the window: saved to a file with its own
passphrase (for a USB stick kept in the office's safe), and loaded on a new computer.

The wizard's lead-office set-up opens ``LeadKeyCopyDialog`` once the workspace is made;
the lead office's exchange menu offers ``save_lead_key_copy`` and ``load_lead_key``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.core.exchange.lead_key import MAX_FILE_BYTES, SUFFIX, export_lead_key, import_lead_key
from desktop_app.core.i18n import _
from desktop_app.gui.ops import run_and_wait, run_op, show_error


class LeadKeyCopyDialog(QDialog):
    """Asks where to keep a copy of the lead key and a passphrase for it; saves on OK."""

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.saved = None
        self.setWindowTitle(_("A second copy of the lead key"))
        self.setMinimumWidth(560)  # the file's path stays readable; fits 1366×768 at 125 %
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
        path, first, second = Path(self.path.text()), self.passphrase.text(), self.again.text()
        try:
            # The key derivation takes a second or so: off the UI thread, the dialog still painting.
            self.saved = run_and_wait(self, lambda progress: export_lead_key(self.workspace, path, first, second),
                                      title=_("Saving the key…"))
        except Exception as error:  # noqa: BLE001 - shown through the one error door
            show_error(self, error)
            return
        QMessageBox.information(self, _("TienDo"), _(
            "The lead key {fingerprint} is saved in {file}: keep it apart from this computer.",
            fingerprint=self.saved.fingerprint, file=self.path.text()))
        self.accept()


def save_lead_key_copy(parent: QWidget | None, workspace) -> None:
    LeadKeyCopyDialog(workspace, parent).exec()


def _current_fingerprint(workspace) -> str | None:
    from desktop_app.core.exchange.keys import fingerprint_of

    rows = dict(workspace.query("SELECT purpose, public FROM own_keys"))
    return fingerprint_of(bytes(rows["box"]), bytes(rows["signing"])) if "box" in rows and "signing" in rows else None


def _labelled_fingerprint(path: Path) -> str | None:
    """The fingerprint the file's clear part claims (checked against its sealed part on
    import); only used to ask before replacing a key, never trusted."""
    import json

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        label = json.loads(path.read_bytes().decode("utf-8")).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None
    return label if isinstance(label, str) else None


def load_lead_key(parent: QWidget | None, workspace, on_done=None) -> None:
    name, _filter = QFileDialog.getOpenFileName(parent, _("Key file"), "", f"TienDo (*{SUFFIX})")
    if not name:
        return
    current = _current_fingerprint(workspace)
    replace = current is not None and _labelled_fingerprint(Path(name)) != current
    if replace:
        box = QMessageBox(QMessageBox.Warning, _("TienDo"), _(
            "This workspace already has its own lead key ({fingerprint}). Packages sealed to it will no longer open "
            "once it is replaced. Replace it only if no office has been given this key's file.",
            fingerprint=current), parent=parent)
        replace_button = box.addButton(_("&Replace the key"), QMessageBox.DestructiveRole)
        keep = box.addButton(_("&Keep the current key"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)  # a dangerous choice is never the Enter key
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is not replace_button:
            return
    passphrase, ok = QInputDialog.getText(parent, _("TienDo"), _("Passphrase of the key file:"), QLineEdit.Password)
    if not ok:
        return

    def done(info) -> None:
        QMessageBox.information(parent, _("TienDo"), _(
            "This workspace now holds the lead key {fingerprint}.", fingerprint=info.fingerprint))
        if on_done is not None:
            on_done(info)

    run_op(parent, lambda progress: import_lead_key(workspace, Path(name), passphrase, replace=replace),
           on_done=done, title=_("Loading the key…"))
