"""keys, lead-key, export, import, withdraw, submissions, consolidate, national, offices, plan-update,
and the lead office's roster (offices), per-indicator view and several plans (lead-plans)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.commands import secrets
from desktop_app.commands.output import print_json, print_table
from desktop_app.core.i18n import _
from desktop_app.core.text import format_number
from desktop_app.core.workspace import Workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("keys", help=_("export, load or show exchange keys"))
    p.add_argument("action", choices=("export", "import", "show"))
    p.add_argument("workspace", type=Path)
    p.add_argument("file", type=Path, nargs="?")
    p.set_defaults(handler=keys)

    p = subparsers.add_parser("lead-key", help=_("save the lead office's secret key to a file, or load it on a new computer"))
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("workspace", type=Path)
    p.add_argument("file", type=Path)
    p.add_argument("--replace", action="store_true", help=_("with import: replace this workspace's own lead key"))
    p.set_defaults(handler=lead_key)

    p = subparsers.add_parser("export", help=_("write the year's data package for the lead office"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--to", type=Path, required=True, help=_("folder, e.g. the USB drive"))
    p.add_argument("--draft", action="store_true",
                   help=_("share the year before sign-off, marked as a draft (it does not count as the report)"))
    p.set_defaults(handler=export)

    p = subparsers.add_parser("import", help=_("import offices' packages (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("paths", type=Path, nargs="+")
    p.add_argument("--dry-run", action="store_true", help=_("show what would happen, change nothing"))
    p.add_argument("--trust-new", action="store_true", help=_("register the key of an office seen for the first time"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=import_)

    p = subparsers.add_parser("withdraw", help=_("take an accepted package back out of the consolidation (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--office", required=True, help=_("the office id"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--revision", type=int, help=_("default: the latest accepted revision"))
    p.add_argument("--reason", required=True, help=_("why it is withdrawn (kept in the history)"))
    p.set_defaults(handler=withdraw)

    p = subparsers.add_parser("submissions", help=_("who has reported for a year (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--xlsx", type=Path, help=_("also write the list to this .xlsx file"))
    p.add_argument("--status", choices=("on_time", "late", "draft", "missing"), help=_("only offices in this state"))
    p.add_argument("--find", default="", help=_("only offices whose name contains this"))
    p.add_argument("--sort", choices=("name", "status", "days_late", "sent_on"), default="name")
    p.add_argument("--reminders", type=Path, help=_("write the list of offices still to remind (.txt or .xlsx)"))
    p.add_argument("--plan", help=_("the plan (when the workspace holds several)"))
    p.set_defaults(handler=submissions)

    p = subparsers.add_parser("offices", help=_("the offices expected to report, and changes to them (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("action", nargs="?", default="list", choices=("list", "add", "add-list", "rename", "merge", "retire"))
    p.add_argument("items", nargs="*", help=_("add: NAME; add-list: FILE; rename: ID NAME; merge: ID…; retire: ID"))
    p.add_argument("--id", help=_("with add: the new office's id"))
    p.add_argument("--kind", default="local", choices=("local", "department", "agency", "other"))
    p.add_argument("--from", dest="since", help=_("the date from which the change holds (YYYY-MM-DD or DD/MM/YYYY)"))
    p.add_argument("--into", help=_("with merge: the successor (an office id, or the name of a new office)"))
    p.add_argument("--year", type=int, help=_("with list: mark who is expected for this year"))
    p.add_argument("--plan", help=_("the plan (when the workspace holds several)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=offices)

    p = subparsers.add_parser("indicator-offices", help=_("one indicator across the offices (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("indicator")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--plan", help=_("the plan (when the workspace holds several)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=indicator_offices)

    p = subparsers.add_parser("lead-plans", help=_("the plans a lead workspace consolidates (merged provinces)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("action", nargs="?", default="list", choices=("list", "add", "use", "combined"))
    p.add_argument("plan", nargs="?", help=_("add: a bundled plan code or a plan file; use: a plan code"))
    p.add_argument("--year", type=int, help=_("with combined: the year whose figures to show side by side"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=lead_plans)

    p = subparsers.add_parser("consolidate", help=_("the province's figures from the offices' values (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--plan", help=_("the plan (when the workspace holds several)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=consolidate)

    p = subparsers.add_parser("national", help=_("export consolidated values for national systems"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int)
    p.add_argument("--format", choices=("adx", "dhis2", "csv"))
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--mapping", type=Path, help=_("a mapping file from global ids to the national system's codes or UIDs"))
    p.add_argument("--write-mapping", type=Path, metavar="FILE",
                   help=_("write a mapping file listing every global id, to fill in"))
    p.set_defaults(handler=national)

    p = subparsers.add_parser("add-office", help=_("add an office or commune that reports (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("name")
    p.add_argument("--kind", default="local", choices=("local", "department", "agency", "other"))
    p.add_argument("--id")
    p.add_argument("--parent")
    p.set_defaults(handler=add_office)

    p = subparsers.add_parser("plan-update", help=_("send (lead office) or apply (reporting office) a plan update"))
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("workspace", type=Path)
    p.add_argument("file", type=Path)
    p.add_argument("--plan", help=_("with export: the plan to send (code or file); default the workspace's"))
    p.set_defaults(handler=plan_update)


def _open(path: Path) -> Workspace:
    return Workspace.open(path, passphrase=secrets.passphrase())


def keys(args) -> int:
    from desktop_app.core.errors import InputError
    from desktop_app.core.exchange import keys as keymod

    with _open(args.workspace) as ws:
        if args.action == "show":
            print(_("This office's signing key: {fingerprint}", fingerprint=keymod.signing_key_fingerprint(ws)))
            if ws.role == "lead":
                print(_("Lead office public key: {fingerprint}", fingerprint=keymod.lead_fingerprint(ws)))
            else:
                lead = ws.query("SELECT office_id, fingerprint FROM trusted_keys WHERE kind = 'lead'")
                print(_("Lead office key loaded: {fingerprint}", fingerprint=lead[0][1]) if lead else _("No lead office key loaded yet."))
            return 0
        if args.file is None:
            raise InputError("Give the key file.")
        if args.action == "export":
            key = keymod.export_public_key(ws, args.file)
        else:
            key = keymod.import_public_key(ws, args.file)
        print(_("{file}: {office}, fingerprint {fingerprint}", file=args.file, office=key.office_name, fingerprint=key.fingerprint))
    return 0


def lead_key(args) -> int:
    """The key file's passphrase comes from TIENDO_KEY_PASSPHRASE, otherwise a prompt."""
    import os

    from desktop_app.core.exchange import lead_key as lead

    given = os.environ.get("TIENDO_KEY_PASSPHRASE")
    with _open(args.workspace) as ws:
        if args.action == "export":
            first, again = secrets.new_passphrase("TIENDO_KEY_PASSPHRASE")
            info = lead.export_lead_key(ws, args.file, first, again)
            print(_("The lead key {fingerprint} is saved in {file}: keep it apart from this computer.",
                    fingerprint=info.fingerprint, file=args.file))
        else:
            key_passphrase = given if given is not None else secrets._ask(_("Passphrase of the key file: "))
            info = lead.import_lead_key(ws, args.file, key_passphrase, replace=args.replace)
            print(_("This workspace now holds the lead key {fingerprint}.", fingerprint=info.fingerprint))
    return 0


