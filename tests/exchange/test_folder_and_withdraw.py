"""The lead office imports a stick holding good and bad packages: every file gets its
line in the summary, the good ones go in, the exit status says whether anything was
rejected.  A package taken in by mistake is withdrawn with a reason, and one signing
key only ever speaks for one office."""

from __future__ import annotations

import copy
import errno
import json
import os
import re
import stat
from decimal import Decimal
from pathlib import Path

import nacl.signing
import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main
from desktop_app.core import clock, entries
from desktop_app.core.errors import InputError, WorkspaceError
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.consolidate import consolidate
from desktop_app.core.exchange.exporter import build_payload, export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.package import seal
from desktop_app.core.exchange.withdraw import withdraw_package
from desktop_app.core.plans import load_plan_file
from desktop_app.core.workspace import Workspace


@pytest.fixture
def province(tmp_path):
    plan = load_plan_file(TEST_DATA / "mini_plan.json")
    lead, _ = Workspace.create(tmp_path / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
    office, _ = Workspace.create(tmp_path / "huyen.tiendo", PASSPHRASE, plan=plan, office_id="huyen-dien-khanh")
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    keys.import_public_key(office, tmp_path / "lead.tdkey")
    yield lead, office
    lead.close()
    office.close()


def commune_package(lead, n: int, *, number: str = "10", key=None) -> bytes:
    payload = {
        "format": "tiendo-year", "version": 1, "package_id": f"{n:032x}",
        "plan": {"code": lead.plan_code}, "office": {"id": f"xa-{n:03d}", "name": f"UBND xã số {n}", "kind": "local"},
        "year": 2026, "revision": 1, "created_at": clock.now().isoformat(timespec="seconds"),
        "data": {"values": {"I.3": {"number": number}}, "tasks": {}, "narrative": {}},
        "report": {"status": "draft", "revision": 0},
    }
    lead_box = bytes(keys.box_key(lead).public_key)
    return seal(payload, key or nacl.signing.SigningKey.generate(), lead_box, keys.recipient_tag(lead_box))


def test_a_mixed_folder_is_read_to_the_end_and_the_exit_status_says_what_happened(tmp_path, province, monkeypatch, capsys):
    lead, office = province
    usb = tmp_path / "usb"
    (usb / "a").mkdir(parents=True)
    for n in range(1, 4):
        (usb / f"{n:02d}-good.tdpkg").write_bytes(commune_package(lead, n))
    (usb / "04-nan.tdpkg").write_bytes(commune_package(lead, 4, number="NaN"))
    (usb / "a" / "05-zip.tdpkg").write_bytes(b"PK\x03\x04 a zip")
    (usb / "06-percent.tdpkg").write_bytes(commune_package(lead, 6, number="-7"))
    (usb / "07-good.tdpkg").write_bytes(commune_package(lead, 7))
    (usb / "08-empty.tdpkg").write_bytes(b"")
    (usb / "notes.txt").write_text("không phải gói")
    lead_path = lead.path
    lead.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)

    assert main(["import", str(lead_path), str(usb), "--trust-new", "--json"]) == 1
    captured = capsys.readouterr()
    summary = {Path(row["file"]).name: row for row in json.loads(captured.out)}
    assert len(summary) == 8  # every package file has its line, the bad ones did not stop the rest
    assert [name for name, row in sorted(summary.items()) if row["outcome"] == "imported"] == [
        "01-good.tdpkg", "02-good.tdpkg", "03-good.tdpkg", "07-good.tdpkg"]
    assert summary["04-nan.tdpkg"]["reason"] == "malformed"
    assert any("I.3/number" in p for p in summary["04-nan.tdpkg"]["problems"])
    assert summary["06-percent.tdpkg"]["problems"] and summary["06-percent.tdpkg"]["office"] == ""
    assert summary["05-zip.tdpkg"]["reason"] == "not_a_package"
    assert summary["08-empty.tdpkg"]["reason"] == "not_a_package"
    assert re.match(r"4\D+8\D", captured.err)  # "4 trong 8 tệp bị từ chối…"

    # The same folder again: the good ones are already held, the bad ones still rejected.
    assert main(["import", str(lead_path), str(usb), "--trust-new"]) == 1
    capsys.readouterr()
    for bad in ("04-nan.tdpkg", "a/05-zip.tdpkg", "06-percent.tdpkg", "08-empty.tdpkg"):
        (usb / bad).unlink()
    assert main(["import", str(lead_path), str(usb), "--trust-new", "--json"]) == 0
    assert {row["outcome"] for row in json.loads(capsys.readouterr().out)} == {"duplicate"}

    assert main(["consolidate", str(lead_path), "--year", "2026", "--json"]) == 0
    assert {r["id"]: r for r in json.loads(capsys.readouterr().out)}["I.3"]["value"] == "40"
    quarantine = lead_path.with_name(lead_path.name + ".quarantine")
    assert len(list(quarantine.glob("*.reason.txt"))) == 8  # two runs, four rejects each


