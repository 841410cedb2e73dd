"""The trend chart names every year and speaks Vietnamese decimals; Tab leaves the
report's text; the recovery code is never left printed to a temporary PDF."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core import entries
from desktop_app.core.plans import load_bundled_plan
from desktop_app.gui.trend import TrendView


def test_the_trend_names_every_year_and_prints_vietnamese_decimals_and_the_whole_target(qtbot, make_workspace):
    workspace, _ = make_workspace(plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    for year, value in ((2024, "2,9"), (2025, "2,7"), (2026, "2,55")):
        entries.set_value(workspace, year, "II.2", value, note="Điều tra lao động")
    view = TrendView(workspace)
    qtbot.addWidget(view)
    view.show_indicator("II.2")
    x_axis, y_axis = view.chart().axes(Qt.Horizontal)[0], view.chart().axes(Qt.Vertical)[0]
    plan = workspace.plan
    assert x_axis.categoriesLabels() == [str(y) for y in range(plan.reporting.first_year, plan.reporting.last_year + 1)]
    assert any("," in label for label in y_axis.categoriesLabels())
    assert not any("." in label for label in y_axis.categoriesLabels())
    legend = [marker.label() for marker in view.chart().legend().markers() if marker.isVisible()]
    # Legend labels are rich text: a bare "<" starts a tag and the target vanishes.
    targets = [label for label in legend if html.unescape(label).endswith(": < 3")]
    assert len(targets) == 2 and not any("<" in label for label in targets), legend


def test_tab_in_the_report_text_moves_to_the_next_box(qtbot, make_workspace):
    from desktop_app.gui.narrative import NarrativeEditor

    workspace, _ = make_workspace(plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    editor = NarrativeEditor(workspace, 2026)
    qtbot.addWidget(editor)
    editor.show()
    first, second = list(editor.editors.values())[:2]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "Nam nay")
    qtbot.keyClick(first, Qt.Key_Tab)
    assert "\t" not in first.toPlainText()
    assert second.hasFocus()


def test_no_printer_means_no_recovery_code_left_in_the_temporary_folder(qtbot, monkeypatch, tmp_path):
    from desktop_app.gui import printing

    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    shown = []
    monkeypatch.setattr(printing.QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.Close)
    opened, written = [], []
    monkeypatch.setattr(printing, "open_in_viewer", lambda path: opened.append(path))
    kept = printing.print_secret_pdf(None, lambda path: (written.append(path), path.write_bytes(b"%PDF-1.4")),
                                     suggested_name="ma-khoi-phuc.pdf")
    assert kept is None and not opened and not written
    assert shown and "máy in" in shown[0].lower()
    assert not list(Path(tmp_path).rglob("*.pdf"))


def test_the_recovery_sheet_names_the_office_not_its_internal_id(qtbot, make_workspace, monkeypatch, tmp_path):
    from desktop_app.gui import printing
    from desktop_app.gui.wizard import PAGE_RECOVERY, SetupWizard

    workspace, code = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.workspace = workspace
    page = wizard.page(PAGE_RECOVERY)
    page.code.setText(code)
    chosen = tmp_path / "giu-cung-ho-so.pdf"
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    monkeypatch.setattr(printing.QMessageBox, "exec", lambda box: None)
    monkeypatch.setattr(printing.QMessageBox, "clickedButton", lambda box: box.buttons()[0]
                        if box.buttons()[0].text().startswith("&L") else box.buttons()[1])
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    page.print_code()
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(chosen).pages)
    assert code in text.replace(" ", "") or code.replace("-", "") in text.replace(" ", "").replace("-", "")
    assert "LAO ĐỘNG" in text.upper() and "so-ldtbxh" not in text


def test_qt_own_buttons_and_the_file_dialog_speak_vietnamese_and_english_on_demand(qapp):
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    from desktop_app.core.i18n import set_language
    from desktop_app.gui.qt_translations import install_qt_translator

    install_qt_translator(qapp)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Close)
    assert {b.text() for b in buttons.buttons()} == {"OK", "Hủy", "Đóng"}
    dialog = QFileDialog(None, "Mở")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Tên tệp:" in labels and "" not in labels  # a text the catalogue lacks stays as Qt wrote it
    set_language("en")
    try:
        english = QDialogButtonBox(QDialogButtonBox.Cancel)
        assert english.buttons()[0].text() == "Cancel"
    finally:
        set_language("vi")


def test_the_file_dialogs_own_labels_are_vietnamese(qapp):
    """Qt's file dialog names its fields with mnemonics ("&Look in:"): the catalogue
    must hold them as Qt writes them, or they stay English."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop_app.core.i18n import set_language
    from desktop_app.gui.qt_translations import install_qt_translator

    set_language("vi")
    install_qt_translator(qapp)
    dialog = QFileDialog(None, "Chọn tệp")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    labels = sorted(label.text() for label in dialog.findChildren(QLabel))
    assert labels == ["&Loại tệp:", "&Tên tệp:", "Tìm tr&ong:"]
    assert qapp.translate("QAbstractFileIconProvider", "Folder") == "Thư mục"
    dialog.deleteLater()