def export(args) -> int:
    from desktop_app.core.exchange.exporter import export_year

    with _open(args.workspace) as ws:
        result = export_year(ws, args.year, args.to, draft=True if args.draft else False)
    print(result.path)
    if result.submission == "draft":
        print(_("Shared as a draft: the lead office will not count it as the office's report."))
    return 0


def import_(args) -> int:
    """Exit status 0 when every file was imported or already held, 1 when any was rejected
    (the summary is printed either way).  A lead workspace holding several plans applies
    each package under the plan it was made for."""
    from desktop_app.core.exchange.importer import all_accepted, summary_line
    from desktop_app.core.exchange.lead_plans import import_for_all_plans

    with _open(args.workspace) as ws:
        outcomes = import_for_all_plans(ws, args.paths, dry_run=args.dry_run, trust_new=args.trust_new)
    if args.json:
        print_json([{"file": str(o.path), "outcome": o.outcome, "reason": o.reason, "message": o.message,
                     "office": o.office_id, "year": o.year, "revision": o.revision,
                     "new_key_fingerprint": o.new_key_fingerprint, "problems": o.details.get("problems", [])}
                    for o in outcomes])
    else:
        print_table([_("File"), _("Office"), _("Year"), _("Revision"), _("Result")],
                    [[o.path.name, o.office_name, o.year or "", o.revision or "", o.describe()] for o in outcomes],
                    max_width=90, full_last=True)
        if not args.dry_run:
            print(summary_line(outcomes))
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
    if all_accepted(outcomes):
        return 0
    rejected = sum(o.outcome == "rejected" for o in outcomes)
    print(_("{count} of {total} file(s) rejected; they were kept aside with the reason.", count=rejected, total=len(outcomes)),
          file=sys.stderr)
    return 1


