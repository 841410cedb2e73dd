"""“Finish and sign”: who signs and under which authority; the year is then locked and
the final PDF written."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from desktop_app.core import signoff
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _

AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


class SignDialog(QDialog):
    def __init__(self, workspace, year: int, pdf_path, parent=None):
        super().__init__(parent)
        self.workspace, self.year, self.pdf_path = workspace, year, pdf_path
        self.setWindowTitle(_("Finish and sign the {year} report", year=year))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(QLabel(_("After signing, the year is locked. Reopening it later needs a reason and makes a new "
                             "revision.")))
        self.number = QLineEdit(workspace.setting("report_number_pattern", "…/BC-…"))
        self.number.setAccessibleName(_("Report number"))
        form.addRow(_("Report &number:"), self.number)
        self.authority = QComboBox()
        self.authority.setEditable(True)
        self.authority.addItems([a + (" GIÁM ĐỐC" if a in ("KT.", "Q.") else "") for a in AUTHORITIES])
        self.authority.setCurrentText(workspace.setting("report_signer_authority", "KT. GIÁM ĐỐC"))
        self.authority.setAccessibleName(_("Signing authority"))
        form.addRow(_("Signing &authority:"), self.authority)
        self.title = QLineEdit(workspace.setting("report_signer_title", "PHÓ GIÁM ĐỐC"))
        self.title.setAccessibleName(_("Title of the signer"))
        form.addRow(_("&Title:"), self.title)
        self.name = QLineEdit(workspace.setting("report_signer_name", ""))
        self.name.setAccessibleName(_("Name of the signer"))
        form.addRow(_("&Signer's name:"), self.name)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Sign and lock"))
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def sign(self) -> None:
        try:
            signoff.sign_year(self.workspace, self.year, signer_name=self.name.text(), signer_title=self.title.text(),
                              signer_authority=self.authority.currentText(), report_number=self.number.text())
            for key, value in (("report_signer_authority", self.authority.currentText()),
                               ("report_signer_title", self.title.text()), ("report_signer_name", self.name.text())):
                self.workspace.set_setting(key, value)
        except TienDoError as error:
            self.error.setText(error.message())
            return
        from desktop_app.gui.report_preview import preview_report

        self.accept()
        preview_report(self.parent(), self.workspace, self.year, self.pdf_path)
