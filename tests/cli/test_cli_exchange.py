"""The USB round trip from the terminal: keys, export, dry run, import, submissions."""

from __future__ import annotations

import json

import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main

PLAN = str(TEST_DATA / "mini_plan.json")


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)


def test_an_office_sends_its_year_and_the_lead_office_takes_it_in(tmp_path, env, capsys):
    lead, office, usb = tmp_path / "lead.tiendo", tmp_path / "huyen.tiendo", tmp_path / "usb"
    usb.mkdir()
    assert main(["init", str(lead), "--plan", PLAN, "--unit", "so-ldtbxh", "--role", "lead"]) == 0
    assert main(["init", str(office), "--plan", PLAN, "--unit", "huyen-dien-khanh"]) == 0
    assert main(["keys", "export", str(lead), str(tmp_path / "lead.tdkey")]) == 0
    assert main(["keys", "import", str(office), str(tmp_path / "lead.tdkey")]) == 0
    assert main(["set", str(office), "--year", "2026", "I.3", "1.234"]) == 0
    assert main(["set", str(office), "--year", "2026", "I.1", "2,8"]) == 0
    capsys.readouterr()
    # an unsigned year is not the office's report: refused, unless shared as a draft
    assert main(["export", str(office), "--year", "2026", "--to", str(usb)]) == 1
    assert "--draft" not in capsys.readouterr().err and not list(usb.iterdir())
    assert main(["sign-off", str(office), "--year", "2026", "--signer", "Trần Văn Bình", "--title", "PHÓ CHỦ TỊCH",
                 "--authority", "KT. CHỦ TỊCH"]) == 0
    capsys.readouterr()
    assert main(["export", str(office), "--year", "2026", "--to", str(usb)]) == 0
    package = capsys.readouterr().out.strip()
    assert package.endswith("huyen-dien-khanh_2026_r1.tdpkg")

    assert main(["import", str(lead), str(usb), "--dry-run", "--trust-new", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[: out.rindex("]") + 1])[0]["outcome"] == "imported"
    assert main(["submissions", str(lead), "--year", "2026", "--json"]) == 0
    rows = {r["office"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["huyen-dien-khanh"]["status"] == "missing"  # the dry run changed nothing

    assert main(["import", str(lead), str(usb), "--json"]) == 1  # anything rejected: non-zero, summary still printed
    refused = json.loads(capsys.readouterr().out)
    assert refused[0]["reason"] == "unregistered_signer"
    assert main(["import", str(lead), str(usb), "--trust-new", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outcome"] == "imported"
    assert main(["submissions", str(lead), "--year", "2026", "--json"]) == 0
    rows = {r["office"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["huyen-dien-khanh"]["status"] in ("on_time", "late")
    assert main(["submissions", str(lead), "--year", "2026"]) == 0   # the table a clerk reads: dd/mm/yyyy
    assert "15/06/2026" in capsys.readouterr().out
    assert main(["consolidate", str(lead), "--year", "2026", "--json"]) == 0
    consolidated = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert consolidated["I.3"]["value"] == "1234"
    assert main(["national", str(lead), "--year", "2026", "--format", "adx", "-o", str(tmp_path / "adx.xml")]) == 0
    assert 'value="1234"' in (tmp_path / "adx.xml").read_text(encoding="utf-8")
