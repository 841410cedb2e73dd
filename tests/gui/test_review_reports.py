"""The review reports the plan names ("sơ kết", "tổng kết") from the window's Report menu:
written off the UI thread and shown in the report preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core import entries
from desktop_app.core.i18n import translate
from desktop_app.core.plans import load_bundled_plan
from desktop_app.gui.main_window import MainWindow

TODAY = dt.date(2026, 11, 13)


def open_review_menu(qtbot, window):
    """Report > Review reports as the clerk opens it (its entries are filled as it shows)."""
    menu = window.review_menu
    assert menu.menuAction() in window.menuBar().actions()[2].menu().actions()  # under "Report"
    menu.popup(window.mapToGlobal(QPoint(40, 20)))
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions()]
    menu.hide()
    return menu, texts


def test_a_plan_with_review_years_offers_its_review_reports_and_previews_one(qtbot, workspace):
    from pypdf import PdfReader

    from desktop_app.gui.report_preview import ReportPreview

    assert workspace.plan.reporting.review_years == (2025, 2030)  # the mini plan names them
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    own = [i for i in window.indicators.editable_rows_from(0) if workspace.plan.indicator(i).unit == "%"][0]
    entries.set_value(workspace, 2025, own, "2,8")
    menu, texts = open_review_menu(qtbot, window)
    phase = translate("Phase review ({year})…", year=2025)
    assert texts == [phase, translate("Final review ({year})…", year=2030)]
    _menu, again = open_review_menu(qtbot, window)
    assert again == texts  # opened twice, listed once

    previews = []

    def close_preview() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ReportPreview):
            previews.append(dialog.path)
            dialog.reject()
        else:
            QTimer.singleShot(50, close_preview)

    QTimer.singleShot(50, close_preview)
    next(a for a in menu.actions() if a.text() == phase).trigger()
    qtbot.waitUntil(lambda: bool(previews), timeout=60000)
    path = previews[0]
    assert path.exists() and "so-ket" in path.name and path.parent == workspace.path.parent / "bao-cao"
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "SƠ KẾT" in text.upper() and "2,8" in text


def test_a_plan_that_names_no_review_year_offers_every_year_after_its_first(qtbot, make_workspace):
    workspace, _code = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    assert not workspace.plan.reporting.review_years
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    _menu, texts = open_review_menu(qtbot, window)
    assert texts == [translate("Phase review ({year})…", year=year) for year in range(2025, 2030)] + [
        translate("Final review ({year})…", year=2030)]