def withdraw(args) -> int:
    from desktop_app.core.exchange.withdraw import withdraw_package

    from desktop_app.core.exchange.submissions import submissions as submission_rows

    with _open(args.workspace) as ws:
        done = withdraw_package(ws, args.office, args.year, args.reason, revision=args.revision)
        # The clerk knows the office by its name, not by the id typed after --office.
        names = {row.office_id: row.office_name for row in submission_rows(ws, args.year)}
    office = names.get(done.office_id) or done.office_id
    if done.restored_revision:
        print(_("Revision {revision} of {office} for {year} withdrawn; revision {earlier} counts again.",
                revision=done.revision, office=office, year=done.year, earlier=done.restored_revision))
    else:
        print(_("Revision {revision} of {office} for {year} withdrawn; the office's year is no longer consolidated.",
                revision=done.revision, office=office, year=done.year))
    return 0


def submissions(args) -> int:
    from desktop_app.core.exchange import submissions as sub
    from desktop_app.core.text import format_date

    with _open(args.workspace) as ws:
        every = sub.submissions(ws, args.year, args.plan)
        if args.reminders:
            sub.write_reminders(ws, args.year, args.reminders, args.plan)
    rows = sub.sort_rows(sub.filter_rows(every, status=args.status, text=args.find), args.sort)
    if args.xlsx:
        sub.write_submissions_xlsx(rows, args.xlsx)
    tally = sub.counts(every)
    if args.json:
        print_json([{"office": r.office_id, "name": r.office_name, "year": r.year, "status": r.status,
                     "days_late": r.days_late, "sent_on": r.sent_on, "received_at": r.received_at, "revision": r.revision,
                     "revisions": r.revisions, "amended": r.amended, "expected": r.expected, "via": list(r.via),
                     "signer": r.signer_name, "fingerprint": r.fingerprint} for r in rows])
        return 0
    print_table([_("Office"), _("Status"), _("Sent on"), _("Revision"), _("Signer"), _("Fingerprint")],
                [[r.office_name, r.label(), format_date(r.sent_on) if r.sent_on else "", r.revision or "", r.signer_name, r.fingerprint or ""] for r in rows])
    print(tally.sentence())
    return 0


def _day(text: str | None):
    from desktop_app.core.errors import InputError
    from desktop_app.core.text import parse_date

    if not text:
        raise InputError("Give the date from which the change holds (--from).")
    return parse_date(text, field="--from")


