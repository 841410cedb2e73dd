"""The consolidated values for national systems: ADX XML, DHIS2 dataValueSets JSON, CSV.

Every id that leaves here is global (see resources/plans/SCHEMA.md): two provinces' files
loaded into one national system do not collide.  The lead office may map global ids to
the national system's own codes or UIDs with a mapping file (``--mapping``).

- ADX (IHE QRPH, ``urn:ihe:qrph:adx:2015``) carries codes, as ADX does; periods are
  ISO 8601 ranges (``2026-01-01/P1Y``); values are ``xs:decimal``.
- DHIS2 JSON declares its id schemes in the payload (they take precedence over the
  import's query parameters), so codes are never read as UIDs; the period is DHIS2's
  yearly ``2026``.
- CSV quotes every cell and defuses cells a spreadsheet would run as a formula.

Decimals are always written in plain notation (``1E-7`` would be refused by
``xs:decimal``).  A year with nothing to export is refused with one sentence, never
written as an invalid document.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop_app.core.cells import csv_field
from desktop_app.core.errors import InputError, Location
from desktop_app.core.exchange.consolidate import ConsolidatedRow
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.text import nfc
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
FORMATS = ("adx", "dhis2", "csv")
MAPPING_FORMAT = "tiendo-national-mapping"
ID_SCHEMES = ("code", "uid")
MAX_MAPPING_BYTES = 2 * 1024 * 1024
# DHIS2's UID: a letter, then 10 letters or digits; its codes are at most 50 characters.
_UID = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")
_CODE = re.compile(r"^[^\s\x00-\x1f=+@-][^\x00-\x1f]{0,49}$")


def plain_decimal(value: Decimal) -> str:
    """``1E-7`` → ``0.0000001``, ``1.2345678901E+10`` → ``12345678901``: never an exponent."""
    if not value.is_finite():
        raise InputError("The value {value} is not a number that can be exported.", value=value)
    text = format(value, "f")
    return "0" if text in ("-0", "+0") else text


# -- the mapping file ------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalMapping:
    """Global id → the national system's code or UID."""

    id_scheme: str = "code"
    data_set: str = ""
    org_units: dict[str, str] = field(default_factory=dict)
    data_elements: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Ids:
    """The ids one export uses, after the mapping."""

    scheme: str
    data_set: str
    org_unit: str
    elements: dict[str, str]


