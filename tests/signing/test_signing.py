"""The head of the office signs the report digitally; anyone can check it was not
changed, and that the signer is trusted given the trust root."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from desktop_app.core.errors import TienDoError
from desktop_app.core.reports.signing import SignatureBox, verify_pdf, sign_pdf_p12

from signing.pki import make_pki

PASSWORD = b"mat-khau-p12"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"), PASSWORD)


@pytest.fixture
def unsigned(tmp_path, workspace):
    from desktop_app.core import entries
    from desktop_app.core.reports.build import write_year_pdf

    entries.set_value(workspace, 2025, "I.1", "2,8")
    path = tmp_path / "bao-cao.pdf"
    result = write_year_pdf(workspace, 2025, path)
    return path, result


def test_a_signed_report_is_intact_valid_and_trusted_with_the_root(tmp_path, pki, unsigned):
    root, p12 = pki
    path, result = unsigned
    signed = tmp_path / "da-ky.pdf"
    sign_pdf_p12(path, signed, p12, PASSWORD, box=SignatureBox(result.signature_page, *result.signature_box))
    [report] = verify_pdf(signed, [root])
    assert (report.intact, report.valid, report.trusted, report.modified_after_signing) == (True, True, True, False)
    assert "Nguyễn Văn An" in report.signer
    assert "nguyên vẹn" in report.summary("vi")
    [untrusted] = verify_pdf(signed)
    assert untrusted.intact and untrusted.valid and not untrusted.trusted
    widget = next(a.get_object() for a in PdfReader(signed).pages[result.signature_page]["/Annots"]
                  if a.get_object().get("/FT") == "/Sig")
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    bx1, by1, bx2, by2 = result.signature_box
    assert abs(x1 - bx1) < 2 and abs(y2 - by2) < 2


def test_one_byte_changed_after_signing_breaks_the_signature(tmp_path, pki, unsigned):
    root, p12 = pki
    path, _result = unsigned
    signed = tmp_path / "da-ky.pdf"
    sign_pdf_p12(path, signed, p12, PASSWORD)
    data = bytearray(signed.read_bytes())
    position = data.index(b"BT") + 1  # inside the first page's text, which the signature covers
    data[position] ^= 0x20
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))
    reports = verify_pdf(tampered, [root])
    assert reports and not reports[0].intact


def test_changes_appended_after_signing_are_reported(tmp_path, pki, unsigned):
    from pypdf import PdfWriter

    root, p12 = pki
    path, _result = unsigned
    signed = tmp_path / "da-ky.pdf"
    sign_pdf_p12(path, signed, p12, PASSWORD)
    writer = PdfWriter(str(signed), incremental=True)
    writer.add_blank_page()
    with (tmp_path / "them.pdf").open("wb") as handle:
        writer.write(handle)
    [report] = verify_pdf(tmp_path / "them.pdf", [root])
    assert report.modified_after_signing


def test_a_wrong_certificate_password_gets_a_clear_error(tmp_path, pki, unsigned):
    _root, p12 = pki
    path, _result = unsigned
    with pytest.raises(TienDoError) as error:
        sign_pdf_p12(path, tmp_path / "x.pdf", p12, b"sai")
    assert "mật khẩu" in error.value.vi.lower()
    assert not (tmp_path / "x.pdf").exists()


def test_an_unsigned_pdf_has_no_signatures_and_garbage_is_refused(tmp_path, unsigned):
    path, _result = unsigned
    assert verify_pdf(path) == []
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    with pytest.raises(TienDoError):
        verify_pdf(junk)
