"""Each action a clerk or the lead office takes is one core function, reached the same
way from the window and from `tiendo`: the function is replaced by a recorder, the
command is typed, the window's action is clicked, and both must arrive there with the
same arguments (desktop_app/core/actions.py lists them)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from conftest import PASSPHRASE
from desktop_app.cli import main as cli
from desktop_app.core import entries, signoff
from desktop_app.core.workspace import Workspace

YEAR = 2026


class Recorder:
    """Stands in for a core function: remembers each call and its face."""

    def __init__(self, result=None):
        self.calls: list[tuple] = []
        self.result = result

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return self.result(*args, **kwargs) if callable(self.result) else self.result


@pytest.fixture
def office(tmp_path, mini_plan, monkeypatch):
    """A closed workspace file (the CLI opens it) and how to open it for the window."""
    path = tmp_path / "so.tiendo"
    ws, _code = Workspace.create(path, PASSPHRASE, plan=mini_plan, office_id="so-ldtbxh", user_name="Lan")
    ws.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    opened = []

    def open_it() -> Workspace:
        opened.append(Workspace.open(path, passphrase=PASSPHRASE))
        return opened[-1]

    yield SimpleNamespace(path=path, open=open_it)
    for ws in opened:
        ws.close()


@pytest.fixture
def window(qtbot, office):
    from desktop_app.gui.main_window import MainWindow

    def make():
        win = MainWindow(office.open())
        qtbot.addWidget(win)
        return win
    return make


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A message box after the action would wait for a click nobody makes."""
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *args, **kwargs: QMessageBox.Ok))


def same_workspace_file(a, b) -> bool:
    return Path(a.path) == Path(b.path)


def test_backup(qtbot, office, window, monkeypatch, tmp_path):
    spy = Recorder(lambda ws, destination: Path(destination))
    monkeypatch.setattr("desktop_app.core.backup.write_backup", spy)
    assert cli(["backup", str(office.path), str(tmp_path / "b1.tiendo-backup")]) == 0
    win = window()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "b2.tiendo-backup"), ""))
    win.backup()
    qtbot.waitUntil(lambda: len(spy.calls) == 2)
    (cli_ws, cli_dest), (gui_ws, gui_dest) = spy.calls[0][0], spy.calls[1][0]
    assert same_workspace_file(cli_ws, gui_ws)
    assert Path(cli_dest).name == "b1.tiendo-backup" and Path(gui_dest).name == "b2.tiendo-backup"


def test_check(qtbot, office, window, monkeypatch):
    from desktop_app.core.storage.integrity import CheckResult

    calls = []

    def check(self):
        calls.append(self.path)
        return CheckResult(str(self.path), ())
    monkeypatch.setattr(Workspace, "check", check)
    assert cli(["check", str(office.path)]) == 0
    window().check()
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert calls[0] == calls[1] == office.path


def test_sign_off(qtbot, office, monkeypatch, tmp_path):
    from desktop_app.gui.signoff_dialog import SignDialog

    spy = Recorder(lambda ws, year, **kw: entries.report_state(ws, year))
    monkeypatch.setattr("desktop_app.core.signoff.sign_year", spy)
    monkeypatch.setattr("desktop_app.gui.report_preview.preview_report", lambda *args: None)
    assert cli(["sign-off", str(office.path), "--year", str(YEAR), "--signer", "Lê Văn Phước",
                "--title", "PHÓ GIÁM ĐỐC", "--authority", "KT. GIÁM ĐỐC", "--number", "12/BC-SLĐTBXH",
                "--place", "Nha Trang", "--to", "Ủy ban nhân dân tỉnh"]) == 0
    ws = office.open()
    dialog = SignDialog(ws, YEAR, tmp_path / "r.pdf")
    qtbot.addWidget(dialog)
    dialog.for_collective.setChecked(False)
    dialog.mode.setCurrentIndex(dialog.mode.findData("KT."))
    dialog.head.setText("GIÁM ĐỐC")
    dialog.title.setText("PHÓ GIÁM ĐỐC")
    dialog.name.setText("Lê Văn Phước")
    dialog.number.setText("12/BC-SLĐTBXH")
    dialog.place.setText("Nha Trang")
    dialog.addressee.setPlainText("Ủy ban nhân dân tỉnh")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    assert len(spy.calls) == 2
    (cli_args, cli_kw), (gui_args, gui_kw) = spy.calls
    assert cli_args[1] == gui_args[1] == YEAR
    assert cli_kw == gui_kw  # the same signature block, number, place and addressee


