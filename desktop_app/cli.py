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
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _

# Each module adds its subcommands with ``register(subparsers)``; a command is a function
# of the parsed arguments that returns the exit status.
COMMAND_MODULES = (
    "desktop_app.commands.workspace",
    "desktop_app.commands.entries",
    "desktop_app.commands.plans",
    "desktop_app.commands.reports",
    "desktop_app.commands.exchange",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tiendo", description=_("TienDo: progress reports on provincial social-policy plans."))
    parser.add_argument("--version", action="version", version=f"TienDo {__version__}")
    parser.add_argument("--lang", choices=("vi", "en"), help=_("language of messages (default: Vietnamese)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue  # an area not built yet
        module.register(subparsers)
    return parser


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
    parser = build_parser()
    args = parser.parse_args(argv)
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
