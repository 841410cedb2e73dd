"""Files on real media: a write-protected stick, a file that is not a workspace, a full
drive, a backup killed half-way.  Each gives one sentence; nothing is left half-made
and nothing that was there is changed; what TienDo writes only its owner can read."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import zipfile

import pytest

from conftest import PASSPHRASE
from desktop_app.core import entries
from desktop_app.core.errors import CorruptWorkspaceError, WorkspaceError
from desktop_app.core.backup import SCRATCH_PREFIX, restore_backup, write_backup
from desktop_app.core.workspace import Workspace

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_zero_byte_workspace_is_refused_and_left_exactly_as_it_was(tmp_path, make_workspace):
    ws, _code = make_workspace()
    keys_file = ws.path.with_name(ws.path.name + ".keys")
    ws.close()
    empty = tmp_path / "empty.tiendo"
    empty.touch()
    (tmp_path / "empty.tiendo.keys").write_bytes(keys_file.read_bytes())
    with pytest.raises(CorruptWorkspaceError) as error:
        Workspace.open(empty, passphrase=PASSPHRASE)
    assert "\n" not in error.value.vi and str(empty) in error.value.vi
    assert empty.stat().st_size == 0
    assert not (tmp_path / "empty.tiendo-wal").exists()


def test_another_kind_of_file_is_refused_and_left_as_it_was(tmp_path, make_workspace):
    ws, _code = make_workspace()
    keys_file = ws.path.with_name(ws.path.name + ".keys").read_bytes()
    ws.close()
    import sqlite3

    other = tmp_path / "other.tiendo"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    (tmp_path / "other.tiendo.keys").write_bytes(keys_file)
    before = digest(other)
    with pytest.raises(CorruptWorkspaceError):
        Workspace.open(other, passphrase=PASSPHRASE)
    assert digest(other) == before


@posix_only
def test_a_workspace_on_a_write_protected_folder_is_refused_in_one_sentence(tmp_path, make_workspace):
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only modes")
    ws, _code = make_workspace()
    path = ws.path
    ws.close()
    before = digest(path)
    os.chmod(path.parent, 0o555)
    try:
        with pytest.raises(WorkspaceError) as error:
            Workspace.open(path, passphrase=PASSPHRASE)
    finally:
        os.chmod(path.parent, 0o755)
    assert "\n" not in error.value.vi
    assert digest(path) == before


def test_a_workspace_that_cannot_be_written_is_refused_before_anything_writes(tmp_path, make_workspace, monkeypatch):
    ws, _code = make_workspace()
    path = ws.path
    ws.close()
    before = digest(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if m == os.W_OK else real_access(p, m, *a, **k))
    with pytest.raises(WorkspaceError) as error:
        Workspace.open(path, passphrase=PASSPHRASE)
    assert "cannot be written" in error.value.en
    assert digest(path) == before


@posix_only
def test_workspace_backup_and_restored_files_are_owner_only(tmp_path, make_workspace):
    ws, _code = make_workspace()
    entries.set_value(ws, 2026, "I.3", "5")
    assert mode(ws.path) == 0o600
    assert mode(ws.path.with_name(ws.path.name + ".keys")) == 0o600
    assert mode(ws.path.with_name(ws.path.name + "-wal")) == 0o600
    backup = write_backup(ws, tmp_path / "sao-luu")
    assert mode(backup) == 0o600
    ws.close()
    restored = restore_backup(backup, tmp_path / "khoi-phuc" / "r.tiendo", passphrase=PASSPHRASE)
    assert mode(restored) == 0o600 and mode(restored.with_name(restored.name + ".keys")) == 0o600


def test_a_backup_interrupted_half_way_leaves_nothing_and_says_one_sentence(tmp_path, make_workspace, monkeypatch):
    ws, _code = make_workspace()
    target = tmp_path / "usb"
    target.mkdir()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    with pytest.raises(WorkspaceError) as error:
        write_backup(ws, target / "sao-luu")
    assert "full" in error.value.en and "\n" not in error.value.vi
    assert list(target.iterdir()) == []


def test_a_backup_killed_before_leaves_its_scratch_swept_by_the_next(tmp_path, make_workspace):
    ws, _code = make_workspace()
    stale = tmp_path / f"{SCRATCH_PREFIX}abc"
    stale.mkdir()
    (stale / "workspace.db").write_bytes(b"x" * 100)
    os.utime(stale, (0, 0))
    write_backup(ws, tmp_path / "sao-luu")
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_sqlcipher_log_lines_never_reach_the_terminal(tmp_path, make_workspace, capfd):
    ws, _code = make_workspace()
    path = ws.path
    entries.set_value(ws, 2026, "I.3", "7")
    ws.close()
    data = bytearray(path.read_bytes())
    data[4096 + 200] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptWorkspaceError):
        Workspace.open(path, passphrase=PASSPHRASE)
    captured = capfd.readouterr()
    assert "sqlcipher" not in (captured.err + captured.out).lower()
