"""The consolidated report, built once from the workspace: the province's figures, the
offices' task progress and narratives, who reported, every office's value behind each
figure, and a fingerprint over exactly the figures and the packages they came from.

    report = province_report(ws, 2026)                # or plan_code="kiengiang-2024"
    build_consolidated_pdf(report, "tong-hop.pdf")    # reports/consolidated.py
    write_consolidated_xlsx(report, "tong-hop.xlsx")  # reports/consolidated_xlsx.py
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop_app.core import clock
from desktop_app.core.entries import TASK_STATUSES, ValueRecord, task_status_label
from desktop_app.core.exchange.consolidate import Contributor, ConsolidatedRow, consolidate, contributors
from desktop_app.core.exchange.submissions import SubmissionRow, counts, submissions
from desktop_app.core.progress import evaluate_row, status_label
from desktop_app.core.reports.fingerprint import fingerprint
from desktop_app.core.reports.model import AnnualReport, Signer, SubmissionLine
from desktop_app.core.reports.province_model import (BreakdownCell, IndicatorBreakdown, OfficeTask, OfficeText,
                                                     PackageLine, ProvinceFigure, ProvinceReport, TaskSummary)
from desktop_app.core.text import format_date
from desktop_app.core.workspace import Workspace

GENERAL_NOTE = ("Số liệu toàn tỉnh: chỉ tiêu đếm được (người, hộ, căn…) là tổng số liệu của các đơn vị cấp xã "
                "(trước ngày 01/7/2025: cấp huyện); chỉ tiêu tỷ lệ được tính lại từ tổng tử số và tổng mẫu số, "
                "không lấy bình quân các tỷ lệ; số liệu của sở, ngành (cấp tỉnh) không cộng với số liệu của địa "
                "phương. Cách tính của từng chỉ tiêu ghi ở cột “Cách tổng hợp”.")
MEDIAN_NOTE = ("Chỉ tiêu có đơn vị chỉ gửi tỷ lệ (%), không gửi tử số, mẫu số: báo cáo trung vị và khoảng giá trị "
               "(thấp nhất - cao nhất) của các đơn vị; phần mềm chưa có số dân của từng đơn vị nên không tính "
               "bình quân gia quyền.")


def _timeliness(person_status: str, days_late: int) -> str:
    return {"on_time": "Đúng hạn", "late": f"Chậm {days_late} ngày", "draft": "Chưa ký",
            "own": "Cơ quan chủ trì"}.get(person_status, "")


def _furniture(ws: Workspace, plan, code: str, year: int, print_fingerprint: str, today: dt.date | None) -> AnnualReport:
    rows = ws.query("SELECT report_number, signer_authority, signer_title, signer_name, signed_at, status FROM reports"
                    " WHERE plan_code = ? AND office_id = ? AND year = ?", (code, ws.office_id, year))
    number, authority, title, name, signed_at, status = rows[0] if rows else ("", "", "", "", None, "draft")
    setting = lambda key, default: ws.setting(key) or default  # noqa: E731
    recipients = setting("report_recipients", "Ủy ban nhân dân tỉnh (để báo cáo);\nLưu: VT.")
    office = ws.query("SELECT name FROM offices WHERE id = ?", (ws.office_id,))
    return AnnualReport(
        parent_office=setting("report_parent_office", f"UBND TỈNH {plan.province}"),
        issuing_office=office[0][0] if office else ws.office_id,
        report_number=number or "…/BC-…",
        place=setting("report_place", plan.province),
        report_date=today or clock.today(),
        year=year,
        summary=f"Tổng hợp kết quả thực hiện {plan.title_line} của UBND tỉnh năm {year}",
        recipients=tuple(line for line in recipients.split("\n") if line.strip()),
        signer=Signer(authority or setting("report_signer_authority", ""), title or setting("report_signer_title", ""),
                      name or setting("report_signer_name", "")),
        fingerprint=print_fingerprint,
        signed=status in ("signed", "exported"),
        province=plan.province, plan_number=plan.document.number, plan_date=plan.document.date,
        plan_title=plan.document.title,
        # "Kính gửi": the body the plan's lead office reports to (Decree 30).
        addressee=setting("report_addressee", plan.reporting.consolidated_to),
    )


def _figures(plan, year: int, rows: dict[str, ConsolidatedRow]) -> tuple[ProvinceFigure, ...]:
    lines = []
    for group in plan.groups:
        members = [i for i in plan.indicators if i.group_id == group.id]
        if not members:
            continue
        lines.append(ProvinceFigure("group", "", group.number, group.name))
        for indicator in members:
            row = rows[indicator.id]
            t25, t30 = indicator.targets.get(2025), indicator.targets.get(2030)
            depth = 1 if indicator.parent_id else 0
            if plan.is_heading(indicator.id):
                lines.append(ProvinceFigure("heading", indicator.id, indicator.number, indicator.name, indicator.unit,
                                            t25.printed if t25 else "", t30.printed if t30 else "", depth=depth))
                continue
            evaluation = ""
            if row.value is not None:
                number = row.value if isinstance(row.value, Decimal) else None
                record = ValueRecord(indicator.id, year, number=number, text=None if number is not None else str(row.value))
                evaluation = status_label(evaluate_row(plan, indicator, year, {year: record}).status, "vi")
            lines.append(ProvinceFigure(
                "indicator", indicator.id, indicator.number, indicator.name, indicator.unit,
                t25.printed if t25 else "", t30.printed if t30 else "", row.value, evaluation, row.method,
                row.note or "Chưa có số liệu", row.offices, depth))
    return tuple(lines)


def _tasks(ws: Workspace, plan, code: str, year: int, people: list[Contributor]) -> tuple[TaskSummary, ...]:
    labels = {p.office_id: p.label for p in people}
    progress: dict[str, list[tuple[str, str, str, str, str | None]]] = {}
    for office_id, task_id, status, result, evidence, evidence_date in ws.query(
            "SELECT office_id, task_id, status, result, evidence_number, evidence_date FROM task_progress"
            " WHERE plan_code = ? AND year = ?", (code, year)):
        if office_id in labels:
            progress.setdefault(task_id, []).append((office_id, status, result, evidence, evidence_date))
    order = {p.office_id: n for n, p in enumerate(people)}
    summaries = []
    for task in plan.tasks:
        found = sorted(progress.get(task.id, []), key=lambda item: order[item[0]])
        tally = "; ".join(f"{task_status_label(s, 'vi').capitalize()}: {n}" for s in TASK_STATUSES
                          if (n := sum(1 for item in found if item[1] == s)))
        offices = []
        for office_id, status, result, evidence, evidence_date in found:
            when = f" ngày {format_date(dt.date.fromisoformat(evidence_date))}" if evidence_date else ""
            words = "\n".join(part for part in (result.strip(), f"{evidence}{when}".strip()) if part)
            offices.append(OfficeTask(labels[office_id], task_status_label(status, "vi"), words, status))
        summaries.append(TaskSummary(task.number or task.id, task.name, plan.office_names(task.lead),
                                     tally or "Chưa có đơn vị báo cáo", tuple(offices)))
    return tuple(summaries)


def _narratives(ws: Workspace, code: str, year: int, people: list[Contributor]):
    texts = {row[0]: row[1:] for row in ws.query(
        "SELECT office_id, results_text, difficulties_text, proposals_text FROM reports WHERE plan_code = ? AND year = ?",
        (code, year))}
    own = texts.get(ws.office_id, ("", "", ""))
    sections: list[list[OfficeText]] = [[], [], []]
    for person in people:
        if person.level == "lead" or person.office_id not in texts:
            continue
        for index, text in enumerate(texts[person.office_id]):
            if text and text.strip():
                sections[index].append(OfficeText(person.label, text.strip()))
    return own, tuple(tuple(s) for s in sections)


def _breakdowns(plan, rows: list[ConsolidatedRow]) -> tuple[IndicatorBreakdown, ...]:
    found = []
    for row in rows:
        cells = tuple(BreakdownCell(b.label, b.value, _timeliness(b.timeliness, b.days_late), b.outlier, b.level)
                      for b in row.breakdown if b.level != "lead")
        if cells:
            indicator = row.indicator
            # The id ("II.2.1") and not the printed number: numbers restart in every group.
            label = f"{indicator.id}. {indicator.name}" + (f" ({indicator.unit})" if indicator.unit else "")
            found.append(IndicatorBreakdown(indicator.id, label, row.value, cells))
    return tuple(found)


def _submission_lines(rows: list[SubmissionRow]) -> tuple[SubmissionLine, ...]:
    lines = []
    for row in rows:
        words = {"on_time": "Đúng hạn", "late": f"Chậm {row.days_late} ngày", "draft": "Đã gửi, chưa ký",
                 "missing": "Chưa gửi"}[row.status]
        if row.amended:
            words += f"; gửi bổ sung (lần {row.revision})"
        if row.via:
            words += f"; gửi dưới tên {', '.join(row.via)}"
        if not row.expected:
            words += "; ngoài danh sách"
        lines.append(SubmissionLine(row.office_name, words, row.sent_on.strftime("%d/%m/%Y") if row.sent_on else "",
                                    row.signer_name, outcome=row.status, days_late=row.days_late,
                                    fingerprint=row.fingerprint or ""))
    return tuple(lines)


def report_fingerprint(code: str, year: int, rows: list[ConsolidatedRow], packages: list[PackageLine]) -> str:
    """Over the consolidated figures and the packages used (office, revision, the office's
    own report fingerprint, content hash) and nothing else: printing again gives the same
    fingerprint, a changed revision of any package a different one."""
    return fingerprint({
        "plan": code, "year": year,
        "figures": [[r.indicator.id, r.value, r.method, r.numerator, r.denominator] for r in rows],
        "packages": sorted([p.office_id, p.revision, p.report_fingerprint, p.content_hash] for p in packages),
    })


def province_report(ws: Workspace, year: int, *, plan_code: str | None = None,
                    today: dt.date | None = None) -> ProvinceReport:
    code = plan_code or ws.plan_code
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    sent = submissions(ws, year, code)
    people = contributors(ws, sent)
    rows = consolidate(ws, year, plan_code=code, rows=sent)
    by_id = {r.indicator.id: r for r in rows}
    latest = {}
    for row in sent:
        for package in row.packages:
            latest[package.office_id] = package
    packages = [PackageLine(p.office_id, p.office_name, p.revision, p.report_fingerprint or "", p.content_hash)
                for p in latest.values()]
    own, (results, difficulties, proposals) = _narratives(ws, code, year, people)
    tally = counts(sent)
    overview = (f"Năm {year}, có {tally.expected} đơn vị phải gửi báo cáo về {plan.title_line}: "
                f"{tally.on_time} đơn vị gửi đúng hạn, {tally.late} đơn vị gửi chậm, {tally.draft} đơn vị gửi số liệu "
                f"nhưng báo cáo chưa được ký, {tally.missing} đơn vị chưa gửi.")
    notes = [GENERAL_NOTE]
    if any(r.method == "median" for r in rows):
        notes.append(MEDIAN_NOTE)
    for row in sent:
        if row.via:
            notes.append(f"Số liệu do {', '.join(row.via)} (đã sáp nhập) gửi được tính cho {row.office_name}.")
    outside = [r.office_name for r in sent if not r.expected]
    if outside:
        notes.append(f"Đơn vị gửi báo cáo nhưng không có trong danh sách đơn vị phải báo cáo: {', '.join(outside)}.")
    return ProvinceReport(
        furniture=_furniture(ws, plan, code, year, report_fingerprint(code, year, rows, packages), today),
        plan_code=code, year=year, overview=overview, figures=_figures(plan, year, by_id),
        tasks=_tasks(ws, plan, code, year, people),
        lead_results=own[0] or "", lead_difficulties=own[1] or "", lead_proposals=own[2] or "",
        results=results, difficulties=difficulties, proposals=proposals,
        breakdowns=_breakdowns(plan, rows), submissions=_submission_lines(sent), notes=tuple(notes),
        packages=tuple(sorted(packages, key=lambda p: p.office_id)),
        offices=tuple(p.label for p in people if p.level != "lead"),
    )


def consolidated_report(ws: Workspace, year: int, *, today: dt.date | None = None) -> ProvinceReport:
    """The name the window and ``report-consolidated`` call; the plan in view."""
    return province_report(ws, year, today=today)
