"""The window tests run on the smallest screen still common in offices: a 1366×768
laptop at 100 % scaling (Qt's offscreen platform, given that screen by a config file)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SCREEN = (1366, 768)


def _laptop_screen_platform() -> str:
    config = Path(tempfile.gettempdir()) / f"tiendo-offscreen-{SCREEN[0]}x{SCREEN[1]}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))
    return f"offscreen:configfile={config}"


# Read when the QApplication is made, at the first test that needs one (after collection).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = _laptop_screen_platform()

# This file shadows the root conftest for ``from conftest import …`` in these tests.
PASSPHRASE = "mật khẩu thử 2026"
