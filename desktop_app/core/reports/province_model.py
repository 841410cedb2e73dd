"""The consolidated report as its own document: what the lead office sends the provincial
People's Committee for one plan and one year.  Built once (``exchange/report.py``); the
PDF (``consolidated.build_consolidated_pdf``), the workbook (``consolidated_xlsx``) and the
fingerprint all read this, so they cannot disagree.

Plain frozen data: numbers are ``Decimal``, words are Vietnamese as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.reports.model import AnnualReport, SubmissionLine, Value


@dataclass(frozen=True)
class ProvinceFigure:
    """One row of part II: the province's figure for an indicator and how it was made."""
    kind: str              # group | heading | indicator
    indicator_id: str
    number: str
    name: str
    unit: str = ""
    target_2025: str = ""
    target_2030: str = ""
    value: Value = None
    evaluation: str = ""
    method: str = ""
    basis: str = ""        # in words: "Tổng số liệu của 2 đơn vị …; chưa có số liệu của …"
    offices: int = 0
    depth: int = 0


@dataclass(frozen=True)
class OfficeTask:
    office: str
    status: str            # in words: "hoàn thành"
    result: str = ""
    state: str = ""        # the status's key (entries.TASK_STATUSES): the appendix prints it as a short code


@dataclass(frozen=True)
class TaskSummary:
    """A task of the plan: how many offices are at each stage, and each office's words."""
    number: str
    name: str
    lead: str
    tally: str             # "Hoàn thành: 2; Đang triển khai: 1"
    offices: tuple[OfficeTask, ...] = ()


@dataclass(frozen=True)
class OfficeText:
    office: str
    text: str


@dataclass(frozen=True)
class BreakdownCell:
    office: str
    value: Value
    timeliness: str        # "Đúng hạn", "Chậm 3 ngày", "Chưa ký"
    outlier: bool = False
    level: str = "local"


@dataclass(frozen=True)
class IndicatorBreakdown:
    """Appendix: one indicator, every office's value."""
    indicator_id: str
    label: str
    figure: Value
    cells: tuple[BreakdownCell, ...]


@dataclass(frozen=True)
class PackageLine:
    """A package the figures were made from: the office, its revision, its own report's
    fingerprint, and the hash of its content."""
    office_id: str
    office: str
    revision: int
    report_fingerprint: str
    content_hash: str


@dataclass(frozen=True)
class ProvinceReport:
    """``furniture`` carries only what Decree 30's page furniture prints (offices, number,
    place, date, title line, recipients, signer, and the fingerprint of this report);
    its body fields stay empty.  ``lead_*`` are the lead office's own paragraphs that
    open parts I, III and IV; ``results``/``difficulties``/``proposals`` the offices'."""
    furniture: AnnualReport
    plan_code: str
    year: int
    overview: str
    figures: tuple[ProvinceFigure, ...]
    tasks: tuple[TaskSummary, ...]
    lead_results: str = ""
    lead_difficulties: str = ""
    lead_proposals: str = ""
    results: tuple[OfficeText, ...] = ()
    difficulties: tuple[OfficeText, ...] = ()
    proposals: tuple[OfficeText, ...] = ()
    breakdowns: tuple[IndicatorBreakdown, ...] = ()
    submissions: tuple[SubmissionLine, ...] = ()
    notes: tuple[str, ...] = ()
    packages: tuple[PackageLine, ...] = ()
    offices: tuple[str, ...] = ()   # every reporting office as printed, in roster order: the appendices' rows

    @property
    def fingerprint(self) -> str:
        return self.furniture.fingerprint
