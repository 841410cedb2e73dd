"""Shared checks of a catalog against its pinned table (tests/catalogs/pinned_*.py).

The table is the audit kept as data: each row as the plan prints it.  Comparing row by
row (not the whole list at once) names the row and field that changed."""

from __future__ import annotations


def office_names(plan, ids) -> tuple[str, ...]:
    return tuple(plan.offices[i].name for i in ids)


def indicator_facts(plan, indicator) -> tuple:
    return (
        indicator.id, indicator.number, indicator.name, indicator.unit, indicator.measure, indicator.direction,
        {year: target.printed for year, target in indicator.targets.items()}, office_names(plan, indicator.lead),
    )


def task_facts(plan, task) -> tuple:
    return (task.id, task.name, office_names(plan, task.lead), office_names(plan, task.coordinators),
            task.submission_level, task.time)


def assert_rows_match(plan, indicators, tasks) -> None:
    assert [i.id for i in plan.indicators] == [row[0] for row in indicators]
    for row in indicators:
        assert indicator_facts(plan, plan.indicator(row[0])) == row, row[0]
    assert [t.id for t in plan.tasks] == [row[0] for row in tasks]
    for row in tasks:
        assert task_facts(plan, plan.task(row[0])) == row, row[0]


def flat(text: str) -> str:
    return " ".join(text.split())
