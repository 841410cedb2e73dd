"""set, no-data, judge, task, narrative, show."""

from __future__ import annotations

from pathlib import Path

from desktop_app.commands import secrets
from desktop_app.commands.output import print_json, print_table
from desktop_app.core import entries
from desktop_app.core.i18n import _
from desktop_app.core.progress import indicator_rows, status_label
from desktop_app.core.workspace import Workspace



def register(subparsers) -> None:
    p = subparsers.add_parser("set", help=_("record an indicator's value for a year"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("indicator")
    p.add_argument("value", nargs="?", default="", help=_("in Vietnamese notation: 99,5 or 1.234"))
    p.add_argument("--numerator")
    p.add_argument("--denominator")
    p.add_argument("--note")
    p.add_argument("--source")
    p.set_defaults(handler=set_value)

    p = subparsers.add_parser("no-data", help=_("record that there is no data for an indicator, and why"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("indicator")
    p.add_argument("reason")
    p.set_defaults(handler=no_data)

    p = subparsers.add_parser("judge", help=_("record whether a word target was achieved"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("indicator")
    p.add_argument("verdict", choices=("achieved", "not-achieved", "clear"))
    p.set_defaults(handler=judge)

    p = subparsers.add_parser("task", help=_("record a task's progress"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("task")
    p.add_argument("status", choices=entries.TASK_STATUSES)
    p.add_argument("--result", default="")
    p.add_argument("--evidence", default="", help=_("number of the document that evidences it"))
    p.add_argument("--evidence-date", default="", help="dd/mm/yyyy")
    p.set_defaults(handler=task)

    p = subparsers.add_parser("narrative", help=_("set a narrative section of the year's report"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("section", choices=entries.NARRATIVE_SECTIONS)
    p.add_argument("text", help=_("the text, or @FILE to read it from a file"))
    p.set_defaults(handler=narrative)

    p = subparsers.add_parser("show", help=_("show a year's values and evaluations"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)


def _open(args) -> Workspace:
    return Workspace.open(args.workspace, passphrase=secrets.passphrase())


def set_value(args) -> int:
    with _open(args) as ws:
        record = entries.set_value(
            ws, args.year, args.indicator, args.value, numerator=args.numerator, denominator=args.denominator,
            note=args.note, source=args.source,
        )
    print(_("{indicator} {year}: {value}", indicator=args.indicator, year=args.year, value=record.display()))
    return 0


def no_data(args) -> int:
    with _open(args) as ws:
        entries.mark_no_data(ws, args.year, args.indicator, args.reason)
    return 0


def judge(args) -> int:
    verdict = {"achieved": True, "not-achieved": False, "clear": None}[args.verdict]
    with _open(args) as ws:
        entries.set_judgement(ws, args.year, args.indicator, verdict)
    return 0


def task(args) -> int:
    with _open(args) as ws:
        entries.set_task_progress(
            ws, args.year, args.task, status=args.status, result=args.result, evidence_number=args.evidence,
            evidence_date=args.evidence_date,
        )
    return 0


def narrative(args) -> int:
    text = Path(args.text[1:]).read_text(encoding="utf-8") if args.text.startswith("@") else args.text
    with _open(args) as ws:
        entries.set_narrative(ws, args.year, args.section, text)
    return 0


def show(args) -> int:
    with _open(args) as ws:
        rows = indicator_rows(ws, args.year)
        if args.json:
            print_json(
                {
                    "plan": ws.plan_code,
                    "office": ws.office_id,
                    "year": args.year,
                    "indicators": [
                        {
                            "id": r.indicator.id,
                            "number": r.indicator.number,
                            "name": r.indicator.name,
                            "unit": r.indicator.unit,
                            "assigned": r.assigned,
                            "target": r.target.printed if r.target else None,
                            "value": r.current.number if r.current and r.current.number is not None else (r.current.text if r.current else None),
                            "numerator": r.current.numerator if r.current else None,
                            "denominator": r.current.denominator if r.current else None,
                            "no_data_reason": r.current.no_data_reason if r.current else None,
                            "source": r.current.source if r.current else "",
                            "note": r.current.note if r.current else "",
                            "previous": r.previous.number if r.previous else None,
                            "evaluation": r.status,
                            "reason": r.evaluation.reason(),
                        }
                        for r in rows
                    ],
                }
            )
            return 0
        print_table(
            [_("Id"), _("Indicator"), _("Unit"), _("Target"), _("Value"), _("Evaluation")],
            [
                [r.indicator.id, r.indicator.name, r.indicator.unit, r.target.printed if r.target else "",
                 r.current.display() if r.current else "", r.evaluation.reason() if r.status == "cannot_evaluate" else status_label(r.status)]
                for r in rows
            ],
        )
    return 0
