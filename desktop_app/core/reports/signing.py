"""Digital signatures on report PDFs (PAdES, with pyHanko), and their verification.

A report is signed with a PKCS#12 file (.p12/.pfx) or with a USB token through the
token's PKCS#11 library (how the Government CA's tokens work), with a visible stamp
placed at the report's signature block.  Verification says, for each signature, whether
the signed bytes are intact, the signature cryptographically valid, the signer trusted
(only against the trust roots given: nothing is fetched from the network), and whether
the document was changed after signing.

pyHanko is imported inside the functions: it is heavy, and only signing needs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app.core.errors import InputError, Location, TienDoError
from desktop_app.core.i18n import N_, translate
from desktop_app.core.resources import fonts_dir
from desktop_app.core.text import clean

__all__ = ["SignatureBox", "SignatureReport", "SigningError", "sign_pdf_p12", "sign_pdf_pkcs11", "verify_pdf"]

FIELD_NAME = "ChuKySo"
# The visible stamp is part of a Vietnamese administrative document: it is always in
# Vietnamese, whatever language the program's windows speak.
STAMP_LANGUAGE = "vi"
DEFAULT_REASON = N_("Signing and issuing the report")
STAMP_FONT = "LiberationSerif-Regular.ttf"
STAMP_COLOR = (0.05, 0.2, 0.55)  # dark blue: told apart from the printed text at a glance
SYSTEM_STAMP_FONT = Path("/usr/share/fonts/truetype/liberation2") / STAMP_FONT

# pyHanko and fontTools log their own warnings; with no logging set up Python would
# print them on stderr next to our one-line messages.  The app's own handlers still
# receive them through propagation.
for _name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class SigningError(TienDoError):
    """A signature could not be made, or a certificate or token could not be used."""


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible stamp goes, in PDF points; ``page`` is 0-based, negative from the end."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str                       # the certificate subject's common name
    signing_time: dt.datetime | None  # as claimed by the signer (no timestamp authority)
    intact: bool                      # the signed bytes are unchanged
    valid: bool                       # the cryptographic signature checks out
    trusted: bool                     # the certificate chains to a given trust root
    modified_after_signing: bool      # later changes beyond adding signatures

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.modified_after_signing

    def summary(self, language: str | None = None) -> str:
        states = [
            translate(N_("intact") if self.intact else N_("NOT intact (the signed content was changed)"), language),
            translate(N_("valid") if self.valid else N_("NOT valid"), language),
            translate(N_("trusted") if self.trusted
                      else N_("not trusted (the certificate does not lead to a given trust root)"), language),
        ]
        if self.signing_time is not None:
            text = translate(N_("The signature of {signer} (signed at {time}) is {states}."), language,
                             signer=self.signer, time=_format_time(self.signing_time), states=", ".join(states))
        else:
            text = translate(N_("The signature of {signer} is {states}."), language,
                             signer=self.signer, states=", ".join(states))
        if self.modified_after_signing:
            text += " " + translate(N_("The document was changed after it was signed."), language)
        return text


def _format_time(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the reader's local time, as on the paper copy
    return f"{moment:%d/%m/%Y %H:%M}"


# ---------------------------------------------------------------- the visible stamp

def _stamp_font_file() -> Path | None:
    for candidate in (fonts_dir() / STAMP_FONT, SYSTEM_STAMP_FONT):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=2)
def _font_for_pyhanko(path: Path) -> bytes:
    """The TTF rescaled to 1000 units per em, without hinting.

    pyHanko writes a CID font's glyph widths in the font's own units, while PDF reads
    them as thousandths of an em: Liberation Serif (2048 units) comes out with every
    letter twice as far apart.  At 1000 units the two agree.  Hinting is dropped because
    rescaling does not rescale hinting programs, and PDF viewers do not need them.
    """
    import io

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(path))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "FFTM"):
        if table in font:
            del font[table]
    if "glyf" in font:
        for name in font.getGlyphOrder():
            font["glyf"][name].removeHinting()
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _ascii(text: str) -> str:
    """For pyHanko's built-in Courier, which has no Vietnamese letters."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").encode("ascii", "replace").decode()


