"""Who has reported for a year: every office on the roster, on time, late, sent unsigned
(draft) or missing (DHIS2's completeness and timeliness, for a province's offices).

A package from a former office (a district merged into a commune) counts for its
successor: the row of the successor names it (``via``).  Offices that sent a package
but are not on the roster are listed too (``expected`` False), so nothing received is
invisible.  Everything is read in two queries and joined in dictionaries: 3,321
communes cost the same per office as ten districts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.cells import append_row, save_workbook
from desktop_app.core.i18n import N_, translate
from desktop_app.core.exchange import roster
from desktop_app.core.text import fold, format_date
from desktop_app.core.workspace import Workspace

STATUSES = ("on_time", "late", "draft", "missing")
STATUS_LABELS = {
    "missing": N_("missing"),
    "on_time": N_("on time"),
    "late": N_("late by {days} day(s)"),
    "draft": N_("received, not signed"),
}
SORT_KEYS = ("name", "status", "days_late", "sent_on")


@dataclass(frozen=True)
class PackageUsed:
    """One applied package: whose, which revision, and what vouches for it."""
    office_id: str
    office_name: str
    revision: int
    created_at: str
    received_at: str
    report_status: str
    report_fingerprint: str | None
    content_hash: str
    signer_name: str
    package_id: str
    #: "final" (the signed year) or "draft" (shared before, or instead of, a sign-off).
    submission: str = "final"

    @property
    def is_draft(self) -> bool:
        return self.submission == "draft" or self.report_status == "draft"


@dataclass(frozen=True)
class SubmissionRow:
    office_id: str
    office_name: str
    year: int
    status: str  # on_time | late | draft | missing
    days_late: int = 0
    sent_on: dt.date | None = None
    received_at: str | None = None
    revision: int | None = None
    revisions: int = 0
    signer_name: str = ""
    report_status: str = ""
    fingerprint: str | None = None
    kind: str = ""
    expected: bool = True
    amended: bool = False
    #: Former offices whose packages count for this one (names as they sent them).
    via: tuple[str, ...] = ()
    packages: tuple[PackageUsed, ...] = field(default=(), repr=False)

    @property
    def level(self) -> str:
        return "local" if self.kind == "local" else "province"

    def label(self, language: str | None = None) -> str:
        text = translate(STATUS_LABELS[self.status], language, days=self.days_late)
        if self.amended:
            text += "; " + translate("amended (revision {revision})", language, revision=self.revision)
        if self.via:
            text += "; " + translate("sent as {former}", language, former=", ".join(self.via))
        if not self.expected:
            text += "; " + translate("not on the roster", language)
        return text


@dataclass(frozen=True)
class Counts:
    expected: int
    on_time: int
    late: int
    draft: int
    missing: int
    amended: int
    not_expected: int

    def sentence(self, language: str | None = None) -> str:
        return translate(
            "{expected} offices expected: {on_time} on time, {late} late, {draft} sent unsigned, {missing} missing.",
            language, expected=self.expected, on_time=self.on_time, late=self.late, draft=self.draft,
            missing=self.missing)


def received(ws: Workspace, year: int, plan_code: str | None = None) -> dict[str, list[PackageUsed]]:
    """office id -> its applied packages for the year, oldest revision first (one query)."""
    names = dict(ws.query("SELECT id, name FROM offices"))
    found: dict[str, list[PackageUsed]] = {}
    for row in ws.query(
            "SELECT office_id, revision, created_at, received_at, report_status, report_fingerprint, content_hash,"
            " signer_name, package_id, coalesce(json_extract(payload_json, '$.submission'), 'final')"
            " FROM received_packages WHERE plan_code = ? AND year = ? AND applied = 1"
            " ORDER BY office_id, revision", (plan_code or ws.plan_code, year)):
        found.setdefault(row[0], []).append(PackageUsed(row[0], names.get(row[0], row[0]), *row[1:]))
    return found


def _row(office_id: str, name: str, kind: str, year: int, deadline: dt.date, own: list[PackageUsed],
         sources: list[list[PackageUsed]], *, expected: bool, via: tuple[str, ...]) -> SubmissionRow:
    """The row of one office from the packages that count for it (its own, else its
    predecessors'): late by the latest first sending, draft if any latest revision is unsigned."""
    lists = [own] if own else [s for s in sources if s]
    if not lists:
        return SubmissionRow(office_id, name, year, "missing", kind=kind, expected=expected)
    firsts = [dt.date.fromisoformat(packages[0].created_at[:10]) for packages in lists]
    lasts = [packages[-1] for packages in lists]
    sent_on = max(firsts)
    days_late = max(0, (sent_on - deadline).days)
    if any(p.is_draft for p in lasts):
        status = "draft"
    else:
        status = "late" if days_late else "on_time"
    last = max(lasts, key=lambda p: p.received_at)
    return SubmissionRow(
        office_id, name, year, status, days_late, sent_on, last.received_at, last.revision,
        sum(len(p) for p in lists), last.signer_name, last.report_status, last.report_fingerprint, kind, expected,
        any(len(p) > 1 for p in lists), () if own else via, tuple(p for packages in lists for p in packages),
    )


def submissions(ws: Workspace, year: int, plan_code: str | None = None) -> list[SubmissionRow]:
    code = plan_code or ws.plan_code
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    deadline = plan.deadline(year)
    packages = received(ws, year, code)
    before = roster.predecessors(ws)
    rows, accounted = [], {ws.office_id}
    for entry in roster.expected(ws, year, code):
        former = [o for o in roster.lineage(entry.office_id, before) if o in packages]
        accounted.add(entry.office_id)
        accounted.update(former)
        via = tuple(packages[o][-1].office_name for o in former)
        rows.append(_row(entry.office_id, entry.name, entry.kind, year, deadline, packages.get(entry.office_id, []),
                         [packages[o] for o in former], expected=True, via=via))
    kinds = dict(ws.query("SELECT id, kind FROM offices"))
    for office_id, own in packages.items():
        if office_id not in accounted:
            rows.append(_row(office_id, own[-1].office_name, kinds.get(office_id, ""), year, deadline, own, [],
                             expected=False, via=()))
    return sort_rows(rows, "name")


def counts(rows: list[SubmissionRow]) -> Counts:
    mine = [r for r in rows if r.expected]
    by = {status: sum(1 for r in mine if r.status == status) for status in STATUSES}
    return Counts(len(mine), by["on_time"], by["late"], by["draft"], by["missing"], sum(1 for r in mine if r.amended),
                  sum(1 for r in rows if not r.expected))


def filter_rows(rows: list[SubmissionRow], *, status: str | None = None, text: str = "") -> list[SubmissionRow]:
    wanted = fold(text)
    return [r for r in rows if (status is None or r.status == status) and (not wanted or wanted in fold(r.office_name))]


def sort_rows(rows: list[SubmissionRow], key: str = "name") -> list[SubmissionRow]:
    order = {status: n for n, status in enumerate(("missing", "late", "draft", "on_time"))}
    keys = {
        "name": lambda r: (fold(r.office_name), r.office_id),
        "status": lambda r: (order[r.status], -r.days_late, fold(r.office_name)),
        "days_late": lambda r: (-r.days_late, fold(r.office_name)),
        "sent_on": lambda r: (r.sent_on or dt.date.max, fold(r.office_name)),
    }
    return sorted(rows, key=keys[key])


def missing_offices(ws: Workspace, year: int, plan_code: str | None = None) -> list[SubmissionRow]:
    return [row for row in submissions(ws, year, plan_code) if row.status == "missing" and row.expected]


def write_reminders(ws: Workspace, year: int, path: Path, plan_code: str | None = None) -> Path:
    """The offices still to remind, as a numbered text list (to print or read out by
    phone) or, for a ``.xlsx`` name, a workbook."""
    code = plan_code or ws.plan_code
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    rows = missing_offices(ws, year, code)
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return write_submissions_xlsx(rows, path)
    lines = [f"Danh sách đơn vị chưa gửi báo cáo năm {year} ({plan.title_line}), hạn gửi {format_date(plan.deadline(year))}:",
             ""]
    lines += [f"{n}. {r.office_name}" for n, r in enumerate(rows, start=1)] or ["(Tất cả đơn vị đã gửi báo cáo.)"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_submissions_xlsx(rows: list[SubmissionRow], path: Path, language: str | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headers = [translate(h, language) for h in (N_("Office"), N_("Year"), N_("Status"), N_("Days late"), N_("Sent on"),
                                                N_("Received at"), N_("Revision"), N_("Signer"), N_("Fingerprint"))]
    book = Workbook()
    sheet = book.active
    sheet.title = translate(N_("Submissions"), language)[:31]
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        # Names and signers come from offices' packages: text cells, never formulas.
        append_row(sheet, [row.office_name, row.year, row.label(language), row.days_late, row.sent_on, row.received_at,
                           row.revision, row.signer_name, row.fingerprint], id_columns=(9,))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["C"].width = 30
    return save_workbook(book, path)
