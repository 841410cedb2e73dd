"""“Sign the PDF digitally”: the head's certificate file (.p12/.pfx) or USB token signs a
printed report (PAdES), the stamp in the box the report reserved.  The work is
``core.actions.sign_pdf``, the same as ``tiendo sign``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QWidget)

from desktop_app.core import actions
from desktop_app.core.i18n import _
from desktop_app.gui.ops import run_op


def _file_row(edit: QLineEdit, choose) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton(_("Choose…"))
    button.setAutoDefault(False)
    button.clicked.connect(choose)
    layout.addWidget(button)
    return row


class SignPdfDialog(QDialog):
    def __init__(self, pdf_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Sign a report PDF digitally"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)

        self.source = QLineEdit(str(pdf_path) if pdf_path else "")
        self.source.setAccessibleName(_("The report PDF to sign"))
        self.source.textChanged.connect(self._offer_output)
        form.addRow(_("&Report PDF:"), _file_row(self.source, self.choose_source))

        self.use_p12 = QRadioButton(_("A &certificate file (.p12, .pfx)"))
        self.use_token = QRadioButton(_("A USB &token"))
        self.use_p12.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.use_p12)
        kinds.addButton(self.use_token)
        row = QHBoxLayout()
        row.addWidget(self.use_p12)
        row.addWidget(self.use_token)
        form.addRow(_("Sign with:"), row)

        self.p12 = QLineEdit()
        self.p12.setAccessibleName(_("Certificate file"))
        self.p12_row = _file_row(self.p12, self.choose_p12)
        form.addRow(_("Certificate &file:"), self.p12_row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(_("Certificate password"))
        form.addRow(_("&Password:"), self.password)

        self.library = QLineEdit()
        self.library.setAccessibleName(_("The token's PKCS#11 library"))
        self.library_row = _file_row(self.library, self.choose_library)
        form.addRow(_("Token &library:"), self.library_row)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setAccessibleName(_("Token PIN"))
        self.pin.setPlaceholderText(_("empty if the token asks on its own keypad"))
        form.addRow(_("P&IN:"), self.pin)

        self.output = QLineEdit()
        self.output.setAccessibleName(_("The signed PDF"))
        form.addRow(_("&Signed copy:"), self.output)
        self._offer_output(self.source.text())

        self.result = QLabel()
        self.result.setWordWrap(True)
        form.addRow(self.result)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        self.sign_button = buttons.button(QDialogButtonBox.Ok)
        self.sign_button.setText(_("Si&gn"))
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.use_p12.toggled.connect(self._show_kind)
        self._show_kind()

    def _show_kind(self) -> None:
        p12 = self.use_p12.isChecked()
        for widget in (self.p12, self.p12_row, self.password):
            widget.setEnabled(p12)
        for widget in (self.library, self.library_row, self.pin):
            widget.setEnabled(not p12)

    def _offer_output(self, text: str) -> None:
        self.output.setText(str(actions.signed_pdf_name(Path(text))) if text.strip() else "")

    def choose_source(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Report PDF"), self.source.text(), "PDF (*.pdf)")
        if name:
            self.source.setText(name)

    def choose_p12(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Certificate file"), "", _("Certificate (*.p12 *.pfx)"))
        if name:
            self.p12.setText(name)

    def choose_library(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("The token's PKCS#11 library"), "",
                                                    _("Library (*.dll *.so *.dylib)"))
        if name:
            self.library.setText(name)

    def signer(self) -> actions.PdfSigner:
        if self.use_p12.isChecked():
            return actions.PdfSigner(p12=Path(self.p12.text()) if self.p12.text().strip() else None,
                                     password=self.password.text())
        return actions.PdfSigner(pkcs11=Path(self.library.text()) if self.library.text().strip() else None,
                                 pin=self.pin.text() or None)

    def sign(self) -> None:
        source, signer = Path(self.source.text()), self.signer()
        output = Path(self.output.text()) if self.output.text().strip() else None
        self.result.clear()
        run_op(self, lambda progress: actions.sign_pdf(source, signer, output),
               on_done=lambda path: self.result.setText(_("Signed: {path}", path=path)), title=_("Signing…"))
