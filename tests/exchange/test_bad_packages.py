"""Whatever arrives on a stick, the lead office's data stays exactly as it was unless a
package is whole, meant for it, signed by the office's registered key and for its plan."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core import clock, entries
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.exporter import build_payload, export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.keys import recipient_tag
from desktop_app.core.exchange.package import MAX_PACKAGE_BYTES, seal
from nacl.public import PrivateKey
from nacl.signing import SigningKey

TABLES = ("indicator_values", "task_progress", "reports", "received_packages", "trusted_keys", "offices", "audit")


def dump(ws) -> dict:
    return {table: sorted(map(repr, ws.query(f"SELECT * FROM {table}"))) for table in TABLES}


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """A lead office that already accepted one package, and an office that sends more."""
    from conftest import PASSPHRASE, TEST_DATA
    from desktop_app.core.plans import load_plan_file
    from desktop_app.core.workspace import Workspace

    folder = tmp_path_factory.mktemp("province")
    plan = load_plan_file(TEST_DATA / "mini_plan.json")
    lead, _ = Workspace.create(folder / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
    office, _ = Workspace.create(folder / "huyen.tiendo", PASSPHRASE, plan=plan, office_id="huyen-dien-khanh")
    keys.export_public_key(lead, folder / "lead.tdkey")
    keys.import_public_key(office, folder / "lead.tdkey")
    entries.set_value(office, 2026, "I.3", "100")
    usb = folder / "usb"
    usb.mkdir()
    good = export_year(office, 2026, usb).path
    assert import_packages(lead, [good], trust_new=True)[0].outcome == "imported"
    entries.set_value(office, 2026, "I.3", "110")
    fresh = export_year(office, 2026, usb).path  # revision 2, never imported by the tests below
    yield lead, office, folder, fresh
    lead.close()
    office.close()


def crafted(office, lead, *, change=None, signer=None, box=None):
    payload = build_payload(office, 2026, 9, clock.now().isoformat(timespec="seconds"))
    if change:
        change(payload)
    lead_box = bytes(keys.box_key(lead).public_key) if box is None else box
    return seal(payload, signer or keys.signing_key(office), lead_box, recipient_tag(lead_box))


def cases(lead, office, fresh):
    good = fresh.read_bytes()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x10
    other_lead = bytes(PrivateKey.generate().public_key)

    def plan(p):
        p["plan"]["code"] = "kế-hoạch-khác"

    def unknown(p):
        p["data"]["values"]["XIV.99"] = {"number": "1"}

    def future(p):
        p["created_at"] = (clock.now() + dt.timedelta(days=30)).isoformat()

    def garbage(p):
        p["data"]["values"]["I.3"]["number"] = "một trăm"

    def stranger(p):
        p["office"]["id"] = "xa-la"
        p["office"]["name"] = "UBND xã Lạ"

    def own(p):
        p["office"]["id"] = "so-ldtbxh"

    return {
        "not_a_package": b"PK\x03\x04 this is a zip, not a package",
        "truncated": good[: len(good) - 100],
        "damaged": bytes(flipped),
        "not_for_us": crafted(office, lead, box=other_lead),
        "different_key": crafted(office, lead, signer=SigningKey.generate()),
        "wrong_plan": crafted(office, lead, change=plan),
        "catalog_mismatch": crafted(office, lead, change=unknown),
        "future": crafted(office, lead, change=future),
        "malformed": crafted(office, lead, change=garbage),
        "unregistered_signer": crafted(office, lead, change=stranger, signer=SigningKey.generate()),
        "own_package": crafted(office, lead, change=own),
    }


def test_each_kind_of_bad_package_is_rejected_with_its_reason_and_changes_nothing(setting, tmp_path):
    lead, office, folder, fresh = setting
    for reason, data in cases(lead, office, fresh).items():
        path = tmp_path / f"{reason}.tdpkg"
        path.write_bytes(data)
        before = dump(lead)
        outcome = import_packages(lead, [path], quarantine=tmp_path / "quarantine")[0]
        assert (outcome.outcome, outcome.reason) == ("rejected", reason), outcome.message
        assert outcome.message and "Traceback" not in outcome.message
        assert dump(lead) == before, reason
        assert (tmp_path / "quarantine").exists()
    kept = list((tmp_path / "quarantine").glob("*.reason.txt"))
    assert len(kept) == 11


def test_a_file_larger_than_any_package_is_refused_unread(setting, tmp_path):
    lead, *_ = setting
    path = tmp_path / "huge.tdpkg"
    with path.open("wb") as handle:
        handle.truncate(MAX_PACKAGE_BYTES + 1)
    before = dump(lead)
    assert import_packages(lead, [path])[0].reason == "too_large"
    assert dump(lead) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_bit_flips_and_truncations_are_always_rejected(setting, tmp_path, data):
    lead, office, folder, fresh = setting
    good = bytearray(fresh.read_bytes())
    if data.draw(st.booleans(), label="truncate"):
        damaged = bytes(good[: data.draw(st.integers(0, len(good) - 1), label="length")])
    else:
        position = data.draw(st.integers(0, len(good) - 1), label="position")
        good[position] ^= 1 << data.draw(st.integers(0, 7), label="bit")
        damaged = bytes(good)
    path = tmp_path / "random.tdpkg"
    path.write_bytes(damaged)
    before = dump(lead)
    outcome = import_packages(lead, [path], dry_run=True)[0]
    assert outcome.outcome == "rejected"
    assert outcome.reason in {"not_a_package", "truncated", "damaged", "not_for_us", "unsupported_format"}
    assert dump(lead) == before
