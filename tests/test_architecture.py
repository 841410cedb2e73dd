"""The shape of the code: a core that runs without Qt, every visible string translated."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

CORE_PROBE = """
import builtins, importlib, pkgutil, sys
real_import = builtins.__import__
def guarded(name, *args, **kwargs):
    if name == "PySide6" or name.startswith("PySide6."):
        raise ImportError("Qt is not allowed in the core: " + name)
    return real_import(name, *args, **kwargs)
builtins.__import__ = guarded
import desktop_app.core, desktop_app.cli, desktop_app.commands
modules = []
for package in (desktop_app.core, desktop_app.commands):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        modules.append(info.name)
from desktop_app.cli import build_parser
build_parser()
assert not any(m.startswith("PySide6") for m in sys.modules), "PySide6 got imported"
print(len(modules))
"""


def test_the_core_and_the_cli_import_with_qt_made_unimportable():
    result = subprocess.run([sys.executable, "-c", CORE_PROBE], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10


def test_every_message_in_the_program_has_a_vietnamese_translation():
    from desktop_app.tools.i18n import missing

    gaps = missing("vi")
    assert not gaps, "\n".join(f"{places[0][0]}:{places[0][1]}: {message!r}" for message, places in sorted(gaps.items()))


def test_translations_keep_their_placeholders():
    import re

    from desktop_app.core.i18n import catalog

    field = re.compile(r"\{(\w+)\}")
    for message_id, text in catalog("vi").items():
        assert set(field.findall(message_id)) == set(field.findall(text)), message_id


def test_switching_language_changes_error_messages():
    from desktop_app.core.errors import InputError
    from desktop_app.core.i18n import set_language

    error = InputError("A percentage cannot be over 100.")
    assert error.vi == "Tỷ lệ phần trăm không được lớn hơn 100."
    assert error.en == "A percentage cannot be over 100."
    set_language("en")
    try:
        assert error.message() == error.en
    finally:
        set_language("vi")
