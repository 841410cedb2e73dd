"""Digital signatures on report PDFs (PAdES, with pyHanko): a PKCS#12 file or a USB
token through its PKCS#11 library, with a visible stamp at the signature block; and
verification: intact, valid, trusted (given trust roots), changed after signing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import InputError, Location, TienDoError
from desktop_app.core.i18n import N_, translate

FIELD_NAME = "ChuKySo"


class SigningError(TienDoError):
    """A signature could not be made or read."""


@dataclass(frozen=True)
class SignatureBox:
    page: int            # 0-based; negative counts from the end
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str
    signing_time: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    modified_after_signing: bool

    def summary(self, language: str | None = None) -> str:
        parts = [translate(N_("intact") if self.intact else N_("NOT intact: the signed content was changed"), language),
                 translate(N_("valid") if self.valid else N_("NOT valid"), language),
                 translate(N_("trusted") if self.trusted else N_("not trusted (signer's certificate not verified)"), language)]
        if self.modified_after_signing:
            parts.append(translate(N_("the document was changed after signing"), language))
        return translate("Signature of {signer}: {state}", language, signer=self.signer, state="; ".join(parts))


def _stamp_style(signer_name: str, box: SignatureBox | None, scratch: Path):
    """The visible stamp, drawn by reportlab in the report's own font: pyHanko's text
    layout spaces Vietnamese glyphs wrongly with the fonts available here."""
    from pyhanko.stamp import StaticStampStyle
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.core.reports.fonts import font

    width, height = ((box.x2 - box.x1), (box.y2 - box.y1)) if box else (220.0, 70.0)
    path = scratch / "stamp.pdf"
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setStrokeColor(Color(0.1, 0.3, 0.6))
    canvas.setFillColor(Color(0.1, 0.3, 0.6))
    canvas.setLineWidth(1)
    canvas.roundRect(2, 2, width - 4, height - 4, 6)
    lines = [("bold", f"Ký bởi: {signer_name}"), ("regular", f"Thời gian: {dt.datetime.now():%d/%m/%Y %H:%M}"),
             ("italic", "Chữ ký số (PAdES)")]
    size = min(11.0, height / 5)
    y = height / 2 + size * 1.2
    for style, text in lines:
        canvas.setFont(font(style), size)
        canvas.drawCentredString(width / 2, y, unicodedata.normalize("NFC", text))
        y -= size * 1.4
    canvas.showPage()
    canvas.save()
    return StaticStampStyle.from_pdf_file(str(path), border_width=0)


def _page_count(path: Path) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        return int(PdfFileReader(handle).root["/Pages"]["/Count"])


def _sign(src: Path, dst: Path, signer, box: SignatureBox | None, reason: str, location: str) -> None:
    import tempfile

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    src, dst = Path(src), Path(dst)
    spec = None
    if box is not None:
        page = box.page if box.page >= 0 else _page_count(src) + box.page
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=page, box=(int(box.x1), int(box.y1), int(box.x2), int(box.y2)))
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=reason, location=location,
                                        subfilter=fields.SigSeedSubFilter.PADES)
    try:
        name = signer.signing_cert.subject.native.get("common_name") or ""
    except AttributeError:
        name = ""
    scratch = Path(tempfile.mkdtemp(prefix="tiendo-stamp-"))
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=_stamp_style(name, box, scratch), new_field_spec=spec)
    try:
        with src.open("rb") as handle:
            writer = IncrementalPdfFileWriter(handle, strict=False)
            output = dst.with_name(dst.name + ".partial")
            with output.open("wb") as out:
                pdf_signer.sign_pdf(writer, output=out)
        output.replace(dst)
    except OSError as error:
        raise SigningError("Could not write the signed PDF: {detail}.", where=Location(file=str(dst)),
                           detail=error.strerror) from None
    except Exception as error:  # pyHanko's own errors: shown as one line, never a traceback
        raise SigningError("The PDF could not be signed: {detail}", where=Location(file=str(src)), detail=str(error)) from None
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


def sign_pdf_p12(src: Path, dst: Path, p12_path: Path, password: bytes | None, *, box: SignatureBox | None = None,
                 reason: str = "Ký báo cáo", location: str = "") -> None:
    from pyhanko.sign import signers

    if not Path(p12_path).exists():
        raise InputError("The certificate file does not exist.", where=Location(file=str(p12_path)))
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(p12_path), passphrase=password)
    except Exception:
        signer = None
    if signer is None:
        raise SigningError("The certificate file cannot be opened: wrong password, or not a PKCS#12 file.",
                           where=Location(file=str(p12_path)))
    _sign(src, dst, signer, box, reason, location)


def sign_pdf_pkcs11(src: Path, dst: Path, *, library: Path, token_label: str | None, pin: str,
                    key_label: str | None = None, cert_label: str | None = None, box: SignatureBox | None = None,
                    reason: str = "Ký báo cáo", location: str = "") -> None:
    """Sign with a USB token (the Government CA's tokens expose a PKCS#11 library)."""
    from pyhanko.sign import pkcs11

    try:
        session = pkcs11.open_pkcs11_session(str(library), token_label=token_label, user_pin=pin)
    except Exception as error:
        raise SigningError("The USB token could not be opened: {detail}", detail=str(error)) from None
    try:
        signer = pkcs11.PKCS11Signer(session, key_label=key_label, cert_label=cert_label or key_label)
        _sign(src, dst, signer, box, reason, location)
    finally:
        session.close()


def _common_name(certificate) -> str:
    native = certificate.subject.native
    return native.get("common_name") or certificate.subject.human_friendly


def verify_pdf(path: Path, trust_roots: list[Path] | tuple = ()) -> list[SignatureReport]:
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for root in trust_roots:
        data = Path(root).read_bytes()
        if pem.detect(data):
            data = pem.unarmor(data)[2]
        roots.append(x509.Certificate.load(data))
    context = ValidationContext(trust_roots=roots, allow_fetching=False) if roots else ValidationContext(allow_fetching=False)
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError:
        raise InputError("The file cannot be read.", where=Location(file=str(path))) from None
    with handle:
        try:
            reader = PdfFileReader(handle, strict=False)
            signatures = list(reader.embedded_signatures)
        except Exception:
            raise InputError("This is not a PDF file, or it is damaged.", where=Location(file=str(path))) from None
        reports = []
        for signature in signatures:
            try:
                status = validate_pdf_signature(signature, context)
                coverage_ok = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
                modified = not coverage_ok and (status.modification_level is None
                                                or status.modification_level.name not in ("NONE", "LTA_UPDATES"))
                reports.append(SignatureReport(
                    field_name=signature.field_name, signer=_common_name(status.signing_cert),
                    signing_time=status.signer_reported_dt, intact=bool(status.intact), valid=bool(status.valid),
                    trusted=bool(status.trusted), modified_after_signing=bool(modified),
                ))
            except Exception:
                reports.append(SignatureReport(signature.field_name, "?", None, False, False, False, True))
        return reports
