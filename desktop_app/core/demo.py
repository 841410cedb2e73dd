"""A filled-in workspace to try TienDo with: the Khánh Hòa plan, three years of
plausible values, task progress and report text.  Nothing here is real data.

The years follow the clock: this year (still being filled in) and the two before it
(the last one signed), whatever year the program is run in."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from desktop_app.core import clock, entries, forms, signoff
from desktop_app.core.errors import TienDoError
from desktop_app.core.model import Indicator, Plan
from desktop_app.core.plans import bundled_plan_codes, load_bundled_plan
from desktop_app.core.workspace import Workspace

DEMO_PLAN = "khanhhoa-2024"


def demo_years() -> tuple[int, int, int]:
    """The two years before this one and this one, by the program's clock."""
    this_year = clock.today().year
    return this_year - 2, this_year - 1, this_year


def signed_year() -> int:
    return demo_years()[1]

NARRATIVE = {
    "results": (
        "Năm {year}, Sở đã tham mưu Ủy ban nhân dân tỉnh ban hành các văn bản triển khai chính sách xã hội; "
        "các chính sách ưu đãi người có công, giảm nghèo bền vững, giải quyết việc làm được thực hiện đầy đủ, "
        "kịp thời, đúng đối tượng.\n\n"
        "Công tác phối hợp giữa các sở, ngành và địa phương được duy trì thường xuyên; số liệu được cập nhật "
        "định kỳ, phục vụ kịp thời công tác chỉ đạo, điều hành."
    ),
    "difficulties": (
        "Nguồn lực thực hiện chính sách còn hạn chế; một số chỉ tiêu chưa có số liệu thống kê chính thức "
        "tại thời điểm báo cáo.\n\nViệc sắp xếp tổ chức bộ máy năm 2025 làm thay đổi đầu mối theo dõi một số chỉ tiêu."
    ),
    "proposals": (
        "Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện các chính sách xã hội năm {next_year}; "
        "chỉ đạo Cục Thống kê cung cấp số liệu chính thức trước ngày 15/11 hằng năm."
    ),
}


def demo_plan() -> Plan:
    codes = bundled_plan_codes()
    return load_bundled_plan(DEMO_PLAN if DEMO_PLAN in codes else codes[0])


def create_demo_workspace(path: Path, passphrase: str, *, progress=None) -> tuple[Workspace, str]:
    """Create and fill a demo workspace; ``progress(done, total)`` is called as it goes."""
    plan = demo_plan()
    ws, code = Workspace.create(
        path, passphrase, confirmation=passphrase, plan=plan, office_id=plan.lead_office_id, role="reporting",
        user_name="Cán bộ dùng thử",
    )
    try:
        fill_demo_data(ws, progress=progress)
    except BaseException:
        ws.close()
        raise
    return ws, code


def fill_demo_data(ws: Workspace, *, progress=None, seed: int = 2026) -> None:
    rng = random.Random(seed)
    plan = ws.plan
    years = demo_years()
    assigned = entries.assigned_ids(ws, "indicator")
    indicators = [i for i in plan.indicators if i.id in assigned and not plan.is_heading(i.id)]
    on_form = set(forms.office_form(ws).task_ids)
    tasks = [t for t in plan.tasks if t.id in on_form]
    total = len(indicators) * len(years) + len(tasks)
    done = 0
    for indicator in indicators:
        base = _plausible(indicator, rng)
        for offset, year in enumerate(years):
            done += 1
            if progress:
                progress(done, total)
            if year == years[-1] and rng.random() < 0.35:
                continue  # the current year is still being filled in
            _record(ws, indicator, year, base, offset, rng)
    for task in tasks:
        done += 1
        if progress:
            progress(done, total)
        for year in years:
            status = rng.choice(["done", "done", "in_progress", "behind"] if year < years[-1] else ["in_progress", "not_started", "done"])
            entries.set_task_progress(
                ws, year, task.id, status=status,
                result="Đã triển khai theo kế hoạch." if status != "not_started" else "",
                evidence_number=f"{rng.randint(10, 300)}/KH-SLĐTBXH" if status == "done" else "",
                evidence_date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 10):02d}/{year}" if status == "done" else None,
            )
    for year in years:
        for section, text in NARRATIVE.items():
            entries.set_narrative(ws, year, section, text.format(year=year, next_year=year + 1))
    _sign_if_ready(ws, signed_year())


def _sign_if_ready(ws: Workspace, year: int) -> None:
    for gap in signoff.readiness(ws, year):
        entries.mark_no_data(ws, year, gap.indicator_id, "Chưa có số liệu thống kê chính thức")
    try:
        signoff.sign_year(ws, year, signer_name="Nguyễn Văn An", signer_title="PHÓ GIÁM ĐỐC",
                          signer_authority="KT. GIÁM ĐỐC", report_number="245/BC-SLĐTBXH")
    except TienDoError:
        pass  # a demo without a signed year is still a demo


def _record(ws: Workspace, indicator: Indicator, year: int, base: Decimal | str | None, offset: int, rng) -> None:
    if base is None:
        entries.mark_no_data(ws, year, indicator.id, "Chưa có số liệu thống kê chính thức")
        return
    if isinstance(base, str):
        entries.set_value(ws, year, indicator.id, base, source="Báo cáo của các địa phương")
        entries.set_judgement(ws, year, indicator.id, True)
        return
    step = Decimal(offset) * _drift(indicator, base)
    number = base + step
    if indicator.kind == "count":
        number = number.to_integral_value()
    elif indicator.kind == "percent":
        number = min(max(number, Decimal(0)), Decimal(100)).quantize(Decimal("0.1"))
    else:
        number = max(number, Decimal(0)).quantize(Decimal("0.01"))
    if indicator.kind == "percent" and rng.random() < 0.3:
        denominator = Decimal(rng.randint(20_000, 90_000))
        numerator = (denominator * number / 100).to_integral_value()
        entries.set_value(ws, year, indicator.id, None, numerator=numerator, denominator=denominator,
                          source="Cục Thống kê tỉnh", note="Tính từ tử số và mẫu số", max_change=Decimal(10))
        return
    entries.set_value(ws, year, indicator.id, number, source="Cục Thống kê tỉnh", max_change=Decimal(10))


def _drift(indicator: Indicator, base: Decimal) -> Decimal:
    share = abs(base) * Decimal("0.02")
    return -share if indicator.direction == "lower" else share


def _plausible(indicator: Indicator, rng) -> Decimal | str | None:
    """A first-year value near the indicator's 2025 (or 2030) target."""
    target = indicator.targets.get(2025) or indicator.targets.get(2030)
    if target is None:
        return None
    parsed = target.parsed
    if parsed.needs_judgement:
        return "Đã thực hiện"
    if parsed.form == "none":
        if indicator.kind == "count":
            return Decimal(rng.randint(100, 5000))
        return None if rng.random() < 0.5 else Decimal(rng.randint(20, 80))
    low, high = parsed.low, parsed.high
    if indicator.measure != "value":
        return Decimal(rng.randint(50, 500)) if indicator.measure == "cumulative" else Decimal(rng.randint(5, 30))
    if low is None:
        return None
    if parsed.form == "range" and high is not None:
        centre = (low + high) / 2
    else:
        centre = low
    wobble = Decimal(rng.randint(-6, 6)) / 100
    value = centre * (1 + wobble)
    if indicator.kind == "percent":
        value = min(value, Decimal(100))
    return value
