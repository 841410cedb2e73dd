"""Another program can read our packages from the published document alone: a reader
written only from docs/package-format.md opens every test vector, refuses every bad one
for the documented reason, and agrees with TienDo's own reader."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jsonschema
import pytest

from tests.exchange import spec_reader

ROOT = Path(__file__).resolve().parents[2]
VECTORS = Path(__file__).parent / "vectors"
MANIFEST = json.loads((VECTORS / "manifest.json").read_text(encoding="utf-8"))
KEYS = {k: bytes.fromhex(v) for k, v in json.loads((VECTORS / "keys.json").read_text(encoding="utf-8")).items()
        if k != "note"}


@pytest.fixture(scope="module")
def payload_schema():
    schema = json.loads((ROOT / "docs" / "package-payload.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_spec_reader_uses_nothing_of_tiendo():
    tree = ast.parse((Path(__file__).parent / "spec_reader.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "hashlib", "json", "struct", "unicodedata", "dataclasses", "nacl"}


def test_the_document_and_its_schema_are_published():
    text = (ROOT / "docs" / "package-format.md").read_text(encoding="utf-8")
    for reason in {entry["expect"] for entry in MANIFEST} - {"ok"}:
        assert f"`{reason}`" in text, reason
    assert "package-payload.schema.json" in text and "tests/exchange/vectors" in text


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_a_reader_written_from_the_document_opens_the_vectors(entry, payload_schema):
    data = (VECTORS / entry["file"]).read_bytes()
    if entry["expect"] != "ok":
        with pytest.raises(spec_reader.Rejected) as rejected:
            spec_reader.read(data, KEYS["lead_box_secret"])
        assert rejected.value.reason == entry["expect"]
        return
    package = spec_reader.read(data, KEYS["lead_box_secret"])
    assert package.signer == KEYS[entry["signer"]]
    assert package.payload_bytes == (VECTORS / entry["payload"]).read_bytes()
    assert not [error.message for error in payload_schema.iter_errors(package.payload)]
    if package.kind == spec_reader.KIND_YEAR:
        assert package.payload["data"]["values"]["I.3"]["number"] == "1234"
        assert package.payload["office"]["name"] == "Ủy ban nhân dân huyện Diên Khánh"


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_tiendo_reads_the_vectors_as_the_document_says(entry):
    """The document describes the program, not a wish: TienDo's reader agrees on every vector."""
    import nacl.public

    from desktop_app.core.errors import PackageError
    from desktop_app.core.exchange.package import KIND_YEAR, open_plan_update, open_year_package, read_header

    data = (VECTORS / entry["file"]).read_bytes()
    try:
        header = read_header(data)
        if header.kind == KIND_YEAR:
            opened = open_year_package(header, nacl.public.PrivateKey(KEYS["lead_box_secret"]), KEYS["lead_recipient_tag"])
        else:
            opened = open_plan_update(header)
        outcome = "ok"
    except PackageError as error:
        outcome = error.reason
    assert outcome == entry["expect"]
    if outcome == "ok":
        assert opened.payload_bytes == (VECTORS / entry["payload"]).read_bytes()


def test_what_tiendo_seals_today_the_spec_reader_opens(payload_schema):
    import nacl.signing

    from desktop_app.core.exchange.keys import recipient_tag
    from desktop_app.core.exchange.package import seal

    payload = json.loads((VECTORS / "year-valid.payload.json").read_text(encoding="utf-8"))
    payload["package_id"] = "f" * 32
    signer = nacl.signing.SigningKey(KEYS["office_signing_seed"])
    data = seal(payload, signer, KEYS["lead_box_public"], recipient_tag(KEYS["lead_box_public"]))
    package = spec_reader.read(data, KEYS["lead_box_secret"])
    assert package.payload == payload and package.signer == bytes(signer.verify_key)
    assert not list(payload_schema.iter_errors(package.payload))
