"""`tiendo --help` starts without the core: it lists the commands from the table in
cli.py, which must say what the command modules register."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT
from desktop_app import cli


def _registered() -> dict[str, str]:
    parser = cli.build_parser()
    choices = parser._subparsers._group_actions[0]._choices_actions  # argparse keeps them here
    return {action.dest: action.help for action in choices}


def test_the_command_table_says_what_the_modules_register():
    listing = cli._listing_parser()._subparsers._group_actions[0]._choices_actions
    assert {a.dest: a.help for a in listing} == _registered()
    for name, (module, _help) in cli.COMMANDS.items():
        assert name in cli.build_parser(name)._subparsers._group_actions[0].choices, (name, module)


def test_help_imports_neither_the_storage_nor_the_reports(tmp_path):
    # As installed: compiled catalogues (a checkout with a newer .po reads it with Babel).
    subprocess.run([sys.executable, "-m", "desktop_app.tools.i18n", "compile"], cwd=ROOT, check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    probe = ("import sys; from desktop_app.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('sqlcipher3', 'reportlab', 'nacl', 'babel', 'PySide6', 'openpyxl', 'pyhanko')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "tạo tệp dữ liệu" in result.stdout  # the commands, in Vietnamese
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_command_still_runs_after_a_language_option(capsys):
    assert cli.main(["--lang", "en", "plans"]) == 0
    assert "khanhhoa-2024" in capsys.readouterr().out
