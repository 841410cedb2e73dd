"""The head of the office signs the report digitally; anyone who receives it can check
that it was not changed, and that the signer is trusted given the trust root."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.core.errors import InputError, TienDoError
from desktop_app.core.reports.signing import SignatureBox, SigningError, sign_pdf_p12, sign_pdf_pkcs11, verify_pdf

from signing.pki import make_pki

MARKER = b"TONG SO 12345"
BOX = SignatureBox(-1, 300, 120, 540, 200)  # the last page, where a report's signature block is


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def unsigned(tmp_path) -> Path:
    """A two-page report as reportlab makes it, uncompressed so a test can find its text."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "bao-cao.pdf"
    canvas = Canvas(str(path), pageCompression=0)
    canvas.drawString(72, 760, "BAO CAO - trang 1")
    canvas.drawString(72, 740, MARKER.decode())
    canvas.showPage()
    canvas.drawString(72, 760, "trang 2 - noi nhan va chu ky")
    canvas.showPage()
    canvas.save()
    return path


def signed_copy(pki, unsigned: Path, name="da-ky.pdf", **options) -> Path:
    signed = unsigned.with_name(name)
    sign_pdf_p12(unsigned, signed, pki.p12, pki.password, **options)
    return signed


def signature_widgets(path: Path, page: int) -> list:
    annotations = PdfReader(path).pages[page].get("/Annots") or []
    return [a.get_object() for a in annotations if a.get_object().get("/FT") == "/Sig"]


def test_a_signed_report_is_intact_valid_and_trusted_with_the_root(pki, unsigned):
    signed = signed_copy(pki, unsigned, box=BOX, reason="Ký ban hành báo cáo năm 2025", location="An Giang")

    [report] = verify_pdf(signed, [pki.root])

    assert (report.intact, report.valid, report.trusted, report.modified_after_signing) == (True, True, True, False)
    assert report.ok
    assert report.signer == "Nguyễn Văn An"
    assert report.signing_time is not None
    assert "Chữ ký của Nguyễn Văn An" in report.summary("vi")
    assert "còn nguyên vẹn, hợp lệ, được tin cậy" in report.summary("vi")
    assert "intact, valid, trusted" in report.summary("en")
    assert "Ký ban hành báo cáo năm 2025" == PdfReader(signed).get_fields()[report.field_name]["/V"]["/Reason"]


def test_without_the_root_the_signature_is_intact_and_valid_but_not_trusted(pki, unsigned, tmp_path):
    signed = signed_copy(pki, unsigned)
    stranger = make_pki(tmp_path / "other", root_name="Another Root CA")

    for roots in ([], [stranger.root]):
        [report] = verify_pdf(signed, roots)
        assert report.intact and report.valid and not report.trusted and not report.modified_after_signing
        assert not report.ok
        assert "chưa được tin cậy" in report.summary("vi")


def test_the_visible_stamp_sits_in_the_requested_box_on_the_requested_page(pki, unsigned):
    signed = signed_copy(pki, unsigned, box=BOX)

    assert signature_widgets(signed, 0) == []
    [widget] = signature_widgets(signed, 1)  # page -1 of two
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert (x1, y1, x2, y2) == pytest.approx((BOX.x1, BOX.y1, BOX.x2, BOX.y2), abs=0.5)
    assert "/AP" in widget


def test_the_stamp_writes_vietnamese_in_an_embedded_font_at_the_right_spacing(pki, unsigned):
    signed = signed_copy(pki, unsigned, box=BOX)
    [widget] = signature_widgets(signed, 1)
    appearance = widget["/AP"]["/N"].get_object()
    fonts = list(appearance["/Resources"]["/XObject"].values())[0].get_object()["/Resources"]["/Font"] \
        if "/Font" not in appearance["/Resources"] else appearance["/Resources"]["/Font"]
    [font] = [f.get_object() for f in fonts.values()]
    [cid_font] = [d.get_object() for d in font["/DescendantFonts"]]

    assert "LiberationSerif" in cid_font["/BaseFont"]
    assert "/FontFile2" in cid_font["/FontDescriptor"]  # embedded: prints the same on every PC
    # "ễ" of Nguyễn (U+1EC5) and "ý" of Ký are mapped back to text, so the stamp can be read and searched.
    to_unicode = font["/ToUnicode"].get_object().get_data().lower()
    assert b"<1ec5>" in to_unicode and b"<00fd>" in to_unicode
    # Glyph widths in thousandths of an em: a font of 2048 units per em passed through
    # unscaled would give capitals wider than an em and spread the letters apart.
    widths = [w for item in cid_font["/W"] if isinstance(item, list) for w in item]
    assert widths and max(widths) <= 1000


