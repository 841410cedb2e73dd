"""The `tiendo` command drives the same core: a clerk's year from the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PASSPHRASE, ROOT, TEST_DATA
from desktop_app.cli import main

PLAN = str(TEST_DATA / "mini_plan.json")


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)


def run(*args) -> int:
    return main([str(a) for a in args])


def test_init_set_show_as_json(tmp_path, env, capsys):
    ws = tmp_path / "so.tiendo"
    assert run("init", ws, "--plan", PLAN, "--unit", "Sở LĐTBXH") == 0
    out = capsys.readouterr().out
    assert "-" in out.splitlines()[-1] and len(out.splitlines()[-1]) == 35  # the recovery code
    assert run("set", ws, "--year", 2025, "I.1", "2,85", "--note", "Điều tra lao động", "--source", "Cục Thống kê") == 0
    assert run("set", ws, "--year", 2025, "I.3", "1.500") == 0
    capsys.readouterr()
    assert run("show", ws, "--year", 2025, "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    rows = {r["id"]: r for r in shown["indicators"]}
    assert rows["I.1"]["value"] == "2.85" and rows["I.1"]["note"] == "Điều tra lao động"
    assert rows["I.3"]["value"] == "1500"
    assert shown["office"] == "so-ldtbxh"


def test_a_new_unit_not_named_in_the_plan_is_added(tmp_path, env, capsys):
    ws = tmp_path / "xa.tiendo"
    assert run("init", ws, "--plan", PLAN, "--unit", "UBND xã Suối Tiên") == 0
    assert run("show", ws, "--year", 2025, "--json") == 0
    assert "ubnd-xa-suoi-tien" in capsys.readouterr().out


def test_passwd_recover_backup_restore_check(tmp_path, env, capsys, monkeypatch):
    ws = tmp_path / "so.tiendo"
    run("init", ws, "--plan", PLAN, "--unit", "so-yte")
    code = capsys.readouterr().out.splitlines()[-1]
    run("set", ws, "--year", 2025, "II.2", "31,5")
    monkeypatch.setenv("TIENDO_NEW_PASSPHRASE", "mật khẩu thứ hai")
    assert run("passwd", ws) == 0
    assert run("check", ws) == 1  # the old passphrase no longer opens it
    monkeypatch.setenv("TIENDO_RECOVERY_CODE", code)
    monkeypatch.setenv("TIENDO_NEW_PASSPHRASE", "mật khẩu thứ ba")
    assert run("recover", ws) == 0
    monkeypatch.setenv("TIENDO_PASSPHRASE", "mật khẩu thứ ba")
    assert run("check", ws) == 0
    capsys.readouterr()
    assert run("backup", ws, tmp_path / "bk") == 0
    backup = capsys.readouterr().out.strip()
    assert run("restore", backup, tmp_path / "copy.tiendo") == 0
    capsys.readouterr()
    assert run("show", tmp_path / "copy.tiendo", "--year", 2025, "--json") == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["indicators"]}
    assert rows["II.2"]["value"] == "31.5"


def cli(*args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TIENDO_PASSPHRASE": PASSPHRASE, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "desktop_app.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT)


def test_user_errors_exit_1_with_one_line_and_no_traceback(tmp_path):
    ws = tmp_path / "so.tiendo"
    assert cli("init", ws, "--plan", PLAN, "--unit", "so-ldtbxh").returncode == 0
    cases = [
        cli("set", ws, "--year", 2025, "I.1", "1,234.5"),
        cli("set", ws, "--year", 2025, "I.1", "101"),
        cli("set", ws, "--year", 2025, "KHÔNG.CÓ", "1"),
        cli("show", ws, "--year", 2025, env_extra={"TIENDO_PASSPHRASE": "sai mật khẩu"}),
        cli("show", tmp_path / "không-có.tiendo", "--year", 2025),
        cli("init", tmp_path / "x.tiendo", "--plan", "khong-co-ke-hoach", "--unit", "x"),
    ]
    for result in cases:
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "dấu phẩy" in cases[0].stderr


def test_auto_backup_goes_also_to_the_chosen_stick_and_restore_asks_before_replacing(tmp_path, env, capsys):
    """`tiendo auto-backup` sets the window's second folder and makes the same automatic
    backup; `tiendo restore` onto an existing workspace needs --replace."""
    from desktop_app.core import autobackup, backup_places

    ws = tmp_path / "so.tiendo"
    run("init", ws, "--plan", PLAN, "--unit", "so-yte")
    run("set", ws, "--year", 2025, "II.2", "31,5")
    stick = tmp_path / "usb"
    assert run("auto-backup", "--also-to", stick) == 1  # not plugged in yet
    assert "usb" in capsys.readouterr().err
    stick.mkdir()
    assert run("auto-backup", "--also-to", stick) == 0
    assert backup_places.second_folder() == stick
    capsys.readouterr()
    assert run("auto-backup", ws) == 0
    made, copy = map(Path, capsys.readouterr().out.split())
    assert copy.is_relative_to(stick) and copy.read_bytes() == made.read_bytes()
    assert run("auto-backup") == 0
    listing = capsys.readouterr().out
    assert str(stick) in listing and str(made) in listing and str(copy) in listing
    stick.rename(tmp_path / "rut-ra")  # the stick is pulled out
    assert run("auto-backup", ws) == 1
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "USB" in err
    assert Path(out.split()[0]).exists() and len(autobackup.list_backups()) == 2
    assert run("auto-backup", "--no-also-to") == 0 and backup_places.second_folder() is None
    capsys.readouterr()
    assert run("restore", made, ws) == 1  # the workspace is there: not without --replace
    assert str(ws) in capsys.readouterr().err
    assert not list(tmp_path.glob("so.tiendo.before-restore-*"))
    assert run("restore", made, ws, "--replace") == 0
    assert len([p for p in tmp_path.glob("so.tiendo.before-restore-*") if not p.name.endswith(".keys")]) == 1