def test_the_window_offers_the_years_own_number_not_a_placeholder(qtbot, office, tmp_path, monkeypatch):
    """Signing a reopened year again from the window kept "…/BC-…" as its number, where
    `tiendo sign-off` kept the number it had."""
    from desktop_app.gui.signoff_dialog import SignDialog

    monkeypatch.setattr("desktop_app.gui.report_preview.preview_report", lambda *args: None)
    ws = office.open()
    for gap in signoff.readiness(ws, YEAR):
        entries.mark_no_data(ws, YEAR, gap.indicator_id, "Không theo dõi")
    signoff.sign_year(ws, YEAR, signer_name="Lê Văn Phước", signer_title="GIÁM ĐỐC", report_number="12/BC-SLĐTBXH")
    signoff.reopen_year(ws, YEAR, "Sửa số liệu")
    dialog = SignDialog(ws, YEAR, tmp_path / "r.pdf")
    qtbot.addWidget(dialog)
    assert dialog.number.text() == "12/BC-SLĐTBXH"
    dialog.name.setText("Lê Văn Phước")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    assert entries.report_state(ws, YEAR).report_number == "12/BC-SLĐTBXH"


def test_reopen(qtbot, office, window, monkeypatch):
    ws = office.open()
    for gap in signoff.readiness(ws, YEAR):
        entries.mark_no_data(ws, YEAR, gap.indicator_id, "Không theo dõi")
    signoff.sign_year(ws, YEAR, signer_name="Lê Văn Phước", signer_title="GIÁM ĐỐC")
    ws.close()
    spy = Recorder()
    monkeypatch.setattr("desktop_app.core.signoff.reopen_year", spy)
    assert cli(["reopen", str(office.path), "--year", str(YEAR), "--reason", "Sửa số liệu"]) == 0
    win = window()
    win.load_year(YEAR)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Sửa số liệu", True))
    win.reopen()
    assert [call[0][1:] for call in spy.calls] == [(YEAR, "Sửa số liệu")] * 2


def test_annual_report_pdf_and_workbook(qtbot, office, window, monkeypatch, tmp_path):
    pdf = Recorder(SimpleNamespace(pages=3))
    xlsx = Recorder(lambda ws, year, path: path)
    monkeypatch.setattr("desktop_app.core.reports.build.write_year_pdf", pdf)
    monkeypatch.setattr("desktop_app.core.reports.build.write_year_xlsx", xlsx)
    monkeypatch.setattr("desktop_app.gui.report_preview.ReportPreview.exec", lambda self: 0)
    assert cli(["report", str(office.path), "--year", str(YEAR), "-o", str(tmp_path / "r.pdf"),
                "--xlsx", str(tmp_path / "r.xlsx")]) == 0
    win = window()
    win.load_year(YEAR)
    win.preview_report()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "w.xlsx"), ""))
    win.export_excel()
    qtbot.waitUntil(lambda: len(pdf.calls) == 2 and len(xlsx.calls) == 2)
    assert [c[0][1] for c in pdf.calls] == [YEAR, YEAR] and [c[0][1] for c in xlsx.calls] == [YEAR, YEAR]


def test_review_report(qtbot, office, monkeypatch, tmp_path):
    from desktop_app.gui.report_preview import preview_review

    spy = Recorder(SimpleNamespace(pages=4))
    monkeypatch.setattr("desktop_app.core.reports.review.write_review_pdf", spy)
    monkeypatch.setattr("desktop_app.gui.report_preview.ReportPreview.exec", lambda self: 0)
    assert cli(["report", str(office.path), "--review", "2025", "-o", str(tmp_path / "so-ket.pdf")]) == 0
    preview_review(None, office.open(), 2025, tmp_path / "so-ket-2025.pdf")
    qtbot.waitUntil(lambda: len(spy.calls) == 2)
    assert [c[0][1] for c in spy.calls] == [2025, 2025]


