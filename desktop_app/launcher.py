"""The bundled program's entry point: the window, or the `tiendo` command.

The bundle ships two executables built from this one script: ``TienDo`` (windowed) and
``tiendo-cli`` (console).  Either runs the command line when it is given a subcommand,
so automation and the bundle's own smoke test reach the core without a window.
"""

from __future__ import annotations

import sys


def wants_cli(argv: list[str]) -> bool:
    if not argv:
        return False
    first = argv[0]
    if first in ("--help", "-h", "--version", "--lang"):
        return True
    if first.startswith("-"):
        return False
    from desktop_app.cli import COMMANDS, build_parser

    if first in COMMANDS:
        return True
    commands = build_parser()._subparsers._group_actions[0].choices  # argparse keeps them here
    return first in commands


def main() -> int:
    argv = sys.argv[1:]
    if wants_cli(argv):
        from desktop_app.cli import main as cli_main

        return cli_main(argv)
    from desktop_app.__main__ import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
