"""set, no-data, judge, task, narrative, show, form."""

from __future__ import annotations

from pathlib import Path

import argparse
import sys

from desktop_app.commands import secrets
from desktop_app.commands.output import print_json, print_table
from desktop_app.core import entries, forms
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.progress import indicator_rows, status_label
from desktop_app.core.workspace import Workspace



class _Intermixed:
    """Optional positionals after options (``set WS --year Y I.1 2,8``): plain argparse
    gives them away, empty, to the first chunk of positionals."""

    def parse_known_args(self, args=None, namespace=None):
        if getattr(self, "_mixing", False):
            return super().parse_known_args(args, namespace)
        self._mixing = True
        saved_usage = self.usage
        if self.usage is None:
            # argparse would cut len("usage: ") off the usage line, in whatever language it is.
            self.usage = self.format_usage()[len(argparse._("usage: ")):].strip()
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._mixing = False
            self.usage = saved_usage


def _intermixed(parser: argparse.ArgumentParser) -> None:
    """The parser reads intermixed arguments, keeping its own class (and its one-line errors)."""
    parser.__class__ = type(f"Intermixed{type(parser).__name__}", (_Intermixed, type(parser)), {})


def register(subparsers) -> None:
    p = subparsers.add_parser("set", help=_("record an indicator's value for a year"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    _intermixed(p)
    p.add_argument("item", nargs="*", metavar="INDICATOR VALUE",
                   help=_("the indicator and its value in Vietnamese notation: 99,5 or 1.234"))
    p.add_argument("--from", dest="from_file", type=Path,
                   help=_("a CSV file with the columns id,value,source,note: all its rows are saved, or none"))
    p.add_argument("--numerator")
    p.add_argument("--denominator")
    p.add_argument("--note")
    p.add_argument("--source")
    p.set_defaults(handler=set_value)

    p = subparsers.add_parser("no-data", help=_("record that there is no data for an indicator, and why"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("indicators", nargs="+", metavar="INDICATOR")
    p.add_argument("--reason", help=_("why there is no data (one reason for all the indicators given)"))
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
    p.add_argument("--all", action="store_true", help=_("every indicator of the plan, not only the office's form"))
    p.set_defaults(handler=show)

    p = subparsers.add_parser("form", help=_("show or change the office's form (what it reports)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--add", nargs="+", default=[], metavar="INDICATOR", help=_("also report these indicators"))
    p.add_argument("--remove", nargs="+", default=[], metavar="INDICATOR", help=_("take back indicators added before"))
    p.add_argument("--office", help=_("lead office: the office (id, or kind:local) whose form to set"))
    p.add_argument("--indicators", help=_("lead office: the form's indicators, separated by commas"))
    p.add_argument("--tasks", help=_("lead office: the form's tasks, separated by commas"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=form)


def _open(args) -> Workspace:
    return Workspace.open(args.workspace, passphrase=secrets.passphrase())


def set_value(args) -> int:
    if args.from_file is not None:
        if args.item:
            raise InputError("Give either an indicator and its value, or --from FILE.")
        return _set_from_file(args)
    if not 1 <= len(args.item) <= 2:
        raise InputError("Give either an indicator and its value, or --from FILE.")
    args.indicator, args.value = args.item[0], (args.item[1] if len(args.item) > 1 else "")
    with _open(args) as ws:
        record = entries.set_value(
            ws, args.year, args.indicator, args.value, numerator=args.numerator, denominator=args.denominator,
            note=args.note, source=args.source,
        )
    print(_("{indicator} {year}: {value}", indicator=args.indicator, year=args.year, value=record.display()))
    return 0


def _set_from_file(args) -> int:
    from desktop_app.core.values_file import read_values_csv

    rows = read_values_csv(args.from_file)
    with _open(args) as ws:
        try:
            result = entries.set_values(ws, args.year, rows)
        except entries.RowsRefusedError as error:
            for refusal in error.refusals:
                print(_("{file}, line {line}: {message}", file=args.from_file.name, line=refusal.line,
                        message=refusal.error.message()), file=sys.stderr)
            raise
    print(_("{count} value(s) saved for {year}.", count=len(result.records), year=args.year))
    return 0


def no_data(args) -> int:
    ids, reason = list(args.indicators), args.reason
    with _open(args) as ws:
        if reason is None and len(ids) > 1 and not ws.plan.has_indicator(ids[-1]):
            reason = ids.pop()  # the older form: no-data WS --year Y ID "reason"
        if reason is None:
            raise InputError("Say why there is no data.")
        entries.mark_no_data_many(ws, args.year, ids, reason)
    print(_("{count} indicator(s) marked “no data” for {year}.", count=len(ids), year=args.year))
    return 0


def judge(args) -> int:
    verdict = {"achieved": True, "not-achieved": False, "clear": None}[args.verdict]
    with _open(args) as ws:
        entries.set_judgement(ws, args.year, args.indicator, verdict)
    return 0


def task(args) -> int:
    with _open(args) as ws:
        if args.task.startswith(forms.SECTION_PREFIX):
            forms.set_item_progress(ws, args.year, args.task, status=args.status, result=args.result,
                                    evidence_number=args.evidence, evidence_date=args.evidence_date)
            return 0
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
        form = forms.office_form(ws)
        rows = [r for r in indicator_rows(ws, args.year) if args.all or form.has_indicator(r.indicator.id)]
        if args.json:
            print_json(
                {
                    "plan": ws.plan_code,
                    "office": ws.office_id,
                    "year": args.year,
                    "form": form_json(form),
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
                            "verdict": status_label(r.status),
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


def form_json(form: forms.OfficeForm) -> dict:
    return {
        "office": form.office_id,
        "local_authority": form.local,
        "indicators": list(form.indicators),
        "added_by_office": sorted(form.added),
        "tasks": [{"id": item.id, "section": item.section, "number": item.number, "name": item.name,
                   "tasks": list(item.task_ids)} for item in form.tasks],
    }


def form(args) -> int:
    with _open(args) as ws:
        if args.office or args.indicators is not None or args.tasks is not None:
            if not args.office:
                raise InputError("Say whose form it is with --office.")
            split = lambda text: [x.strip() for x in (text or "").split(",") if x.strip()]  # noqa: E731
            plan = forms.set_office_form(ws, args.office, indicators=split(args.indicators), tasks=split(args.tasks))
            print(_("Plan {code} is now at version {version}; send it with `tiendo plan-update export`.",
                    code=plan.code, version=plan.catalog_version))
            return 0
        for indicator_id in args.add:
            forms.add_indicator(ws, indicator_id)
        for indicator_id in args.remove:
            forms.remove_indicator(ws, indicator_id)
        shown = forms.office_form(ws)
        if args.json:
            print_json(form_json(shown))
            return 0
        plan = ws.plan
        print_table(
            [_("Id"), _("Indicator"), _("Unit")],
            [[i, plan.indicator(i).name, plan.indicator(i).unit] for i in shown.indicators],
        )
        print()
        print_table([_("Id"), _("Task")], [[item.id, item.name] for item in shown.tasks])
    return 0
