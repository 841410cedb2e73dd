"""A plan as an ``.xlsx`` workbook, so a province can bring a new plan without a
programmer: export any plan as a template, fill it in, import it back.

Import checks the whole workbook first and reports every problem by sheet, row and
column; nothing is imported if anything is wrong.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string
from openpyxl.utils.exceptions import InvalidFileException

from desktop_app.core.cells import append_row, save_workbook
from desktop_app.core.errors import CatalogError, InputError, Location
from desktop_app.core.fsutil import write_file
from desktop_app.core.model import Plan
from desktop_app.core.plans import plan_files, plan_from_dict, plan_to_dict
from desktop_app.core.resources import installed_plans_dir, plans_dir
from desktop_app.core.text import nfc

SHEET_PLAN = "Kế hoạch"
SHEET_GROUPS = "Nhóm chỉ tiêu"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_TASKS = "Nhiệm vụ"
SHEET_OFFICES = "Cơ quan"

# (header printed in the sheet, catalog field)
GROUP_COLUMNS = (("Mã nhóm", "id"), ("Số", "number"), ("Tên nhóm", "name"))
OFFICE_COLUMNS = (("Mã cơ quan", "id"), ("Tên đầy đủ", "name"), ("Tên viết tắt", "short"),
                  ("Cách viết khác", "aliases"), ("Loại", "kind"))
INDICATOR_COLUMNS = (
    ("Mã chỉ tiêu", "id"), ("Mã nhóm", "group"), ("TT", "number"), ("Chỉ tiêu", "name"), ("Đơn vị", "unit"),
    ("Loại", "kind"), ("Cách đo", "measure"), ("Cộng dồn từ năm", "cumulative_from"), ("Chiều tốt", "direction"),
    ("Chủ trì", "lead"), ("Phối hợp", "coordinators"), ("Theo NQ 42", "from_resolution_42"),
    ("Chỉ tiêu cha", "parent"), ("Ghi chú", "note"),
)
TARGET_HEADER = "Mục tiêu {year}"
READING_HEADER = "Đọc là {year}"
TASK_COLUMNS = (
    ("Mã nhiệm vụ", "id"), ("Mục", "section"), ("TT", "number"), ("Nhiệm vụ", "name"), ("Chủ trì", "lead"),
    ("Phối hợp", "coordinators"), ("Cấp trình", "submission_level"), ("Thời gian", "time"),
    ("Phối hợp (nguyên văn)", "coordinators_text"), ("Ghi chú", "note"),
)
LIST_SEPARATOR = "; "
# The plan sheet: one field a row.  Lists and nested parts are JSON text in the cell.
PLAN_FIELDS = (
    "schema", "code", "catalog_version", "province", "id_prefix", "province_code", "province_code_2025",
    "document.number", "document.date", "document.date_printed",
    "document.issuer", "document.title", "lead_office", "reporting.deadline", "reporting.reports_to",
    "reporting.consolidated_to", "reporting.lead_deadline", "reporting.other_deadlines", "reporting.first_year",
    "reporting.last_year", "reporting.review_years", "reporting.text", "recipients", "signing",
)
_JSON_FIELDS = {"reporting.deadline", "reporting.lead_deadline", "reporting.other_deadlines",
                "reporting.review_years", "recipients", "signing"}
_INT_FIELDS = {"schema", "catalog_version", "reporting.first_year", "reporting.last_year"}
_ID_FIELDS = {"id", "group", "number", "parent", "section"}


# -- export ----------------------------------------------------------------------------------


def export_plan_xlsx(plan: Plan, path: Path) -> Path:
    data = plan_to_dict(plan)
    years = sorted({int(y) for i in data["indicators"] for y in i["targets"]} | {2025, 2030})
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_PLAN
    _header(sheet, ["Trường", "Giá trị"])
    for field in PLAN_FIELDS:
        value = _get(data, field)
        append_row(sheet, [field, json.dumps(value, ensure_ascii=False) if field in _JSON_FIELDS else value])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100

    _table(book, SHEET_OFFICES, OFFICE_COLUMNS, data["offices"])
    _table(book, SHEET_GROUPS, GROUP_COLUMNS, data["indicator_groups"])
    target_columns = [(TARGET_HEADER.format(year=y), f"target:{y}") for y in years] + [
        (READING_HEADER.format(year=y), f"reading:{y}") for y in years
    ]
    rows = []
    for item in data["indicators"]:
        row = dict(item)
        for year in years:
            target = item["targets"].get(str(year))
            row[f"target:{year}"] = target["printed"] if target else None
            row[f"reading:{year}"] = target.get("reading") if target else None
        rows.append(row)
    _table(book, SHEET_INDICATORS, INDICATOR_COLUMNS + tuple(target_columns), rows)
    _table(book, SHEET_TASKS, TASK_COLUMNS, data["tasks"])
    return save_workbook(book, path)


def _header(sheet, headers: list[str]) -> None:
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _table(book, title: str, columns, rows: list[dict]) -> None:
    sheet = book.create_sheet(title)
    _header(sheet, [header for header, _ in columns])
    ids = tuple(index for index, (_, field) in enumerate(columns, start=1) if field in _ID_FIELDS)
    for row in rows:
        # Text that begins with "=" is a plan's wording, not a formula: it must read back the same.
        append_row(sheet, [_cell(row.get(field)) for _, field in columns], id_columns=ids)
    for index, (header, field) in enumerate(columns, start=1):
        width = 60 if field in ("name", "note") else 18
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "x" if value else "không"
    return value


def _get(data: dict, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


# -- import ----------------------------------------------------------------------------------


class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.items: list[CatalogError] = []

    def add(self, sheet_title: str, row_number: int | None, column_label: str | None, message_id: str, **params: object) -> None:
        place = sheet_title if row_number is None else f"{sheet_title}, {row_number}"
        self.items.append(CatalogError(message_id, where=Location(file=self.source, row=place, field=column_label), **params))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            raise self.items[0]
        error = CatalogError("{count} problems in the workbook; the first: {first}", count=len(self.items), first=self.items[0])
        error.problems = self.items  # type: ignore[attr-defined]
        raise error


def import_plan_xlsx(path: Path) -> Plan:
    """Read and check a plan workbook; raises CatalogError listing every problem."""
    path = Path(path)
    problems = _Problems(path.name)
    where = Location(file=path.name)
    check_workbook_limits(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError, TypeError):
        raise CatalogError("This file is not an .xlsx spreadsheet.", where=where) from None
    try:
        missing = [s for s in (SHEET_PLAN, SHEET_OFFICES, SHEET_GROUPS, SHEET_INDICATORS, SHEET_TASKS) if s not in book.sheetnames]
        for sheet in missing:
            problems.add(sheet, None, None, "The sheet “{sheet}” is missing.", sheet=sheet)
        problems.raise_if_any()
        budget = _Budget(where)
        for title in (SHEET_PLAN, SHEET_OFFICES, SHEET_GROUPS, SHEET_INDICATORS, SHEET_TASKS):
            book[title].reset_dimensions()  # read the rows there are, not the range a sheet claims
            book[title].budget = budget
        data = _read_plan_sheet(book[SHEET_PLAN], problems)
        data["offices"] = [_office(r) for r in _rows(book[SHEET_OFFICES], OFFICE_COLUMNS, problems)]
        data["indicator_groups"] = _rows(book[SHEET_GROUPS], GROUP_COLUMNS, problems)
        data["indicators"] = _indicators(book[SHEET_INDICATORS], problems)
        data["tasks"] = [_task(r) for r in _rows(book[SHEET_TASKS], TASK_COLUMNS, problems, optional=("Ghi chú",))]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError, TypeError, EOFError):
        # Damaged XML inside (an entity bomb stopped by the parser, a cut-off sheet).
        raise CatalogError("The workbook cannot be read; it is damaged or not made by a spreadsheet program.",
                           where=where) from None
    finally:
        book.close()
    _check_ids(problems, SHEET_OFFICES, data["offices"])
    _check_ids(problems, SHEET_GROUPS, data["indicator_groups"])
    _check_ids(problems, SHEET_INDICATORS, data["indicators"])
    _check_ids(problems, SHEET_TASKS, data["tasks"])
    problems.raise_if_any()
    try:
        return plan_from_dict(data, source=path.name)
    except CatalogError as error:
        raise CatalogError("The workbook does not make a valid plan: {detail}", where=Location(file=path.name), detail=error) from None


# -- reading limits: a small file must never keep the program busy for minutes ------------

MAX_DECLARED_ROWS = 100_000
MAX_DECLARED_COLUMNS = 1_000
MAX_CELLS = 500_000  # cells read in all sheets together
MAX_SECONDS = 20.0
MAX_MEMBERS = 500
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 30 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB (a zip bomb)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def check_workbook_limits(path: Path) -> None:
    """Look inside the .xlsx (a zip of XML parts) before any parser does: sizes, the
    range each sheet claims, and no DTD (where entity bombs live)."""
    where = Location(file=path.name)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CatalogError("This file is not an .xlsx spreadsheet.", where=where) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise CatalogError("The workbook is far larger than any plan could be.", where=where)
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise CatalogError("The workbook is far larger than any plan could be.", where=where)
            if member.filename.endswith("sharedStrings.xml") and member.file_size > MAX_SHARED_STRINGS_BYTES:
                raise CatalogError("The workbook holds far more text than any plan could.", where=where)
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(member) as handle:
                    head = handle.read(64 * 1024)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                raise CatalogError("This file is not an .xlsx spreadsheet.", where=where) from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise CatalogError("The workbook holds XML declarations no spreadsheet program writes; it is refused.",
                                   where=where)
            if member.filename.startswith("xl/worksheets/"):
                _check_dimension(head, where)


def _check_dimension(head: bytes, where: Location) -> None:
    match = _DIMENSION.search(head)
    if not match or not match.group(3):
        return
    rows = int(match.group(4)) - int(match.group(2) or 1) + 1
    columns = column_index_from_string(match.group(3).decode()) - column_index_from_string((match.group(1) or b"A").decode()) + 1
    if rows > MAX_DECLARED_ROWS or columns > MAX_DECLARED_COLUMNS:
        raise CatalogError("A sheet of the workbook claims {rows} rows and {columns} columns; a plan needs far fewer. "
                           "Copy the plan's rows into a new workbook and try again.", where=where, rows=rows, columns=columns)


class _Budget:
    """Cells and seconds left for reading the whole workbook."""

    def __init__(self, where: Location):
        self.where = where
        self.cells = MAX_CELLS
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, cells: int) -> None:
        self.cells -= cells
        if self.cells < 0:
            raise CatalogError("The workbook holds more cells than any plan could.", where=self.where)
        if time.monotonic() > self.deadline:
            raise CatalogError("Reading the workbook takes too long; it holds more than any plan could.", where=self.where)


def _iter_rows(sheet, **bounds):
    """``iter_rows(values_only=True)`` within the workbook's budget."""
    budget = getattr(sheet, "budget", None)
    for row in sheet.iter_rows(values_only=True, **bounds):
        if budget is not None:
            budget.spend(len(row) + 1)
        yield row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Inner spacing stays: targets and units are kept exactly as the plan printed them.
    return nfc(str(value)).strip()


