"""init, passwd, recover, backup, auto-backup, restore, check."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.commands import secrets
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.model import Office
from desktop_app.core.plans import load_bundled_plan, load_plan_file
from desktop_app.core.text import clean, fold
from desktop_app.core.workspace import Workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("init", help=_("create a workspace"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--plan", required=True, help=_("plan code (see `tiendo plans`) or a plan file"))
    p.add_argument("--unit", required=True, help=_("this office: its name, short name or id in the plan, or a new unit's name"))
    p.add_argument("--unit-kind", default="local", choices=("local", "department", "agency", "other"),
                   help=_("kind of a unit the plan does not name"))
    p.add_argument("--role", default="reporting", choices=("reporting", "lead"))
    p.add_argument("--user", help=_("the clerk's name recorded in the audit trail"))
    p.set_defaults(handler=init)

    p = subparsers.add_parser("passwd", help=_("change the passphrase"))
    p.add_argument("workspace", type=Path)
    p.set_defaults(handler=passwd)

    p = subparsers.add_parser("recover", help=_("open with the recovery code and set a new passphrase"))
    p.add_argument("workspace", type=Path)
    p.set_defaults(handler=recover)

    p = subparsers.add_parser("backup", help=_("make an encrypted backup"))
    p.add_argument("workspace", type=Path)
    p.add_argument("destination", help=_("a backup file, or a folder to write it in"))
    p.set_defaults(handler=backup)

    p = subparsers.add_parser("restore", help=_("restore a backup"))
    p.add_argument("backup", type=Path)
    p.add_argument("workspace", type=Path)
    p.add_argument("--recovery", action="store_true", help=_("use the recovery code instead of the passphrase"))
    p.add_argument("--replace", action="store_true",
                   help=_("replace a workspace already there (it is kept beside the restored one)"))
    p.set_defaults(handler=restore)

    p = subparsers.add_parser("auto-backup")
    p.add_argument("workspace", type=Path, nargs="?",
                   help=_("make this workspace's automatic backup now (data folder, and the second folder if chosen)"))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--also-to", metavar="FOLDER",
                       help=_("also keep every automatic backup in this folder (a USB stick, a network drive)"))
    where.add_argument("--no-also-to", action="store_true", help=_("stop keeping a second copy"))
    p.set_defaults(handler=auto_backup)

    p = subparsers.add_parser("check", help=_("check a workspace's integrity"))
    p.add_argument("workspace", type=Path)
    p.set_defaults(handler=check)


def load_plan_argument(text: str):
    path = Path(text)
    if path.suffix.lower() == ".json" and path.exists():
        return load_plan_file(path)
    if path.suffix.lower() == ".xlsx" and path.exists():
        from desktop_app.core.plan_xlsx import import_plan_xlsx

        return import_plan_xlsx(path)
    return load_bundled_plan(text)


def office_for(plan, name: str, kind: str) -> tuple[str, Office | None]:
    """The plan's office called ``name``, or a new office of that name."""
    name = clean(name)
    if name in plan.offices:
        return name, None
    office = plan.office_by_name(name)
    if office is not None:
        return office.id, None
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    if not slug:
        raise InputError("“{name}” is not a usable office name.", name=name)
    return slug, Office(id=slug, name=name, short=name, kind=kind)


def init(args) -> int:
    plan = load_plan_argument(args.plan)
    office_id, new_office = office_for(plan, args.unit, args.unit_kind)
    first, second = secrets.new_passphrase("TIENDO_PASSPHRASE")
    workspace, code = Workspace.create(
        args.workspace, first, confirmation=second, plan=plan, office_id=office_id, role=args.role,
        new_office=new_office, user_name=args.user,
    )
    with workspace:
        print(_("Created {path} for {office}, plan {plan}.", path=workspace.path, office=args.unit, plan=plan.code))
        print(_("Recovery code (write it down and keep it safe; it opens the workspace if the passphrase is lost):"))
        print(code)
    return 0


def passwd(args) -> int:
    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as workspace:
        first, second = secrets.new_passphrase()
        workspace.change_passphrase(first, second)
    print(_("The passphrase has been changed."))
    return 0


def recover(args) -> int:
    with Workspace.open(args.workspace, recovery_code=secrets.recovery_code()) as workspace:
        first, second = secrets.new_passphrase()
        workspace.change_passphrase(first, second)
    print(_("The workspace is open again with the new passphrase; the recovery code still works."))
    return 0


def backup(args) -> int:
    from desktop_app.core.backup import write_backup

    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as workspace:
        destination = write_backup(workspace, args.destination)
    print(destination)
    return 0


def auto_backup(args) -> int:
    """The window's automatic backups from the terminal: the same setting (File >
    Settings) and the same ``autobackup.make_backup``."""
    import sys

    from desktop_app.core import autobackup, backup_places
    from desktop_app.core.resources import backups_dir
    from desktop_app.core.text import format_date

    if args.also_to is not None or args.no_also_to:
        chosen = backup_places.set_second_folder(None if args.no_also_to else args.also_to)
        print(_("Automatic backups are also kept in {folder}.", folder=chosen) if chosen
              else _("Automatic backups are kept in the data folder only."))
    if args.workspace is not None:
        with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as workspace:
            made = autobackup.make_backup(workspace)
        print(made.path)
        if made.copy is not None:
            print(made.copy)
        if made.copy_failed is not None:
            print(made.copy_failed.message(), file=sys.stderr)
            return 1
        return 0
    if args.also_to is None and not args.no_also_to:
        second = backup_places.second_folder()
        print(_("Data folder: {folder}", folder=backups_dir()))
        print(_("Second folder: {folder}", folder=second) if second else _("Second folder: none"))
        for found in autobackup.list_everywhere():
            print(f"{format_date(found.made_at.date())} {found.made_at:%H:%M}\t{found.path}")
    return 0


def restore(args) -> int:
    from desktop_app.core.backup import restore_backup

    if args.recovery:
        restored = restore_backup(args.backup, args.workspace, recovery_code=secrets.recovery_code(),
                                  replace=args.replace)
    else:
        restored = restore_backup(args.backup, args.workspace, passphrase=secrets.passphrase(), replace=args.replace)
    print(_("Restored to {path}.", path=restored))
    return 0


def check(args) -> int:
    from desktop_app.core.workspace import check_file

    result = check_file(args.workspace, passphrase=secrets.passphrase())
    if result.ok:
        print(_("{path}: no problems found.", path=result.path))
        return 0
    for problem in result.problems:
        print(f"{result.path}: {problem}")
    return 1
