"""The program's own settings (language, last workspace, idle lock), in an .ini file in
the user's TienDo folder, so tests and portable installs stay isolated."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

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
    """Language and the idle lock; the language applies at once."""

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
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        settings = app_settings()
        settings.setValue("language", self.language.currentData())
        settings.setValue("idle_minutes", self.idle.value())
        super().accept()
