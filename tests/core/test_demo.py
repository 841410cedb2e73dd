"""The sample workspace follows the clock: this year and the two before it are filled,
whatever year it is."""

from __future__ import annotations

import pytest

from conftest import PASSPHRASE
from desktop_app.core import entries
from desktop_app.core.demo import create_demo_workspace


@pytest.mark.parametrize("now, years", [("2026-06-15T09:00:00+07:00", (2024, 2025, 2026)),
                                        ("2028-03-01T09:00:00+07:00", (2026, 2027, 2028))])
def test_the_sample_years_follow_the_clock(tmp_path, clock, now, years):
    clock.set_now(now)
    ws, _ = create_demo_workspace(tmp_path / "demo.tiendo", PASSPHRASE)
    with ws:
        for year in years:
            assert entries.values(ws, year), year
        assert not entries.values(ws, years[0] - 1)
        assert entries.report_state(ws, years[1]).status == "signed"
        assert not entries.report_state(ws, years[2]).locked
