"""What a report says, independent of storage and of layout: plain data the PDF and
Excel writers take.  ``build.py`` fills it from a workspace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PageSettings:
    """A4 with Decree 30's margins (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm)."""
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    body_pt: float = 13
    table_pt: float = 10


@dataclass(frozen=True)
class Signer:
    authority: str = ""   # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC", "TL.", "TUQ."
    title: str = ""       # "PHÓ GIÁM ĐỐC"
    name: str = ""


@dataclass(frozen=True)
class IndicatorLine:
    kind: str                      # "group" | "indicator" | "heading"
    number: str
    name: str
    unit: str = ""
    target_2025: str = ""
    target_2030: str = ""
    last_year: Decimal | str | None = None
    this_year: Decimal | str | None = None
    evaluation: str = ""
    depth: int = 0


@dataclass(frozen=True)
class TaskLine:
    number: str
    name: str
    lead: str
    status: str
    result: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class AnnualReport:
    parent_office: str             # "UBND TỈNH KHÁNH HÒA"
    issuing_office: str            # "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    report_number: str             # "Số: 245/BC-SLĐTBXH" is printed from this ("245/BC-SLĐTBXH" or "…/BC-…")
    place: str                     # "Khánh Hòa"
    report_date: dt.date
    year: int
    summary: str                   # the line under "BÁO CÁO"
    results_text: str = ""
    difficulties_text: str = ""
    proposals_text: str = ""
    tasks: tuple[TaskLine, ...] = ()
    indicators: tuple[IndicatorLine, ...] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer = field(default_factory=Signer)
    fingerprint: str = ""
    signed: bool = False


@dataclass(frozen=True)
class SubmissionLine:
    office: str
    status: str                   # already in words: "đúng hạn", "chậm 3 ngày", "chưa nộp"
    sent_on: str = ""
    signer: str = ""


@dataclass(frozen=True)
class BreakdownLine:
    office: str
    values: tuple[Decimal | str | None, ...]


@dataclass(frozen=True)
class ConsolidatedReport:
    annual: AnnualReport            # furniture, narrative and the province's indicator table
    breakdown_indicators: tuple[str, ...] = ()   # column headings of the per-unit appendix
    breakdown: tuple[BreakdownLine, ...] = ()
    submissions: tuple[SubmissionLine, ...] = ()


@dataclass(frozen=True)
class PdfResult:
    pages: int
    signature_page: int            # 0-based
    signature_box: tuple[float, float, float, float]   # x1, y1, x2, y2 in PDF points
