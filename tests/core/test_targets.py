"""Targets as the plans print them: the grammar reads every form, and the evaluator says
achieved, not achieved or cannot evaluate, and why."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.resources import plans_dir
from desktop_app.core.targets import TargetSyntaxError, evaluate, parse_target


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("< 3", {"form": "compare", "op": "<", "value": "3"}),
        ("<3,5", {"form": "compare", "op": "<", "value": "3.5"}),
        ("> 95", {"form": "compare", "op": ">", "value": "95"}),
        ("≥ 97", {"form": "compare", "op": ">=", "value": "97"}),
        (">90", {"form": "compare", "op": ">", "value": "90"}),
        ("≥ 2", {"form": "compare", "op": ">=", "value": "2"}),
        ("≤ 5", {"form": "compare", "op": "<=", "value": "5"}),
        ("trên 95", {"form": "compare", "op": ">", "value": "95"}),
        ("0,5-1,2", {"form": "range", "low": "0.5", "high": "1.2"}),
        ("30-35", {"form": "range", "low": "30", "high": "35"}),
        ("40 – 45%", {"form": "range", "low": "40", "high": "45", "percent": True}),
        ("99-99,98", {"form": "range", "low": "99", "high": "99.98"}),
        ("100", {"form": "exact", "op": "=", "value": "100"}),
        ("1.500", {"form": "exact", "op": "=", "value": "1500"}),
        ("11,1%", {"form": "exact", "op": "=", "value": "11.1", "percent": True}),
        ("giảm xuống còn 11,1%", {"form": "reduce_to", "op": "<=", "value": "11.1", "percent": True}),
        ("> 95 (12 loại vắc xin)", {"form": "compare", "op": ">", "value": "95", "qualifier": "12 loại vắc xin"}),
        ("45,45% (so với 11 huyện,TX, TP)",
         {"form": "exact", "op": "=", "value": "45.45", "percent": True, "qualifier": "so với 11 huyện,TX, TP"}),
        ("Bảo đảm", {"form": "word", "word": "ensured"}),
        ("Xoá bỏ hoàn toàn", {"form": "word", "word": "fully_eliminated"}),
        ("Xóa bỏ hoàn toàn", {"form": "word", "word": "fully_eliminated"}),
        ("Loại trừ", {"form": "word", "word": "eliminated"}),
        ("Giải quyết cơ bản", {"form": "word", "word": "basically_solved"}),
        ("Tiểu học", {"form": "word", "word": "primary_school"}),
        ("THCS", {"form": "word", "word": "lower_secondary"}),
        ("-", {"form": "none"}),
        ("", {"form": "none"}),
    ],
)
def test_every_printed_form_is_read(printed, expected):
    assert parse_target(printed).to_dict() == expected


def test_a_reading_corrects_a_figure_printed_in_another_notation():
    with pytest.raises(TargetSyntaxError) as error:
        parse_target("27.4")
    assert "27.4" in error.value.vi
    target = parse_target("27.4", reading="27,4")
    assert target.low == D("27.4") and target.printed == "27.4"


@pytest.mark.parametrize("garbage", ["<<< 3 ???", "???", "3 <", "35-30", "> abc", "1,2,3"])
def test_garbage_is_refused_with_the_text_in_the_message(garbage):
    with pytest.raises(TargetSyntaxError) as error:
        parse_target(garbage)
    assert garbage in error.value.vi


@pytest.mark.parametrize(
    "printed, actual, direction, status",
    [
        ("< 3", "2,9", "lower", "achieved"),
        ("< 3", "3", "lower", "not_achieved"),
        ("> 95", "95,5", "higher", "achieved"),
        ("≥ 97", "96,9", "higher", "not_achieved"),
        ("30-35", "33", "higher", "achieved"),
        ("30-35", "36", "higher", "achieved"),
        ("30-35", "36", None, "not_achieved"),
        ("30-35", "29", "higher", "not_achieved"),
        ("25", "24", "lower", "achieved"),
        ("25", "26", "lower", "not_achieved"),
        ("100", "100", "higher", "achieved"),
        ("100", "99,9", "higher", "not_achieved"),
        ("giảm xuống còn 11,1%", "11,1", "lower", "achieved"),
        ("giảm xuống còn 11,1%", "11,2", "lower", "not_achieved"),
    ],
)
def test_values_are_judged_in_the_indicators_good_direction(printed, actual, direction, status):
    from desktop_app.core.text import parse_number

    assert evaluate(parse_target(printed), parse_number(actual), direction=direction).status == status


def test_a_yearly_reduction_is_measured_against_last_year():
    target = parse_target("0,5-1,2")
    assert evaluate(target, D("4.2"), previous=D("5"), measure="yearly_reduction").status == "achieved"
    assert evaluate(target, D("4.9"), previous=D("5"), measure="yearly_reduction").status == "not_achieved"
    missing = evaluate(target, D("4.9"), measure="yearly_reduction")
    assert missing.status == "cannot_evaluate" and "năm trước" in missing.reason("vi")


def test_words_need_a_persons_judgement_and_levels_compare():
    ensured = parse_target("Bảo đảm")
    waiting = evaluate(ensured, "Đã bảo đảm")
    assert waiting.status == "cannot_evaluate" and ensured.needs_judgement
    assert "ghi nhận đạt hay không đạt" in waiting.reason("vi")
    assert evaluate(ensured, "Đã bảo đảm", judgement=True).status == "achieved"
    assert evaluate(ensured, "Chưa", judgement=False).status == "not_achieved"
    assert evaluate(parse_target("Tiểu học"), "THCS").status == "achieved"
    assert evaluate(parse_target("THCS"), "Tiểu học").status == "not_achieved"


def test_no_value_and_no_target_cannot_be_evaluated():
    assert evaluate(parse_target("< 3"), None).reason("vi")
    assert evaluate(parse_target("-"), D(1)).status == "cannot_evaluate"
    assert evaluate(parse_target("< 3"), "nhiều").status == "cannot_evaluate"


def test_the_reason_speaks_the_language_asked_for():
    result = evaluate(parse_target("< 3"), D("2.8"), direction="lower")
    assert result.reason("vi") == "2,8 so với mục tiêu dưới 3"
    assert result.reason("en") == "2,8 against a target of under 3"


def _bundled_targets():
    for path in sorted(plans_dir().glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        for indicator in plan["indicators"]:
            for year, target in indicator.get("targets", {}).items():
                yield pytest.param(target, indicator, id=f"{plan['code']}:{indicator['id']}:{year}")


@pytest.mark.parametrize("target, indicator", list(_bundled_targets()))
def test_every_target_in_every_bundled_plan_parses_and_evaluates(target, indicator):
    parsed = parse_target(target["printed"], reading=target.get("reading"), unit=indicator.get("unit", ""))
    result = evaluate(parsed, D(50), previous=D(51), measure=indicator.get("measure", "value"),
                      direction=indicator.get("direction"))
    assert result.status in ("achieved", "not_achieved", "cannot_evaluate")
    assert result.reason("vi")


PIECES = st.sampled_from(["<", ">", "≥", "≤", "=", "-", "–", "%", "(", ")", " ", ",", ".", "giảm xuống còn", "trên",
                          "Bảo đảm", "THCS", "99", "3,5", "1.500", "0", "x", "đ"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=8).map("".join)))
def test_the_parser_never_fails_with_anything_but_its_own_error(text):
    try:
        parsed = parse_target(text)
    except TargetSyntaxError as error:
        assert error.vi and error.en
        return
    assert parsed.form in ("none", "exact", "compare", "range", "word", "reduce_to")
    evaluate(parsed, D(1), previous=D(2))


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False))
def test_a_formatted_number_reads_back_as_the_same_target(number):
    from desktop_app.core.text import format_number

    assert parse_target(format_number(number)).low == number
    assert parse_target("≥ " + format_number(number)).low == number


def test_english_notation_is_refused_with_the_vietnamese_spelling_offered():
    from desktop_app.core.errors import InputError
    from desktop_app.core.text import parse_number

    with pytest.raises(InputError) as refused:
        parse_number("1,234.5")
    assert "1.234,5" in refused.value.message("vi")
