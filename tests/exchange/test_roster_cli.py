"""The roster from the terminal: an office added the old way is expected too."""

from __future__ import annotations

import json

import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main

PLAN = str(TEST_DATA / "mini_plan.json")


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)


def test_an_office_added_from_the_terminal_is_expected(tmp_path, env, capsys):
    lead = tmp_path / "lead.tiendo"
    assert main(["init", str(lead), "--plan", PLAN, "--unit", "so-ldtbxh", "--role", "lead"]) == 0
    assert main(["submissions", str(lead), "--year", "2026"]) == 0   # the roster is seeded from the plan
    assert main(["add-office", str(lead), "UBND xã Suối Tiên"]) == 0
    capsys.readouterr()
    assert main(["submissions", str(lead), "--year", "2026", "--status", "missing", "--json"]) == 0
    assert "ubnd-xa-suoi-tien" in {r["office"] for r in json.loads(capsys.readouterr().out)}