def test_one_byte_changed_inside_the_signed_range_breaks_the_signature(pki, unsigned, tmp_path):
    signed = signed_copy(pki, unsigned)
    data = bytearray(signed.read_bytes())
    position = data.index(MARKER) + MARKER.index(b"3")
    start, length, second_start, second_length = (int(v) for v in
                                                  re.search(rb"/ByteRange \[\s*(\d+) (\d+) (\d+) (\d+)", data).groups())
    assert start <= position < start + length  # the signature covers this byte
    data[position:position + 1] = b"9"  # 12345 becomes 12945
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))

    [report] = verify_pdf(tampered, [pki.root])

    assert not report.intact and not report.ok
    assert "KHÔNG còn nguyên vẹn" in report.summary("vi")


def test_page_content_appended_after_signing_is_reported(pki, unsigned, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = signed_copy(pki, unsigned)
    changed = tmp_path / "them.pdf"
    shutil.copy(signed, changed)
    with changed.open("r+b") as handle:
        writer = IncrementalPdfFileWriter(handle)
        stream = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (DA SUA) Tj ET"))
        writer.add_stream_to_page(0, stream)
        writer.write_in_place()

    [report] = verify_pdf(changed, [pki.root])

    assert report.intact and report.valid  # what was signed is still there, unchanged...
    assert report.modified_after_signing   # ...but the document shown is not what was signed
    assert not report.ok
    assert "thay đổi sau khi ký" in report.summary("vi")


def test_a_second_signature_does_not_count_as_a_change_to_the_first(pki, unsigned, tmp_path):
    deputy = make_pki(tmp_path / "deputy", signer_name="Trần Thị Bình")
    first = signed_copy(pki, unsigned, box=BOX)
    both = tmp_path / "hai-chu-ky.pdf"
    sign_pdf_p12(first, both, deputy.p12, deputy.password, box=SignatureBox(-1, 60, 120, 280, 200))

    reports = verify_pdf(both, [pki.root, deputy.root])

    assert [r.signer for r in reports] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert len({r.field_name for r in reports}) == 2
    assert all(r.intact and r.valid and r.trusted and not r.modified_after_signing for r in reports)


def test_signing_over_the_source_file_replaces_it_with_the_signed_one(pki, unsigned):
    sign_pdf_p12(unsigned, unsigned, pki.p12, pki.password)
    [report] = verify_pdf(unsigned, [pki.root])
    assert report.ok
    assert not unsigned.with_name(unsigned.name + ".partial").exists()


def test_a_wrong_certificate_password_gets_a_clear_error(pki, unsigned, tmp_path):
    with pytest.raises(SigningError) as error:
        sign_pdf_p12(unsigned, tmp_path / "x.pdf", pki.p12, b"sai-mat-khau")
    assert "mật khẩu" in error.value.vi
    assert "password is wrong" in error.value.en
    assert not (tmp_path / "x.pdf").exists()
    assert not list(tmp_path.glob("*.partial"))


def test_files_that_are_not_what_they_should_be_are_refused_clearly(pki, unsigned, tmp_path):
    junk = tmp_path / "rac.bin"
    junk.write_bytes(b"not a pdf at all, nor a certificate")

    with pytest.raises(SigningError) as not_p12:
        sign_pdf_p12(unsigned, tmp_path / "x.pdf", junk, b"x")
    assert "PKCS#12" in not_p12.value.vi
    with pytest.raises(InputError) as no_p12:
        sign_pdf_p12(unsigned, tmp_path / "x.pdf", tmp_path / "khong-co.p12", b"x")
    assert "không tồn tại" in no_p12.value.vi
    with pytest.raises(InputError) as not_pdf:
        sign_pdf_p12(junk, tmp_path / "x.pdf", pki.p12, pki.password)
    assert "không phải là tệp PDF" in not_pdf.value.vi
    with pytest.raises(InputError):
        sign_pdf_p12(unsigned, tmp_path / "x.pdf", pki.p12, pki.password, box=SignatureBox(5, 0, 0, 100, 100))
    with pytest.raises(InputError):
        verify_pdf(junk)
    with pytest.raises(InputError):
        verify_pdf(tmp_path / "khong-co.pdf")
    with pytest.raises(InputError):
        verify_pdf(unsigned, [junk])
    assert not (tmp_path / "x.pdf").exists()


def test_an_unsigned_report_has_no_signatures(unsigned):
    assert verify_pdf(unsigned) == []


def test_an_expired_certificate_is_refused_before_signing(unsigned, tmp_path):
    old = make_pki(tmp_path / "old", valid_days=-1)  # its validity ended yesterday
    with pytest.raises(TienDoError):
        sign_pdf_p12(unsigned, tmp_path / "x.pdf", old.p12, old.password)
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------- a USB token, played by SoftHSM

SOFTHSM_LIBRARY = next((p for p in (Path("/usr/lib/softhsm/libsofthsm2.so"),
                                    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")) if p.exists()), None)
PIN = "123456"


@pytest.fixture(scope="module")
def token(tmp_path_factory, pki):
    """A SoftHSM token holding the signer's key and certificate, as a CA's token would."""
    pkcs11 = pytest.importorskip("pkcs11")
    if SOFTHSM_LIBRARY is None or shutil.which("softhsm2-util") is None:
        pytest.skip("SoftHSM (Debian package softhsm2) is not installed")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    with pytest.MonkeyPatch.context() as patch:
        # Read by SoftHSM when the library starts, so set before anything loads it.
        patch.setenv("SOFTHSM2_CONF", str(conf))
        util = ["softhsm2-util"]
        subprocess.run(util + ["--init-token", "--free", "--label", "TienDo Token", "--pin", PIN, "--so-pin", "87654321"],
                       check=True, capture_output=True, env=os.environ)
        subprocess.run(util + ["--import", str(pki.key_pem), "--token", "TienDo Token", "--label", "khoa-ky",
                               "--id", "a1b2", "--pin", PIN], check=True, capture_output=True, env=os.environ)
        from cryptography import x509

        certificate = x509.load_der_x509_certificate(pki.cert_der.read_bytes())
        lib = pkcs11.lib(str(SOFTHSM_LIBRARY))
        with lib.get_token(token_label="TienDo Token").open(rw=True, user_pin=PIN) as session:
            session.create_object({
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: "chung-thu",
                pkcs11.Attribute.ID: bytes.fromhex("a1b2"),
                pkcs11.Attribute.SUBJECT: certificate.subject.public_bytes(),
                pkcs11.Attribute.VALUE: pki.cert_der.read_bytes(),
            })
        yield SOFTHSM_LIBRARY


def test_signing_with_a_usb_token_finds_its_certificate_by_itself(token, pki, unsigned):
    signed = unsigned.with_name("token.pdf")
    sign_pdf_pkcs11(unsigned, signed, library=token, token_label=None, pin=PIN, box=BOX)

    [report] = verify_pdf(signed, [pki.root])
    assert report.ok and report.signer == "Nguyễn Văn An"
    assert len(signature_widgets(signed, 1)) == 1


def test_signing_with_a_token_by_labels(token, pki, unsigned):
    signed = unsigned.with_name("token-nhan.pdf")
    sign_pdf_pkcs11(unsigned, signed, library=token, token_label="TienDo Token", pin=PIN,
                    key_label="khoa-ky", cert_label="chung-thu")
    [report] = verify_pdf(signed, [pki.root])
    assert report.ok


def test_a_wrong_token_pin_or_label_gets_a_clear_error(token, unsigned, tmp_path):
    with pytest.raises(SigningError) as wrong_pin:
        sign_pdf_pkcs11(unsigned, tmp_path / "x.pdf", library=token, token_label=None, pin="000000")
    assert "PIN" in wrong_pin.value.vi
    with pytest.raises(SigningError) as wrong_label:
        sign_pdf_pkcs11(unsigned, tmp_path / "x.pdf", library=token, token_label="Khac", pin=PIN)
    assert "TienDo Token" in wrong_label.value.vi  # says which tokens there are
    with pytest.raises(InputError):
        sign_pdf_pkcs11(unsigned, tmp_path / "x.pdf", library=tmp_path / "khong-co.so", token_label=None, pin=PIN)
    not_a_library = tmp_path / "rac.so"
    not_a_library.write_bytes(b"not a shared library")
    with pytest.raises(SigningError) as unusable:
        sign_pdf_pkcs11(unsigned, tmp_path / "x.pdf", library=not_a_library, token_label=None, pin=PIN)
    assert "PKCS#11" in unusable.value.vi
    assert not (tmp_path / "x.pdf").exists()


def test_without_a_vietnamese_font_the_stamp_falls_back_to_unaccented_letters(pki, unsigned, monkeypatch):
    from desktop_app.core.reports import signing

    monkeypatch.setattr(signing, "_stamp_font_file", lambda: None)
    signed = signed_copy(pki, unsigned, box=BOX)

    [widget] = signature_widgets(signed, 1)
    assert "/AP" in widget
    assert verify_pdf(signed, [pki.root])[0].ok
    assert signing._ascii("Người ký: Nguyễn Văn Đức") == "Nguoi ky: Nguyen Van Duc"