def _stamp_style(signer_name: str, office: str, reason: str, location: str,
                 box: tuple[float, float, float, float] | None, scratch: Path):
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    def line(message_id: str, **params: str) -> str:
        # Values are literal text: a '%' in them must not look like a pyHanko field.
        return translate(message_id, STAMP_LANGUAGE, **{k: v.replace("%", "%%") for k, v in params.items()})

    lines = [line(N_("Signed by: {signer}"), signer=signer_name)]
    if office:
        lines.append(line(N_("Office: {office}"), office=office))
    lines.append(line(N_("Signed at: {time}"), time="") + "%(ts)s")  # pyHanko puts in the signing time
    if reason:
        lines.append(line(N_("Reason: {reason}"), reason=reason))
    if location:
        lines.append(line(N_("Place: {place}"), place=location))
    text = "\n".join(lines)

    # Text that fits the box at this size needs no shrinking; longer names are shrunk
    # to fit by the layout rule below.
    height = (box[3] - box[1]) if box else 60.0
    size = max(6, min(10, int((height - 10) / (len(lines) * 1.25))))
    font_file = _stamp_font_file()
    if font_file is not None:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        scaled = scratch / "stamp-font.ttf"
        scaled.write_bytes(_font_for_pyhanko(font_file))
        # The factory's size must equal the text box's, or lines after the first drift.
        text_style = TextBoxStyle(font=GlyphAccumulatorFactory(str(scaled), font_size=size, bcp47_lang_code="vi"),
                                  font_size=size, leading=int(size * 1.25) + 1, text_color=STAMP_COLOR)
    else:
        text_style = TextBoxStyle(font_size=size, text_color=STAMP_COLOR)
        text = _ascii(text)
    return TextStampStyle(
        stamp_text=text, text_box_style=text_style, timestamp_format="%d/%m/%Y %H:%M", border_width=1,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(4), inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT),
    )


# ---------------------------------------------------------------- signing

def _open_pdf_for_signing(src: Path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    if not src.is_file():
        raise InputError(N_("The PDF file does not exist."), where=Location(file=str(src)))
    try:
        handle = src.open("rb")
    except OSError as error:
        raise InputError(N_("The file cannot be read: {detail}."), where=Location(file=str(src)),
                         detail=error.strerror) from None
    try:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        encrypted = writer.prev.encrypted
        pages = int(writer.root["/Pages"]["/Count"])
    except Exception:
        handle.close()
        raise InputError(N_("This is not a PDF file, or it is damaged."), where=Location(file=str(src))) from None
    if encrypted:
        handle.close()
        raise InputError(N_("The PDF is password-protected; it cannot be signed."), where=Location(file=str(src)))
    return handle, writer, pages


def _free_field_name(writer) -> str:
    """A report signed again (a second signer) gets a field of its own."""
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer.prev, filled_status=None)}
    name, number = FIELD_NAME, 1
    while name in taken:
        number += 1
        name = f"{FIELD_NAME}{number}"
    return name


