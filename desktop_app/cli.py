"""The ``tiendo`` command: every action a clerk can take, without a window.

Secrets come from the environment when set (``TIENDO_PASSPHRASE``,
``TIENDO_NEW_PASSPHRASE``, ``TIENDO_RECOVERY_CODE``), otherwise from a prompt.  A user
error prints one line and exits 1; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from desktop_app import __version__
from desktop_app.core.i18n import N_, _

# Each module adds its subcommands with ``register(subparsers)``; a command is a function
# of the parsed arguments that returns the exit status.
COMMAND_MODULES = (
    "desktop_app.commands.workspace",
    "desktop_app.commands.entries",
    "desktop_app.commands.plans",
    "desktop_app.commands.reports",
    "desktop_app.commands.exchange",
)

# Which module registers each command, with its one-line help: `tiendo --help` lists them
# without importing the core (SQLCipher, reportlab, PySide-free but heavy), and a command
# imports only its own module.  tests/cli/test_cli_startup.py keeps this table in step
# with what the modules register; a command missing here still works (all modules load).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("workspace", N_("create a workspace")),
    "passwd": ("workspace", N_("change the passphrase")),
    "recover": ("workspace", N_("open with the recovery code and set a new passphrase")),
    "backup": ("workspace", N_("make an encrypted backup")),
    "auto-backup": ("workspace", N_("the automatic backups: a second folder for them (a USB stick), list them, "
                                    "or make one now")),
    "restore": ("workspace", N_("restore a backup")),
    "check": ("workspace", N_("check a workspace's integrity")),
    "set": ("entries", N_("record an indicator's value for a year")),
    "no-data": ("entries", N_("record that there is no data for an indicator, and why")),
    "judge": ("entries", N_("record whether a word target was achieved")),
    "task": ("entries", N_("record a task's progress")),
    "narrative": ("entries", N_("set a narrative section of the year's report")),
    "show": ("entries", N_("show a year's values and evaluations")),
    "form": ("entries", N_("show or change the office's form (what it reports)")),
    "plans": ("plans", N_("list the plans")),
    "indicators": ("plans", N_("list a plan's indicators")),
    "tasks": ("plans", N_("list a plan's tasks, or (given a workspace) the office's own task form")),
    "plan-export": ("plans", N_("write a plan as an .xlsx template")),
    "plan-import": ("plans", N_("read a plan from an .xlsx file and add it to the plans")),
    "report": ("reports", N_("write the year's report, or a review report, as PDF (and Excel)")),
    "report-consolidated": ("reports", N_("write the province's consolidated report (lead office)")),
    "sign-off": ("reports", N_("finish the year: record the signer and lock it")),
    "reopen": ("reports", N_("reopen a signed year (the reason is kept)")),
    "sign": ("reports", N_("sign a report PDF digitally (PAdES)")),
    "verify": ("reports", N_("check the signatures of a PDF")),
    "keys": ("exchange", N_("export, load or show exchange keys")),
    "export": ("exchange", N_("write the year's data package for the lead office")),
    "import": ("exchange", N_("import offices' packages (lead office)")),
    "withdraw": ("exchange", N_("take an accepted package back out of the consolidation (lead office)")),
    "submissions": ("exchange", N_("who has reported for a year (lead office)")),
    "consolidate": ("exchange", N_("the province's figures from the offices' values (lead office)")),
    "national": ("exchange", N_("export consolidated values for national systems")),
    "add-office": ("exchange", N_("add an office or commune that reports (lead office)")),
    "plan-update": ("exchange", N_("send (lead office) or apply (reporting office) a plan update")),
    "offices": ("exchange", N_("the offices expected to report, and changes to them (lead office)")),
    "indicator-offices": ("exchange", N_("one indicator across the offices (lead office)")),
    "lead-plans": ("exchange", N_("the plans a lead workspace consolidates (merged provinces)")),
    "lead-key": ("exchange", N_("save the lead office's secret key to a file, or load it on a new computer")),
}


# argparse's own words (the usage line, its errors, the help's headings) come through its
# gettext calls; these are the ones a user can meet, translated in our catalogue and
# handed to argparse while `tiendo` builds and reads its command line (``_ArgparseWords``).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("expected %s argument"), N_("expected %s arguments"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
)


class _ArgparseWords:
    """For the time `tiendo` uses argparse, argparse's gettext is ours (and put back after:
    another program in the same process keeps its own)."""

    def __enter__(self):
        self._saved = argparse._, argparse.ngettext
        argparse._ = lambda message: _(message) if isinstance(message, str) else message
        argparse.ngettext = lambda singular, plural, count: _(singular if count == 1 else plural)
        return self

    def __exit__(self, *exc_info) -> None:
        argparse._, argparse.ngettext = self._saved


class TiendoParser(argparse.ArgumentParser):
    """A usage error is one line, as every other error of `tiendo`, and points to --help;
    exit status 2, as argparse's."""

    def error(self, message: str):
        self.exit(2, _("{prog}: error: {message} (see “{prog} --help”)", prog=self.prog, message=message) + "\n")

    def _check_value(self, action, value):
        # An unknown command: named, with the closest one, not the whole list of 37.
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            import difflib

            message = _("there is no command “{command}”", command=value)
            close = difflib.get_close_matches(value, list(action.choices), n=1)
            if close:
                message += " " + _("(did you mean “{command}”?)", command=close[0])
            raise argparse.ArgumentError(None, message)
        super()._check_value(action, value)


