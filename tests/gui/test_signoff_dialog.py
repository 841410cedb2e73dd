"""The head's clerk signs a commune's report: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH" is offered, Enter in a field never locks the year, the dialog fits a
1366×768 screen, and the sign-off keeps the block, the place and "Kính gửi"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core import entries, signoff
from desktop_app.core.model import Office
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.workspace import Workspace
from desktop_app.gui import signoff_dialog


@pytest.fixture
def commune(tmp_path):
    from conftest import PASSPHRASE

    ws, _ = Workspace.create(tmp_path / "xa.tiendo", PASSPHRASE, plan=load_bundled_plan("khanhhoa-2024"),
                             office_id="xa-cam-an", new_office=Office("xa-cam-an", "UBND xã Cam An", kind="local"),
                             user_name="x")
    for gap in signoff.readiness(ws, 2026):
        entries.mark_no_data(ws, 2026, gap.indicator_id, "Xã không theo dõi")
    yield ws
    ws.close()


def test_a_commune_signs_for_the_committee_and_enter_never_locks(qtbot, commune, tmp_path, monkeypatch):
    previewed = []
    monkeypatch.setattr("desktop_app.gui.report_preview.preview_report", lambda *args: previewed.append(args))
    dialog = signoff_dialog.SignDialog(commune, 2026, tmp_path / "r.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    size = dialog.sizeHint()
    assert size.width() <= 1366 and size.height() <= 728
    # Offered as a people's committee signs, the place its own.
    assert dialog.for_collective.isChecked() and dialog.collective.text() == "ỦY BAN NHÂN DÂN"
    assert dialog.mode.currentData() == "KT." and dialog.head.text() == "CHỦ TỊCH"
    assert dialog.title.text() == "PHÓ CHỦ TỊCH" and dialog.place.text() == "Cam An"
    assert dialog.preview.text().startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    dialog.name.setFocus()
    dialog.name.setText("Trần Thị Bình")   # keyClicks cannot type Vietnamese offscreen
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.isVisible() and not entries.report_state(commune, 2026).locked
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    state = entries.report_state(commune, 2026)
    assert state.locked and state.signer_authority == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert state.signer_title == "PHÓ CHỦ TỊCH" and state.signer_name == "Trần Thị Bình"
    assert commune.setting("report_place") == "Cam An"


def test_an_acting_head_is_chosen_from_the_list(qtbot, commune, tmp_path, monkeypatch):
    monkeypatch.setattr("desktop_app.gui.report_preview.preview_report", lambda *args: None)
    dialog = signoff_dialog.SignDialog(commune, 2026, tmp_path / "r.pdf")
    qtbot.addWidget(dialog)
    dialog.for_collective.setChecked(False)
    dialog.mode.setCurrentIndex(dialog.mode.findData("Q."))
    dialog.head.setText("CHỦ TỊCH")
    dialog.title.clear()
    dialog.name.setText("Lê Văn Tâm")
    assert dialog.preview.text().startswith("Q. CHỦ TỊCH\n")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    assert entries.report_state(commune, 2026).signer_authority == "Q. CHỦ TỊCH"
