"""An exception nobody caught, in a slot or in a worker thread: the clerk reads a
Vietnamese message, the log file has the traceback, the program keeps working."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.core.logs import crash_log_path, log_path
from desktop_app.gui.errors import ErrorHandler, install_error_handling

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def handler(qapp):
    install_error_handling(qapp)  # the log file and faulthandler for this test's home
    handler = ErrorHandler(qapp)
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.done(0)


def test_an_exception_in_a_slot_is_shown_logged_and_the_app_lives_on(handler, qtbot):
    clicks = []

    def save_and_fail() -> None:
        clicks.append(1)
        if len(clicks) == 1:
            raise ZeroDivisionError("mẫu số bằng không")

    button = QPushButton("Lưu")
    qtbot.addWidget(button)
    button.clicked.connect(save_and_fail)
    button.show()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert handler.dialog is not None and handler.dialog.isVisible()
    assert "Đã xảy ra lỗi" in handler.dialog.text()
    assert str(log_path()) in handler.dialog.text()
    logged = log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: mẫu số bằng không" in logged and "save_and_fail" in logged
    handler.dialog.done(0)
    qtbot.mouseClick(button, Qt.LeftButton)  # still alive, still answering
    assert len(clicks) == 2
    assert crash_log_path().exists()


def test_an_exception_in_a_worker_thread_reaches_the_window(handler, qtbot):
    worker = threading.Thread(target=lambda: 1 / 0, name="sao-luu")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=3000)
    assert "sao-luu" in log_path().read_text(encoding="utf-8")
    assert QApplication.instance() is not None
