"""The lead office's computer dies between receiving and consolidating: the lead key,
saved to a file with its own passphrase, is loaded into a new workspace, which opens the
packages that were sealed to the old one."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main
from desktop_app.core import entries
from desktop_app.core.errors import InputError, WrongSecretError
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.lead_key import export_lead_key, import_lead_key, read_lead_key

KEY_PASSPHRASE = "khóa dự phòng 2026"


@pytest.fixture
def sealed_to_old_lead(tmp_path, make_workspace):
    """A lead office, its key saved to a file, and a district's package sealed to it."""
    old, _ = make_workspace("so-ldtbxh", role="lead", name="old-lead")
    public = tmp_path / "so-ldtbxh.tdkey"
    keys.export_public_key(old, public)
    district, _ = make_workspace("huyen-dien-khanh", name="district")
    keys.import_public_key(district, public)
    entries.set_value(district, 2026, "I.3", "125")
    usb = tmp_path / "usb"
    usb.mkdir()
    package = export_year(district, 2026, usb).path
    saved = tmp_path / "du-phong.tdleadkey"
    info = export_lead_key(old, saved, KEY_PASSPHRASE, KEY_PASSPHRASE)
    assert info.fingerprint == keys.lead_fingerprint(old)
    return old, saved, package, info


def test_a_lead_key_moved_to_a_new_workspace_opens_packages_sealed_to_the_old_one(sealed_to_old_lead, make_workspace):
    old, saved, package, info = sealed_to_old_lead
    old.close()
    for part in old.path.parent.glob(old.path.name + "*"):
        part.unlink() if part.is_file() else shutil.rmtree(part)  # the old computer is gone

    without_key, _ = make_workspace("so-ldtbxh", role="lead", name="new-lead-no-key")
    assert import_packages(without_key, [package], trust_new=True, dry_run=True)[0].reason == "not_for_us"

    new, _ = make_workspace("so-ldtbxh", role="lead", name="new-lead")
    loaded = import_lead_key(new, saved, KEY_PASSPHRASE)
    assert loaded.fingerprint == info.fingerprint == keys.lead_fingerprint(new)
    outcome = import_packages(new, [package], trust_new=True)[0]
    assert outcome.outcome == "imported", outcome.message
    assert entries.value(new, 2026, "I.3", "huyen-dien-khanh").number == Decimal("125")
    assert new.query("SELECT count(*) FROM audit WHERE action = 'import_key'")[0][0] == 1


def test_the_key_file_needs_its_own_passphrase_and_cannot_be_relabelled(sealed_to_old_lead, tmp_path):
    _old, saved, _package, info = sealed_to_old_lead
    assert PASSPHRASE.encode() not in saved.read_bytes() and b"box_secret" not in saved.read_bytes()
    with pytest.raises(WrongSecretError):
        read_lead_key(saved, PASSPHRASE)
    assert read_lead_key(saved, KEY_PASSPHRASE)[0].fingerprint == info.fingerprint

    document = json.loads(saved.read_text(encoding="utf-8"))
    relabelled = tmp_path / "doi-nhan.tdleadkey"
    relabelled.write_text(json.dumps(dict(document, office_id="so-yte")), encoding="utf-8")
    with pytest.raises(InputError):
        read_lead_key(relabelled, KEY_PASSPHRASE)
    greedy = tmp_path / "tham.tdleadkey"
    greedy.write_text(json.dumps(dict(document, sealed=dict(document["sealed"], memlimit=1 << 40))), encoding="utf-8")
    with pytest.raises(InputError):
        read_lead_key(greedy, KEY_PASSPHRASE)
    for junk in (b"", b"[]", b"\xff\xfe", b'{"format": "tiendo-lead-secret-key", "version": 1}'):
        greedy.write_bytes(junk)
        with pytest.raises(InputError):
            read_lead_key(greedy, KEY_PASSPHRASE)


def test_a_workspace_with_its_own_key_is_not_overwritten_by_accident(sealed_to_old_lead, make_workspace):
    _old, saved, _package, info = sealed_to_old_lead
    busy, _ = make_workspace("so-ldtbxh", role="lead", name="busy-lead")
    own = keys.lead_fingerprint(busy)
    with pytest.raises(InputError):
        import_lead_key(busy, saved, KEY_PASSPHRASE)
    assert keys.lead_fingerprint(busy) == own
    assert import_lead_key(busy, saved, KEY_PASSPHRASE, replace=True).fingerprint == keys.lead_fingerprint(busy)
    assert keys.lead_fingerprint(busy) == info.fingerprint

    other_office, _ = make_workspace("so-yte", role="lead", name="yte-lead")
    with pytest.raises(InputError):
        import_lead_key(other_office, saved, KEY_PASSPHRASE)
    reporting, _ = make_workspace("huyen-cam-lam", name="cam-lam")
    with pytest.raises(InputError):
        export_lead_key(reporting, saved, KEY_PASSPHRASE, KEY_PASSPHRASE)
    with pytest.raises(InputError):
        export_lead_key(busy, saved, "ngắn", "ngắn")


def test_the_lead_key_moves_from_the_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TIENDO_KEY_PASSPHRASE", KEY_PASSPHRASE)
    plan = str(TEST_DATA / "mini_plan.json")
    old, new, key_file = tmp_path / "old.tiendo", tmp_path / "new.tiendo", tmp_path / "lead.tdleadkey"
    assert main(["init", str(old), "--plan", plan, "--unit", "so-ldtbxh", "--role", "lead"]) == 0
    assert main(["init", str(new), "--plan", plan, "--unit", "so-ldtbxh", "--role", "lead"]) == 0
    assert main(["lead-key", "export", str(old), str(key_file)]) == 0
    capsys.readouterr()
    assert main(["lead-key", "import", str(new), str(key_file)]) == 0
    assert main(["keys", "show", str(old)]) == 0
    assert main(["keys", "show", str(new)]) == 0
    shown = capsys.readouterr().out.splitlines()
    lead_lines = [line for line in shown if ":" in line and "-" in line.rsplit(":", 1)[1]]
    assert lead_lines[-1].rsplit(" ", 1)[1] == lead_lines[-3].rsplit(" ", 1)[1]
    monkeypatch.setenv("TIENDO_KEY_PASSPHRASE", "sai mật khẩu rồi")
    assert main(["lead-key", "import", str(new), str(key_file)]) == 1
