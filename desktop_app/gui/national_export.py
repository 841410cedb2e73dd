"""“Export for the national system” (lead office): the province's consolidated values of
a year as ADX, DHIS2 JSON or CSV, optionally through a mapping file to the national
system's own codes; and the mapping template to fill in.  The work is
``core.actions.national_export`` and ``write_mapping_template``, the same as
``tiendo national``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from desktop_app.core import actions
from desktop_app.core.exchange import national
from desktop_app.core.i18n import N_, _
from desktop_app.gui.ops import run_op

# (format, what the user reads, file suffix)
FORMATS = (
    ("adx", N_("ADX (XML)"), ".xml"),
    ("dhis2", N_("DHIS2 (JSON)"), ".json"),
    ("csv", N_("CSV (Excel)"), ".csv"),
)


class NationalExportDialog(QDialog):
    def __init__(self, workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Export for the national system"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)

        self.year = QSpinBox()
        plan = workspace.plan
        self.year.setRange(plan.reporting.first_year, plan.reporting.last_year)
        self.year.setValue(year)
        self.year.setAccessibleName(_("Year"))
        form.addRow(_("&Year:"), self.year)
        self.format = QComboBox()
        for value, label, _suffix in FORMATS:
            self.format.addItem(_(label), value)
        self.format.setAccessibleName(_("Format"))
        form.addRow(_("&Format:"), self.format)

        self.mapping = QLineEdit()
        self.mapping.setAccessibleName(_("Mapping file"))
        self.mapping.setPlaceholderText(_("none: the plan's global ids"))
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mapping, 1)
        choose = QPushButton(_("Choose…"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose_mapping)
        layout.addWidget(choose)
        template = QPushButton(_("Write a &template…"))
        template.setAutoDefault(False)
        template.clicked.connect(self.write_template)
        layout.addWidget(template)
        form.addRow(_("&Mapping:"), row)

        self.output = QLineEdit()
        self.output.setAccessibleName(_("The file to write"))
        form.addRow(_("&Write to:"), self.output)
        self.format.currentIndexChanged.connect(self._offer_output)
        self.year.valueChanged.connect(self._offer_output)
        self._offer_output()

        self.result = QLabel()
        self.result.setWordWrap(True)
        form.addRow(self.result)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Ok).setText(_("&Export"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _offer_output(self, *args) -> None:
        suffix = dict((value, suffix) for value, _label, suffix in FORMATS)[self.format.currentData()]
        folder = Path(self.output.text()).parent if self.output.text().strip() else self.workspace.path.parent
        self.output.setText(str(folder / f"quoc-gia-{self.workspace.plan_code}-{self.year.value()}{suffix}"))

    def choose_mapping(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Mapping file"), "", "JSON (*.json)")
        if name:
            self.mapping.setText(name)

    def write_template(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Mapping template"),
                                                    str(self.workspace.path.parent / "ma-quoc-gia.json"), "JSON (*.json)")
        if name:
            run_op(self, lambda progress: national.write_mapping_template(self.workspace, Path(name)),
                   on_done=lambda path: self.result.setText(_("Template written to {path}: fill in the national ids.",
                                                              path=path)))

    def export(self) -> None:
        year, fmt, output = self.year.value(), self.format.currentData(), Path(self.output.text())
        mapping = Path(self.mapping.text()) if self.mapping.text().strip() else None
        self.result.clear()
        run_op(self, lambda progress: actions.national_export(self.workspace, year, fmt, output, mapping),
               on_done=lambda path: self.result.setText(_("Written to {path}.", path=path)), title=_("Exporting…"))
