"""Pictures of the windows, for anyone to look at without running the program:

    python -m desktop_app.tools.screenshots docs/screenshots

Uses a throwaway demo workspace (Khánh Hòa plan with sample data)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TIENDO_HOME", tempfile.mkdtemp(prefix="tiendo-shots-"))
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.demo import create_demo_workspace
    from desktop_app.gui.app import make_application
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.wizard import SetupWizard

    app = make_application([sys.argv[0]])
    wizard = SetupWizard()
    wizard.show()
    app.processEvents()
    wizard.grab().save(str(target / "wizard.png"))
    wizard.next()
    app.processEvents()
    wizard.grab().save(str(target / "wizard-plan.png"))
    wizard.close()

    workspace, _code = create_demo_workspace(Path(os.environ["TIENDO_HOME"]) / "demo.tiendo", "dungthu-2026")
    window = MainWindow(workspace, today=dt.date(2026, 11, 13))
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    window.grab().save(str(target / "main-window.png"))
    window.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(target / "tasks.png"))
    window.tabs.setCurrentIndex(0)
    window.indicators.focus_value("II.2")
    window.tabs.setCurrentIndex(3)
    app.processEvents()
    window.grab().save(str(target / "trend.png"))
    window.load_year(2025)
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    window.grab().save(str(target / "main-window-signed-2025.png"))
    window.close()
    window.deleteLater()
    workspace.close()
    QApplication.processEvents()
    print(target)
    # Leave without running Python's teardown over live Qt objects (a known PySide exit race).
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