def test_sign_a_pdf(qtbot, monkeypatch, tmp_path):
    from desktop_app.core import actions
    from desktop_app.gui.sign_pdf import SignPdfDialog

    spy = Recorder(lambda source, signer, output=None: output or actions.signed_pdf_name(source))
    monkeypatch.setattr("desktop_app.core.actions.sign_pdf", spy)
    report, p12 = tmp_path / "bao-cao.pdf", tmp_path / "ky.p12"
    monkeypatch.setenv("TIENDO_P12_PASSWORD", "mật khẩu")
    assert cli(["sign", str(report), "--p12", str(p12)]) == 0
    dialog = SignPdfDialog(report)
    qtbot.addWidget(dialog)
    dialog.p12.setText(str(p12))
    dialog.password.setText("mật khẩu")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(spy.calls) == 2)
    (cli_args, _), (gui_args, _) = spy.calls
    assert cli_args[0] == gui_args[0] == report
    assert cli_args[1] == gui_args[1] == actions.PdfSigner(p12=p12, password="mật khẩu")
    # The same signed copy beside the report, unless told otherwise.
    assert (cli_args[2] or actions.signed_pdf_name(report)) == gui_args[2] == tmp_path / "bao-cao-signed.pdf"


def test_export_year_package(qtbot, office, monkeypatch, tmp_path):
    """An unsigned year goes out as a draft when the clerk says so: `--draft` on the
    command line, "Yes" in the window (which once sent it without a word)."""
    from desktop_app.gui.exchange import ExportDialog

    spy = Recorder(SimpleNamespace(path=tmp_path / "p.tiendo-pkg", submission="draft", revision=1))
    monkeypatch.setattr("desktop_app.core.exchange.exporter.export_year", spy)
    assert cli(["export", str(office.path), "--year", str(YEAR), "--to", str(tmp_path), "--draft"]) == 0
    dialog = ExportDialog(office.open(), YEAR)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    dialog.choose_folder()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    dialog.export()
    assert len(asked) == 1 and str(YEAR) in asked[0] and len(spy.calls) == 1  # "No": nothing written
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    dialog.export()
    qtbot.waitUntil(lambda: len(spy.calls) == 2)
    assert [(c[0][1], Path(c[0][2]), c[1]["draft"]) for c in spy.calls] == [(YEAR, tmp_path, True)] * 2
    qtbot.waitUntil(lambda: "dự thảo" in dialog.result_label.text())


@pytest.fixture
def lead_office(tmp_path, mini_plan, monkeypatch):
    path = tmp_path / "lead.tiendo"
    ws, _code = Workspace.create(path, PASSPHRASE, plan=mini_plan, office_id="so-ldtbxh", role="lead", user_name="Lan")
    ws.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    opened = []
    yield SimpleNamespace(path=path, open=lambda: opened.append(Workspace.open(path, passphrase=PASSPHRASE)) or opened[-1])
    for ws in opened:
        ws.close()


def test_import_packages(qtbot, lead_office, monkeypatch, tmp_path):
    """The menu, a package double-clicked in the file manager and `tiendo import` import
    the same way (a merged province's package under its own plan)."""
    from desktop_app.gui import exchange
    from desktop_app.gui.app import Controller

    spy = Recorder([])
    monkeypatch.setattr("desktop_app.core.exchange.lead_plans.import_for_all_plans", spy)
    monkeypatch.setattr(exchange.ImportSummary, "exec", lambda self: 0)
    cli(["import", str(lead_office.path), str(tmp_path)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    ws = lead_office.open()
    exchange.import_packages(None, ws)
    qtbot.waitUntil(lambda: len(spy.calls) == 3)  # the window reads first (dry run), then imports
    from desktop_app.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    controller = SimpleNamespace(workspace=ws, window=win)
    Controller.import_file(controller, tmp_path / "goi.tdpkg")
    qtbot.waitUntil(lambda: len(spy.calls) == 4)
    cli_call, gui_dry, gui_real, opened = spy.calls
    assert [Path(p) for p in cli_call[0][1]] == [Path(p) for p in gui_real[0][1]] == [tmp_path]
    assert gui_dry[1]["dry_run"] and not gui_real[1].get("dry_run")
    assert [Path(p) for p in opened[0][1]] == [tmp_path / "goi.tdpkg"]


def test_consolidated_report(qtbot, lead_office, monkeypatch, tmp_path):
    from desktop_app.core import actions
    from desktop_app.gui.lead import save_consolidated_xlsx
    from desktop_app.gui.main_window import MainWindow

    spy = Recorder(lambda ws, year, pdf=None, xlsx=None, plan_code=None: actions.ConsolidatedWritten(
        pdf, 2, xlsx, "abc"))
    monkeypatch.setattr("desktop_app.core.actions.write_consolidated_report", spy)
    monkeypatch.setattr("desktop_app.gui.report_preview.ReportPreview.exec", lambda self: 0)
    assert cli(["report-consolidated", str(lead_office.path), "--year", str(YEAR), "-o", str(tmp_path / "th.pdf"),
                "--xlsx", str(tmp_path / "th.xlsx")]) == 0
    win = MainWindow(lead_office.open())
    qtbot.addWidget(win)
    win.load_year(YEAR)
    win.consolidated_report()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "w.xlsx"), ""))
    save_consolidated_xlsx(win, win.workspace, YEAR)
    qtbot.waitUntil(lambda: len(spy.calls) == 3)
    assert [c[0][1] for c in spy.calls] == [YEAR] * 3
    # The window's two run on worker threads: either may finish first.
    assert sorted((c[1].get("pdf") is not None, c[1].get("xlsx") is not None) for c in spy.calls) == [
        (False, True), (True, False), (True, True)]