def _check_validity(certificate, where: Location) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    validity = certificate["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    if now < start:
        raise SigningError(N_("The certificate is not valid until {date}."), where=where, date=f"{start:%d/%m/%Y}")
    if now > end:
        raise SigningError(N_("The certificate expired on {date}."), where=where, date=f"{end:%d/%m/%Y}")


def _common_name(certificate) -> str:
    subject = certificate.subject.native
    return clean(subject.get("common_name") or certificate.subject.human_friendly)


def _organization(certificate) -> str:
    value = certificate.subject.native.get("organization_name") or ""
    return clean(value if isinstance(value, str) else ", ".join(value))


def _sign(src: Path, dst: Path, signer, box: SignatureBox | None, reason: str | None, location: str | None,
          signer_name: str | None) -> None:
    from pyhanko.sign import fields, signers

    src, dst = Path(src), Path(dst)
    reason = clean(translate(DEFAULT_REASON, STAMP_LANGUAGE) if reason is None else reason)
    location = clean(location)
    handle, writer, pages = _open_pdf_for_signing(src)
    scratch = Path(tempfile.mkdtemp(prefix="tiendo-sign-"))
    partial = dst.with_name(dst.name + ".partial")
    try:
        field_name = _free_field_name(writer)
        spec, rect = None, None
        if box is not None:
            page = box.page if box.page >= 0 else pages + box.page
            if not 0 <= page < pages:
                raise InputError(N_("The signature is placed on page {page}, but the PDF has {count} pages."),
                                 where=Location(file=str(src)), page=page + 1,
                                 count=pages)
            rect = (min(box.x1, box.x2), min(box.y1, box.y2), max(box.x1, box.x2), max(box.y1, box.y2))
            if rect[2] - rect[0] < 1 or rect[3] - rect[1] < 1:
                raise InputError(N_("The signature box is empty."), where=Location(file=str(src)))
            spec = fields.SigFieldSpec(field_name, on_page=page, box=rect)
        meta = signers.PdfSignatureMetadata(field_name=field_name, reason=reason or None,
                                            location=location or None, subfilter=fields.SigSeedSubFilter.PADES)
        name = clean(signer_name) or _common_name(signer.signing_cert)
        style = _stamp_style(name, _organization(signer.signing_cert), reason, location, rect, scratch)
        pdf_signer = signers.PdfSigner(meta, signer=signer, new_field_spec=spec, stamp_style=style)
        try:
            with partial.open("wb") as out:
                pdf_signer.sign_pdf(writer, output=out)
        except OSError as error:
            raise SigningError(N_("The signed PDF cannot be written: {detail}."), where=Location(file=str(dst)),
                               detail=error.strerror or str(error)) from None
        except TienDoError:
            raise
        except Exception as error:  # pyHanko's and the token's errors: one line, never a traceback
            raise SigningError(N_("The PDF could not be signed: {detail}"), where=Location(file=str(src)),
                               detail=_detail(error)) from None
        handle.close()
        partial.replace(dst)
    finally:
        handle.close()
        partial.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _detail(error: Exception) -> str:
    return str(error) or type(error).__name__


def _load_p12(p12_path: Path, password: bytes | str | None):
    from asn1crypto import pkcs12 as asn1_pkcs12
    from pyhanko.sign import signers

    where = Location(file=str(p12_path))
    if not p12_path.is_file():
        raise InputError(N_("The certificate file does not exist."), where=where)
    try:
        data = p12_path.read_bytes()
    except OSError as error:
        raise InputError(N_("The file cannot be read: {detail}."), where=where, detail=error.strerror) from None
    if isinstance(password, str):
        password = password.encode("utf-8")
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password or None)
    except Exception:
        # Tell a wrong password apart from a file that is no certificate at all.
        try:
            asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parsing is the check
        except Exception:
            raise SigningError(N_("This file is not a PKCS#12 certificate file (.p12 or .pfx)."), where=where) from None
        raise SigningError(N_("The certificate file cannot be opened: the password is wrong."), where=where) from None
    if signer.signing_cert is None or signer.signing_key is None:
        raise SigningError(N_("The certificate file holds no private key to sign with."), where=where)
    _check_validity(signer.signing_cert, where)
    return signer


def sign_pdf_p12(src: Path, dst: Path, p12_path: Path, password: bytes | str | None, *, box: SignatureBox | None = None,
                 reason: str | None = None, location: str | None = None, signer_name: str | None = None) -> None:
    """Sign ``src`` into ``dst`` with the key in a PKCS#12 file.

    ``reason`` defaults to a Vietnamese "signing and issuing the report"; ``signer_name``
    (default: the certificate's common name) is what the visible stamp says.  ``dst``
    appears only once complete; it may be ``src`` itself.
    """
    signer = _load_p12(Path(p12_path), password)
    _sign(Path(src), Path(dst), signer, box, reason, location, signer_name)


# ---------------------------------------------------------------- USB tokens (PKCS#11)

