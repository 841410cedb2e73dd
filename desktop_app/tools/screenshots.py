"""Pictures of every window and dialog as a clerk sees them on a 1366×768 laptop:

    python -m desktop_app.tools.screenshots docs/screenshots

Each picture is the whole 1366×768 screen (the taskbar's 40 px drawn at the bottom) with
the window where it opens, so a dialog that does not fit shows as one.  Runs on Qt's
offscreen platform given a 1366×768 screen, or on any display (e.g. ``xvfb-run -s
"-screen 0 1366x768x24"``).  Uses throwaway workspaces: the Khánh Hòa sample data."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SCREEN = (1366, 768)
TASKBAR = 40
PASSPHRASE = "dungthu-2026"


def _laptop_screen() -> None:
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "tiendo-screenshots-screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SCREEN[0],
                                               "height": SCREEN[1], "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


class Camera:
    def __init__(self, target: Path):
        self.target = target
        self.taken: list[str] = []

    def __call__(self, name: str, *windows) -> None:
        """The screen with ``windows`` (bottom first) where they are, saved as NAME.png."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor, QImage, QPainter
        from PySide6.QtWidgets import QApplication

        for _ in range(3):
            QApplication.processEvents()
        canvas = QImage(SCREEN[0], SCREEN[1], QImage.Format_RGB32)
        canvas.fill(QColor("#3a6ea5"))
        painter = QPainter(canvas)
        painter.fillRect(0, SCREEN[1] - TASKBAR, SCREEN[0], TASKBAR, QColor("#1f1f1f"))
        painter.setPen(QColor("#dddddd"))
        painter.drawText(8, SCREEN[1] - TASKBAR, 400, TASKBAR, Qt.AlignVCenter, "1366 × 768 — vùng làm việc 1366 × 728")
        for window in windows:
            frame = window.frameGeometry()
            painter.drawPixmap(window.geometry().topLeft(), window.grab())
            painter.setPen(QColor("#ff0000") if frame.bottom() >= SCREEN[1] - TASKBAR else QColor("#00000000"))
            painter.drawRect(frame.adjusted(0, 0, -1, -1))
        painter.end()
        canvas.save(str(self.target / f"{name}.png"))
        self.taken.append(name)


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TIENDO_HOME", tempfile.mkdtemp(prefix="tiendo-shots-"))
    _laptop_screen()
    from desktop_app.core import clock

    clock.set_now("2026-11-13T09:00:00+07:00")  # a fixed day, three weeks before the deadline
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.i18n import set_language
    from desktop_app.gui.app import make_application

    app = make_application([sys.argv[0]])
    shoot = Camera(target)
    home = Path(os.environ["TIENDO_HOME"])
    set_language("vi")
    workspace = wizard_pages(shoot, home)
    window = main_windows(shoot, app, workspace)
    dialogs(shoot, window, workspace, home)
    commune_window(shoot, home)
    set_language("en")
    window.retranslate()
    window.tabs.setCurrentIndex(0)
    shoot("en-main-window", window)
    window.close()
    workspace.close()
    QApplication.processEvents()
    print(f"{len(shoot.taken)} pictures in {target}")
    sys.stdout.flush()
    # Leave without running Python's teardown over live Qt objects (a known PySide exit race).
    os._exit(0)


def wizard_pages(shoot, home: Path):
    from desktop_app.gui.wizard import PAGE_PASSPHRASE, PAGE_PLAN, PAGE_RECOVERY, SetupWizard

    wizard = SetupWizard()
    wizard.show()
    shoot("wizard-1-start", wizard)
    for button, name in ((3, "wizard-open"), (4, "wizard-restore")):
        wizard.start.group.button(button).setChecked(True)
        wizard.next()
        shoot(name, wizard)
        wizard.back()
    wizard.start.group.button(2).setChecked(True)
    shoot("wizard-sample-data", wizard)
    wizard.start.group.button(0).setChecked(True)
    wizard.next()
    plan = wizard.page(PAGE_PLAN)
    plan.new_office.insert("UBND xã Cam Hải Đông")
    plan.path.setText(str(home / "xa.tiendo"))
    shoot("wizard-2-plan", wizard)
    wizard.next()
    page = wizard.page(PAGE_PASSPHRASE)
    page.first.setText("ngắn")
    page.second.setText("ngắn")
    wizard.next()
    shoot("wizard-3-passphrase-refused", wizard)
    page.first.setText(PASSPHRASE)
    page.second.setText(PASSPHRASE)
    wizard.next()
    wizard.page(PAGE_RECOVERY).kept.setChecked(True)
    shoot("wizard-4-recovery-code", wizard)
    wizard.workspace.close()
    wizard.hide()

    from desktop_app.core.demo import create_demo_workspace

    workspace, _code = create_demo_workspace(home / "dung-thu.tiendo", PASSPHRASE)
    return workspace


