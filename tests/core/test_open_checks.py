"""Opening reads only what it needs (quick checks); the full integrity check runs on
demand (`tiendo check`), after a crash, and before every backup."""

from __future__ import annotations

import shutil

import pytest

from conftest import PASSPHRASE
from desktop_app.cli import main as cli
from desktop_app.core import entries
from desktop_app.core.errors import CorruptWorkspaceError
from desktop_app.core.backup import write_backup
from desktop_app.core.workspace import Workspace, check_file


def _damage_last_page(path) -> None:
    data = bytearray(path.read_bytes())
    data[-4096 + 200] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_deep(workspace):
    """A workspace whose last page (audit trail) is damaged; open never reads it."""
    for year in range(2000, 2060):
        entries.set_value(workspace, year, "I.3", str(1000 + year), note="ghi chú " * 20)
    path = workspace.path
    workspace.close()
    _damage_last_page(path)
    return path


def test_open_does_not_read_the_whole_file_but_check_and_backup_do(damaged_deep, tmp_path, capsys, monkeypatch):
    with Workspace.open(damaged_deep, passphrase=PASSPHRASE) as workspace:
        assert not workspace.check().ok
        with pytest.raises(CorruptWorkspaceError):
            write_backup(workspace, tmp_path / "sao-luu")
    assert not list(tmp_path.glob("sao-luu*"))  # no backup that looks good
    with pytest.raises(CorruptWorkspaceError):
        Workspace.open(damaged_deep, passphrase=PASSPHRASE, full_check=True)
    assert not check_file(damaged_deep, passphrase=PASSPHRASE).ok
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    assert cli(["check", str(damaged_deep)]) == 1


def test_after_a_crash_the_next_open_checks_every_page(damaged_deep, tmp_path):
    # The files as a power cut leaves them: the write-ahead log still holds the last save.
    with Workspace.open(damaged_deep, passphrase=PASSPHRASE) as workspace:
        with workspace.transaction() as tx:  # a write away from the damaged page
            workspace.set_meta(tx, "last_seen", "2026-06-15")
        crashed = tmp_path / "mat-dien.tiendo"
        for suffix in ("", "-wal", ".keys"):
            shutil.copy(damaged_deep.with_name(damaged_deep.name + suffix), crashed.with_name(crashed.name + suffix))
    assert crashed.with_name(crashed.name + "-wal").stat().st_size > 0
    with pytest.raises(CorruptWorkspaceError):
        Workspace.open(crashed, passphrase=PASSPHRASE)
    # The same file closed properly opens with the quick checks (the damage waits for `check`).
    Workspace.open(damaged_deep, passphrase=PASSPHRASE).close()