def test_withdrawing_a_package_takes_it_out_of_the_consolidation_and_keeps_it_in_history(tmp_path, province, monkeypatch, capsys):
    lead, office = province
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_value(office, 2026, "I.3", "100")
    first = export_year(office, 2026, usb).path
    entries.set_value(office, 2026, "I.3", "900")
    second = export_year(office, 2026, usb).path
    assert [o.outcome for o in import_packages(lead, [first, second], trust_new=True)] == ["imported", "superseded"]
    total = lambda: {r.indicator.id: r.value for r in consolidate(lead, 2026)}["I.3"]  # noqa: E731
    assert total() == Decimal("900")

    with pytest.raises(InputError):
        withdraw_package(lead, "huyen-dien-khanh", 2026, "   ")
    done = withdraw_package(lead, "huyen-dien-khanh", 2026, "Số liệu nhập nhầm, huyện gửi lại")
    assert (done.revision, done.restored_revision) == (2, 1)
    assert total() == Decimal("100")  # the earlier accepted revision counts again
    row = lead.query("SELECT applied, withdrawn_reason, withdrawn_at FROM received_packages WHERE revision = 2")[0]
    assert row[0] == 0 and row[1] == "Số liệu nhập nhầm, huyện gửi lại" and row[2]
    assert lead.query("SELECT count(*) FROM audit WHERE action = 'withdraw' AND reason LIKE 'Số liệu nhập nhầm%'")[0][0] == 1
    # Offered again, the withdrawn package is not taken back in (and is not called "already had").
    assert import_packages(lead, [second])[0].outcome == "withdrawn"
    assert total() == Decimal("100")

    lead_path = lead.path
    lead.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    assert main(["withdraw", str(lead_path), "--office", "huyen-dien-khanh", "--year", "2026", "--revision", "1",
                 "--reason", "Huyện chưa ký báo cáo"]) == 0
    said = capsys.readouterr().out
    assert "1" in said and "Ủy ban nhân dân huyện Diên Khánh" in said and "huyen-dien-khanh" not in said
    assert main(["consolidate", str(lead_path), "--year", "2026", "--json"]) == 0
    assert {r["id"]: r for r in json.loads(capsys.readouterr().out)}["I.3"]["value"] in (None, "")
    assert main(["submissions", str(lead_path), "--year", "2026", "--json"]) == 0
    rows = {r["office"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["huyen-dien-khanh"]["status"] == "missing"
    assert main(["withdraw", str(lead_path), "--office", "huyen-dien-khanh", "--year", "2026", "--reason", "lần nữa"]) == 1
    assert main(["report-consolidated", str(lead_path), "--year", "2026", "-o", str(tmp_path / "th.pdf")]) == 0


def test_a_withdrawn_package_offered_again_says_when_and_why_and_a_new_revision_comes_in(
        tmp_path, province, monkeypatch, capsys, clock):
    lead, office = province
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_value(office, 2026, "I.3", "100")
    first = export_year(office, 2026, usb).path
    assert import_packages(lead, [first], trust_new=True)[0].outcome == "imported"
    clock.set_now("2026-06-20T10:00:00+07:00")
    withdraw_package(lead, "huyen-dien-khanh", 2026, "Số liệu nhập nhầm cột")
    clock.set_now("2026-07-01T08:00:00+07:00")

    again = import_packages(lead, [first])[0]
    assert again.outcome == "withdrawn"
    said = again.describe()
    assert said.startswith("đã bị rút trước đây: gói này đã bị rút ngày 20/06/2026 vì: Số liệu nhập nhầm cột.")
    assert "đã có" not in said and "bản sửa đổi mới" in said
    # Exporting the same data again makes the same package: still withdrawn, still said so.
    same = export_year(office, 2026, usb)
    assert same.repeated and import_packages(lead, [same.path])[0].outcome == "withdrawn"

    lead_path = lead.path
    lead.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    assert main(["import", str(lead_path), str(first)]) == 0  # nothing wrong with the file: held, not applied
    out = capsys.readouterr().out
    assert "gói này đã bị rút ngày 20/06/2026 vì: Số liệu nhập nhầm cột" in out
    assert "…" not in out  # the reason is printed whole, not cut at the column's width
    assert "Đã nhận 0 gói, từ chối 0, 1 gói đã bị rút trước đây, không nhận lại." in out

    # The office corrects its data: the new revision is taken in.
    entries.set_value(office, 2026, "I.3", "120")
    corrected = export_year(office, 2026, usb)
    assert corrected.revision == 2
    assert main(["import", str(lead_path), str(corrected.path)]) == 0
    out = capsys.readouterr().out
    assert "Đã nhận 1 gói, từ chối 0." in out


def test_one_signing_key_speaks_for_one_office_only(tmp_path, province):
    lead, office = province
    key = nacl.signing.SigningKey.generate()
    first = tmp_path / "1.tdpkg"
    first.write_bytes(commune_package(lead, 1, key=key))
    assert import_packages(lead, [first], trust_new=True)[0].outcome == "imported"
    # The same key now claims a second, new commune: refused even with --trust-new.
    second = tmp_path / "2.tdpkg"
    second.write_bytes(commune_package(lead, 2, key=key))
    outcome = import_packages(lead, [second], trust_new=True)[0]
    assert (outcome.outcome, outcome.reason) == ("rejected", "key_of_other_office")
    assert outcome.year == 2026 and outcome.office_id == "xa-002"
    # Nor can it be registered by hand for another office.
    with pytest.raises(InputError):
        keys.register_office_key(lead, "so-yte", bytes(key.verify_key))
    assert keys.office_of_key(lead, bytes(key.verify_key)) == "xa-001"


def test_a_new_office_cannot_take_the_name_of_a_known_one(tmp_path, province):
    lead, office = province
    payload = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
    payload["office"] = {"id": "so-y-te-2", "name": "Sở Y tế", "kind": "department"}
    lead_box = bytes(keys.box_key(lead).public_key)
    path = tmp_path / "twin.tdpkg"
    path.write_bytes(seal(payload, nacl.signing.SigningKey.generate(), lead_box, keys.recipient_tag(lead_box)))
    outcome = import_packages(lead, [path], trust_new=True)[0]
    assert (outcome.outcome, outcome.reason) == ("rejected", "duplicate_name")
    assert lead.query("SELECT count(*) FROM offices WHERE id = 'so-y-te-2'")[0][0] == 0


def test_a_report_marked_signed_must_carry_the_fingerprint_of_its_data(tmp_path, province):
    lead, office = province
    payload = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
    payload["report"].update(status="signed", fingerprint="0123456789ABCDEF", signer_name="Giả mạo")
    lead_box = bytes(keys.box_key(lead).public_key)
    path = tmp_path / "fake.tdpkg"
    path.write_bytes(seal(payload, keys.signing_key(office), lead_box, keys.recipient_tag(lead_box)))
    outcome = import_packages(lead, [path], trust_new=True)[0]
    assert outcome.reason == "malformed" and "report/fingerprint" in outcome.message


def test_packages_are_owner_only_and_a_second_export_never_overwrites_the_first(tmp_path, province):
    lead, office = province
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_value(office, 2026, "I.3", "5")
    first = export_year(office, 2026, usb).path
    original = first.read_bytes()
    if os.name != "nt":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    # The revision counter goes back (a restored backup): the same name is taken.
    office.conn.execute("DELETE FROM exports")
    again = export_year(office, 2026, usb).path
    assert again != first and again.name.endswith("_r1-2.tdpkg")
    assert first.read_bytes() == original
    assert sorted(p.name for p in usb.iterdir()) == sorted([first.name, again.name])


def test_an_export_to_a_full_or_protected_drive_says_so_and_leaves_nothing(tmp_path, province, monkeypatch):
    lead, office = province
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_value(office, 2026, "I.3", "5")
    real_fsync = os.fsync
    for code, words in ((errno.ENOSPC, "full"), (errno.EROFS, "cannot be written"), (errno.EIO, "removed")):
        def failing(fd, code=code):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "fsync", failing)
        with pytest.raises(WorkspaceError) as error:
            export_year(office, 2026, usb)
        assert words in error.value.en and "\n" not in error.value.vi
        assert list(usb.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert export_year(office, 2026, usb).revision == 1  # nothing was recorded by the failed attempts


def test_the_whole_payload_is_checked_before_parsing(tmp_path, province):
    """JSON nested deeper than a year's data is refused without a parser ever seeing it."""
    from desktop_app.core.exchange.package import MAX_DEPTH, nesting_depth

    lead, office = province
    payload = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
    assert nesting_depth(json.dumps(payload).encode()) < MAX_DEPTH
    deep = copy.deepcopy(payload)
    deep["data"]["narrative"]["results"] = json.loads("[" * 50 + "]" * 50)
    assert nesting_depth(json.dumps(deep).encode()) > MAX_DEPTH
    assert nesting_depth(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\" [[[[[["}') == 1
