"""Nothing the program runs needs a package that only the tests install: every runtime
module imports with the test-only packages made unimportable."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

TEST_ONLY = ("pytest", "pytestqt", "hypothesis", "pdfplumber", "zxingcpp", "PyInstaller", "_pytest")

PROBE = r"""
import importlib, importlib.abc, pkgutil, sys

TEST_ONLY = set(sys.argv[1].split(","))

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in TEST_ONLY:
            raise ModuleNotFoundError(f"test-only package imported at run time: {name}", name=name)
        return None

sys.meta_path.insert(0, Refuse())
import desktop_app

names = [m.name for m in pkgutil.walk_packages(desktop_app.__path__, "desktop_app.")]
names = [n for n in names if not n.startswith("desktop_app.tools.")]  # developer tools, not shipped to clerks
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_every_runtime_module_imports_without_the_test_packages(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TIENDO_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE, ",".join(TEST_ONLY)], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip()) > 40  # the walk found the program, not an empty package