def test_national_export(qtbot, office, monkeypatch, tmp_path):
    from desktop_app.gui.national_export import NationalExportDialog

    spy = Recorder(lambda ws, year, fmt, output, mapping=None: output)
    monkeypatch.setattr("desktop_app.core.actions.national_export", spy)
    mapping = tmp_path / "ma.json"
    assert cli(["national", str(office.path), "--year", str(YEAR), "--format", "dhis2",
                "-o", str(tmp_path / "qg.json"), "--mapping", str(mapping)]) == 0
    dialog = NationalExportDialog(office.open(), YEAR)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("dhis2"))
    dialog.mapping.setText(str(mapping))
    dialog.output.setText(str(tmp_path / "qg.json"))
    dialog.export()
    qtbot.waitUntil(lambda: len(spy.calls) == 2)
    assert [tuple(map(str, c[0][1:])) for c in spy.calls] == [(str(YEAR), "dhis2", str(tmp_path / "qg.json"),
                                                                str(mapping))] * 2


def test_restore(qtbot, office, monkeypatch, tmp_path):
    from desktop_app.core import backup as backups
    from desktop_app.gui.wizard import PAGE_RESTORE, SetupWizard

    ws = office.open()
    made = backups.write_backup(ws, tmp_path / "sao-luu.tiendo-backup")
    ws.close()
    spy = Recorder(backups.restore_backup)  # the real restore, watched
    monkeypatch.setattr("desktop_app.core.backup.restore_backup", spy)
    assert cli(["restore", str(made), str(tmp_path / "khoi-phuc.tiendo")]) == 0
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    page = wizard.page(PAGE_RESTORE)
    page.path.setText(str(made))
    page.passphrase.insert(PASSPHRASE)
    assert page.validatePage(), page.error.text()
    wizard.workspace.close()
    assert [Path(c[0][0]) for c in spy.calls] == [made, made]
    assert spy.calls[0][1] == spy.calls[1][1] == {"passphrase": PASSPHRASE, "replace": False}


def test_change_the_passphrase(qtbot, office, window, monkeypatch):
    calls = []
    monkeypatch.setattr(Workspace, "change_passphrase",
                        lambda self, new, confirmation=None: calls.append((self.path, new, confirmation)))
    monkeypatch.setenv("TIENDO_NEW_PASSPHRASE", "mật khẩu mới 2027")
    assert cli(["passwd", str(office.path)]) == 0
    answers = iter([("mật khẩu mới 2027", True), ("mật khẩu mới 2027", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    window().change_passphrase()
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert calls == [(office.path, "mật khẩu mới 2027", "mật khẩu mới 2027")] * 2


def test_the_window_menus_reach_the_pdf_signing_and_national_export_dialogs(qtbot, make_workspace, monkeypatch):
    """The two actions that were CLI-only are in the menus: signing a PDF for every office,
    the national export for the lead office only (which sends no USB package itself)."""
    import desktop_app.gui.national_export as national_export
    import desktop_app.gui.sign_pdf as sign_pdf
    from desktop_app.gui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(sign_pdf.SignPdfDialog, "exec", lambda self: opened.append("sign") or 0)
    monkeypatch.setattr(national_export.NationalExportDialog, "exec", lambda self: opened.append("national") or 0)
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead-menus")
    window = MainWindow(lead)
    qtbot.addWidget(window)
    window.load_year(2026)
    from PySide6.QtWidgets import QMenu

    actions = {a.text().replace("&", ""): a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    actions["Ký số tệp báo cáo PDF…"].trigger()
    actions["Xuất dữ liệu cho hệ thống quốc gia…"].trigger()
    assert opened == ["sign", "national"]
    assert "Xuất dữ liệu ra USB…" not in actions and "Xuất các bảng ra Excel…" in actions   # the lead sends none
