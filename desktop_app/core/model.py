"""The plan as the program sees it: plain, immutable data loaded from a catalog.

What a province may change (indicators, targets, offices, deadlines, recipients,
signers) is data in ``resources/plans/*.json`` or an imported spreadsheet, never code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from desktop_app.core.i18n import N_, translate
from desktop_app.core.text import fold

if TYPE_CHECKING:
    from desktop_app.core.targets import ParsedTarget

INDICATOR_KINDS = ("percent", "count", "ratio", "level", "index", "other")
MEASURES = ("value", "yearly_reduction", "yearly_increase", "cumulative")
DIRECTIONS = ("higher", "lower", None)
OFFICE_KINDS = ("department", "agency", "local", "party", "mass-org", "central", "collective", "other")


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    code: str = ""  # a national code (e.g. the GSO's administrative unit code) when the catalog gives one

    @property
    def display_name(self) -> str:
        return self.short or self.name

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.short, *self.aliases)


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    number: str
    name: str


@dataclass(frozen=True)
class Target:
    year: int
    printed: str
    reading: str | None = None

    @cached_property
    def parsed(self) -> ParsedTarget:
        from desktop_app.core.targets import parse_target

        return parse_target(self.printed, reading=self.reading)


@dataclass(frozen=True)
class Indicator:
    id: str
    group_id: str
    number: str
    name: str
    unit: str
    kind: str = "other"
    measure: str = "value"
    direction: str | None = None
    cumulative_from: int | None = None
    targets: dict[int, Target] = field(default_factory=dict, hash=False, compare=True)
    lead: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    from_resolution_42: bool | None = None
    parent_id: str | None = None
    note: str | None = None

    def target(self, year: int) -> Target | None:
        return self.targets.get(year)

    @property
    def is_sub_indicator(self) -> bool:
        return self.parent_id is not None


@dataclass(frozen=True)
class Task:
    id: str
    section: str
    number: str
    name: str
    lead: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    submission_level: str = ""
    time: str = ""
    coordinators_text: str = ""  # as printed, when the plan names them in a sentence
    # Where the lead comes from when the task's own row is silent (e.g. "Phần IV, mục 4: …"),
    # so a reader can check it against the plan.
    note: str = ""


@dataclass(frozen=True)
class DayMonth:
    day: int
    month: int

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}"


@dataclass(frozen=True)
class OtherDeadline:
    day: int
    month: int
    year: int | None
    what: str


@dataclass(frozen=True)
class Reporting:
    deadline: DayMonth
    reports_to: str
    consolidated_to: str = ""
    lead_deadline: DayMonth | None = None
    lead_deadline_to: str = ""
    other_deadlines: tuple[OtherDeadline, ...] = ()
    first_year: int = 2024
    last_year: int = 2030
    review_years: tuple[int, ...] = (2025, 2030)
    text: str = ""


@dataclass(frozen=True)
class Document:
    number: str
    date: dt.date
    date_printed: str
    issuer: str
    title: str


@dataclass(frozen=True)
class Signing:
    authority: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class FormSpec:
    """The lead office's word on what one office (or every office of a kind) reports,
    replacing the form derived from the plan's lead and coordinating offices.
    ``office`` is an office id, or ``kind:local`` / ``kind:department``…"""

    office: str
    indicators: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    code: str
    catalog_version: int
    province: str
    document: Document
    lead_office_id: str
    reporting: Reporting
    recipients: tuple[str, ...]
    signing: Signing
    offices: dict[str, Office]
    groups: tuple[IndicatorGroup, ...]
    indicators: tuple[Indicator, ...]
    tasks: tuple[Task, ...]
    source: str = ""
    forms: tuple[FormSpec, ...] = ()
    # Global identity (see resources/plans/SCHEMA.md): a prefix no other plan has, and the
    # GSO code of the issuing province, on the plan's date and on the 2025 map.
    id_prefix: str = ""
    province_code: str = ""
    province_code_2025: str = ""

    @property
    def global_id(self) -> str:
        """The plan's own id outside this program (the national data set's code)."""
        return self.id_prefix or self.code

    def indicator_global_id(self, indicator_id: str) -> str:
        """``VN24-KH50-20240816.4.10``: the prefix plus the plan's own number, unique across plans."""
        return f"{self.global_id}.{indicator_id}"

    def office_global_id(self, office_id: str) -> str:
        """The office's national code when the catalog gives one, otherwise a plan-prefixed slug
        (also for offices the lead office added, which the catalog does not know)."""
        office = self.offices.get(office_id)
        if office is not None and office.code:
            return office.code
        return f"{self.global_id}.{office_id}"

    @property
    def lead_office(self) -> Office:
        return self.offices[self.lead_office_id]

    @cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    @cached_property
    def _offices_by_spelling(self) -> dict[str, Office]:
        index: dict[str, Office] = {}
        for office in self.offices.values():
            for spelling in office.spellings():
                if spelling:
                    index.setdefault(_office_key(spelling), office)
        return index

    def indicator(self, indicator_id: str) -> Indicator:
        try:
            return self._indicators_by_id[indicator_id]
        except KeyError:
            from desktop_app.core.errors import InputError

            raise InputError(
                "Plan {plan} has no indicator “{indicator}”.", plan=self.code, indicator=indicator_id
            ) from None

    def has_indicator(self, indicator_id: str) -> bool:
        return indicator_id in self._indicators_by_id

    @cached_property
    def _tasks_by_id(self) -> dict[str, Task]:
        index: dict[str, Task] = {}
        for task in self.tasks:
            index.setdefault(task.id, task)
        return index

    def task(self, task_id: str) -> Task:
        task = self._tasks_by_id.get(task_id)
        if task is not None:
            return task
        from desktop_app.core.errors import InputError

        raise InputError("Plan {plan} has no task “{task}”.", plan=self.code, task=task_id)

    def group(self, group_id: str) -> IndicatorGroup:
        return next(group for group in self.groups if group.id == group_id)

    def office_by_name(self, text: str) -> Office | None:
        return self._offices_by_spelling.get(_office_key(text))

    def office_names(self, office_ids: tuple[str, ...]) -> str:
        return ", ".join(self.offices[o].display_name for o in office_ids if o in self.offices)

    def office_names_or_unsaid(self, office_ids: tuple[str, ...], language: str | None = None) -> str:
        """The offices, or "không quy định" where the plan names none (never a guess)."""
        return unsaid(self.office_names(office_ids), language)

    def children(self, indicator_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.parent_id == indicator_id)

    @cached_property
    def heading_ids(self) -> frozenset[str]:
        """Rows that only head their sub-indicators ("Chỉ tiêu số lượng trên 10.000 dân"):
        they have children and no target of their own, so nothing is entered on them."""
        parents = {i.parent_id for i in self.indicators if i.parent_id}
        return frozenset(
            i.id for i in self.indicators
            if i.id in parents and all(t.parsed.form == "none" for t in i.targets.values())
        )

    def is_heading(self, indicator_id: str) -> bool:
        return indicator_id in self.heading_ids

    def deadline(self, year: int) -> dt.date:
        return self.reporting.deadline.in_year(year)

    @property
    def years(self) -> range:
        return range(self.reporting.first_year, self.reporting.last_year + 1)

    @property
    def title_line(self) -> str:
        """``Kế hoạch số 8839/KH-UBND ngày 09/8/2024`` as reports cite the plan."""
        from desktop_app.core.plan_list import title_line

        return title_line(self.document.number, self.document.date_printed)


def _office_key(text: str) -> str:
    return " ".join(fold(text).replace("&", " va ").replace("-", " ").split())


UNSAID = N_("not specified")


def unsaid(text: str, language: str | None = None) -> str:
    """A catalog field as a reader sees it: the plan's text, or "không quy định" when the
    plan leaves it empty (a task with no printed time or lead)."""
    return text if text and text.strip() else translate(UNSAID, language)
