"""Locking the window after a while without input.  The workspace stays open and nothing
typed is lost; the passphrase (or the recovery code) is asked again to go on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.poke()

    def poke(self) -> None:
        if self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in INPUT_EVENTS:
            self.poke()
        return False


def check_secret(workspace_path, passphrase: str | None = None, recovery_code: str | None = None) -> None:
    """Raises WrongSecretError unless the secret opens this workspace's key slots."""
    from desktop_app.core import keyslots

    slots = keyslots.read_slots(workspace_path)
    if recovery_code:
        keyslots.open_with_recovery_code(slots, recovery_code)
    else:
        keyslots.open_with_passphrase(slots, passphrase or "")
