"""Honest figures: the app's work and its floor (the same work done by the bare tool it
stands on) measured in the same run, alternated (app, floor, floor, app, …) so that a
busy machine slows both alike, at least 5 runs each; the median, the spread (min–max)
and the ratio app/floor.  A ratio below 1 means the floor does not do the same work:
a bug in the bench, reported as such.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable

MIN_RUNS = 5
# Two figures doing the same work (open a big workspace | open an empty one) land on either
# side of 1 by noise alone; below this, the floor does more than the app: a bench bug.
NOISE = 0.05


@dataclass(frozen=True)
class Figure:
    name: str
    app: list[float]       # seconds, one per run
    floor: list[float]
    floor_name: str
    unit: str = "ms"
    goal: float | None = None   # the ratio the issue asks for, when it names one

    @property
    def scale(self) -> float:
        return {"ms": 1000.0, "s": 1.0}[self.unit]

    @property
    def app_median(self) -> float:
        return statistics.median(self.app) * self.scale

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor) * self.scale

    @property
    def ratio(self) -> float:
        return self.app_median / self.floor_median

    def spread(self, samples: list[float]) -> str:
        return f"{min(samples) * self.scale:.1f}–{max(samples) * self.scale:.1f}"

    @property
    def verdict(self) -> str:
        if self.ratio < 1 - NOISE:
            return "BENCH BUG (<1)"
        if self.ratio < 1:
            return "≈1 (within noise)"
        if self.goal is not None:
            return f"ok (≤{self.goal:g})" if self.ratio <= self.goal else f"MISSED (≤{self.goal:g})"
        return ""


def alternate(app: Callable[[], object], floor: Callable[[], object], runs: int = MIN_RUNS,
              *, before_app: Callable[[], object] | None = None,
              before_floor: Callable[[], object] | None = None) -> tuple[list[float], list[float]]:
    """Time ``app`` and ``floor`` ``runs`` times each, alternating which goes first.

    ``before_*`` run untimed just before each timed call (a fresh copy, a cold cache)."""
    runs = max(runs, MIN_RUNS)
    app_times, floor_times = [], []

    def timed(work, prepare, into) -> None:
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        work()
        into.append(time.perf_counter() - start)

    for n in range(runs):
        pair = [(app, before_app, app_times), (floor, before_floor, floor_times)]
        for work, prepare, into in (pair if n % 2 == 0 else pair[::-1]):
            timed(work, prepare, into)
    return app_times, floor_times


def compare(name: str, app, floor, *, floor_name: str, runs: int = MIN_RUNS, unit: str = "ms",
            goal: float | None = None, **prepare) -> Figure:
    app_times, floor_times = alternate(app, floor, runs, **prepare)
    return Figure(name, app_times, floor_times, floor_name, unit, goal)


HEADER = (f"{'figure':58} {'app median':>11} {'floor median':>12} {'ratio':>6}  {'app spread':>14} "
          f"{'floor spread':>14}  {'n':>3}  verdict / floor")


def row(figure: Figure) -> str:
    unit = figure.unit
    return (f"{figure.name[:58]:58} {figure.app_median:8.1f} {unit:2} {figure.floor_median:9.1f} {unit:2} "
            f"{figure.ratio:6.2f}  {figure.spread(figure.app):>14} {figure.spread(figure.floor):>14}  "
            f"{len(figure.app):3}  {figure.verdict} {figure.floor_name}")


def print_figures(figures: list[Figure]) -> None:
    print(HEADER)
    for figure in figures:
        print(row(figure))