def offices(args) -> int:
    from desktop_app.core.errors import InputError
    from desktop_app.core.exchange import roster

    def need(count: int, what: str) -> None:
        if len(args.items) < count:
            raise InputError("Give {what}.", what=what)

    with _open(args.workspace) as ws:
        if args.action == "add":
            need(1, "NAME")
            print(roster.add(ws, args.items[0], args.kind, office_id=args.id,
                             valid_from=_day(args.since) if args.since else None, plan_code=args.plan))
            return 0
        if args.action == "add-list":
            need(1, "FILE")
            added = roster.add_list(ws, Path(args.items[0]), args.kind,
                                    valid_from=_day(args.since) if args.since else None, plan_code=args.plan)
            print(_("{count} office(s) on the roster.", count=len(added)))
            return 0
        if args.action == "rename":
            need(2, "ID NAME")
            roster.rename(ws, args.items[0], args.items[1], _day(args.since))
            return 0
        if args.action == "merge":
            need(1, "ID")
            if not args.into:
                raise InputError("Give the successor (--into).")
            print(roster.merge(ws, args.items, args.into, _day(args.since), kind=args.kind, plan_code=args.plan))
            return 0
        if args.action == "retire":
            need(1, "ID")
            roster.retire(ws, args.items[0], _day(args.since))
            return 0
        every = roster.entries(ws, args.plan)
        day = roster.deciding_day(ws, args.year, args.plan) if args.year else None
    if args.json:
        print_json([{"id": e.office_id, "name": e.name, "kind": e.kind, "valid_from": e.valid_from,
                     "valid_to": e.valid_to, "successor": e.successor_id, "former_names": list(e.former_names),
                     "origin": e.origin, **({"expected": e.holds_on(day)} if day else {})} for e in every])
        return 0
    print_table([_("Id"), _("Office"), _("Kind"), _("From"), _("Until"), _("Successor")],
                [[e.office_id, e.name, e.kind, e.valid_from or "", e.valid_to or "", e.successor_id or ""] for e in every
                 if day is None or e.holds_on(day)])
    return 0


def indicator_offices(args) -> int:
    from desktop_app.core.exchange.indicator_view import indicator_view

    with _open(args.workspace) as ws:
        view = indicator_view(ws, args.indicator, args.year, plan_code=args.plan)
    show = lambda v: format_number(v) if v is not None and not isinstance(v, str) else (v or "")  # noqa: E731
    if args.json:
        print_json({"id": view.indicator.id, "name": view.indicator.name, "unit": view.indicator.unit, "year": view.year,
                    "value": view.figure.value, "method": view.figure.method, "note": view.figure.note,
                    "offices": [{"office": line.office_id, "name": line.office, "level": line.level, "value": line.value,
                                 "numerator": line.numerator, "denominator": line.denominator,
                                 "timeliness": line.timeliness, "days_late": line.days_late, "outlier": line.outlier,
                                 "trend": {str(year): value for year, value in line.trend},
                                 "revision": line.revision, "package_id": line.package_id, "file": line.file_name}
                                for line in view.lines]})
        return 0
    print(f"{view.indicator.id} {view.indicator.name}: {show(view.figure.value)} ({view.figure.note})")
    print_table([_("Office"), _("Value"), _("Outlier"), _("Trend"), _("Revision"), _("File")],
                [[line.office, show(line.value), "*" if line.outlier else "",
                  " → ".join(show(v) for _y, v in line.trend), line.revision or "", line.file_name] for line in view.lines])
    return 0


