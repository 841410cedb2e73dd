"""The lead office at its window: the submissions list counts who is expected, on time,
unsigned and missing, and filters by state and by name; the roster takes a new
commune; one indicator is shown across the offices."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.core import entries
from desktop_app.core.exchange import keys, roster
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.gui.lead import IndicatorAcrossDialog, RosterDialog, SubmissionsDialog


@pytest.fixture
def lead(tmp_path, make_workspace):
    """Two of the three districts have sent; huyện Vạn Ninh has not."""
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead")
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    usb = tmp_path / "usb"
    usb.mkdir()
    for office_id, employed in (("huyen-dien-khanh", "100"), ("huyen-cam-lam", "900")):
        ws, _ = make_workspace(office_id, name=office_id)
        keys.import_public_key(ws, tmp_path / "lead.tdkey")
        entries.set_value(ws, 2026, "I.3", employed)
        export_year(ws, 2026, usb)
    import_packages(lead, [usb], trust_new=True)
    return lead


def visible_offices(dialog) -> list[str]:
    return [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())]


def test_the_submissions_view_counts_and_filters(qtbot, lead):
    dialog = SubmissionsDialog(lead, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    counts = dialog.summary.text()
    # so-yte (a department with assignments) and three districts are expected.
    assert "4" in counts and dialog.counts.expected == 4
    assert (dialog.counts.draft, dialog.counts.missing, dialog.counts.on_time) == (2, 2, 0)
    assert len(visible_offices(dialog)) == 4

    dialog.status.setCurrentIndex(dialog.status.findData("missing"))
    assert sorted(visible_offices(dialog)) == ["Sở Y tế", "Ủy ban nhân dân huyện Vạn Ninh"]
    qtbot.keyClicks(dialog.find, "van ninh")   # without marks, as clerks type in a hurry
    assert visible_offices(dialog) == ["Ủy ban nhân dân huyện Vạn Ninh"]

    dialog.find.clear()
    dialog.status.setCurrentIndex(0)
    dialog.table.sortByColumn(1, Qt.AscendingOrder)   # by status: the missing first
    assert set(visible_offices(dialog)[:2]) == {"Sở Y tế", "Ủy ban nhân dân huyện Vạn Ninh"}


def test_a_commune_added_in_the_roster_is_expected_from_its_date(qtbot, lead, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop_app.gui.ops.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    dialog = RosterDialog(lead)
    qtbot.addWidget(dialog)
    assert dialog.add("UBND xã Suối Tiên", dt.date(2025, 7, 1))
    names = [dialog.model.rows[r].name for r in range(dialog.model.rowCount())]
    assert "UBND xã Suối Tiên" in names
    assert "ubnd-xa-suoi-tien" in {e.office_id for e in roster.expected(lead, 2026)}
    assert "ubnd-xa-suoi-tien" not in {e.office_id for e in roster.expected(lead, 2024)}
    assert not dialog.rename("no-such-office", "X", dt.date(2026, 1, 1))   # refused, shown, nothing changed
    assert shown and "no-such-office" in shown[0]


def test_one_indicator_across_offices_shows_each_value(qtbot, lead):
    dialog = IndicatorAcrossDialog(lead, 2026)
    qtbot.addWidget(dialog)
    dialog.indicator.setCurrentIndex(dialog.indicator.findData("I.3"))
    rows = {dialog.model.index(r, 0).data(): dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())}
    assert rows == {"Ủy ban nhân dân huyện Diên Khánh": "100", "Ủy ban nhân dân huyện Cam Lâm": "900"}
    assert "1.000" in dialog.figure.text()


def test_the_consolidated_workbook_is_saved_from_the_window(qtbot, lead, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from desktop_app.gui.lead import save_consolidated_xlsx

    target = tmp_path / "tong-hop.xlsx"
    monkeypatch.setattr("desktop_app.gui.lead.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr("desktop_app.gui.lead.QMessageBox.information", lambda parent, title, text: told.append(text))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    save_consolidated_xlsx(parent, lead, 2026)
    qtbot.waitUntil(lambda: bool(told), timeout=30000)   # written, and the clerk told where
    assert str(target) in told[0]
    book = load_workbook(target)
    row = next(r for r in book["Chỉ tiêu toàn tỉnh"].iter_rows(min_row=2) if r[1].value == "Số người được giải quyết việc làm")
    assert row[5].value == 1000 and "Tổng số liệu của 2 đơn vị" in row[7].value
    assert {r[2].value for r in book["Số liệu đơn vị"].iter_rows(min_row=2)} == {
        "Ủy ban nhân dân huyện Diên Khánh", "Ủy ban nhân dân huyện Cam Lâm"}


def test_a_package_is_withdrawn_from_the_submissions_view_with_its_reason(qtbot, lead, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from desktop_app.core.exchange.consolidate import consolidate

    before = {r.indicator.id: r.value for r in consolidate(lead, 2026)}
    assert before["I.3"] == 1000
    dialog = SubmissionsDialog(lead, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.withdraw_button.isEnabled()   # nothing chosen yet
    row = next(r for r in range(dialog.proxy.rowCount())
               if dialog.proxy.index(r, 0).data() == "Ủy ban nhân dân huyện Cam Lâm")
    dialog.table.selectRow(row)
    assert dialog.withdraw_button.isEnabled()
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Số liệu nhập nhầm đơn vị", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a) or QMessageBox.No)
    qtbot.mouseClick(dialog.withdraw_button, Qt.LeftButton)
    assert asked and asked[0][-1] == QMessageBox.No        # No is the default answer
    assert {r.indicator.id: r.value for r in consolidate(lead, 2026)}["I.3"] == 1000   # answered No: unchanged

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    qtbot.mouseClick(dialog.withdraw_button, Qt.LeftButton)
    assert {r.indicator.id: r.value for r in consolidate(lead, 2026)}["I.3"] == 100
    cam_lam = next(r for r in dialog.rows if r.office_id == "huyen-cam-lam")
    assert cam_lam.status == "missing"
    reason = lead.query("SELECT withdrawn_reason FROM received_packages WHERE office_id = 'huyen-cam-lam'")
    assert reason == [("Số liệu nhập nhầm đơn vị",)]


def test_the_lists_open_in_alphabetical_order_with_vietnamese_dates(qtbot, lead, clock):
    # Qt's header starts "descending": a list of 100 communes must open at A, not at Z.
    dialog = SubmissionsDialog(lead, 2026)
    qtbot.addWidget(dialog)
    offices = visible_offices(dialog)
    assert offices == sorted(offices, key=lambda name: name.casefold()) and offices[0] == "Sở Y tế"
    sent = [dialog.proxy.index(row, 3).data() for row in range(dialog.proxy.rowCount())]
    assert clock.today().strftime("%d/%m/%Y") in sent and not any("-" in text for text in sent)
    roster_dialog = RosterDialog(lead)
    qtbot.addWidget(roster_dialog)
    names = [roster_dialog.proxy.index(row, 0).data() for row in range(roster_dialog.proxy.rowCount())]
    assert names == sorted(names, key=lambda name: name.casefold())


def test_the_roster_speaks_vietnamese_kinds_and_names_the_successor(qtbot, lead):
    dialog = RosterDialog(lead)
    qtbot.addWidget(dialog)
    assert dialog.merge(["huyen-dien-khanh", "huyen-cam-lam"], "UBND xã Cam Đức Thành", dt.date(2026, 1, 1))
    rows = {dialog.proxy.index(r, 0).data(): [dialog.proxy.index(r, c).data() for c in range(5)]
            for r in range(dialog.proxy.rowCount())}
    kinds = {row[1] for row in rows.values()}
    assert not kinds & {"local", "department", "agency", "other", "collective"}
    assert "sở, ngành" in kinds
    former = next(row for name, row in rows.items() if row[3])   # a merged office: its last day and successor
    assert former[4] == "UBND xã Cam Đức Thành"
