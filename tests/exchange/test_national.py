"""The lead office hands the province's figures to a national system: two provinces'
files load side by side, every document passes its schema, numbers are plain decimals,
and an empty year is refused instead of written invalid."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from conftest import PASSPHRASE, TEST_DATA
from desktop_app.cli import main
from desktop_app.core.cells import csv_field
from desktop_app.core import entries
from desktop_app.core.errors import InputError
from desktop_app.core.exchange.consolidate import consolidate
from desktop_app.core.exchange.national import (
    adx_xml,
    csv_bytes,
    dhis2_json,
    plain_decimal,
    read_mapping,
    write_mapping_template,
)
from desktop_app.core.plans import load_bundled_plan

ADX_NS = {"adx": "urn:ihe:qrph:adx:2015"}


@pytest.fixture(scope="module")
def adx_schema():
    """The profile's rules as our own schema; with TIENDO_ADX_OFFICIAL_XSD pointing at the
    published schema (adx_loose.xsd of the dhis2/adx repository, not shipped here), every
    document is checked against that one as well."""
    schemas = [etree.XMLSchema(etree.parse(str(TEST_DATA / "adx" / "adx-profile.xsd")))]
    official = os.environ.get("TIENDO_ADX_OFFICIAL_XSD")
    if official:
        schemas.append(etree.XMLSchema(etree.parse(official)))
    return schemas


def assert_valid_adx(schemas, data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    for schema in schemas:
        assert schema.validate(document), schema.error_log
    return document


@pytest.fixture
def two_provinces(make_workspace):
    """The lead offices of Bắc Giang and Kiên Giang, each with the same plan-local ids filled."""
    leads = {}
    for code in ("bacgiang-2024", "kiengiang-2024"):
        ws, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan(code), role="lead", name=code)
        entries.set_value(ws, 2026, "1.1", "99,5")
        entries.set_value(ws, 2026, "2.1", "0,0000001")
        entries.set_value(ws, 2026, "7.2", "12345678901")
        leads[code] = ws
    return leads


def test_two_provinces_load_into_one_national_system_without_collisions(two_provinces, adx_schema):
    elements, org_units, data_sets = {}, {}, {}
    for code, ws in two_provinces.items():
        rows = consolidate(ws, 2026)
        document = assert_valid_adx(adx_schema, adx_xml(ws, 2026, rows))
        group = document.find("adx:group", ADX_NS)
        org_units[code] = group.get("orgUnit")
        data_sets[code] = group.get("dataSet")
        elements[code] = {v.get("dataElement") for v in group.findall("adx:dataValue", ADX_NS)}
        dhis = json.loads(dhis2_json(ws, 2026, rows))
        assert {v["dataElement"] for v in dhis["dataValues"]} == elements[code]
        assert {v["orgUnit"] for v in dhis["dataValues"]} == {org_units[code]}
        table = list(csv.DictReader(io.StringIO(csv_bytes(ws, 2026, rows).decode("utf-8-sig"))))
        assert {r["indicator_id"] for r in table if r["value"]} == elements[code]

    bac, kien = elements["bacgiang-2024"], elements["kiengiang-2024"]
    assert "VN24-KH50-20240816.1.1" in bac and "VN91-KH-202407.1.1" in kien
    assert not bac & kien
    assert org_units == {"bacgiang-2024": "VN24-KH50-20240816.so-ldtbxh", "kiengiang-2024": "VN91-KH-202407.so-ldtbxh"}
    assert data_sets["bacgiang-2024"] != data_sets["kiengiang-2024"]


def test_every_bundled_plan_has_its_own_global_ids():
    seen: dict[str, str] = {}
    for code in ("angiang-2025", "bacgiang-2024", "khanhhoa-2024", "kiengiang-2024"):
        plan = load_bundled_plan(code)
        ids = [plan.global_id] + [plan.indicator_global_id(i.id) for i in plan.indicators] + [
            plan.office_global_id(o) for o in plan.offices]
        for global_id in ids:
            assert global_id not in seen, (global_id, code, seen.get(global_id))
            assert len(global_id) <= 50  # a DHIS2 code
            seen[global_id] = code


def test_small_and_large_numbers_are_written_in_plain_notation(two_provinces, adx_schema):
    assert str(Decimal("0.0000001")) == "1E-7"  # what the export used to write
    assert plain_decimal(Decimal("1E-7")) == "0.0000001"
    assert plain_decimal(Decimal("12345678901")) == "12345678901"
    assert plain_decimal(Decimal("1.2345678901E+10")) == "12345678901"
    assert plain_decimal(Decimal("-0")) == "0"
    ws = two_provinces["bacgiang-2024"]
    rows = consolidate(ws, 2026)
    document = assert_valid_adx(adx_schema, adx_xml(ws, 2026, rows))
    values = {v.get("dataElement"): v.get("value") for v in document.iter("{urn:ihe:qrph:adx:2015}dataValue")}
    assert values["VN24-KH50-20240816.2.1"] == "0.0000001"
    assert values["VN24-KH50-20240816.7.2"] == "12345678901"
    dhis = {v["dataElement"]: v["value"] for v in json.loads(dhis2_json(ws, 2026, rows))["dataValues"]}
    assert dhis["VN24-KH50-20240816.2.1"] == "0.0000001"
    text = csv_bytes(ws, 2026, rows).decode("utf-8-sig")
    assert '"0.0000001"' in text and '"12345678901"' in text and "E-" not in text


def test_the_schema_refuses_what_the_old_export_wrote(adx_schema):
    """The shipped XSD is a real check: an exponent and an empty group fail it."""
    head = b'<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-06-15T09:00:00+07:00">'
    exponent = head + b'<group orgUnit="a" period="2026-01-01/P1Y"><dataValue dataElement="d" value="1E-7"/></group></adx>'
    empty = head + b'<group orgUnit="a" period="2026-01-01/P1Y"/></adx>'
    for schema in adx_schema:
        assert not schema.validate(etree.fromstring(exponent))
        assert not schema.validate(etree.fromstring(empty))


def test_dhis2_json_says_which_ids_it_uses_and_uses_yearly_periods(two_provinces, tmp_path):
    ws = two_provinces["kiengiang-2024"]
    rows = consolidate(ws, 2026)
    dhis = json.loads(dhis2_json(ws, 2026, rows))
    for key in ("idScheme", "dataSetIdScheme", "dataElementIdScheme", "orgUnitIdScheme"):
        assert dhis[key] == "CODE"
    assert dhis["period"] == "2026" and {v["period"] for v in dhis["dataValues"]} == {"2026"}
    assert dhis["dataSet"] == "VN91-KH-202407"

    mapping_file = tmp_path / "uid.json"
    mapping_file.write_text(json.dumps({
        "format": "tiendo-national-mapping", "version": 1, "id_scheme": "uid", "data_set": "pBOMPrpg1QX",
        "org_units": {"VN91-KH-202407.so-ldtbxh": "DiszpKrYNg8"},
        "data_elements": {"VN91-KH-202407.1.1": "f7n9E0hX8qk", "2.1": "Ix2HsbDMLea", "VN91-KH-202407.7.2": "eY5ehpbEsB7"},
    }), encoding="utf-8")
    mapping = read_mapping(mapping_file)
    dhis = json.loads(dhis2_json(ws, 2026, rows, mapping))
    assert dhis["idScheme"] == dhis["dataElementIdScheme"] == dhis["orgUnitIdScheme"] == "UID"
    assert dhis["dataSet"] == "pBOMPrpg1QX" and dhis["orgUnit"] == "DiszpKrYNg8"
    assert {v["dataElement"] for v in dhis["dataValues"]} == {"f7n9E0hX8qk", "Ix2HsbDMLea", "eY5ehpbEsB7"}
    with pytest.raises(InputError):
        adx_xml(ws, 2026, rows, mapping)  # ADX carries codes

    partial = json.loads(mapping_file.read_text(encoding="utf-8"))
    del partial["data_elements"]["2.1"]
    mapping_file.write_text(json.dumps(partial), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        dhis2_json(ws, 2026, rows, read_mapping(mapping_file))
    assert "VN91-KH-202407.2.1" in refused.value.message("en")

    bad = dict(partial, data_elements={"1.1": "not a uid"})
    mapping_file.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError):
        read_mapping(mapping_file)


def test_csv_quotes_ids_and_defuses_formulas(two_provinces):
    ws = two_provinces["bacgiang-2024"]
    entries.set_value(ws, 2026, "4.10", "7")
    rows = consolidate(ws, 2026)
    text = csv_bytes(ws, 2026, rows).decode("utf-8-sig")
    assert '"VN24-KH50-20240816.4.10"' in text  # a spreadsheet does not read it as the number 4.1
    for line in text.splitlines():
        assert line.startswith('"') and line.endswith('"')

    hostile = replace(rows[0], indicator=replace(rows[0].indicator, name='=HYPERLINK("http://x","y")', unit="@SUM(A1)"))
    table = list(csv.reader(io.StringIO(csv_bytes(ws, 2026, [hostile]).decode("utf-8-sig"))))
    assert table[1][5] == "'=HYPERLINK(\"http://x\",\"y\")" and table[1][6] == "'@SUM(A1)"
    assert [csv_field(t) for t in ("-1+1", "+1", "\tx", "\rx", "ok")] == ["'-1+1", "'+1", "'\tx", "'\rx", "ok"]
    negative = replace(rows[0], value=Decimal("-2.5"))
    assert list(csv.reader(io.StringIO(csv_bytes(ws, 2026, [negative]).decode("utf-8-sig"))))[1][7] == "-2.5"


def test_an_empty_year_is_refused_in_one_sentence(two_provinces, tmp_path, monkeypatch, capsys):
    ws = two_provinces["bacgiang-2024"]
    rows = consolidate(ws, 2027)
    for writer in (adx_xml, dhis2_json, csv_bytes):
        with pytest.raises(InputError):
            writer(ws, 2027, rows)
    ws.close()
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "empty.xml"
    capsys.readouterr()
    assert main(["national", str(ws.path), "--year", "2027", "--format", "adx", "-o", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "2027" in error
    assert not out.exists()


def test_the_lead_office_maps_global_ids_to_national_codes(tmp_path, monkeypatch, capsys, adx_schema):
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    lead = tmp_path / "lead.tiendo"
    assert main(["init", str(lead), "--plan", str(TEST_DATA / "mini_plan.json"), "--unit", "so-ldtbxh", "--role", "lead"]) == 0
    assert main(["set", str(lead), "--year", "2026", "II.2", "3,25"]) == 0
    template = tmp_path / "mapping.json"
    assert main(["national", str(lead), "--write-mapping", str(template)]) == 0
    document = json.loads(template.read_text(encoding="utf-8"))
    assert document["data_elements"]["mini-test.II.2"]["national"] == ""
    document["data_elements"]["mini-test.II.2"]["national"] = "VN_SOCIAL_II2"
    document["org_units"]["mini-test.so-ldtbxh"]["national"] = "VN-KHA"
    template.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "adx.xml"
    capsys.readouterr()
    assert main(["national", str(lead), "--year", "2026", "--format", "adx", "-o", str(out), "--mapping", str(template)]) == 0
    tree = assert_valid_adx(adx_schema, out.read_bytes())
    group = tree.find("adx:group", ADX_NS)
    assert group.get("orgUnit") == "VN-KHA"
    assert [(v.get("dataElement"), v.get("value")) for v in group] == [("VN_SOCIAL_II2", "3.25")]


def test_a_mapping_file_that_is_not_one_is_refused(tmp_path):
    path = tmp_path / "x.json"
    for content in ("[]", "{}", '{"format": "tiendo-national-mapping", "version": 9}', "\xff"):
        path.write_text(content, encoding="latin-1")
        with pytest.raises(InputError):
            read_mapping(path)
    path.write_text(json.dumps({"format": "tiendo-national-mapping", "version": 1,
                                "data_elements": {"1.1": "=cmd|' /C calc'!A0"}}), encoding="utf-8")
    with pytest.raises(InputError):
        read_mapping(path)


def test_template_lists_offices_the_lead_added(make_workspace, tmp_path):
    from desktop_app.core.exchange.offices import add_office

    ws, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), role="lead", name="kh")
    add_office(ws, "UBND xã Suối Tiên", "local")
    document = json.loads(write_mapping_template(ws, tmp_path / "m.json").read_text(encoding="utf-8"))
    assert "VN56-KH8839-20240809.ubnd-xa-suoi-tien" in document["org_units"]
    assert Path(tmp_path / "m.json").stat().st_size > 0
