"""`tiendo report` and `tiendo sign-off` as a clerk types them: the review reports the
plan names, the signature block with its authority lines, every option in --help."""

from __future__ import annotations

import pdfplumber
import pytest

from conftest import PASSPHRASE
from desktop_app.cli import main
from desktop_app.core import entries, signoff
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.workspace import Workspace


@pytest.fixture
def ws_path(tmp_path, monkeypatch):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "so.tiendo"
    ws, _ = Workspace.create(path, PASSPHRASE, plan=load_bundled_plan("angiang-2025"), office_id="so-yte",
                             user_name="x")
    for gap in signoff.readiness(ws, 2025):
        entries.mark_no_data(ws, 2025, gap.indicator_id, "Chưa có số liệu")
    ws.close()
    return path


def text(path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_report_review_2025_and_2030_and_a_year_without_a_review(ws_path, tmp_path, capsys):
    assert main(["report", str(ws_path), "--review", "2025", "-o", str(tmp_path / "so-ket.pdf")]) == 0
    assert "Sơ kết thực hiện" in text(tmp_path / "so-ket.pdf")
    assert main(["report", str(ws_path), "--review", "2030", "-o", str(tmp_path / "tong-ket.pdf")]) == 0
    assert "Tổng kết thực hiện" in text(tmp_path / "tong-ket.pdf")
    capsys.readouterr()
    assert main(["report", str(ws_path), "--review", "2027", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "2025, 2030" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_sign_off_with_two_authority_lines_prints_them_above_the_title(ws_path, tmp_path):
    assert main(["sign-off", str(ws_path), "--year", "2025", "--signer", "Lê Văn Phước",
                 "--authority", "TM. ỦY BAN NHÂN DÂN", "--authority", "KT. CHỦ TỊCH", "--title", "PHÓ CHỦ TỊCH",
                 "--place", "Nha Trang", "--to", "Ủy ban nhân dân tỉnh", "--number", "12/BC-SYT"]) == 0
    assert main(["report", str(ws_path), "--year", "2025", "-o", str(tmp_path / "r.pdf")]) == 0
    printed = text(tmp_path / "r.pdf")
    # Beside "Nơi nhận", so the extracted lines interleave: the three lines in order.
    places = [printed.find(line) for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Phước")]
    assert -1 not in places and places == sorted(places)
    assert "Nha Trang, ngày" in printed and "Kính gửi: Ủy ban nhân dân tỉnh." in printed
    assert "DỰ THẢO" not in printed


def test_every_report_and_sign_off_option_is_explained_in_help(capsys):
    for command, options in (("report", ("--year", "--review", "--output", "--xlsx")),
                             ("sign-off", ("--authority", "--title", "--signer", "--place", "--to", "--number"))):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        for option in options:
            line = next(line for line in shown.splitlines() if line.strip().startswith(option) or f", {option}" in line)
            assert len(line.split(None, 2)) > 1, (command, option)
        assert "TM." in shown or command == "report"


def test_a_report_to_a_place_that_cannot_be_written_says_so_in_one_line(ws_path, tmp_path, capsys, monkeypatch):
    import errno
    import tempfile

    # A folder typed wrong: one sentence, no traceback, nothing written.
    for args in (["-o", str(tmp_path / "khong-co" / "bao-cao.pdf")],
                 ["-o", str(tmp_path / "bao-cao.pdf"), "--xlsx", str(tmp_path / "khong-co" / "bang.xlsx")],
                 ["--review", "2025", "-o", str(tmp_path / "khong-co" / "so-ket.pdf")]):
        year = [] if "--review" in args else ["--year", "2025"]
        capsys.readouterr()
        assert main(["report", str(ws_path), *year, *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Lỗi:") and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "khong-co").exists()

    # A write-protected stick (simulated: root writes through a folder's mode).
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    capsys.readouterr()
    assert main(["report", str(ws_path), "--year", "2025", "-o", str(tmp_path / "usb.pdf")]) == 1
    assert "không ghi được" in capsys.readouterr().err
    assert not (tmp_path / "usb.pdf").exists()