def _read_plan_sheet(sheet, problems: _Problems) -> dict:
    data: dict[str, Any] = {}
    seen = set()
    for index, row in enumerate(_iter_rows(sheet, min_row=2), start=2):
        if not row or row[0] is None:
            continue
        field = _text(row[0])
        raw = row[1] if len(row) > 1 else None
        if field not in PLAN_FIELDS:
            problems.add(SHEET_PLAN, index, "Trường", "Unknown field “{field}”.", field=field)
            continue
        seen.add(field)
        if field in _JSON_FIELDS:
            try:
                value = json.loads(nfc(str(raw))) if raw not in (None, "") else None
            except json.JSONDecodeError:
                problems.add(SHEET_PLAN, index, "Giá trị", "The value of “{field}” is not valid.", field=field)
                continue
        elif field in _INT_FIELDS:
            try:
                value = int(_text(raw))
            except ValueError:
                problems.add(SHEET_PLAN, index, "Giá trị", "The value of “{field}” must be a whole number.", field=field)
                continue
        else:
            value = nfc(str(raw)).strip() if raw is not None else ""
        _put(data, field, value)
    for field in ("code", "province", "document.number", "document.date", "lead_office", "reporting.deadline"):
        if field not in seen:
            problems.add(SHEET_PLAN, None, field, "The field “{field}” is missing.", field=field)
    return data


