"""Targets that say what they measure: each catalog marks its reductions per year and its
cumulative counts, and the evaluator and the report's notes follow that mark."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core.plans import load_bundled_plans
from desktop_app.core.targets import evaluate, measure_rule, parse_target


@pytest.mark.parametrize("plan", load_bundled_plans(), ids=lambda p: p.code)
def test_every_yearly_rate_and_period_total_is_marked(plan):
    for indicator in plan.indicators:
        if indicator.unit == "%/năm":  # "Mức giảm tỉ lệ hộ nghèo … hàng năm"
            assert indicator.measure == "yearly_reduction" and indicator.name.startswith(("Mức giảm", "Trong đó"))
        if indicator.unit == "Căn hộ":  # apartments built over the period
            assert (indicator.measure, indicator.cumulative_from) == ("cumulative", 2021)
        if indicator.measure == "value":
            assert "%/năm" not in indicator.unit


def test_a_reduction_per_year_is_judged_on_two_years():
    # Bắc Giang 5.10: "Mức giảm tỉ lệ hộ nghèo đa chiều hàng năm %/năm 0,9": 3,1% → 2,1% is 1 point.
    target = parse_target("0,9")
    ok = evaluate(target, Decimal("2.1"), previous=Decimal("3.1"), measure="yearly_reduction", direction="lower")
    assert ok.status == "achieved" and ok.reason("vi") == "giảm 1,0 so với mục tiêu 0,9"
    short = evaluate(target, Decimal("2.5"), previous=Decimal("3.1"), measure="yearly_reduction", direction="lower")
    assert short.status == "not_achieved"
    alone = evaluate(target, Decimal("2.5"), measure="yearly_reduction", direction="lower")
    assert alone.status == "cannot_evaluate"


def test_the_rule_is_printable_in_vietnamese():
    assert measure_rule("yearly_reduction", language="vi").startswith("Mục tiêu là mức giảm mỗi năm")
    assert "điểm phần trăm" in measure_rule("yearly_reduction", language="vi")
    assert measure_rule("cumulative", 2021, "vi") == (
        "Mục tiêu là số lũy kế cả giai đoạn: cộng số liệu các năm từ năm 2021 đến năm báo cáo.")
    assert measure_rule("value", language="vi") == "Số liệu của năm được so với mục tiêu."
    assert measure_rule("yearly_increase", language="en").startswith("The target is an increase per year")
