"""The consolidated values for national systems: ADX XML, DHIS2 dataValueSets JSON, CSV.

Data elements are the plan's indicator ids; the organisation unit is the province's
lead office; periods are ISO 8601 yearly periods (``2026-01-01/P1Y`` in ADX, ``2026``
in DHIS2).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

from desktop_app.core.exchange.consolidate import ConsolidatedRow
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.workspace import Workspace, now_utc

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
FORMATS = ("adx", "dhis2", "csv")


def _numeric(rows: list[ConsolidatedRow]) -> list[ConsolidatedRow]:
    return [r for r in rows if isinstance(r.value, Decimal)]


def adx_xml(ws: Workspace, year: int, rows: list[ConsolidatedRow]) -> bytes:
    ET.register_namespace("", ADX_NAMESPACE)
    root = ET.Element(f"{{{ADX_NAMESPACE}}}adx", {"exported": now_utc()})
    group = ET.SubElement(root, f"{{{ADX_NAMESPACE}}}group", {
        "orgUnit": ws.office_id, "period": f"{year}-01-01/P1Y", "dataSet": ws.plan_code,
    })
    for row in _numeric(rows):
        ET.SubElement(group, f"{{{ADX_NAMESPACE}}}dataValue", {"dataElement": row.indicator.id, "value": str(row.value)})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def dhis2_json(ws: Workspace, year: int, rows: list[ConsolidatedRow]) -> bytes:
    document = {
        "dataSet": ws.plan_code,
        "period": str(year),
        "orgUnit": ws.office_id,
        "completeDate": now_utc()[:10],
        "dataValues": [
            {"dataElement": r.indicator.id, "period": str(year), "orgUnit": ws.office_id, "value": str(r.value),
             "comment": r.method}
            for r in _numeric(rows)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def csv_bytes(ws: Workspace, year: int, rows: list[ConsolidatedRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["plan", "org_unit", "year", "indicator_id", "number", "indicator", "unit", "value", "method",
                     "offices", "numerator", "denominator"])
    for r in rows:
        writer.writerow([ws.plan_code, ws.office_id, year, r.indicator.id, r.indicator.number, r.indicator.name,
                         r.indicator.unit, "" if r.value is None else str(r.value), r.method, r.offices,
                         "" if r.numerator is None else str(r.numerator), "" if r.denominator is None else str(r.denominator)])
    # A BOM so that Excel on a Vietnamese Windows opens the UTF-8 text correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_national(ws: Workspace, year: int, rows: list[ConsolidatedRow], fmt: str, path: Path) -> Path:
    writer = {"adx": adx_xml, "dhis2": dhis2_json, "csv": csv_bytes}[fmt]
    atomic_write_bytes(Path(path), writer(ws, year, rows))
    return Path(path)
