"""The lead office saves a second copy of its key from the window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.core.exchange import keys
from desktop_app.core.exchange.lead_key import read_lead_key
from desktop_app.core.i18n import translate
from desktop_app.gui.lead_key import LeadKeyCopyDialog


def test_the_lead_office_saves_a_copy_of_its_key(qtbot, make_workspace, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead")
    dialog = LeadKeyCopyDialog(lead)
    qtbot.addWidget(dialog)
    target = tmp_path / "usb" / "khoa.tdleadkey"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    dialog.passphrase.setText("giữ trong két sắt")
    dialog.again.setText("giữ trong két sắc")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
    save.click()
    assert not target.exists() and dialog.result() != LeadKeyCopyDialog.Accepted
    assert shown[-1] == translate("The two passphrases are not the same.")
    dialog.again.setText("giữ trong két sắt")
    save.click()
    assert dialog.result() == LeadKeyCopyDialog.Accepted
    assert read_lead_key(target, "giữ trong két sắt")[0].fingerprint == keys.lead_fingerprint(lead)
    assert keys.lead_fingerprint(lead) in shown[-1]


def _menu_action(window, text: str):
    from desktop_app.core.i18n import translate

    wanted = translate(text)
    return next(a for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text() == wanted)


def test_the_lead_window_saves_its_key_and_a_new_computer_loads_it(qtbot, make_workspace, tmp_path, monkeypatch):
    """The lead office's exchange menu saves a copy of its secret key; on a new computer,
    a fresh lead workspace loads it and has the same key (so the offices' packages open)."""
    import datetime as dt

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

    from desktop_app.gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    old, _ = make_workspace("so-ldtbxh", role="lead", name="old")
    window = MainWindow(old, today=dt.date(2026, 11, 13))
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "usb" / "khoa.tdleadkey"
    target.parent.mkdir()

    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LeadKeyCopyDialog)
        dialog.path.setText(str(target))
        dialog.passphrase.setText("giữ trong két sắt")
        dialog.again.setText("giữ trong két sắt")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()

    QTimer.singleShot(100, fill_and_save)
    _menu_action(window, "Save a cop&y of the lead office's secret key…").trigger()
    assert read_lead_key(target, "giữ trong két sắt")[0].fingerprint == keys.lead_fingerprint(old)

    # A new computer: a lead workspace whose own key was never made or given out.
    new, _ = make_workspace("so-ldtbxh", role="lead", name="new")
    window2 = MainWindow(new, today=dt.date(2026, 11, 13))
    qtbot.addWidget(window2)
    window2.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("giữ trong két sắt", True)))
    _menu_action(window2, "Loa&d the lead office's secret key from a copy…").trigger()
    qtbot.waitUntil(lambda: bool(new.query("SELECT 1 FROM own_keys WHERE purpose = 'box'")), timeout=30000)
    assert keys.lead_fingerprint(new) == keys.lead_fingerprint(old)


def test_loading_over_a_key_of_its_own_asks_first_and_keeping_is_the_default(qtbot, make_workspace, tmp_path,
                                                                           monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

    from desktop_app.core.exchange.lead_key import export_lead_key
    from desktop_app.gui.lead_key import load_lead_key

    old, _ = make_workspace("so-ldtbxh", role="lead", name="old")
    target = tmp_path / "khoa.tdleadkey"
    export_lead_key(old, target, "giữ trong két sắt", "giữ trong két sắt")
    other, _ = make_workspace("so-ldtbxh", role="lead", name="other")
    own = keys.lead_fingerprint(other)  # this one already gave its key out
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(1) or ("x", True)))
    texts = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        texts.append(box.text())
        qtbot.keyClick(box, Qt.Key_Return)

    QTimer.singleShot(100, press_enter)
    load_lead_key(None, other)
    assert own in texts[0] and not asked
    assert keys.lead_fingerprint(other) == own
