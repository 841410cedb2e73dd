"""The program killed in the middle of saving: every value whose save returned is there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

from conftest import PASSPHRASE, ROOT
from desktop_app.core import entries
from desktop_app.core.workspace import Workspace

KEYS = [(year, indicator) for year in range(2024, 2031) for indicator in ("I.3", "II.2", "II.2.1")]

CHILD = textwrap.dedent(
    """
    import sys
    from desktop_app.core import entries
    from desktop_app.core.workspace import Workspace
    keys = {keys!r}
    ws = Workspace.open(sys.argv[1], passphrase=sys.argv[2])
    i = 0
    while True:
        year, indicator = keys[i % len(keys)]
        entries.set_value(ws, year, indicator, str(i), note="n")
        print(i, flush=True)
        i += 1
    """
)


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killed_while_saving_many_values_loses_nothing_that_was_saved(workspace):
    path = workspace.path
    workspace.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(keys=KEYS), str(path), PASSPHRASE],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    printed = []
    for line in child.stdout:
        printed.append(int(line))
        if len(printed) >= 60:
            break
    child.send_signal(signal.SIGKILL)
    printed += [int(line) for line in child.stdout.read().split()]
    child.wait()
    assert len(printed) >= 60

    last_saved: dict[tuple[int, str], int] = {}
    for i in printed:
        last_saved[KEYS[i % len(KEYS)]] = i
    with Workspace.open(path, passphrase=PASSPHRASE) as again:
        assert again.check().ok
        for key, i in last_saved.items():
            stored = entries.value(again, key[0], key[1]).number
            # The save after the last printed one may have committed before the kill.
            assert stored in (Decimal(i), Decimal(i + len(KEYS))), (key, stored, i)
