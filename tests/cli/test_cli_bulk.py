"""From the terminal: a spreadsheet's values in one go (all rows or none), many rows
"no data" with one reason, the office's own form, a backup into a folder."""

from __future__ import annotations

import json
import unicodedata

import pytest

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main

PLAN = str(TEST_DATA / "mini_plan.json")


@pytest.fixture
def office(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    ws = tmp_path / "so.tiendo"
    assert main(["init", str(ws), "--plan", PLAN, "--unit", "so-ldtbxh"]) == 0
    capsys.readouterr()
    return ws


def windows_ansi(text: str) -> bytes:
    """As Windows writes Vietnamese in cp1258: a letter, then its tone as a combining mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", parts[:-1]).encode("cp1258") + parts[-1].encode("cp1258")
    return out


def shown(ws, capsys, year=2026):
    capsys.readouterr()
    assert main(["show", str(ws), "--year", str(year), "--json"]) == 0
    return {r["id"]: r for r in json.loads(capsys.readouterr().out)["indicators"]}


@pytest.mark.parametrize("encoding, text", [
    ("utf-8-sig", "id;value;source;note\r\nI.1;2,8;Cục Thống kê;Điều tra\r\nI.3;2.800;;\r\n"),
    ("utf-8", 'id,value,source\nI.1,"2,8",Cục Thống kê\nI.3,2800,\n'),
    ("cp1258", "id;value;source;note\r\nI.1;2,8;Cục Thống kê;Điều tra\r\nI.3;2.800;;\r\n"),
])
def test_a_values_file_as_excel_writes_it_in_either_locale(office, tmp_path, capsys, encoding, text):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(windows_ansi(text) if encoding == "cp1258" else text.encode(encoding))
    assert main(["set", str(office), "--year", "2026", "--from", str(path)]) == 0
    assert "2" in capsys.readouterr().out
    rows = shown(office, capsys)
    assert rows["I.1"]["value"] == "2.8" and rows["I.1"]["source"] == "Cục Thống kê"
    assert rows["I.3"]["value"] == "2800"


def test_a_file_with_bad_lines_saves_nothing_and_names_each_line(office, tmp_path, capsys):
    path = tmp_path / "so-lieu.csv"
    path.write_text("id;value\nI.1;2,8\n;;\nI.9;1\nI.3;12,5\n", encoding="utf-8")
    assert main(["set", str(office), "--year", "2026", "--from", str(path)]) == 1
    err = capsys.readouterr().err
    assert "so-lieu.csv, dòng 4" in err and "so-lieu.csv, dòng 5" in err and "dòng 2" not in err.split("Lỗi")[0]
    assert rows_empty(shown(office, capsys))


def rows_empty(rows):
    return all(r["value"] is None for r in rows.values())


def test_a_file_without_the_header_is_refused(office, tmp_path, capsys):
    path = tmp_path / "so-lieu.csv"
    path.write_text("I.1;2,8\n", encoding="utf-8")
    assert main(["set", str(office), "--year", "2026", "--from", str(path)]) == 1
    assert "id,value" in capsys.readouterr().err


def test_no_data_for_many_indicators_with_one_reason(office, capsys):
    assert main(["no-data", str(office), "--year", "2026", "I.1", "I.2", "--reason", "Chưa có số liệu"]) == 0
    rows = shown(office, capsys)
    assert rows["I.1"]["no_data_reason"] == rows["I.2"]["no_data_reason"] == "Chưa có số liệu"
    assert main(["no-data", str(office), "--year", "2026", "I.3", "Cục Thống kê chưa công bố"]) == 0  # the older form
    assert shown(office, capsys)["I.3"]["no_data_reason"] == "Cục Thống kê chưa công bố"


def test_show_and_tasks_list_the_offices_own_form(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    health = tmp_path / "yte.tiendo"
    assert main(["init", str(health), "--plan", PLAN, "--unit", "so-yte"]) == 0
    capsys.readouterr()
    assert main(["show", str(health), "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in data["indicators"]] == ["II.1", "II.2", "II.2.1"]
    assert data["form"]["indicators"] == ["II.1", "II.2", "II.2.1"]
    assert main(["tasks", str(health), "--json"]) == 0
    assert [t["id"] for t in json.loads(capsys.readouterr().out)] == ["T2"]
    assert main(["form", str(health), "--add", "I.1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added_by_office"] == ["I.1"]
    assert main(["show", str(health), "--year", "2026", "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["indicators"]) == 6


def test_a_backup_given_a_folder_is_written_inside_it(office, tmp_path, capsys):
    folder = tmp_path / "usb" / "sao-luu"
    assert main(["backup", str(office), str(folder) + "/"]) == 0
    written = capsys.readouterr().out.strip()
    inside = list(folder.iterdir())
    assert len(inside) == 1 and inside[0].name.endswith(".tiendo-backup") and str(inside[0]) == written
    assert main(["backup", str(office), str(folder)]) == 0  # an existing folder, no slash
    assert len(list(folder.iterdir())) in (1, 2)  # the same second gives the same name