def main_windows(shoot, app, workspace):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow(workspace)
    window.show()
    window.load_year(2026)
    shoot("main-window", window)
    view = window.indicators
    view.setCurrentIndex(view.proxy.index(3, 6))
    model = window.indicator_model
    target = view.editable_rows_from(0)[1]
    model.commit_value(target, "101")
    view.focus_value(target)
    shoot("main-window-refused-value", window)
    model.clear_refusal(target)
    window.message_bar.clear()
    for tab, name in ((1, "tasks"), (2, "report-text")):
        window.tabs.setCurrentIndex(tab)
        shoot(name, window)
    window.tabs.setCurrentIndex(0)
    view.focus_value(target)
    window.tabs.setCurrentIndex(3)
    shoot("trend", window)
    window.load_year(2025)
    window.tabs.setCurrentIndex(0)
    shoot("main-window-signed-2025", window)
    window.load_year(2026)
    return window


def commune_window(shoot, home: Path) -> None:
    """A commune's own form: a few indicators, the tasks a line per section."""
    from desktop_app.core.model import Office
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.core.workspace import Workspace
    from desktop_app.gui.main_window import MainWindow

    commune = Office("ubnd-xa-cam-hai-dong", "UBND xã Cam Hải Đông", "UBND xã Cam Hải Đông", (), "local")
    workspace, _code = Workspace.create(home / "xa-cam-hai-dong.tiendo", PASSPHRASE,
                                        plan=load_bundled_plan("khanhhoa-2024"), office_id=commune.id,
                                        new_office=commune)
    window = MainWindow(workspace)
    window.show()
    shoot("commune-indicators", window)
    window.tabs.setCurrentIndex(1)
    shoot("commune-tasks", window)
    window.close()
    workspace.close()


def dialogs(shoot, window, workspace, home: Path):
    from desktop_app.core.reports.build import write_year_pdf
    from desktop_app.gui.indicators.history import HistoryDialog
    from desktop_app.gui.lock_dialog import LockDialog
    from desktop_app.gui.report_preview import ReportPreview
    from desktop_app.gui.settings import SettingsDialog
    from desktop_app.gui.unlock import UnlockDialog

    pdf = home / "bao-cao-2026.pdf"
    write_year_pdf(workspace, 2026, pdf)
    indicator = window.indicators.editable_rows_from(0)[0]
    shown = [
        ("report-preview", ReportPreview(pdf, window)),
        ("history", HistoryDialog(workspace, 2025, indicator, window)),
        ("settings", SettingsDialog(window)),
        ("lock", LockDialog(workspace.path, window)),
    ]
    for name, make in (("sign", "desktop_app.gui.signoff_dialog:SignDialog"),
                       ("export-usb", "desktop_app.gui.exchange:ExportDialog")):
        try:
            module, cls = make.split(":")
            kind = getattr(__import__(module, fromlist=[cls]), cls)
            dialog = kind(workspace, 2026, pdf, window) if name == "sign" else kind(workspace, 2026, window)
            shown.append((name, dialog))
        except Exception as error:  # another area's dialog changed shape: keep the rest
            print(f"{name}: not shown ({error})")
    for name, dialog in shown:
        dialog.show()
        shoot(name, window, dialog)
        dialog.close()
    unlock = UnlockDialog(workspace.path)
    unlock.show()
    shoot("unlock", unlock)
    unlock.pages.setCurrentIndex(1)
    shoot("unlock-recovery-code", unlock)
    unlock.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