def lead_plans(args) -> int:
    from desktop_app.core.errors import InputError
    from desktop_app.core.exchange import lead_plans as held

    with _open(args.workspace) as ws:
        if args.action == "combined":
            if not args.year:
                raise InputError("Give the year (--year).")
            rows = held.combined_figures(ws, args.year)
            codes = held.plan_codes(ws)
        if args.action in ("add", "use") and not args.plan:
            raise InputError("Give the plan.")
        if args.action == "add":
            from desktop_app.commands.workspace import load_plan_argument

            held.add_plan(ws, load_plan_argument(args.plan))
        elif args.action == "use":
            held.use_plan(ws, args.plan)
        plans = held.held_plans(ws)
    if args.action == "combined":
        if args.json:
            print_json([{"name": name, "unit": unit, "plans": {code: {"id": i, "value": v, "method": m}
                                                               for code, (i, v, m) in by.items()}} for name, unit, by in rows])
            return 0
        show = lambda v: format_number(v) if v is not None and not isinstance(v, str) else (v or "")  # noqa: E731
        print_table([_("Indicator"), _("Unit"), *codes],
                    [[name, unit, *(show(by[c][1]) if c in by else "" for c in codes)] for name, unit, by in rows])
        return 0
    if args.json:
        print_json([{"code": p.code, "title": p.title, "province": p.province, "deadline": p.deadline,
                     "in_view": p.in_view} for p in plans])
        return 0
    print_table([_("Plan"), _("Province"), _("Deadline"), ""],
                [[p.code, p.province, p.deadline, "*" if p.in_view else ""] for p in plans])
    return 0


def consolidate(args) -> int:
    from desktop_app.core.exchange.consolidate import consolidate as run

    with _open(args.workspace) as ws:
        rows = run(ws, args.year, plan_code=args.plan)
    if args.json:
        print_json([{"id": r.indicator.id, "name": r.indicator.name, "value": r.value, "method": r.method,
                     "note": r.note, "left_out": list(r.left_out), "offices": r.offices, "min": r.minimum, "median": r.median, "max": r.maximum,
                     "numerator": r.numerator, "denominator": r.denominator,
                     "outliers": [b.office_id for b in r.outliers],
                     "breakdown": [{"office": b.office_id, "value": b.value} for b in r.breakdown]} for r in rows])
        return 0
    show = lambda v: format_number(v) if v is not None and not isinstance(v, str) else (v or "")  # noqa: E731
    print_table([_("Id"), _("Indicator"), _("Value"), _("Offices"), _("Minimum"), _("Median"), _("Maximum")],
                [[r.indicator.id, r.indicator.name, show(r.value), r.offices, show(r.minimum), show(r.median), show(r.maximum)]
                 for r in rows])
    return 0


def national(args) -> int:
    from desktop_app.core import actions
    from desktop_app.core.errors import InputError
    from desktop_app.core.exchange.national import write_mapping_template

    if args.write_mapping is None and (args.year is None or args.format is None or args.output is None):
        raise InputError("Give --year, --format and --output (or --write-mapping FILE).")
    with _open(args.workspace) as ws:
        if args.write_mapping is not None:
            print(write_mapping_template(ws, args.write_mapping))
            return 0
        path = actions.national_export(ws, args.year, args.format, args.output, args.mapping)
    print(path)
    return 0


def add_office(args) -> int:
    from desktop_app.core.exchange import roster
    from desktop_app.core.exchange.offices import add_office as add

    with _open(args.workspace) as ws:
        office_id = add(ws, args.name, args.kind, office_id=args.id, parent_id=args.parent)
        roster.add(ws, office_id)   # an office added is an office expected (tiendo offices … add does both)
    print(office_id)
    return 0


def plan_update(args) -> int:
    from desktop_app.commands.workspace import load_plan_argument
    from desktop_app.core.exchange.plan_update import export_plan_update, import_plan_update

    with _open(args.workspace) as ws:
        if args.action == "export":
            plan = load_plan_argument(args.plan) if args.plan else ws.plan
            print(export_plan_update(ws, plan, args.file))
        else:
            plan = import_plan_update(ws, args.file)
            print(_("Plan {code} is now at version {version}.", code=plan.code, version=plan.catalog_version))
    return 0
