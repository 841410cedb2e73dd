"""On the lead office's side, a package applied (or withdrawn) replaces an office's year:
the trail says, cell by cell, what that changed, as a clerk's own saves are."""

from __future__ import annotations

import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.core import entries
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.withdraw import withdraw_package
from desktop_app.core.plans import load_plan_file
from desktop_app.core.workspace import Workspace

OFFICE = "huyen-dien-khanh"


@pytest.fixture
def province(tmp_path):
    plan = load_plan_file(TEST_DATA / "mini_plan.json")
    lead, _ = Workspace.create(tmp_path / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead",
                               user_name="Trần Văn Tổng")
    office, _ = Workspace.create(tmp_path / "huyen.tiendo", PASSPHRASE, plan=plan, office_id=OFFICE)
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    keys.import_public_key(office, tmp_path / "lead.tdkey")
    yield lead, office
    lead.close()
    office.close()


def value_changes(ws, indicator_id):
    return [(e.action, e.old_value, e.new_value) for e in entries.history(ws, 2026, indicator_id, OFFICE)
            if e.field == "value"]


def test_each_applied_or_withdrawn_package_is_in_the_history_of_the_cells_it_changed(tmp_path, province):
    lead, office = province
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_values(office, 2026, [("I.1", "2,8"), ("I.3", "100")])
    entries.set_task_progress(office, 2026, "T1", status="in_progress")
    first = export_year(office, 2026, usb).path
    entries.set_values(office, 2026, [("I.3", "900")], max_change=None)
    entries.set_task_progress(office, 2026, "T1", status="done")
    second = export_year(office, 2026, usb).path
    assert [o.outcome for o in import_packages(lead, [first, second], trust_new=True)] == ["imported", "superseded"]
    assert value_changes(lead, "I.3") == [("set", None, "100"), ("set", "100", "900")]
    assert value_changes(lead, "I.1") == [("set", None, "2.8")]  # unchanged by the second package
    assert [(e.old_value, e.new_value) for e in entries.task_history(lead, 2026, "T1", OFFICE)
            if e.field == "status"] == [(None, "in_progress"), ("in_progress", "done")]
    assert all(e.actor == "Trần Văn Tổng" for e in entries.history(lead, 2026, "I.3", OFFICE))

    withdraw_package(lead, OFFICE, 2026, "Số liệu nhập nhầm")
    assert value_changes(lead, "I.3")[-1] == ("set", "900", "100")  # the earlier revision counts again
    withdraw_package(lead, OFFICE, 2026, "Huyện chưa ký")
    assert value_changes(lead, "I.3")[-1] == ("clear", "100", None)
    assert value_changes(lead, "I.1")[-1] == ("clear", "2.8", None)
    assert entries.values(lead, 2026, OFFICE) == {}
