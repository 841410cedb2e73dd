"""“Finish and sign”: the signature block as Vietnamese offices sign (Decree 30: "TM.
ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), the place and "Kính gửi" of the paper;
the year is then locked and the final PDF written.  Enter never signs: the clerk
presses "Sign and lock" (or Alt+S) on purpose."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton)

from desktop_app.core import signoff
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import N_, _
from desktop_app.core.reports.build import paper_setting

# (mode as stored, what the clerk reads)
MODES = (
    ("", N_("The head signs in person")),
    ("KT.", N_("KT. — a deputy signs for the head")),
    ("Q.", N_("Q. — the acting head signs")),
    ("TL.", N_("TL. — signed by order of the head")),
    ("TUQ.", N_("TUQ. — signed by authorisation of the head")),
)


class SignDialog(QDialog):
    def __init__(self, workspace, year: int, pdf_path, parent=None):
        super().__init__(parent)
        self.workspace, self.year, self.pdf_path = workspace, year, pdf_path
        self.setWindowTitle(_("Finish and sign the {year} report", year=year))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        note = QLabel(_("After signing, the year is locked. Reopening it later needs a reason and makes a new "
                        "revision."))
        note.setWordWrap(True)
        form.addRow(note)
        authority, title, name = signoff.default_signature(workspace)
        collective, mode, head = signoff.split_authority(authority)

        # The year's own number, as the CLI keeps it; "…/BC-…" (the paper's unnumbered
        # form) only as a hint, never stored as if it were a number.
        self.number = QLineEdit(signoff.offered_report_number(workspace, year))
        self.number.setPlaceholderText("…/BC-…")
        self.number.setAccessibleName(_("Report number"))
        form.addRow(_("Report &number:"), self.number)

        row = QHBoxLayout()
        self.for_collective = QCheckBox(_("TM. — for the &collective:"))
        self.for_collective.setChecked(bool(collective))
        self.collective = QLineEdit(collective or "ỦY BAN NHÂN DÂN")
        self.collective.setAccessibleName(_("The collective signed for"))
        self.collective.setEnabled(bool(collective))
        self.for_collective.toggled.connect(self.collective.setEnabled)
        row.addWidget(self.for_collective)
        row.addWidget(self.collective, 1)
        form.addRow(row)

        row = QHBoxLayout()
        self.mode = QComboBox()
        for value, label in MODES:
            self.mode.addItem(_(label), value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.mode.setAccessibleName(_("How the signer signs"))
        self.head = QLineEdit(head or ("CHỦ TỊCH" if collective else "GIÁM ĐỐC"))
        self.head.setAccessibleName(_("The head's title"))
        self.head.setPlaceholderText(_("the head's title, e.g. CHỦ TỊCH"))
        row.addWidget(self.mode)
        row.addWidget(self.head, 1)
        label = QLabel(_("Si&gning:"))
        label.setBuddy(self.mode)
        form.addRow(label, row)

        self.title = QLineEdit(title.replace("\n", " / "))
        self.title.setAccessibleName(_("Title of the signer"))
        self.title.setPlaceholderText(_("e.g. PHÓ CHỦ TỊCH"))
        form.addRow(_("&Title:"), self.title)
        self.name = QLineEdit(name)
        self.name.setAccessibleName(_("Name of the signer"))
        form.addRow(_("Signer's na&me:"), self.name)

        self.place = QLineEdit(paper_setting(workspace, "report_place"))
        self.place.setAccessibleName(_("Place name before the date"))
        form.addRow(_("&Place:"), self.place)
        self.addressee = QPlainTextEdit(paper_setting(workspace, "report_addressee"))
        self.addressee.setTabChangesFocus(True)
        self.addressee.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.addressee.setAccessibleName(_("Kính gửi: one addressee a line, empty for none"))
        form.addRow(_("&Kính gửi:"), self.addressee)

        self.preview = QLabel()
        self.preview.setAccessibleName(_("The signature block as printed"))
        self.preview.setStyleSheet("font-weight: bold; border: 1px solid #999; padding: 6px;")
        form.addRow(_("Printed as:"), self.preview)
        for widget in (self.collective, self.head, self.title, self.name):
            widget.textChanged.connect(self.update_preview)
        self.for_collective.toggled.connect(self.update_preview)
        self.mode.currentIndexChanged.connect(self.update_preview)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.sign_button = QPushButton(_("&Sign and lock"))
        # Locking the year is not what Enter in a text field should do.
        self.sign_button.setAutoDefault(False)
        self.sign_button.setDefault(False)
        buttons.addButton(self.sign_button, QDialogButtonBox.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.update_preview()

    def authority_text(self) -> str:
        return signoff.compose_authority(self.collective.text() if self.for_collective.isChecked() else "",
                                         self.mode.currentData() or "", self.head.text())

    def title_text(self) -> str:
        return "\n".join(part.strip() for part in self.title.text().split("/") if part.strip())

    def update_preview(self) -> None:
        lines = [*self.authority_text().split("\n"), *self.title_text().split("\n")]
        lines = [line.upper() for line in lines if line.strip()]
        self.preview.setText("\n".join([*lines, "", self.name.text()]))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt

        # QDialog accepts on Enter when no button is the default; here Enter does nothing.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not self.sign_button.hasFocus():
            return
        super().keyPressEvent(event)

    def sign(self) -> None:
        try:
            signoff.sign_year(self.workspace, self.year, signer_name=self.name.text(), signer_title=self.title_text(),
                              signer_authority=self.authority_text(), report_number=self.number.text(),
                              place=self.place.text(), addressee=self.addressee.toPlainText())
        except TienDoError as error:
            self.error.setText(error.message())
            return
        from desktop_app.gui.report_preview import preview_report

        self.accept()
        preview_report(self.parent(), self.workspace, self.year, self.pdf_path)
