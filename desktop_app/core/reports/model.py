"""What a report says, independent of storage and of layout: plain frozen data that the
PDF and Excel writers take.  ``build.py`` (and ``exchange/report.py``) fill it from a
workspace; tests and benchmarks build it directly (``tests/reports/sample.py``).

Every text field is printed as given (after NFC normalisation): the adapter decides the
words, the writers decide the layout.  Numbers are ``Decimal``; a value that is not a
number ("Không có số liệu", "Bảo đảm") is a ``str``; ``None`` is an empty cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from desktop_app.core.errors import InputError

#: A value cell: a figure, a word or note, or nothing.
Value = Decimal | str | None

# Decree 30/2020/NĐ-CP, Appendix I, section II: the page margins and the body size it allows.
MARGIN_LIMITS_MM = {"top_mm": (20, 25), "bottom_mm": (20, 25), "left_mm": (30, 35), "right_mm": (15, 20)}
BODY_PT_LIMITS = (13, 14)
TABLE_PT_LIMITS = (8, 13)


@dataclass(frozen=True)
class PageSettings:
    """A4 with Decree 30's margins (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm),
    body text 13–14 pt, table text ``table_pt``.  Values outside the decree's ranges
    raise ``InputError``: a report with other margins would be sent back."""
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    body_pt: float = 13
    table_pt: float = 10
    #: Set the indicator table (part II) on landscape pages; the rest stays portrait.
    landscape_indicators: bool = False

    def __post_init__(self):
        # One message per setting, so the Vietnamese names the margin in its own words.
        checks = (
            ("top_mm", InputError("The top margin must be between {low} and {high} mm (it is {value} mm).",
                                  low=20, high=25, value=self.top_mm)),
            ("bottom_mm", InputError("The bottom margin must be between {low} and {high} mm (it is {value} mm).",
                                     low=20, high=25, value=self.bottom_mm)),
            ("left_mm", InputError("The left margin must be between {low} and {high} mm (it is {value} mm).",
                                   low=30, high=35, value=self.left_mm)),
            ("right_mm", InputError("The right margin must be between {low} and {high} mm (it is {value} mm).",
                                    low=15, high=20, value=self.right_mm)),
        )
        for name, error in checks:
            low, high = MARGIN_LIMITS_MM[name]
            if not low <= getattr(self, name) <= high:
                raise error
        for value, (low, high) in ((self.body_pt, BODY_PT_LIMITS), (self.table_pt, TABLE_PT_LIMITS)):
            if not low <= value <= high:
                raise InputError("The text size must be between {low} and {high} pt (it is {value} pt).",
                                 low=low, high=high, value=value)


@dataclass(frozen=True)
class Signer:
    """The signature block.  ``authority`` is the line above the title when the signer
    signs for someone else: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC",
    "TL. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC" (empty when the head signs in person).  ``title`` is the
    signer's own post ("PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG").  Both are printed upper case and
    bold; ``name`` bold, as written ("Nguyễn Văn An")."""
    authority: str = ""
    title: str = ""
    name: str = ""


@dataclass(frozen=True)
class IndicatorLine:
    """One row of part II's table.

    ``kind``:
      * ``"group"`` — a field heading ("I", "Ưu đãi người có công"): only ``number`` and
        ``name`` are printed, across the whole row;
      * ``"heading"`` — an indicator whose figures are in its sub-indicators (the name in
        bold, no values);
      * ``"indicator"`` — an indicator with its figures.
    ``target_2025``/``target_2030`` are the targets as the plan prints them ("< 3", "≥ 97",
    "Bảo đảm", "-"); ``last_year``/``this_year`` the values (``Decimal`` printed in
    Vietnamese notation, ``str`` as is, ``None`` empty); ``evaluation`` the verdict in words
    ("đạt", "không đạt", "chưa đánh giá được"); ``depth`` 1 for a sub-indicator (indented).
    """
    kind: str
    number: str
    name: str
    unit: str = ""
    target_2025: str = ""
    target_2030: str = ""
    last_year: Value = None
    this_year: Value = None
    evaluation: str = ""
    depth: int = 0
    #: What a reader of the paper needs beside the figure: why there is no data, the
    #: clerk's note.  Printed as a numbered note under the table, the number in the cell.
    note: str = ""


@dataclass(frozen=True)
class TaskLine:
    """One row of part I's table: a task of the plan and what became of it this year.
    ``status`` is in words ("hoàn thành", "đang triển khai", "chưa triển khai");
    ``evidence`` the document that proves it ("129/KH-SLĐTBXH ngày 22/02/2026")."""
    number: str
    name: str
    lead: str
    status: str
    result: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class AnnualReport:
    """An office's yearly report on the plan (a "Báo cáo" per Decree 30).

    Furniture: ``parent_office`` ("UBND TỈNH KHÁNH HÒA"), ``issuing_office`` ("Sở Lao động -
    Thương binh và Xã hội"; both printed upper case; a "\\n" forces the line break),
    ``report_number`` ("245/BC-SLĐTBXH", printed after "Số: "; "…/BC-…" while unnumbered),
    ``place`` and ``report_date`` (the italic date line), ``summary`` (the bold line under
    "BÁO CÁO"; when empty it is made from the plan fields: "Kết quả thực hiện Kế hoạch số
    8839/KH-UBND ngày 09/8/2024 của UBND tỉnh năm 2026").

    Body: ``results_text``, ``difficulties_text``, ``proposals_text`` (parts I, III, IV;
    paragraphs separated by a blank line), ``tasks`` (part I's table) and ``indicators``
    (part II's table).

    Closing: ``recipients`` ("Nơi nhận": one item a line, without the leading dash; the
    last should be "Lưu: VT, …" and is added when missing) and ``signer``.

    ``fingerprint`` is the 16-hex-digit fingerprint of the data (``fingerprint.py``),
    printed on every page and as a QR code on page 1; ``signed`` says the year is locked.
    """
    parent_office: str
    issuing_office: str
    report_number: str
    place: str
    report_date: dt.date
    year: int
    summary: str = ""
    results_text: str = ""
    difficulties_text: str = ""
    proposals_text: str = ""
    tasks: tuple[TaskLine, ...] = ()
    indicators: tuple[IndicatorLine, ...] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer = field(default_factory=Signer)
    fingerprint: str = ""
    signed: bool = False
    #: The plan reported on: "Khánh Hòa", "8839/KH-UBND", its date and title.
    province: str = ""
    plan_number: str = ""
    plan_date: dt.date | None = None
    plan_title: str = ""
    #: "Kính gửi:" lines when the report is addressed to a higher office ("" when not).
    addressee: str = ""
    #: How the verdicts were reached, printed in the notes under the indicator table.
    rules: tuple[str, ...] = ()

    def summary_line(self) -> str:
        if self.summary:
            return self.summary
        if not self.plan_number:
            return f"Kết quả thực hiện kế hoạch năm {self.year}"
        when = ""
        if self.plan_date:
            month = f"{self.plan_date.month:02d}" if self.plan_date.month <= 2 else str(self.plan_date.month)
            when = f" ngày {self.plan_date.day:02d}/{month}/{self.plan_date.year}"
        return f"Kết quả thực hiện Kế hoạch số {self.plan_number}{when} của UBND tỉnh năm {self.year}"


@dataclass(frozen=True)
class SubmissionLine:
    """Whether a unit reported to the lead office.  ``outcome`` is ``"on_time"``,
    ``"late"`` (``days_late`` > 0), ``"amended"`` (sent again after acceptance) or
    ``"missing"``; ``status`` the same in words ("đúng hạn", "chậm 3 ngày", "chưa gửi"),
    made from ``outcome`` when left empty.  ``sent_on`` is printed as given ("20/11/2026")."""
    office: str
    status: str = ""
    sent_on: str = ""
    signer: str = ""
    outcome: str = ""
    days_late: int = 0
    fingerprint: str = ""

    def status_words(self) -> str:
        if self.status:
            return self.status
        if self.outcome == "on_time":
            return "Đúng hạn"
        if self.outcome in ("late", "amended") and self.days_late:
            return f"Chậm {self.days_late} ngày"
        if self.outcome == "amended":
            return "Gửi bổ sung"
        return "Chưa gửi" if self.outcome == "missing" else ""


@dataclass(frozen=True)
class PdfResult:
    """What a build wrote: the page count and where the signature block landed, so the
    visible stamp of a digital signature (``signing.py``) goes exactly there.
    ``signature_page`` is 0-based; ``signature_box`` is (x1, y1, x2, y2) in PDF points
    from the page's bottom-left corner."""
    pages: int
    signature_page: int
    signature_box: tuple[float, float, float, float]
