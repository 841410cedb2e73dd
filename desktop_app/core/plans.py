"""Loading and validating plan catalogs (``resources/plans/*.json``).

A catalog is checked as a whole and every problem is reported with the file, the
JSON path of the row and the field, so a province's administrator can fix a file
without a programmer.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.errors import CatalogError, InputError, Location
from desktop_app.core.model import (
    DIRECTIONS,
    INDICATOR_KINDS,
    MEASURES,
    OFFICE_KINDS,
    DayMonth,
    FormSpec,
    Document,
    Indicator,
    IndicatorGroup,
    Office,
    OtherDeadline,
    Plan,
    Reporting,
    Signing,
    Target,
    Task,
)
from desktop_app.core.plan_list import plan_files
from desktop_app.core.text import nfc

SCHEMA_VERSION = 1
_ID = re.compile(r"^[A-Za-z0-9._-]+$")
_CODE = re.compile(r"^[a-z0-9-]+$")
# SDMX's IDType characters, so a global id is also a valid SDMX / ADX / DHIS2 code.
_GLOBAL = re.compile(r"^[A-Za-z][A-Za-z0-9@_$-]{0,29}$")
_PROVINCE_CODE = re.compile(r"^[0-9]{2}$")
_OFFICE_CODE = re.compile(r"^[A-Za-z0-9@_$.-]{1,50}$")


def bundled_plan_codes() -> list[str]:
    return sorted(plan_files())


def load_bundled_plan(code: str) -> Plan:
    path = plan_files().get(code)
    if path is None:
        raise CatalogError(
            "There is no bundled plan “{code}”; the plans are: {codes}.",
            code=code,
            codes=", ".join(bundled_plan_codes()),
        )
    return _load_cached(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=None)
def _load_cached(path: Path, _mtime_ns: int) -> Plan:
    return load_plan_file(path)


def load_bundled_plans() -> list[Plan]:
    return [load_bundled_plan(code) for code in bundled_plan_codes()]


def load_plan_file(path: Path) -> Plan:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CatalogError("The file is not UTF-8 text.", where=Location(file=str(path))) from None
    except json.JSONDecodeError as error:
        raise CatalogError(
            "The file is not valid JSON: {detail}.",
            where=Location(file=str(path), row=f"line {error.lineno}"),
            detail=error.msg,
        ) from None
    except OSError as error:
        raise CatalogError("Cannot read the file: {detail}.", where=Location(file=str(path)), detail=error.strerror) from None
    return plan_from_dict(raw, source=str(path))


def plan_from_dict(raw: Any, *, source: str = "") -> Plan:
    reader = _Reader(source)
    plan = reader.plan(_nfc_deep(raw))
    reader.raise_if_problems()
    return plan


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The catalog form of a plan (the inverse of :func:`plan_from_dict`)."""
    reporting = plan.reporting
    return {
        "schema": SCHEMA_VERSION,
        "code": plan.code,
        "catalog_version": plan.catalog_version,
        "province": plan.province,
        **({"id_prefix": plan.id_prefix} if plan.id_prefix else {}),
        **({"province_code": plan.province_code} if plan.province_code else {}),
        **({"province_code_2025": plan.province_code_2025} if plan.province_code_2025 else {}),
        "document": {
            "number": plan.document.number,
            "date": plan.document.date.isoformat(),
            "date_printed": plan.document.date_printed,
            "issuer": plan.document.issuer,
            "title": plan.document.title,
        },
        "lead_office": plan.lead_office_id,
        "reporting": {
            "deadline": {"day": reporting.deadline.day, "month": reporting.deadline.month},
            "reports_to": reporting.reports_to,
            "consolidated_to": reporting.consolidated_to,
            "lead_deadline": (
                {"day": reporting.lead_deadline.day, "month": reporting.lead_deadline.month, "to": reporting.lead_deadline_to}
                if reporting.lead_deadline
                else None
            ),
            "other_deadlines": [
                {"day": d.day, "month": d.month, "year": d.year, "what": d.what} for d in reporting.other_deadlines
            ],
            "first_year": reporting.first_year,
            "last_year": reporting.last_year,
            "review_years": list(reporting.review_years),
            "text": reporting.text,
        },
        "recipients": list(plan.recipients),
        "signing": {"authority": plan.signing.authority, "title": plan.signing.title, "name": plan.signing.name},
        "offices": [
            {"id": o.id, "name": o.name, "short": o.short, "aliases": list(o.aliases), "kind": o.kind,
             **({"code": o.code} if o.code else {})}
            for o in plan.offices.values()
        ],
        "indicator_groups": [{"id": g.id, "number": g.number, "name": g.name} for g in plan.groups],
        "indicators": [
            {
                "id": i.id,
                "group": i.group_id,
                "number": i.number,
                "name": i.name,
                "unit": i.unit,
                "kind": i.kind,
                "measure": i.measure,
                "cumulative_from": i.cumulative_from,
                "direction": i.direction,
                "targets": {
                    str(year): ({"printed": t.printed, "reading": t.reading} if t.reading else {"printed": t.printed})
                    for year, t in sorted(i.targets.items())
                },
                "lead": list(i.lead),
                "coordinators": list(i.coordinators),
                "from_resolution_42": i.from_resolution_42,
                "parent": i.parent_id,
                "note": i.note,
            }
            for i in plan.indicators
        ],
        "tasks": [
            {
                "id": t.id,
                "section": t.section,
                "number": t.number,
                "name": t.name,
                "lead": list(t.lead),
                "coordinators": list(t.coordinators),
                "submission_level": t.submission_level,
                "time": t.time,
                **({"coordinators_text": t.coordinators_text} if t.coordinators_text else {}),
                **({"note": t.note} if t.note else {}),
            }
            for t in plan.tasks
        ],
        **({"forms": [
            {"office": f.office, "indicators": list(f.indicators), "tasks": list(f.tasks)} for f in plan.forms
        ]} if plan.forms else {}),
    }


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: _nfc_deep(v) for k, v in value.items()}
    return value


