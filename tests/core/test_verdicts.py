"""Before the target year the question is whether the office is on track, not whether
a 2026 value already meets the 2030 target."""

from __future__ import annotations

from desktop_app.core import entries
from desktop_app.core.progress import indicator_rows, status_label, verdict_rule, verdict_tone


def verdicts(ws, year):
    return {r.indicator.id: r for r in indicator_rows(ws, year)}


def test_on_the_path_from_2025_to_the_2030_target_is_on_track(workspace):
    # I.2: "> 31" in 2025, "> 40" in 2030, higher is better
    entries.set_value(workspace, 2025, "I.2", "32")
    entries.set_value(workspace, 2026, "I.2", "34")  # the path: 32 + (40 - 32) / 5 = 33,6
    row = verdicts(workspace, 2026)["I.2"]
    assert row.status == "on_track" and status_label(row.status, "vi") == "đúng tiến độ"
    assert "33,6" in row.evaluation.reason("vi")
    entries.set_value(workspace, 2026, "I.2", "33")
    assert verdicts(workspace, 2026)["I.2"].status == "behind"
    assert status_label("behind", "vi") == "chậm tiến độ"


def test_a_value_already_past_the_target_is_already_achieved(workspace):
    entries.set_value(workspace, 2026, "I.2", "41")
    row = verdicts(workspace, 2026)["I.2"]
    assert row.status == "reached" and status_label(row.status, "vi") == "đã đạt"


def test_without_a_value_for_the_start_the_plans_own_figure_starts_the_path(workspace):
    entries.set_value(workspace, 2027, "I.1", "2,9")  # "< 3" both years: already there
    assert verdicts(workspace, 2027)["I.1"].status == "reached"
    entries.set_value(workspace, 2027, "I.1", "3,2")  # the path from 3 (plan, 2025) to 3: short
    assert verdicts(workspace, 2027)["I.1"].status == "behind"


def test_in_the_target_year_it_is_achieved_or_not(workspace):
    entries.set_value(workspace, 2030, "I.2", "39")
    assert verdicts(workspace, 2030)["I.2"].status == "not_achieved"
    entries.set_value(workspace, 2030, "I.2", "41")
    assert verdicts(workspace, 2030)["I.2"].status == "achieved"
    assert status_label("not_achieved", "vi") == "không đạt"


def test_no_value_cannot_be_judged_and_the_rule_reads_as_a_sentence(workspace):
    row = verdicts(workspace, 2026)["I.2"]
    assert row.status == "cannot_evaluate" and status_label(row.status, "vi") == "không đánh giá được"
    assert verdict_tone("on_track") == "achieved" and verdict_tone("behind") == "not_achieved"
    rule = verdict_rule("vi")
    assert "đúng tiến độ" in rule and "chậm tiến độ" in rule and rule.endswith(".")
