"""plans, indicators, tasks, plan-import, plan-export."""

from __future__ import annotations

from pathlib import Path

from desktop_app.commands.output import print_json, print_table
from desktop_app.core.i18n import _
from desktop_app.core.plans import load_bundled_plan, load_bundled_plans


def register(subparsers) -> None:
    p = subparsers.add_parser("plans", help=_("list the plans"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=plans)

    p = subparsers.add_parser("indicators", help=_("list a plan's indicators"))
    p.add_argument("plan")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=indicators)

    p = subparsers.add_parser("tasks", help=_("list a plan's tasks, or (given a workspace) the office's own task form"))
    p.add_argument("plan", help=_("plan code, plan file, or a workspace"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=tasks)

    p = subparsers.add_parser("plan-export", help=_("write a plan as an .xlsx template"))
    p.add_argument("plan")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=plan_export)

    p = subparsers.add_parser("plan-import", help=_("read a plan from an .xlsx file and add it to the plans"))
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help=_("check the file only"))
    p.set_defaults(handler=plan_import)


def _plan_summary(plan) -> dict:
    return {
        "code": plan.code,
        "province": plan.province,
        "document_number": plan.document.number,
        "date": plan.document.date.isoformat(),
        "lead_office": plan.lead_office.name,
        "deadline": str(plan.reporting.deadline),
        "indicators": len(plan.indicators),
        "tasks": len(plan.tasks),
    }


def plans(args) -> int:
    summaries = [_plan_summary(p) for p in load_bundled_plans()]
    if args.json:
        print_json(summaries)
        return 0
    print_table(
        [_("Code"), _("Province"), _("Document"), _("Date"), _("Lead office"), _("Deadline"), _("Indicators"), _("Tasks")],
        [[s["code"], s["province"], s["document_number"], s["date"], s["lead_office"], s["deadline"], s["indicators"], s["tasks"]] for s in summaries],
    )
    return 0


def indicators(args) -> int:
    from desktop_app.commands.workspace import load_plan_argument

    plan = load_plan_argument(args.plan)
    rows = []
    for i in plan.indicators:
        t25, t30 = i.targets.get(2025), i.targets.get(2030)
        rows.append(
            {
                "id": i.id,
                "group": i.group_id,
                "number": i.number,
                "name": i.name,
                "unit": i.unit,
                "target_2025": t25.printed if t25 else None,
                "target_2030": t30.printed if t30 else None,
                "target_2025_parsed": t25.parsed.to_dict() if t25 else None,
                "target_2030_parsed": t30.parsed.to_dict() if t30 else None,
                "lead_office": plan.office_names(i.lead),
                "parent": i.parent_id,
            }
        )
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Id"), _("Number"), _("Indicator"), _("Unit"), "2025", "2030", _("Lead office")],
        [[r["id"], r["number"], r["name"], r["unit"], r["target_2025"] or "", r["target_2030"] or "", r["lead_office"]] for r in rows],
    )
    return 0


def _is_workspace(text: str) -> bool:
    from desktop_app.core.storage.files import SUFFIX

    path = Path(text)
    return path.suffix == SUFFIX and path.is_file()


def tasks(args) -> int:
    from desktop_app.commands.workspace import load_plan_argument
    from desktop_app.core.model import unsaid

    if _is_workspace(args.plan):
        return _office_tasks(args)
    plan = load_plan_argument(args.plan)
    rows = [
        {
            "id": t.id, "section": t.section, "number": t.number, "name": t.name,
            "lead": plan.office_names(t.lead), "coordinators": plan.office_names(t.coordinators),
            "submission_level": t.submission_level, "time": t.time,
        }
        for t in plan.tasks
    ]
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Id"), _("Task"), _("Lead office"), _("Time")],
        [[r["id"], r["name"], unsaid(r["lead"]), unsaid(r["time"])] for r in rows],
    )
    return 0


def plan_export(args) -> int:
    from desktop_app.core.plan_xlsx import export_plan_xlsx

    export_plan_xlsx(load_bundled_plan(args.plan), args.file)
    print(args.file)
    return 0


def plan_import(args) -> int:
    from desktop_app.core.plan_xlsx import import_plan_xlsx, install_plan

    plan = import_plan_xlsx(args.file)
    if args.dry_run:
        print(_("{file}: plan {code} is valid ({indicators} indicators, {tasks} tasks).",
                file=args.file, code=plan.code, indicators=len(plan.indicators), tasks=len(plan.tasks)))
        return 0
    path = install_plan(plan)
    print(_("Plan {code} added: {path}", code=plan.code, path=path))
    return 0


def _office_tasks(args) -> int:
    """The office's own task form: its tasks, or a local authority's sections."""
    from desktop_app.commands import secrets
    from desktop_app.core import forms
    from desktop_app.core.workspace import Workspace

    with Workspace.open(Path(args.plan), passphrase=secrets.passphrase()) as ws:
        plan = ws.plan
        form = forms.office_form(ws)
        rows = [
            {"id": item.id, "section": item.section, "number": item.number, "name": item.name,
             "tasks": list(item.task_ids), "lead": plan.office_names(item.lead),
             "time": "; ".join(dict.fromkeys(plan.task(t).time for t in item.task_ids if plan.task(t).time))}
            for item in form.tasks
        ]
    if args.json:
        print_json(rows)
        return 0
    print_table([_("Id"), _("Task"), _("Lead office"), _("Time")], [[r["id"], r["name"], r["lead"], r["time"]] for r in rows])
    return 0
