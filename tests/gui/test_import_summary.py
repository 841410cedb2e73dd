"""The lead office's import summary: a line that counts what happened, then every file
with its whole reason (wrapped in its row, in full in the box below when selected); a
package withdrawn before and offered again says when and why, not "already had it"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from conftest import PASSPHRASE
from desktop_app.core import entries
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.withdraw import withdraw_package
from desktop_app.core.workspace import Workspace
from desktop_app.gui.exchange import ImportSummary

REASON = "Số liệu chỉ tiêu I.3 nhập nhầm cột, đơn vị đã báo qua điện thoại ngày hôm sau"


@pytest.fixture
def province(tmp_path, mini_plan, clock):
    lead, _ = Workspace.create(tmp_path / "lead.tiendo", PASSPHRASE, plan=mini_plan, office_id="so-ldtbxh", role="lead")
    offices = []
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    for office_id in ("huyen-dien-khanh", "huyen-cam-lam", "huyen-van-ninh"):
        office, _ = Workspace.create(tmp_path / f"{office_id}.tiendo", PASSPHRASE, plan=mini_plan, office_id=office_id)
        keys.import_public_key(office, tmp_path / "lead.tdkey")
        offices.append(office)
    yield lead, offices
    for ws in (lead, *offices):
        ws.close()


def test_the_summary_counts_the_outcomes_and_the_withdrawn_package_says_when_and_why(qtbot, tmp_path, province, clock):
    lead, (dien_khanh, cam_lam, van_ninh) = province
    earlier, usb = tmp_path / "earlier", tmp_path / "usb"
    earlier.mkdir()
    usb.mkdir()
    for office, number in ((dien_khanh, "100"), (cam_lam, "50")):
        entries.set_value(office, 2026, "I.3", number)
        export_year(office, 2026, earlier)
    assert {o.outcome for o in import_packages(lead, [earlier], trust_new=True)} == {"imported"}
    clock.set_now("2026-06-20T10:00:00+07:00")
    withdraw_package(lead, "huyen-dien-khanh", 2026, REASON)
    clock.set_now("2026-07-01T08:00:00+07:00")
    for package in earlier.iterdir():  # the same stick brought again...
        (usb / package.name).write_bytes(package.read_bytes())
    entries.set_value(van_ninh, 2026, "I.3", "70")
    export_year(van_ninh, 2026, usb)  # ...with a new office's package
    (usb / "hong.tdpkg").write_bytes(b"not a package at all")  # and a damaged file

    outcomes = import_packages(lead, [usb], trust_new=True)
    dialog = ImportSummary(outcomes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.summary.text() == ("Đã nhận 1 gói, từ chối 1, bỏ qua 1 (đã có), "
                                     "1 gói đã bị rút trước đây, không nhận lại.")
    table = dialog.table
    results = [table.item(row, 4).text() for row in range(table.rowCount())]
    # What needs a person comes first: the rejected file, then the withdrawn package.
    assert results[0].startswith("bị từ chối")
    withdrawn = results[1]
    assert withdrawn.startswith("đã bị rút trước đây: gói này đã bị rút ngày 20/06/2026 vì: " + REASON)
    assert "đã có" not in withdrawn and "bản sửa đổi mới" in withdrawn
    assert sorted(results[2:]) == ["đã có", "đã nhập"]  # then the others, in the order of the files
    # The long reason wraps in its row: the row is as tall as its text needs, nothing cut.
    assert table.sizeHintForRow(1) > table.fontMetrics().height() * 2
    qtbot.waitUntil(lambda: table.rowHeight(1) >= table.sizeHintForRow(1))
    assert table.item(1, 0).toolTip().startswith(withdrawn)
    # The first row needing attention is selected; clicking another shows it whole below.
    assert "hong.tdpkg" in dialog.detail.toPlainText()
    rect = table.visualRect(table.model().index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert REASON in dialog.detail.toPlainText()
    assert "Ủy ban nhân dân huyện Diên Khánh" in dialog.detail.toPlainText()
