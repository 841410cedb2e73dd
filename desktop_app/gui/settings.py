"""The program's own settings (language, last workspace, idle lock), in an .ini file in
the user's TienDo folder, so tests and portable installs stay isolated.  The second
folder for the automatic backups is the core's (``core.backup_places``: the CLI and the
wizard read it too); this dialog is where the clerk chooses it."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox, QWidget,
)

from desktop_app.core.i18n import _
from desktop_app.core.resources import user_data_dir

DEFAULT_IDLE_MINUTES = 15


def app_settings() -> QSettings:
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "tiendo.ini"), QSettings.IniFormat)


def language() -> str:
    value = app_settings().value("language", "vi")
    return value if value in ("vi", "en") else "vi"


def idle_minutes() -> int:
    try:
        return max(0, int(app_settings().value("idle_minutes", DEFAULT_IDLE_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES


def last_workspace() -> str | None:
    value = app_settings().value("last_workspace")
    return str(value) if value else None


def remember_workspace(path: str) -> None:
    app_settings().setValue("last_workspace", path)


class SettingsDialog(QDialog):
    """Language, the idle lock, and a second folder for the automatic backups; the
    language applies at once."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if language() == "vi" else 1)
        self.language.setAccessibleName(_("Language"))
        form.addRow(_("&Language:"), self.language)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(_(" minutes"))
        self.idle.setSpecialValueText(_("never"))
        self.idle.setValue(idle_minutes())
        self.idle.setAccessibleName(_("Lock after idle minutes"))
        form.addRow(_("Lock when idle for:"), self.idle)
        self._second_folder_rows(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _second_folder_rows(self, form: QFormLayout) -> None:
        from desktop_app.core.backup_places import second_folder

        self.chosen_before = second_folder()
        self.second_folder_changed = False
        self.second_folder = QLineEdit(str(self.chosen_before or ""))
        self.second_folder.setPlaceholderText(_("none: only in this computer's data folder"))
        self.second_folder.setAccessibleName(_("Also back up to"))
        self.second_folder.setMinimumWidth(420)
        self.choose_folder = QPushButton(_("&Choose…"))
        self.choose_folder.clicked.connect(self.choose_second_folder)
        self.no_second_folder = QPushButton(_("&Turn off"))
        self.no_second_folder.clicked.connect(self.second_folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.second_folder, 1)
        row.addWidget(self.choose_folder)
        row.addWidget(self.no_second_folder)
        label = QLabel(_("Also &back up to:"))
        label.setBuddy(self.second_folder)
        form.addRow(label, row)
        from desktop_app.core.autobackup import KEEP

        hint = QLabel(_("Every automatic backup is also copied there, e.g. to a USB stick or a network drive; "
                        "the newest {keep} are kept.", keep=KEEP))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow(hint)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Error message"))
        form.addRow(self.error)

    def choose_second_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Also back up to"), self.second_folder.text())
        if folder:
            self.second_folder.setText(folder)
            self.error.clear()

    def accept(self) -> None:
        from desktop_app.core.backup_places import set_second_folder
        from desktop_app.core.errors import TienDoError

        text = self.second_folder.text().strip()
        if text != str(self.chosen_before or ""):
            try:
                set_second_folder(text or None)
            except TienDoError as error:  # the drive is not there: say so here, keep the dialog open
                self.error.setText(error.message())
                self.second_folder.setFocus()
                return
            self.second_folder_changed = True
        settings = app_settings()
        settings.setValue("language", self.language.currentData())
        settings.setValue("idle_minutes", self.idle.value())
        super().accept()
