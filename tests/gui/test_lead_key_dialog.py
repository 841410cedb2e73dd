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