def read_mapping(path: Path) -> NationalMapping:
    where = Location(file=str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError("Cannot read the file: {detail}.", where=where, detail=error.strerror) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise InputError("The mapping file is larger than any mapping could be.", where=where)
    try:
        raw = json.loads(nfc(data.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("The mapping file is not JSON text.", where=where) from None
    if not isinstance(raw, dict) or raw.get("format") != MAPPING_FORMAT:
        raise InputError("This is not a TienDo national mapping file.", where=where)
    if raw.get("version") != 1:
        raise InputError("The mapping file was made for an unknown TienDo version.", where=where)
    scheme = raw.get("id_scheme", "code")
    if scheme not in ID_SCHEMES:
        raise InputError("The id scheme must be “code” or “uid”.", where=Location(file=str(path), field="id_scheme"))

    def national(value, section: str, key: str) -> str:
        place = Location(file=str(path), row=key, field=section)
        if isinstance(value, dict):
            value = value.get("national", "")
        if not isinstance(value, str):
            raise InputError("The national id must be text.", where=place)
        value = value.strip()
        if value and scheme == "uid" and not _UID.match(value):
            raise InputError("“{value}” is not a DHIS2 UID (a letter and 10 letters or digits).", where=place, value=value)
        if value and scheme == "code" and not _CODE.match(value):
            raise InputError("“{value}” cannot be a national code (at most 50 characters, no spaces at the start,"
                             " not starting with = + - @).", where=place, value=value)
        return value

    sections = {}
    for section in ("org_units", "data_elements"):
        entries = raw.get(section, {})
        if not isinstance(entries, dict):
            raise InputError("The field has the wrong type.", where=Location(file=str(path), field=section))
        mapped = {str(k): national(v, section, str(k)) for k, v in entries.items()}
        sections[section] = {k: v for k, v in mapped.items() if v}
    data_set = national(raw.get("data_set", ""), "data_set", "data_set")
    return NationalMapping(scheme, data_set, sections["org_units"], sections["data_elements"])


def write_mapping_template(ws: Workspace, path: Path) -> Path:
    """A mapping file listing every global id with its name, national ids left empty."""
    plan = ws.plan
    offices = dict(ws.query("SELECT id, name FROM offices"))
    document = {
        "format": MAPPING_FORMAT,
        "version": 1,
        "id_scheme": "code",
        "plan": plan.global_id,
        "data_set": {"national": "", "name": plan.title_line},
        "org_units": {
            plan.office_global_id(office_id): {"national": "", "name": name}
            for office_id, name in sorted(offices.items())
        },
        "data_elements": {
            plan.indicator_global_id(i.id): {"national": "", "name": i.name, "unit": i.unit}
            for i in plan.indicators if not plan.is_heading(i.id)
        },
    }
    atomic_write_bytes(Path(path), json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return Path(path)


def _ids(ws: Workspace, rows: list[ConsolidatedRow], mapping: NationalMapping | None) -> _Ids:
    mapping = mapping or NationalMapping()
    plan = ws.plan

    def mapped(section: dict[str, str], global_id: str, local_id: str) -> str | None:
        return section.get(global_id) or section.get(local_id)

    org_unit_global = plan.office_global_id(ws.office_id)
    org_unit = mapped(mapping.org_units, org_unit_global, ws.office_id)
    elements = {r.indicator.id: mapped(mapping.data_elements, plan.indicator_global_id(r.indicator.id), r.indicator.id)
                for r in rows}
    if mapping.id_scheme == "uid":
        exported = {r.indicator.id for r in rows if r.value is not None and r.value != ""}
        missing = ([org_unit_global] if not org_unit else []) + [
            plan.indicator_global_id(k) for k, v in elements.items() if not v and k in exported]
        if missing:
            raise InputError("The mapping file gives no UID for {items}.", items=", ".join(missing[:5]))
    return _Ids(
        scheme=mapping.id_scheme,
        data_set=mapping.data_set or (plan.global_id if mapping.id_scheme == "code" else ""),
        org_unit=org_unit or org_unit_global,
        elements={k: v or plan.indicator_global_id(k) for k, v in elements.items()},
    )


# -- the documents ---------------------------------------------------------------------------


def _numeric(rows: list[ConsolidatedRow]) -> list[ConsolidatedRow]:
    return [r for r in rows if isinstance(r.value, Decimal)]


def _require_numbers(rows: list[ConsolidatedRow], year: int) -> list[ConsolidatedRow]:
    numeric = _numeric(rows)
    if not numeric:
        raise InputError("There is no consolidated figure for {year} to export yet.", year=year)
    return numeric


def adx_xml(ws: Workspace, year: int, rows: list[ConsolidatedRow], mapping: NationalMapping | None = None) -> bytes:
    if mapping is not None and mapping.id_scheme != "code":
        raise InputError("ADX carries codes: map to codes, or export DHIS2 JSON for UIDs.")
    numeric = _require_numbers(rows, year)
    ids = _ids(ws, numeric, mapping)
    ET.register_namespace("", ADX_NAMESPACE)
    root = ET.Element(f"{{{ADX_NAMESPACE}}}adx", {"exported": now_utc()})
    group = ET.SubElement(root, f"{{{ADX_NAMESPACE}}}group", {
        "orgUnit": ids.org_unit, "period": f"{year}-01-01/P1Y", "dataSet": ids.data_set,
    })
    for row in numeric:
        ET.SubElement(group, f"{{{ADX_NAMESPACE}}}dataValue",
                      {"dataElement": ids.elements[row.indicator.id], "value": plain_decimal(row.value)})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def dhis2_json(ws: Workspace, year: int, rows: list[ConsolidatedRow], mapping: NationalMapping | None = None) -> bytes:
    numeric = _require_numbers(rows, year)
    ids = _ids(ws, numeric, mapping)
    scheme = ids.scheme.upper()
    document = {
        # In the payload, DHIS2 gives these precedence over the import's URL parameters.
        "idScheme": scheme,
        "dataSetIdScheme": scheme,
        "dataElementIdScheme": scheme,
        "orgUnitIdScheme": scheme,
        **({"dataSet": ids.data_set} if ids.data_set else {}),
        "period": str(year),
        "orgUnit": ids.org_unit,
        "completeDate": now_utc()[:10],
        "dataValues": [
            {"dataElement": ids.elements[r.indicator.id], "period": str(year), "orgUnit": ids.org_unit,
             "value": plain_decimal(r.value), "comment": r.method}
            for r in numeric
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def csv_bytes(ws: Workspace, year: int, rows: list[ConsolidatedRow], mapping: NationalMapping | None = None) -> bytes:
    if not any(r.value is not None and r.value != "" for r in rows):
        raise InputError("There is no consolidated figure for {year} to export yet.", year=year)
    ids = _ids(ws, rows, mapping)
    number = lambda v: "" if v is None else plain_decimal(v) if isinstance(v, Decimal) else str(v)  # noqa: E731
    buffer = io.StringIO()
    # Every cell quoted: importers (LibreOffice's "quoted field as text", DHIS2) keep it text.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["plan", "org_unit", "year", "indicator_id", "number", "indicator", "unit", "value", "method",
                     "offices", "numerator", "denominator"])
    for r in rows:
        value = number(r.value)
        writer.writerow([
            csv_field(ids.data_set or ws.plan.global_id), csv_field(ids.org_unit), str(year),
            csv_field(ids.elements[r.indicator.id]), csv_field(r.indicator.number), csv_field(r.indicator.name),
            csv_field(r.indicator.unit), value if isinstance(r.value, Decimal) else csv_field(value), r.method,
            str(r.offices), number(r.numerator), number(r.denominator),
        ])
    # A BOM so that Excel on a Vietnamese Windows opens the UTF-8 text correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_national(ws: Workspace, year: int, rows: list[ConsolidatedRow], fmt: str, path: Path,
                   mapping: NationalMapping | None = None) -> Path:
    writer = {"adx": adx_xml, "dhis2": dhis2_json, "csv": csv_bytes}[fmt]
    atomic_write_bytes(Path(path), writer(ws, year, rows, mapping))
    return Path(path)