def _token_error(error: Exception, library: Path) -> SigningError:
    import pkcs11.exceptions as p11e

    where = Location(file=str(library))
    if isinstance(error, (p11e.PinIncorrect, p11e.PinInvalid, p11e.PinLenRange)):
        return SigningError(N_("The token's PIN is wrong."), where=where)
    if isinstance(error, p11e.PinLocked):
        return SigningError(N_("The token is locked after too many wrong PINs; unlock it with the CA's tool."),
                            where=where)
    if isinstance(error, (p11e.TokenNotPresent, p11e.DeviceRemoved)):
        return SigningError(N_("No USB token is plugged in."), where=where)
    return SigningError(N_("The USB token cannot be used: {detail}"), where=where, detail=_detail(error))


def _open_token(library: Path, token_label: str | None, pin: str | None):
    import pkcs11

    where = Location(file=str(library))
    if not library.is_file():
        raise InputError(N_("The token's PKCS#11 library does not exist."), where=where)
    try:
        lib = pkcs11.lib(str(library))
    except Exception as error:  # not a PKCS#11 library, or one built for another architecture
        raise SigningError(N_("This is not a usable PKCS#11 library: {detail}"), where=where,
                           detail=_detail(error)) from None
    try:
        # Uninitialised tokens hold no keys (SoftHSM always shows a spare one).
        tokens = [token for token in (slot.get_token() for slot in lib.get_slots(token_present=True))
                  if pkcs11.TokenFlag.TOKEN_INITIALIZED in token.flags]
    except pkcs11.PKCS11Error as error:
        raise _token_error(error, library) from None
    labels = [token.label.strip() for token in tokens]
    if token_label:
        if token_label.strip() not in labels:
            raise SigningError(N_("No plugged-in token is labelled {label}; tokens found: {labels}."), where=where,
                               label=token_label, labels=", ".join(labels) or "-")
        index = labels.index(token_label.strip())
    elif not tokens:
        raise SigningError(N_("No USB token is plugged in."), where=where)
    elif len(tokens) > 1:
        raise SigningError(N_("Several tokens are plugged in ({labels}); choose one by its label."), where=where,
                           labels=", ".join(labels))
    else:
        index = 0
    try:
        # What pyhanko.sign.pkcs11.open_pkcs11_session does, once the token is chosen.
        return tokens[index].open(user_pin=pin) if pin else tokens[index].open()
    except pkcs11.PKCS11Error as error:
        raise _token_error(error, library) from None


def _token_certificate(session, cert_label: str | None, key_label: str | None, library: Path):
    """The signing certificate on the token and the id of its private key.

    Citizens' tokens carry one key whose labels the holder never sees, so with no label
    the certificate is the one whose private key is on the token (by CKA_ID), preferring
    one valid today.
    """
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    where = Location(file=str(library))
    query = {Attribute.CLASS: ObjectClass.CERTIFICATE}
    if cert_label:
        query[Attribute.LABEL] = cert_label
    key_query = {Attribute.CLASS: ObjectClass.PRIVATE_KEY}
    if key_label:
        key_query[Attribute.LABEL] = key_label
    key_ids = {key[Attribute.ID] for key in session.get_objects(key_query)}
    if not key_ids:
        raise SigningError(N_("The token holds no private key to sign with."), where=where)
    candidates = []
    for obj in session.get_objects(query):
        cert_id = obj[Attribute.ID]
        if cert_id in key_ids or (cert_label and len(key_ids) == 1):
            candidates.append((x509.Certificate.load(obj[Attribute.VALUE]), cert_id))
    if not candidates:
        raise SigningError(N_("The token holds no certificate for its private key."), where=where)
    now = dt.datetime.now(dt.timezone.utc)

    def current(item) -> bool:
        validity = item[0]["tbs_certificate"]["validity"]
        return validity["not_before"].native <= now <= validity["not_after"].native

    candidates.sort(key=lambda item: not current(item))
    certificate, cert_id = candidates[0]
    key_id = cert_id if cert_id in key_ids else next(iter(key_ids))
    return certificate, key_id


