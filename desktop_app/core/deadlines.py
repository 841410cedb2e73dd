"""How long until the report is due, said the way the banner says it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.core.i18n import N_, translate
from desktop_app.core.model import Plan
from desktop_app.core.text import format_date

LAST_WEEK = 7


@dataclass(frozen=True)
class DeadlineStatus:
    level: str  # "ok" | "soon" | "overdue" | "signed"
    days: int
    deadline: dt.date
    message_id: str
    signed_on: dt.date | None = None

    def message(self, language: str | None = None) -> str:
        return translate(self.message_id, language, days=abs(self.days), date=format_date(self.deadline),
                         signed=format_date(self.signed_on) if self.signed_on else "")


def deadline_status(plan: Plan, year: int, today: dt.date, signed_at: str | None = None, *,
                    lead: bool = False) -> DeadlineStatus:
    """``lead``: the consolidating office, due by the plan's own day for it when it names
    one (Khánh Hòa: offices by 25/11, the lead office to the ministry by 05/12)."""
    deadline = plan.deadline(year)
    if lead and plan.reporting.lead_deadline:
        deadline = plan.reporting.lead_deadline.in_year(year)
    if signed_at:
        signed_on = dt.date.fromisoformat(signed_at[:10])
        return DeadlineStatus("signed", 0, deadline, N_("Signed on {signed}"), signed_on)
    days = (deadline - today).days
    if days < 0:
        return DeadlineStatus("overdue", days, deadline, N_("Overdue by {days} day(s) (deadline {date})"))
    if days == 0:
        return DeadlineStatus("soon", 0, deadline, N_("The report is due today ({date})"))
    level = "soon" if days <= LAST_WEEK else "ok"
    return DeadlineStatus(level, days, deadline, N_("{days} day(s) left until the report is due ({date})"))
