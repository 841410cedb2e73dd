"""Who has reported for a year, on time or late, and who is still missing (DHIS2's
completeness and timeliness, for a province's offices)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.cells import append_row, save_workbook
from desktop_app.core.i18n import N_, translate
from desktop_app.core.workspace import Workspace

EXPECTED_KINDS = ("local", "department", "agency")
STATUS_LABELS = {
    "missing": N_("missing"),
    "on_time": N_("on time"),
    "late": N_("late by {days} day(s)"),
    "amended": N_("amended after acceptance"),
}


@dataclass(frozen=True)
class SubmissionRow:
    office_id: str
    office_name: str
    year: int
    status: str  # missing | on_time | late | amended
    days_late: int = 0
    sent_on: dt.date | None = None
    received_at: str | None = None
    revision: int | None = None
    revisions: int = 0
    signer_name: str = ""
    report_status: str = ""
    fingerprint: str | None = None

    def label(self, language: str | None = None) -> str:
        text = translate(STATUS_LABELS[self.status], language, days=self.days_late)
        if self.status == "amended" and self.days_late:
            late = STATUS_LABELS["late"]
            text += "; " + translate(late, language, days=self.days_late)
        return text


def expected_offices(ws: Workspace) -> list[tuple[str, str]]:
    """Offices that should report: current units and departments, and any that ever sent."""
    marks = ", ".join("?" * len(EXPECTED_KINDS))
    rows = ws.query(
        f"SELECT id, name FROM offices WHERE id != ? AND ((kind IN ({marks}) AND valid_to IS NULL)"
        " OR id IN (SELECT office_id FROM received_packages)) ORDER BY name",
        (ws.office_id, *EXPECTED_KINDS),
    )
    return [(r[0], r[1]) for r in rows]


def submissions(ws: Workspace, year: int) -> list[SubmissionRow]:
    deadline = ws.plan.deadline(year)
    rows = []
    for office_id, name in expected_offices(ws):
        received = ws.query(
            "SELECT revision, created_at, received_at, signer_name, report_status, report_fingerprint FROM received_packages"
            " WHERE plan_code = ? AND office_id = ? AND year = ? AND applied = 1 ORDER BY revision",
            (ws.plan_code, office_id, year),
        )
        if not received:
            rows.append(SubmissionRow(office_id, name, year, "missing"))
            continue
        first, last = received[0], received[-1]
        sent_on = dt.date.fromisoformat(first[1][:10])
        days_late = max(0, (sent_on - deadline).days)
        status = "amended" if len(received) > 1 else ("late" if days_late else "on_time")
        rows.append(SubmissionRow(
            office_id, name, year, status, days_late, sent_on, last[2], last[0], len(received), last[3], last[4], last[5],
        ))
    return rows


def missing_offices(ws: Workspace, year: int) -> list[SubmissionRow]:
    return [row for row in submissions(ws, year) if row.status == "missing"]


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