def sign_pdf_pkcs11(src: Path, dst: Path, *, library: Path, token_label: str | None, pin: str | None,
                    key_label: str | None = None, cert_label: str | None = None, box: SignatureBox | None = None,
                    reason: str | None = None, location: str | None = None, signer_name: str | None = None) -> None:
    """Sign with a USB token through its PKCS#11 library (e.g. the CA's ``.dll``).

    ``token_label`` may be None when one token is plugged in; ``pin`` None for tokens
    that ask for it on their own keypad.  With no ``key_label``/``cert_label`` the
    token's own certificate is found by itself.
    """
    import pkcs11

    from pyhanko.sign.pkcs11 import PKCS11Signer

    library = Path(library)
    src = Path(src)
    if not src.is_file():  # before asking the token for anything
        raise InputError(N_("The PDF file does not exist."), where=Location(file=str(src)))
    session = _open_token(library, token_label, pin)
    try:
        try:
            certificate, key_id = _token_certificate(session, cert_label, key_label, library)
        except pkcs11.PKCS11Error as error:
            raise _token_error(error, library) from None
        _check_validity(certificate, Location(file=str(library)))
        signer = PKCS11Signer(session, signing_cert=certificate, key_id=None if key_label else key_id,
                              key_label=key_label, other_certs_to_pull=None)
        _sign(src, Path(dst), signer, box, reason, location, signer_name)
    finally:
        try:
            session.close()
        except Exception:  # the token was pulled out: nothing left to close
            pass


# ---------------------------------------------------------------- verification

def _load_roots(paths) -> list:
    from asn1crypto import pem, x509

    roots = []
    for root in paths:
        root = Path(root)
        where = Location(file=str(root))
        if not root.is_file():
            raise InputError(N_("The trust root certificate file does not exist."), where=where)
        data = root.read_bytes()
        try:
            if pem.detect(data):
                roots.extend(x509.Certificate.load(der) for kind, _headers, der in pem.unarmor(data, multiple=True)
                             if kind == "CERTIFICATE")
            else:
                certificate = x509.Certificate.load(data)
                certificate.native  # noqa: B018 - parse now, not later during validation
                roots.append(certificate)
        except Exception:
            raise InputError(N_("This file is not a certificate (PEM or DER)."), where=where) from None
    return roots


def _modified_after(status) -> bool:
    """Changes after signing, other than later signatures and validation data."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    allowed = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    return status.coverage != SignatureCoverageLevel.ENTIRE_REVISION or status.modification_level not in allowed \
        or status.docmdp_ok is False


def verify_pdf(path: Path, trust_roots: list[Path] | tuple = ()) -> list[SignatureReport]:
    """One report per signature, in the order they were made; [] for an unsigned PDF.

    Only ``trust_roots`` are trusted (not the operating system's store), and nothing is
    fetched from the network: the offices work offline.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    path = Path(path)
    where = Location(file=str(path))
    roots = _load_roots(trust_roots)
    if not path.is_file():
        raise InputError(N_("The PDF file does not exist."), where=where)
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(N_("The file cannot be read: {detail}."), where=where, detail=error.strerror) from None
    with handle:
        try:
            reader = PdfFileReader(handle, strict=False)
            if reader.encrypted:
                raise InputError(N_("The PDF is password-protected; its signatures cannot be checked."), where=where)
            signatures = list(reader.embedded_signatures)
        except TienDoError:
            raise
        except Exception:
            raise InputError(N_("This is not a PDF file, or it is damaged."), where=where) from None
        reports = []
        for signature in signatures:
            # A fresh context each time: it caches validation paths.
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            try:
                status = validate_pdf_signature(signature, context)
            except Exception:
                # The signature itself is unreadable (its bytes were damaged): report it as broken.
                try:
                    signer = _common_name(signature.signer_cert)
                except Exception:
                    signer = "?"
                reports.append(SignatureReport(signature.field_name, signer, None, False, False, False, True))
                continue
            reports.append(SignatureReport(
                field_name=signature.field_name, signer=_common_name(status.signing_cert),
                signing_time=status.signer_reported_dt, intact=bool(status.intact), valid=bool(status.valid),
                trusted=bool(status.trusted), modified_after_signing=_modified_after(status)))
        return reports
