"""A merged province from the terminal: since 1 July 2025 An Giang and Kiên Giang are one
province; its Sở Y tế consolidates both legacy plans in one lead workspace, with one
roster per plan, until a new plan is issued, and prints a report for each."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import PASSPHRASE
from desktop_app.cli import main


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)


def run(*args) -> int:
    return main([str(a) for a in args])


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def test_one_lead_workspace_consolidates_two_legacy_plans(tmp_path, env, capsys):
    lead, usb = tmp_path / "so-yte.tiendo", tmp_path / "usb"
    usb.mkdir()
    assert run("init", lead, "--plan", "angiang-2025", "--unit", "so-yte", "--role", "lead") == 0
    assert run("lead-plans", lead, "add", "kiengiang-2024") == 0
    capsys.readouterr()
    assert run("lead-plans", lead, "--json") == 0
    held = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert set(held) == {"angiang-2025", "kiengiang-2024"} and held["angiang-2025"]["in_view"]

    # Each plan's communes go on that plan's roster.
    assert run("offices", lead, "add", "UBND xã Mỹ Hòa Hưng", "--from", "01/07/2025") == 0
    assert run("offices", lead, "add", "UBND phường Rạch Giá", "--from", "2025-07-01", "--plan", "kiengiang-2024") == 0
    assert run("offices", lead, "add", "UBND đặc khu Phú Quốc", "--from", "2025-07-01", "--plan", "kiengiang-2024") == 0
    capsys.readouterr()
    assert run("offices", lead, "--json", "--plan", "kiengiang-2024", "--year", "2026") == 0
    kg = {o["id"]: o for o in json.loads(capsys.readouterr().out)}
    assert kg["ubnd-phuong-rach-gia"]["expected"] and "ubnd-xa-my-hoa-hung" not in kg

    # The same key, handed out once per plan: a key file names the plan it is for.
    assert run("keys", "export", lead, tmp_path / "ag.tdkey") == 0
    assert run("lead-plans", lead, "use", "kiengiang-2024") == 0
    assert run("keys", "export", lead, tmp_path / "kg.tdkey") == 0
    assert run("lead-plans", lead, "use", "angiang-2025") == 0
    communes = (("ag", "angiang-2025", "UBND xã Mỹ Hòa Hưng", "IX.1", "120"),
                ("kg", "kiengiang-2024", "UBND phường Rạch Giá", "9.1", "80"))
    for name, plan, unit, indicator, value in communes:
        ws = tmp_path / f"{name}.tiendo"
        assert run("init", ws, "--plan", plan, "--unit", unit) == 0
        assert run("keys", "import", ws, tmp_path / f"{name}.tdkey") == 0
        assert run("set", ws, "--year", 2026, indicator, value) == 0
        assert run("export", ws, "--year", 2026, "--to", usb, "--draft") == 0   # not signed yet: shared as a draft
    capsys.readouterr()

    # One import takes both packages, each under its own plan.
    assert run("import", lead, usb, "--trust-new", "--json") == 0
    out = capsys.readouterr().out
    assert sorted(o["outcome"] for o in json.loads(out[: out.rindex("]") + 1])) == ["imported", "imported"]

    ag_pdf, kg_pdf, kg_xlsx = tmp_path / "ag.pdf", tmp_path / "kg.pdf", tmp_path / "kg.xlsx"
    assert run("report-consolidated", lead, "--year", 2026, "-o", ag_pdf) == 0
    assert run("report-consolidated", lead, "--year", 2026, "-o", kg_pdf, "--plan", "kiengiang-2024",
               "--xlsx", kg_xlsx) == 0
    ag, kg_text = text_of(ag_pdf), text_of(kg_pdf)
    assert "422/KH-UBND" in ag and "UBND xã Mỹ Hòa Hưng" in ag and "Rạch Giá" not in ag
    assert "Rạch Giá" in kg_text and "Mỹ Hòa Hưng" not in kg_text
    assert "UBND đặc khu Phú Quốc Chưa gửi" in kg_text    # expected, missing
    book = load_workbook(kg_xlsx)
    figures = {row[0].value: row for row in book["Chỉ tiêu toàn tỉnh"].iter_rows(min_row=2)}
    housing = next(row for row in book["Chỉ tiêu toàn tỉnh"].iter_rows(min_row=2)
                   if row[1].value and row[1].value.startswith("Xây dựng căn hộ nhà ở xã hội"))
    assert housing[5].value == 80 and figures
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows(min_row=2)}
    assert info["Kế hoạch"] == "kiengiang-2024" and info["Mã kiểm tra dữ liệu"]

    capsys.readouterr()
    assert run("indicator-offices", lead, "IX.1", "--year", 2026, "--json") == 0
    view = json.loads(capsys.readouterr().out)
    assert view["value"] == "120" and view["method"] == "sum"
    line = view["offices"][0]
    assert line["name"] == "UBND xã Mỹ Hòa Hưng" and line["revision"] == 1 and line["file"].endswith("_2026_r1.tdpkg")
    assert line["trend"] == {"2026": "120"}

    assert run("submissions", lead, "--year", 2026, "--plan", "kiengiang-2024", "--status", "missing", "--json") == 0
    missing = [r["name"] for r in json.loads(capsys.readouterr().out)]
    assert "UBND đặc khu Phú Quốc" in missing and "UBND phường Rạch Giá" not in missing

    # Where the two plans share an indicator, their figures side by side (never added).
    assert run("lead-plans", lead, "combined", "--year", 2026, "--json") == 0
    shared = {r["name"]: r["plans"] for r in json.loads(capsys.readouterr().out)}
    housing = next(v for k, v in shared.items() if k.startswith("Xây dựng căn hộ nhà ở xã hội"))
    assert housing["angiang-2025"]["value"] == "120" and housing["kiengiang-2024"]["value"] == "80"


def test_the_plans_indicators_are_matched_by_meaning_not_by_slips(make_workspace):
    from desktop_app.core.exchange.lead_plans import add_plan, matched_indicators
    from desktop_app.core.plans import load_bundled_plan

    lead, _ = make_workspace("so-yte", plan=load_bundled_plan("angiang-2025"), role="lead", name="ag")
    add_plan(lead, load_bundled_plan("kiengiang-2024"))
    pairs = {ids["angiang-2025"]: ids["kiengiang-2024"] for _name, _unit, ids in matched_indicators(lead)}
    assert pairs["IX.1"] == "9.1"          # "công nhân" printed "công nghiệp" in Kiên Giang's plan
    assert pairs["VI.2"] == "6.3"          # "đúng tuổi" / "đúng độ tuổi"
    assert pairs["X.3"] == "10.3" and pairs["X.4"] == "10.4"   # schools and health stations not crossed
    assert pairs["X.1.1"] == "10.1.1"      # "Thành thị" under the same parent, not any "Thành thị"
