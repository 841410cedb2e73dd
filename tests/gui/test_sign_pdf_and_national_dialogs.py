"""From the window, as from `tiendo sign` and `tiendo national`: the head's certificate
signs the printed report with its stamp in the box the report reserved, a wrong password
is said in one sentence and writes nothing; the lead office writes the province's
figures for the national system, and the mapping template to fill in."""

from __future__ import annotations

import csv
import io
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from desktop_app.core import entries
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.reports.annual import signature_place
from desktop_app.core.reports.build import write_year_pdf
from desktop_app.core.reports.signing import verify_pdf
from desktop_app.gui.national_export import NationalExportDialog
from desktop_app.gui.sign_pdf import SignPdfDialog
from signing.pki import make_pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def report(workspace, tmp_path):
    path = tmp_path / "bao-cao-2026.pdf"
    write_year_pdf(workspace, 2026, path)
    return path


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    return shown


def test_the_head_signs_the_printed_report_with_a_certificate_file(qtbot, pki, report):
    dialog = SignPdfDialog(report)
    qtbot.addWidget(dialog)
    signed = report.with_name("bao-cao-2026-signed.pdf")
    assert dialog.output.text() == str(signed)  # offered beside the report
    dialog.p12.setText(str(pki.p12))
    dialog.password.setText(pki.password.decode())
    assert not dialog.library.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text() != "", timeout=30_000)
    assert str(signed) in dialog.result.text()
    (signature,) = verify_pdf(signed, [pki.root])
    assert signature.ok and signature.signer == pki.signer_name
    box = signature_place(report)
    page = PdfReader(signed).pages[box.page if box.page >= 0 else len(PdfReader(signed).pages) + box.page]
    widgets = [a.get_object() for a in page.get("/Annots") or [] if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1  # the stamp is on the page that holds the signature block


def test_tiendo_sign_makes_the_same_signed_copy(pki, report, monkeypatch, capsys):
    from desktop_app.cli import main

    monkeypatch.setenv("TIENDO_P12_PASSWORD", pki.password.decode())
    assert main(["sign", str(report), "--p12", str(pki.p12)]) == 0
    signed = report.with_name("bao-cao-2026-signed.pdf")
    assert capsys.readouterr().out.strip() == str(signed)
    (signature,) = verify_pdf(signed, [pki.root])
    assert signature.ok


def test_a_wrong_password_is_one_sentence_and_writes_nothing(qtbot, pki, report, warnings):
    dialog = SignPdfDialog(report)
    qtbot.addWidget(dialog)
    dialog.p12.setText(str(pki.p12))
    dialog.password.setText("sai mật khẩu")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert "mật khẩu" in warnings[0] and "\n" not in warnings[0]
    assert not report.with_name("bao-cao-2026-signed.pdf").exists()


def test_choosing_the_token_switches_the_fields(qtbot, report, warnings):
    dialog = SignPdfDialog(report)
    qtbot.addWidget(dialog)
    dialog.use_token.setChecked(True)
    assert dialog.library.isEnabled() and dialog.pin.isEnabled() and not dialog.p12.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)  # no library chosen
    qtbot.waitUntil(lambda: bool(warnings))
    assert "PKCS#11" in warnings[0]


@pytest.fixture
def lead(make_workspace):
    ws, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("bacgiang-2024"), role="lead", name="lead")
    entries.set_value(ws, 2026, "1.1", "99,5")
    return ws


def test_the_lead_office_writes_the_provinces_figures_for_the_national_system(qtbot, lead, tmp_path):
    dialog = NationalExportDialog(lead, 2026)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.output.text().endswith("-2026.csv")
    target = tmp_path / "quoc-gia.csv"
    dialog.output.setText(str(target))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result.text() != "", timeout=30_000)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    values = {r["indicator_id"]: r["value"] for r in rows if r["value"]}
    assert values == {lead.plan.indicator_global_id("1.1"): "99.5"}


def test_the_mapping_template_lists_every_id_to_fill_in(qtbot, lead, tmp_path, monkeypatch):
    template = tmp_path / "ma.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(template), ""))
    dialog = NationalExportDialog(lead, 2026)
    qtbot.addWidget(dialog)
    dialog.write_template()
    qtbot.waitUntil(lambda: template.exists() and dialog.result.text() != "", timeout=30_000)
    document = json.loads(template.read_text(encoding="utf-8"))
    assert lead.plan.indicator_global_id("1.1") in document["data_elements"]


def test_an_empty_year_is_refused_in_one_sentence(qtbot, lead, tmp_path, warnings):
    dialog = NationalExportDialog(lead, 2027)
    qtbot.addWidget(dialog)
    target = tmp_path / "trong.xml"
    dialog.output.setText(str(target))
    dialog.export()
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert "2027" in warnings[0] and not target.exists()