class _Reader:
    """Builds a Plan from raw data, collecting every problem instead of stopping at the first."""

    def __init__(self, source: str):
        self.source = source
        self.code = ""
        self.problems: list[CatalogError] = []

    def problem(self, row: str, field: str | None, message_id: str, **params: object) -> None:
        self.problems.append(CatalogError(message_id, where=Location(file=self.source or None, row=row, field=field), **params))

    def raise_if_problems(self) -> None:
        if not self.problems:
            return
        if len(self.problems) == 1:
            raise self.problems[0]
        first = self.problems[0]
        error = CatalogError(
            "{count} problems in the plan catalog; the first: {first}",
            count=len(self.problems),
            first=first,
        )
        error.problems = self.problems  # type: ignore[attr-defined]
        raise error

    # -- field readers -------------------------------------------------------------------------

    def req(self, obj: Any, key: str, row: str, kind: type | tuple[type, ...] = str, *, empty_ok: bool = False) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            self.problem(row, key, "The field is missing.")
            return None
        value = obj[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            self.problem(row, key, "The field has the wrong type.")
            return None
        if isinstance(value, str) and not empty_ok and not value.strip():
            self.problem(row, key, "The field is empty.")
            return None
        return value

    def opt(self, obj: dict, key: str, row: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = obj.get(key, default) if isinstance(obj, dict) else default
        if value is None:
            return default
        if not isinstance(value, kind):
            self.problem(row, key, "The field has the wrong type.")
            return default
        return value

    def office_ids(self, obj: dict, key: str, row: str, offices: dict[str, Office]) -> tuple[str, ...]:
        ids = self.opt(obj, key, row, list, [])
        result = []
        for office_id in ids:
            if office_id not in offices:
                self.problem(row, key, "Unknown office “{office}”.", office=office_id)
            else:
                result.append(office_id)
        return tuple(result)

    def day_month(self, obj: Any, row: str, field: str) -> DayMonth | None:
        if not isinstance(obj, dict):
            self.problem(row, field, "The field is missing.")
            return None
        try:
            result = DayMonth(int(obj["day"]), int(obj["month"]))
            dt.date(2024, result.month, result.day)
            return result
        except (KeyError, TypeError, ValueError):
            self.problem(row, field, "Not a valid day and month.")
            return None

    # -- sections -----------------------------------------------------------------------------

    def plan(self, raw: Any) -> Plan:
        if not isinstance(raw, dict):
            self.problem("", None, "The catalog must be a JSON object.")
            self.raise_if_problems()
        if raw.get("schema") != SCHEMA_VERSION:
            self.problem("", "schema", "Unsupported catalog schema {schema}.", schema=raw.get("schema"))
        code = self.req(raw, "code", "") or ""
        self.code = code
        if code and not _CODE.match(code):
            self.problem("", "code", "A plan code may only hold a-z, 0-9 and “-”.")
        offices = self.offices(raw.get("offices"))
        groups = self.groups(raw.get("indicator_groups"))
        indicators = self.indicators(raw.get("indicators"), offices, {g.id for g in groups})
        tasks = self.tasks(raw.get("tasks"), offices)
        lead = self.req(raw, "lead_office", "") or ""
        if lead and lead not in offices:
            self.problem("", "lead_office", "Unknown office “{office}”.", office=lead)
        document = self.document(raw.get("document"))
        reporting = self.reporting(raw.get("reporting"), offices)
        forms = self.forms(raw.get("forms"), offices, {i.id for i in indicators}, {t.id for t in tasks})
        signing_raw = self.opt(raw, "signing", "signing", dict, {})
        recipients = self.opt(raw, "recipients", "recipients", list, [])
        id_prefix = self.opt(raw, "id_prefix", "", str, "")
        if id_prefix and not _GLOBAL.match(id_prefix):
            self.problem("", "id_prefix", "A global id prefix starts with a letter and holds only A-Z, a-z, 0-9, “-”, “_”, “@”, “$” (at most 30).")
        province_codes = {}
        for key in ("province_code", "province_code_2025"):
            province_codes[key] = self.opt(raw, key, "", str, "")
            if province_codes[key] and not _PROVINCE_CODE.match(province_codes[key]):
                self.problem("", key, "A province code has two digits.")
        self.raise_if_problems()
        return Plan(
            code=code,
            id_prefix=id_prefix,
            province_code=province_codes["province_code"],
            province_code_2025=province_codes["province_code_2025"],
            catalog_version=self.opt(raw, "catalog_version", "", int, 1),
            province=self.req(raw, "province", "") or "",
            document=document,
            lead_office_id=lead,
            reporting=reporting,
            recipients=tuple(str(r) for r in recipients),
            signing=Signing(signing_raw.get("authority"), signing_raw.get("title"), signing_raw.get("name")),
            offices=offices,
            groups=tuple(groups),
            indicators=tuple(indicators),
            tasks=tuple(tasks),
            source=self.source,
            forms=tuple(forms),
        )

    def forms(self, raw: Any, offices: dict[str, Office], indicator_ids: set[str], task_ids: set[str]) -> list[FormSpec]:
        """Forms the lead office set: an office id (offices a plan does not name, such as
        communes added later, are allowed) or ``kind:<office kind>``."""
        forms: list[FormSpec] = []
        if raw is None:
            return forms
        if not isinstance(raw, list):
            self.problem("forms", None, "The field has the wrong type.")
            return forms
        seen: set[str] = set()
        for index, item in enumerate(raw):
            row = f"forms[{index}]"
            office = self.req(item, "office", row)
            if office is None:
                continue
            if office.startswith("kind:"):
                if office[5:] not in OFFICE_KINDS:
                    self.problem(row, "office", "Unknown office kind “{kind}”.", kind=office[5:])
            elif not _ID.match(office):
                self.problem(row, "office", "An id may only hold letters, digits, “.”, “_” and “-”.")
            if office in seen:
                self.problem(row, "office", "Duplicate id “{id}”.", id=office)
            seen.add(office)
            chosen = {}
            for key, known, message in (("indicators", indicator_ids, "Plan {plan} has no indicator “{indicator}”."),
                                        ("tasks", task_ids, "Plan {plan} has no task “{task}”.")):
                ids = [str(x) for x in self.opt(item, key, row, list, [])]
                for unknown in [x for x in ids if x not in known]:
                    self.problem(row, key, message, plan=self.code, indicator=unknown, task=unknown)
                chosen[key] = tuple(dict.fromkeys(x for x in ids if x in known))
            forms.append(FormSpec(office, chosen["indicators"], chosen["tasks"]))
        return forms

    def document(self, raw: Any) -> Document:
        row = "document"
        if not isinstance(raw, dict):
            self.problem(row, None, "The field is missing.")
            raw = {}
        date_text = self.req(raw, "date", row) or "2000-01-01"
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            self.problem(row, "date", "Not a date (yyyy-mm-dd): “{text}”.", text=date_text)
            date = dt.date(2000, 1, 1)
        return Document(
            number=self.req(raw, "number", row) or "",
            date=date,
            date_printed=self.opt(raw, "date_printed", row, str, "") or f"{date.day:02d}/{date.month}/{date.year}",
            issuer=self.req(raw, "issuer", row) or "",
            title=self.req(raw, "title", row) or "",
        )

    def reporting(self, raw: Any, offices: dict[str, Office]) -> Reporting:
        row = "reporting"
        if not isinstance(raw, dict):
            self.problem(row, None, "The field is missing.")
            raw = {}
        deadline = self.day_month(raw.get("deadline"), row, "deadline") or DayMonth(1, 1)
        reports_to = self.req(raw, "reports_to", row) or ""
        if reports_to and reports_to not in offices:
            self.problem(row, "reports_to", "Unknown office “{office}”.", office=reports_to)
        lead_raw = raw.get("lead_deadline")
        lead_deadline = self.day_month(lead_raw, row, "lead_deadline") if lead_raw else None
        others = []
        for index, item in enumerate(self.opt(raw, "other_deadlines", row, list, [])):
            try:
                others.append(OtherDeadline(int(item["day"]), int(item["month"]), item.get("year"), str(item.get("what", ""))))
            except (KeyError, TypeError, ValueError):
                self.problem(f"{row}.other_deadlines[{index}]", None, "Not a valid day and month.")
        first = self.opt(raw, "first_year", row, int, 2024)
        last = self.opt(raw, "last_year", row, int, 2030)
        if first > last:
            self.problem(row, "first_year", "The first year is after the last year.")
        return Reporting(
            deadline=deadline,
            reports_to=reports_to,
            consolidated_to=self.opt(raw, "consolidated_to", row, str, ""),
            lead_deadline=lead_deadline,
            lead_deadline_to=str(lead_raw.get("to", "")) if isinstance(lead_raw, dict) else "",
            other_deadlines=tuple(others),
            first_year=first,
            last_year=last,
            review_years=tuple(self.opt(raw, "review_years", row, list, [2025, 2030])),
            text=self.opt(raw, "text", row, str, ""),
        )

    def offices(self, raw: Any) -> dict[str, Office]:
        offices: dict[str, Office] = {}
        if not isinstance(raw, list) or not raw:
            self.problem("offices", None, "The plan names no office.")
            return offices
        for index, item in enumerate(raw):
            row = f"offices[{index}]"
            office_id = self.req(item, "id", row)
            name = self.req(item, "name", row)
            kind = self.opt(item, "kind", row, str, "other")
            if kind not in OFFICE_KINDS:
                self.problem(row, "kind", "Unknown office kind “{kind}”.", kind=kind)
            if office_id is None or name is None:
                continue
            if not _ID.match(office_id):
                self.problem(row, "id", "An id may only hold letters, digits, “.”, “_” and “-”.")
            if office_id in offices:
                self.problem(row, "id", "Duplicate id “{id}”.", id=office_id)
            office_code = self.opt(item, "code", row, str, "")
            if office_code and not _OFFICE_CODE.match(office_code):
                self.problem(row, "code", "A national code may only hold A-Z, a-z, 0-9, “.”, “-”, “_”, “@”, “$” (at most 50).")
            offices[office_id] = Office(
                id=office_id,
                name=name,
                short=self.opt(item, "short", row, str, ""),
                aliases=tuple(self.opt(item, "aliases", row, list, [])),
                kind=kind,
                code=office_code,
            )
        return offices

    def groups(self, raw: Any) -> list[IndicatorGroup]:
        groups: list[IndicatorGroup] = []
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            row = f"indicator_groups[{index}]"
            group_id = self.req(item, "id", row)
            name = self.req(item, "name", row)
            if group_id is None or name is None:
                continue
            if any(g.id == group_id for g in groups):
                self.problem(row, "id", "Duplicate id “{id}”.", id=group_id)
            groups.append(IndicatorGroup(group_id, self.opt(item, "number", row, str, group_id), name))
        return groups

    def indicators(self, raw: Any, offices: dict[str, Office], group_ids: set[str]) -> list[Indicator]:
        indicators: list[Indicator] = []
        seen: set[str] = set()
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            row = f"indicators[{index}]"
            indicator_id = self.req(item, "id", row)
            name = self.req(item, "name", row)
            group = self.req(item, "group", row)
            if indicator_id is None or name is None or group is None:
                continue
            row = f"indicators[{index}] ({indicator_id})"
            if not _ID.match(indicator_id):
                self.problem(row, "id", "An id may only hold letters, digits, “.”, “_” and “-”.")
            if indicator_id in seen:
                self.problem(row, "id", "Duplicate id “{id}”.", id=indicator_id)
            seen.add(indicator_id)
            if group not in group_ids:
                self.problem(row, "group", "Unknown indicator group “{group}”.", group=group)
            kind = self.opt(item, "kind", row, str, "other")
            if kind not in INDICATOR_KINDS:
                self.problem(row, "kind", "Unknown indicator kind “{kind}”.", kind=kind)
            measure = self.opt(item, "measure", row, str, "value")
            if measure not in MEASURES:
                self.problem(row, "measure", "Unknown measure “{measure}”.", measure=measure)
            direction = item.get("direction")
            if direction not in DIRECTIONS:
                self.problem(row, "direction", "Unknown direction “{direction}”.", direction=direction)
                direction = None
            parent = item.get("parent")
            if parent is not None and parent not in seen:
                self.problem(row, "parent", "The parent “{parent}” must be an earlier row.", parent=parent)
            targets = self.targets(item.get("targets"), row, str(item.get("unit") or ""))
            flag = item.get("from_resolution_42")
            if flag is not None and not isinstance(flag, bool):
                self.problem(row, "from_resolution_42", "The field has the wrong type.")
                flag = None
            indicators.append(
                Indicator(
                    id=indicator_id,
                    group_id=group,
                    number=self.opt(item, "number", row, str, ""),
                    name=name,
                    unit=self.opt(item, "unit", row, str, ""),
                    kind=kind,
                    measure=measure,
                    direction=direction,
                    cumulative_from=self.opt(item, "cumulative_from", row, int, None),
                    targets=targets,
                    lead=self.office_ids(item, "lead", row, offices),
                    coordinators=self.office_ids(item, "coordinators", row, offices),
                    from_resolution_42=flag,
                    parent_id=parent,
                    note=self.opt(item, "note", row, str, None),
                )
            )
        if not indicators:
            self.problem("indicators", None, "The plan has no indicator.")
        return indicators

    def targets(self, raw: Any, row: str, unit: str) -> dict[int, Target]:
        from desktop_app.core.targets import parse_target

        targets: dict[int, Target] = {}
        if raw is None:
            return targets
        if not isinstance(raw, dict):
            self.problem(row, "targets", "The field has the wrong type.")
            return targets
        for year_text, item in raw.items():
            field = f"targets.{year_text}"
            if not str(year_text).isdigit():
                self.problem(row, field, "A target year must be a year.")
                continue
            printed = self.req(item, "printed", row, str, empty_ok=True)
            if printed is None:
                continue
            reading = item.get("reading") or None
            try:
                parse_target(printed, reading=reading, unit=unit)
            except InputError as error:
                self.problem(row, field, "The target “{text}” cannot be read: {detail}", text=printed, detail=error)
                continue
            targets[int(year_text)] = Target(int(year_text), printed, reading)
        return targets

    def tasks(self, raw: Any, offices: dict[str, Office]) -> list[Task]:
        tasks: list[Task] = []
        seen: set[str] = set()
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            row = f"tasks[{index}]"
            task_id = self.req(item, "id", row)
            name = self.req(item, "name", row)
            if task_id is None or name is None:
                continue
            if task_id in seen:
                self.problem(row, "id", "Duplicate id “{id}”.", id=task_id)
            seen.add(task_id)
            tasks.append(
                Task(
                    id=task_id,
                    section=self.opt(item, "section", row, str, ""),
                    number=self.opt(item, "number", row, str, ""),
                    name=name,
                    lead=self.office_ids(item, "lead", row, offices),
                    coordinators=self.office_ids(item, "coordinators", row, offices),
                    submission_level=self.opt(item, "submission_level", row, str, ""),
                    time=self.opt(item, "time", row, str, ""),
                    coordinators_text=self.opt(item, "coordinators_text", row, str, ""),
                    note=self.opt(item, "note", row, str, ""),
                )
            )
        return tasks
