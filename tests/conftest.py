"""Shared fixtures.  Tests never need a display: Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _laptop_screen() -> None:
    """Window tests run on the smallest screen still common in offices, a 1366×768 laptop
    at 100 % (Qt's offscreen platform is 800×600 unless given a screen)."""
    import json
    import tempfile

    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "tiendo-offscreen-1366x768.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


_laptop_screen()
os.environ.setdefault("TIENDO_LANG", "vi")

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEST_DATA = Path(__file__).parent / "data"
PASSPHRASE = "mật khẩu thử 2026"


# Every test runs on one fixed day: deadlines pass, and a test that judged "on time" by
# the real date broke on the day after a plan's deadline.  A test that needs another
# day moves the clock with the ``clock`` fixture.
FIXED_NOW = "2026-06-15T09:00:00+07:00"
# Also for what runs before a test's own fixtures (module-scoped fixtures) and for the
# programs the tests start (the CLI, the installed wheel, the bundle): they read it here.
os.environ["TIENDO_NOW"] = FIXED_NOW


@pytest.fixture(autouse=True)
def clock():
    """The program's clock, fixed at FIXED_NOW; ``clock.set_now(...)`` moves it for one test."""
    from desktop_app.core import clock as program_clock

    program_clock.set_now(FIXED_NOW)
    yield program_clock
    program_clock.set_now(None)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """User-level folders (installed plans, settings) go to a temporary place per test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TIENDO_HOME", str(home))
    monkeypatch.delenv("TIENDO_PASSPHRASE", raising=False)
    monkeypatch.delenv("TIENDO_NEW_PASSPHRASE", raising=False)
    monkeypatch.delenv("TIENDO_RECOVERY_CODE", raising=False)
    from desktop_app.core.i18n import set_language

    set_language("vi")
    yield home


@pytest.fixture
def mini_plan():
    from desktop_app.core.plans import load_plan_file

    return load_plan_file(TEST_DATA / "mini_plan.json")


@pytest.fixture
def make_workspace(tmp_path, mini_plan):
    """make_workspace(office_id=..., plan=..., role=...) -> (workspace, recovery code); closed after the test."""
    from desktop_app.core.workspace import Workspace

    opened = []

    def make(office_id="so-ldtbxh", *, plan=None, role="reporting", name="office"):
        workspace, code = Workspace.create(
            tmp_path / f"{name}.tiendo", PASSPHRASE, plan=plan or mini_plan, office_id=office_id, role=role,
            user_name="Nguyễn Thị Lan",
        )
        opened.append(workspace)
        return workspace, code

    yield make
    for workspace in opened:
        workspace.close()


@pytest.fixture
def workspace(make_workspace):
    return make_workspace()[0]


CLERK_WINDOW_DAY = dt.date(2026, 11, 13)  # twelve days before Khánh Hòa's deadline


@pytest.fixture
def window(qtbot, make_workspace):
    """The clerk's window on Khánh Hòa's plan (Sở LĐ-TB&XH), shown on 13/11/2026; a test
    module that needs another window defines its own ``window``."""
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.gui.main_window import MainWindow

    workspace, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    shown = MainWindow(workspace, today=CLERK_WINDOW_DAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def start_first_run(qtbot):
    """start_first_run(today) -> the app's Controller started with nothing remembered (the
    first-run wizard); its wizard, window and workspace are closed after the test."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.app import Controller

    started = []

    def start(today):
        controller = Controller(QApplication.instance(), today=today)
        assert controller.start(None)
        started.append(controller)
        return controller

    yield start
    for controller in started:
        if controller.window is not None:
            controller.window.close()
        if controller.workspace is not None:
            controller.workspace.close()
        if controller.wizard is not None:
            controller.wizard.done(0)
