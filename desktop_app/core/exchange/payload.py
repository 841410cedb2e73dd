"""The trust boundary of the lead office: an office's year payload, parsed into typed,
checked records.  A valid signature says who wrote a package, never that its content is
sane, so every field passes the same checks as keyboard entry, and every problem is
listed (indicator id and field) before anything is applied.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core import validation
from desktop_app.core.entries import NARRATIVE_SECTIONS, TASK_STATUSES, TaskProgress, ValueRecord, rate_from_parts
from desktop_app.core.errors import InputError, Location, PackageError, TienDoError
from desktop_app.core.model import OFFICE_KINDS
from desktop_app.core.validation import LONG_TEXT, NARRATIVE_TEXT, SHORT_TEXT, check_text, json_kind
from desktop_app.core.workspace import Workspace

REPORT_STATUSES = ("draft", "signed", "exported")
MAX_LISTED = 40  # problems named in a summary; the rest are counted
_PACKAGE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_OFFICE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_FINGERPRINT = re.compile(r"^[0-9A-F]{16}$")
_UNIT_KINDS = set(OFFICE_KINDS) | {"local", "department", "agency", "other"}


@dataclass(frozen=True)
class ReportInfo:
    status: str
    revision: int
    signer_name: str
    signer_title: str
    signer_authority: str
    signed_at: str | None
    fingerprint: str | None
    report_number: str


@dataclass(frozen=True)
class YearPayload:
    package_id: str
    office_id: str
    office_name: str
    office_kind: str
    year: int
    revision: int
    created_at: str
    created: dt.datetime
    values: tuple[ValueRecord, ...]
    tasks: tuple[TaskProgress, ...]
    narrative: dict[str, str]
    report: ReportInfo


class Problems(TienDoError):
    """Every problem of one package, read as one sentence in the user's language."""

    def __init__(self, problems: list[InputError]):
        self.problems = problems
        super().__init__("")

    def message(self, language: str | None = None) -> str:
        shown = [p.message(language) for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - len(shown)
        if more:
            from desktop_app.core.i18n import translate

            shown.append(translate("and {count} more", language, count=more))
        return "; ".join(shown)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[InputError] = []
        self.unknown_ids: list[str] = []

    def put(self, problem: InputError) -> None:
        self.problems.append(problem)

    def check(self, function, *args, **kwargs):
        """The checked value, or None with the problem recorded."""
        try:
            return function(*args, **kwargs)
        except InputError as error:
            self.problems.append(error)
            return None


def _at(field: str) -> Location:
    return Location(field=field)


def _object(value: object, field: str, problems: _Collector) -> dict | None:
    if isinstance(value, dict):
        return value
    problems.put(InputError("An object was expected, not {kind}.", where=_at(field), kind=json_kind(value)))
    return None


def validate(ws: Workspace, raw: dict, now: dt.datetime | None, *, future_tolerance: dt.timedelta) -> YearPayload:
    """The payload as typed records, or PackageError listing every problem.  ``now`` None:
    a payload accepted before, checked again (its date is no longer in question)."""
    problems = _Collector()
    if raw.get("format") != "tiendo-year" or raw.get("version") != 1 or isinstance(raw.get("version"), bool):
        raise PackageError("unsupported_format", "The package was made by an unknown TienDo version.")
    plan = _object(raw.get("plan"), "plan", problems)
    if plan is not None and plan.get("code") != ws.plan_code:
        other = plan.get("code")
        raise PackageError("wrong_plan", "The package is for plan {other}, not {plan}.",
                           other=validation.shorten(other) if isinstance(other, str) else json_kind(other), plan=ws.plan_code)
    package_id = raw.get("package_id")
    if not isinstance(package_id, str) or not _PACKAGE_ID.match(package_id):
        problems.put(InputError("The package id is not valid.", where=_at("package_id")))
    office = _object(raw.get("office"), "office", problems) or {}
    office_id = office.get("id")
    if not isinstance(office_id, str) or not _OFFICE_ID.match(office_id):
        problems.put(InputError("The office id is not valid.", where=_at("office/id")))
        office_id = None
    office_name = problems.check(check_text, office.get("name"), field="office/name", optional=False)
    if office_name is not None and not office_name.strip():
        problems.put(InputError("The name is empty.", where=_at("office/name")))
    kind = office.get("kind")
    if kind is not None and kind not in _UNIT_KINDS:
        problems.put(InputError("Unknown office kind.", where=_at("office/kind")))
    year = problems.check(validation.check_year, ws.plan, raw.get("year"))
    revision = problems.check(validation.check_revision, raw.get("revision"))
    created = problems.check(validation.check_iso_datetime, raw.get("created_at"), field="created_at")
    data = _object(raw.get("data"), "data", problems) or {}
    values = _values(ws, _object(data.get("values"), "data/values", problems) or {}, year or 0, problems)
    tasks = _tasks(ws, _object(data.get("tasks"), "data/tasks", problems) or {}, year or 0, problems)
    narrative = _narrative(_object(data.get("narrative"), "data/narrative", problems) or {}, problems)
    report = _report(_object(raw.get("report"), "report", problems) or {}, data, problems)
    if problems.problems:
        only_ids = len(problems.unknown_ids) == len(problems.problems)
        if only_ids:
            raise PackageError("catalog_mismatch",
                               "The package was made with a version of the plan this workspace cannot map ({items}).",
                               items=", ".join(problems.unknown_ids[:5]))
        raise PackageError("malformed", "The package's contents are not valid: {problems}.", problems=Problems(problems.problems))
    if office_id == ws.office_id:
        raise PackageError("own_package", "The package comes from this lead office itself.")
    if now is not None and created > now + future_tolerance:
        raise PackageError("future", "The package is dated {date}, in the future: check the office computer's clock.",
                           date=created.date().isoformat())
    author = report.signer_name or office_name
    created_at = created.isoformat(timespec="seconds")  # one spelling, whatever ISO form was sent
    return YearPayload(
        package_id=package_id, office_id=office_id, office_name=office_name, office_kind=kind or "local", year=year,
        revision=revision, created_at=created_at, created=created,
        values=tuple(ValueRecord(**{**v.__dict__, "year": year, "updated_by": author, "updated_at": created_at}) for v in values),
        tasks=tuple(TaskProgress(t.task_id, year, t.status, t.result, t.evidence_number, t.evidence_date, author, created_at)
                    for t in tasks),
        narrative=narrative, report=report,
    )


def _values(ws: Workspace, items: dict, year: int, problems: _Collector) -> list[ValueRecord]:
    from desktop_app.core.entries import _accepts_words

    records = []
    for indicator_id, item in items.items():
        field = f"{validation.shorten(indicator_id)}"
        if not ws.plan.has_indicator(indicator_id):
            problems.unknown_ids.append(validation.shorten(indicator_id))
            problems.put(InputError("Unknown indicator.", where=_at(field)))
            continue
        indicator = ws.plan.indicator(indicator_id)
        item = _object(item, field, problems)
        if item is None:
            continue
        count = len(problems.problems)

        def number(key: str, check) -> Decimal | None:
            if item.get(key) is None:
                return None
            parsed = problems.check(validation.decimal_from_text, item[key], field=f"{field}/{key}")
            return None if parsed is None else problems.check(check, indicator, parsed, field=f"{field}/{key}")

        value = number("number", validation.check_number)
        numerator = number("numerator", validation.check_part)
        denominator = number("denominator", validation.check_part)
        if (item.get("numerator") is None) != (item.get("denominator") is None):
            problems.put(InputError("Give both the numerator and the denominator, or neither.", where=_at(f"{field}/numerator")))
        elif numerator is not None and denominator is not None:
            rate = problems.check(rate_from_parts, indicator, numerator, denominator)
            if rate is not None and value != rate:
                problems.put(InputError("The value does not match its numerator and denominator.", where=_at(f"{field}/number")))
        text = item.get("text")
        if text is not None:
            text = problems.check(check_text, text, field=f"{field}/text", limit=LONG_TEXT)
            if text is not None and not _accepts_words(indicator):
                problems.put(InputError("This indicator takes a number, not words.", where=_at(f"{field}/text")))
            if item.get("number") is not None:
                problems.put(InputError("A value is either a number or words, not both.", where=_at(f"{field}/text")))
        reason = item.get("no_data_reason")
        if reason is not None:
            reason = problems.check(check_text, reason, field=f"{field}/no_data_reason", limit=LONG_TEXT)
        judgement = item.get("judgement")
        if judgement is not None and not isinstance(judgement, bool):
            problems.put(InputError("true, false or null was expected, not {kind}.", where=_at(f"{field}/judgement"), kind=json_kind(judgement)))
        source = problems.check(check_text, item.get("source"), field=f"{field}/source", limit=LONG_TEXT)
        note = problems.check(check_text, item.get("note"), field=f"{field}/note", limit=LONG_TEXT)
        if len(problems.problems) == count:
            records.append(ValueRecord(indicator_id=indicator_id, year=year, number=value, text=text or None,
                                       numerator=numerator, denominator=denominator, no_data_reason=reason or None,
                                       judgement=judgement, source=source, note=note))
    return records


def _tasks(ws: Workspace, items: dict, year: int, problems: _Collector) -> list[TaskProgress]:
    known = {task.id for task in ws.plan.tasks}
    records = []
    for task_id, item in items.items():
        field = validation.shorten(task_id)
        if task_id not in known:
            problems.unknown_ids.append(field)
            problems.put(InputError("Unknown task.", where=_at(field)))
            continue
        item = _object(item, field, problems)
        if item is None:
            continue
        count = len(problems.problems)
        status = item.get("status")
        if status not in TASK_STATUSES:
            problems.put(InputError("Unknown task status.", where=_at(f"{field}/status")))
        result = problems.check(check_text, item.get("result"), field=f"{field}/result", limit=LONG_TEXT)
        number = problems.check(check_text, item.get("evidence_number"), field=f"{field}/evidence_number")
        date = item.get("evidence_date")
        if date is not None:
            date = problems.check(validation.check_iso_date, date, field=f"{field}/evidence_date")
        if len(problems.problems) == count:
            records.append(TaskProgress(task_id, year, status, result, number, date))
    return records


def _narrative(items: dict, problems: _Collector) -> dict[str, str]:
    return {section: problems.check(check_text, items.get(section), field=f"narrative/{section}", limit=NARRATIVE_TEXT) or ""
            for section in NARRATIVE_SECTIONS}


def _report(report: dict, data: dict, problems: _Collector) -> ReportInfo | None:
    status = report.get("status")
    if status not in REPORT_STATUSES:
        problems.put(InputError("Unknown report status.", where=_at("report/status")))
    revision = report.get("revision")
    revision = 0 if revision is None else problems.check(validation.check_revision, revision, field="report/revision", minimum=0)
    texts = {key: problems.check(check_text, report.get(key), field=f"report/{key}", limit=SHORT_TEXT)
             for key in ("signer_name", "signer_title", "signer_authority", "report_number")}
    signed_at = report.get("signed_at")
    if signed_at is not None and problems.check(validation.check_iso_datetime, signed_at, field="report/signed_at") is None:
        signed_at = None
    fingerprint = report.get("fingerprint")
    if fingerprint is not None and (not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint)):
        problems.put(InputError("The report's fingerprint is not valid.", where=_at("report/fingerprint")))
        fingerprint = None
    if status in ("signed", "exported") and not _vouches_for(fingerprint, data):
        # A "signed" status is only believed when the fingerprint is that of the data sent.
        problems.put(InputError("The report is marked signed but its fingerprint is not that of the data sent.", where=_at("report/fingerprint")))
    if status not in REPORT_STATUSES:
        return None
    return ReportInfo(status, revision or 0, texts["signer_name"] or "", texts["signer_title"] or "",
                      texts["signer_authority"] or "", signed_at, fingerprint, texts["report_number"] or "")


def _vouches_for(fingerprint: str | None, data: dict) -> bool:
    from desktop_app.core.reports.fingerprint import fingerprint as fingerprint_of_data

    if fingerprint is None:
        return False
    try:
        return fingerprint_of_data(data) == fingerprint
    except (TypeError, ValueError):  # a float or an odd value somewhere: not the data a report was signed for
        return False
