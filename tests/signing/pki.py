"""A throwaway PKI for tests: a root CA and a signer's certificate, made at test time
into a temporary folder (no key material is committed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class TestPki:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    root: Path        # the root CA certificate, PEM
    p12: Path         # the signer's key and certificate (with the root), PKCS#12
    password: bytes
    key_pem: Path     # the signer's private key alone, PKCS#8 PEM (for a token)
    cert_der: Path    # the signer's certificate alone, DER (for a token)
    signer_name: str


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Y tế tỉnh An Giang"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _key_usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=signer, content_commitment=signer, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=not signer,
                         crl_sign=not signer, encipher_only=False, decipher_only=False)


def make_pki(folder: Path, password: bytes = b"mat-khau-p12", *, signer_name: str = "Nguyễn Văn An",
             root_name: str = "TienDo Test Root CA", valid_days: int = 365) -> TestPki:
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (x509.CertificateBuilder().subject_name(_name(root_name)).issuer_name(_name(root_name))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=2)).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_key_usage(signer=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(_name(signer_name)).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(signer=True), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    paths = TestPki(root=folder / "root.pem", p12=folder / "signer.p12", password=password,
                    key_pem=folder / "signer-key.pem", cert_der=folder / "signer.der", signer_name=signer_name)
    paths.root.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    paths.p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [root], serialization.BestAvailableEncryption(password)))
    paths.key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    paths.cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    return paths
