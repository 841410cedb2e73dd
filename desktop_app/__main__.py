"""``python -m desktop_app``: the TienDo window."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop_app.gui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