def _new_parser() -> tuple[argparse.ArgumentParser, object]:
    parser = TiendoParser(prog="tiendo", description=_("TienDo: progress reports on provincial social-policy plans."))
    parser.add_argument("--version", action="version", version=f"TienDo {__version__}",
                        help=_("show the program's version and exit"))
    parser.add_argument("--lang", choices=("vi", "en"), help=_("language of messages (default: Vietnamese)"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    subparsers.required = True
    return parser, subparsers


class _TableHelp:
    """The subparsers as a command module sees them: a command's one-line help is the
    table's, so ``tiendo --help`` (which reads only the table) and ``tiendo CMD --help``
    can never say different things."""

    def __init__(self, subparsers):
        self._subparsers = subparsers

    def add_parser(self, name: str, **options):
        if name in COMMANDS:
            options["help"] = _(COMMANDS[name][1])
        return self._subparsers.add_parser(name, **options)


def _register(subparsers, names) -> None:
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue  # an area not built yet
        module.register(_TableHelp(subparsers))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command; given a known ``command``, only that command's module."""
    parser, subparsers = _new_parser()
    if command in COMMANDS:
        _register(subparsers, [f"desktop_app.commands.{COMMANDS[command][0]}"])
    else:
        _register(subparsers, COMMAND_MODULES)
    return parser


def _listing_parser() -> argparse.ArgumentParser:
    """Enough to print `tiendo --help` (or the usage error without a command), no imports."""
    parser, subparsers = _new_parser()
    for name, (_module, help_text) in COMMANDS.items():
        subparsers.add_parser(name, help=_(help_text))
    return parser


def command_of(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if any (``--lang vi`` may come first)."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--lang":
            index += 2
            continue
        if word.startswith("--lang="):
            index += 1
            continue
        return None if word.startswith("-") else word
    return None


def main(argv: list[str] | None = None) -> int:
    from desktop_app.core.i18n import set_language

    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        index = argv.index("--lang")
        if index + 1 < len(argv) and argv[index + 1] in ("vi", "en"):
            set_language(argv[index + 1])
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    command = command_of(argv)
    with _ArgparseWords():
        parser = build_parser(command) if command else _listing_parser()
        args = parser.parse_args(argv)
    from desktop_app.core.errors import TienDoError

    try:
        return int(args.handler(args) or 0)
    except TienDoError as error:
        print(_("Error: {message}", message=error.message()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Cancelled."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `tiendo indicators … | head`: the reader left; say nothing more.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