def _put(data: dict, dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _columns(sheet, wanted, problems: _Problems, *, optional: tuple[str, ...] = ()) -> dict[str, int] | None:
    header = next(_iter_rows(sheet, min_row=1, max_row=1), ())
    positions = {_text(h): i for i, h in enumerate(header) if h is not None}
    found = {}
    ok = True
    for label, field in wanted:
        if label in positions:
            found[field] = positions[label]
        elif label not in optional:
            problems.add(sheet.title, 1, label, "The column “{column}” is missing.", column=label)
            ok = False
    return found if ok else None


def _rows(sheet, columns, problems: _Problems, *, optional: tuple[str, ...] = ()) -> list[dict]:
    positions = _columns(sheet, columns, problems, optional=optional)
    return [] if positions is None else _rows_at(sheet, positions, problems, columns)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _office(row: dict) -> dict:
    return {"id": row["id"], "name": row["name"], "short": row["short"], "aliases": _split(row["aliases"]),
            "kind": row["kind"] or "other"}


def _task(row: dict) -> dict:
    return {"id": row["id"], "section": row["section"], "number": row["number"], "name": row["name"],
            "lead": _split(row["lead"]), "coordinators": _split(row["coordinators"]),
            "submission_level": row["submission_level"], "time": row["time"],
            **({"coordinators_text": row["coordinators_text"]} if row.get("coordinators_text") else {}),
            **({"note": row["note"]} if row.get("note") else {})}


def _indicators(sheet, problems: _Problems) -> list[dict]:
    from desktop_app.core.targets import parse_target

    header = next(_iter_rows(sheet, min_row=1, max_row=1), ())
    years = sorted(
        int(_text(h).split()[-1]) for h in header
        if h and _text(h).startswith("Mục tiêu ") and _text(h).split()[-1].isdigit()
    )
    extra = tuple((TARGET_HEADER.format(year=y), f"target:{y}") for y in years) + tuple(
        (READING_HEADER.format(year=y), f"reading:{y}") for y in years
    )
    readings = tuple(READING_HEADER.format(year=y) for y in years)
    positions = _columns(sheet, INDICATOR_COLUMNS + extra, problems, optional=readings)
    if positions is None:
        return []
    result = []
    for row in _rows_at(sheet, positions, problems, INDICATOR_COLUMNS):
        targets = {}
        for year in years:
            printed = row.get(f"target:{year}", "")
            reading = row.get(f"reading:{year}") or None
            if printed == "" and not reading:
                continue
            try:
                parse_target(printed, reading=reading, unit=row["unit"])
            except InputError as error:
                problems.add(SHEET_INDICATORS, row["_row"], TARGET_HEADER.format(year=year),
                             "The target “{text}” cannot be read: {detail}", text=printed, detail=error)
            targets[str(year)] = {"printed": printed, **({"reading": reading} if reading else {})}
        flag = row["from_resolution_42"].lower()
        result.append({
            "id": row["id"], "group": row["group"], "number": row["number"], "name": row["name"], "unit": row["unit"],
            "kind": row["kind"] or "other", "measure": row["measure"] or "value",
            "cumulative_from": int(row["cumulative_from"]) if row["cumulative_from"].isdigit() else None,
            "direction": row["direction"] or None, "targets": targets, "lead": _split(row["lead"]),
            "coordinators": _split(row["coordinators"]),
            "from_resolution_42": True if flag == "x" else False if flag == "không" else None,
            "parent": row["parent"] or None, "note": row["note"] or None, "_row": row["_row"],
        })
    return result


def _rows_at(sheet, positions: dict[str, int], problems: _Problems, columns) -> list[dict]:
    """The non-empty rows as dicts of field -> text, each with its sheet row number."""
    id_label = columns[0][0]
    name_label = next(label for label, field in columns if field == "name")
    rows = []
    for index, row in enumerate(_iter_rows(sheet, min_row=2), start=2):
        if not row or all(v is None or str(v).strip() == "" for v in row):
            continue
        item = {field: _text(row[pos]) if pos < len(row) else "" for field, pos in positions.items()}
        item["_row"] = index
        if not item.get("id"):
            problems.add(sheet.title, index, id_label, "The id is empty.")
        if not item.get("name"):
            problems.add(sheet.title, index, name_label, "The name is empty.")
        rows.append(item)
    return rows


def _check_ids(problems: _Problems, sheet: str, rows: list[dict]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        row_number = row.pop("_row", None)
        if row.get("id") and row["id"] in seen:
            problems.add(sheet, row_number, None, "Duplicate id “{id}” (also on row {other}).", id=row["id"], other=seen[row["id"]])
        elif row.get("id"):
            seen[row["id"]] = row_number


def install_plan(plan: Plan) -> Path:
    """Add an imported plan to the user's plans (never over a bundled one)."""
    if (plans_dir() / f"{plan.code}.json").exists():
        raise CatalogError("A bundled plan already has the code “{code}”; give the new plan another code.", code=plan.code)
    folder = installed_plans_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.code}.json"
    write_file(path, json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2).encode("utf-8"))
    return path


def known_plan_codes() -> set[str]:
    return set(plan_files())
