"""The encrypted workspace: a clerk's year of work, safe from forgotten passphrases,
crashes, full disks and prying eyes."""

from __future__ import annotations

import hashlib
import sqlite3
from decimal import Decimal

import pytest

from conftest import PASSPHRASE
from desktop_app.core import entries
from desktop_app.core.errors import (
    CorruptWorkspaceError,
    InputError,
    WorkspaceBusyError,
    WorkspaceError,
    WrongSecretError,
)
from desktop_app.core.backup import restore_backup, write_backup
from desktop_app.core.storage.migrations import schema_version
from desktop_app.core.workspace import Workspace, check_file


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clerk_creates_a_workspace_and_opens_it_again_with_the_passphrase(make_workspace, mini_plan):
    ws, code = make_workspace()
    entries.set_value(ws, 2025, "I.1", "2,8")
    path = ws.path
    ws.close()
    assert path.exists() and (path.parent / (path.name + ".keys")).exists()
    with Workspace.open(path, passphrase=PASSPHRASE) as again:
        assert again.plan.code == mini_plan.code
        assert again.office_id == "so-ldtbxh"
        assert entries.value(again, 2025, "I.1").number == Decimal("2.8")
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert again.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert again.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert again.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()


def test_the_passphrase_must_have_eight_characters_and_be_typed_twice_the_same(tmp_path, mini_plan):
    with pytest.raises(InputError) as short:
        Workspace.create(tmp_path / "a.tiendo", "1234567", plan=mini_plan, office_id="so-yte")
    assert "8" in short.value.vi
    with pytest.raises(InputError):
        Workspace.create(tmp_path / "a.tiendo", "12345678", confirmation="12345679", plan=mini_plan, office_id="so-yte")
    assert not (tmp_path / "a.tiendo").exists()


def test_a_wrong_passphrase_gets_a_clear_message_and_leaves_the_file_untouched(workspace):
    path = workspace.path
    workspace.close()
    before = digest(path)
    with pytest.raises(WrongSecretError) as error:
        Workspace.open(path, passphrase="không đúng mật khẩu")
    assert "mật khẩu" in error.value.vi.lower() or "passphrase" in error.value.en.lower()
    assert digest(path) == before
    Workspace.open(path, passphrase=PASSPHRASE).close()


def test_the_recovery_code_opens_the_workspace_and_a_new_passphrase_can_be_set(make_workspace):
    ws, code = make_workspace()
    entries.set_value(ws, 2025, "I.3", "1.234")
    path = ws.path
    ws.close()
    with pytest.raises(WrongSecretError):
        Workspace.open(path, recovery_code="00000-00000-00000-00000-00000-00000")
    with pytest.raises(WrongSecretError):
        Workspace.open(path, recovery_code="not a code")
    # Read off paper: lower case, spaces instead of dashes, O for 0.
    typed = code.lower().replace("-", " ").replace("0", "o")
    with Workspace.open(path, recovery_code=typed) as recovered:
        assert entries.value(recovered, 2025, "I.3").number == Decimal("1234")
        recovered.change_passphrase("mật khẩu mới 2026", "mật khẩu mới 2026")
    with pytest.raises(WrongSecretError):
        Workspace.open(path, passphrase=PASSPHRASE)
    Workspace.open(path, passphrase="mật khẩu mới 2026").close()
    Workspace.open(path, recovery_code=code).close()


def test_a_passphrase_typed_with_decomposed_vietnamese_still_opens(workspace):
    import unicodedata

    path = workspace.path
    workspace.close()
    Workspace.open(path, passphrase=unicodedata.normalize("NFD", PASSPHRASE)).close()


def test_a_second_instance_is_told_the_workspace_is_already_open(workspace):
    with pytest.raises(WorkspaceBusyError) as error:
        Workspace.open(workspace.path, passphrase=PASSPHRASE)
    assert "open" in error.value.en


def test_backup_and_restore_give_back_everything(tmp_path, workspace):
    entries.set_value(workspace, 2025, "I.1", "2,8", note="Theo số liệu điều tra")
    backup = write_backup(workspace, tmp_path / "sao-luu")
    assert backup.name.endswith(".tiendo-backup")
    entries.set_value(workspace, 2025, "I.1", "2,9")
    restored = restore_backup(backup, tmp_path / "restored.tiendo", passphrase=PASSPHRASE)
    with Workspace.open(restored, passphrase=PASSPHRASE) as copy:
        record = entries.value(copy, 2025, "I.1")
        assert record.number == Decimal("2.8") and record.note == "Theo số liệu điều tra"
        assert copy.check().ok


def test_restoring_over_an_existing_workspace_keeps_the_old_one_beside_it(tmp_path, workspace):
    entries.set_value(workspace, 2025, "I.1", "2,8")
    backup = write_backup(workspace, tmp_path / "b")
    path = workspace.path
    workspace.close()
    with pytest.raises(WorkspaceError, match="already exists"):
        restore_backup(backup, path, passphrase=PASSPHRASE)  # not without the user's say-so
    assert not list(tmp_path.glob("office.tiendo.before-restore-*"))
    restore_backup(backup, path, passphrase=PASSPHRASE, replace=True)
    kept = list(tmp_path.glob("office.tiendo.before-restore-*"))
    assert len([k for k in kept if not k.name.endswith(".keys")]) == 1
    Workspace.open(path, passphrase=PASSPHRASE).close()


def test_a_damaged_backup_is_refused_and_nothing_is_written(tmp_path, workspace):
    backup = write_backup(workspace, tmp_path / "b")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    with pytest.raises((CorruptWorkspaceError, WrongSecretError)):
        restore_backup(backup, tmp_path / "r.tiendo", passphrase=PASSPHRASE)
    assert not (tmp_path / "r.tiendo").exists()
    (tmp_path / "junk.tiendo-backup").write_bytes(b"not a zip")
    with pytest.raises(CorruptWorkspaceError):
        restore_backup(tmp_path / "junk.tiendo-backup", tmp_path / "r.tiendo", passphrase=PASSPHRASE)


@pytest.mark.parametrize("damage", ["bitflip", "truncate"])
def test_a_damaged_workspace_is_named_restore_is_offered_and_the_file_is_not_overwritten(workspace, damage):
    for year in range(2024, 2031):
        entries.set_value(workspace, year, "I.3", str(1000 + year))
    path = workspace.path
    workspace.close()
    data = bytearray(path.read_bytes())
    if damage == "bitflip":
        data[4096 + 100] ^= 0x01
    else:
        data = data[: len(data) // 2 + 100]
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(CorruptWorkspaceError) as error:
        Workspace.open(path, passphrase=PASSPHRASE)
    assert str(path) in error.value.vi
    assert "sao lưu" in error.value.vi or "backup" in error.value.en
    assert digest(path) == before
    assert not check_file(path, passphrase=PASSPHRASE).ok
    assert digest(path) == before


def test_a_full_disk_refuses_the_save_clearly_and_keeps_what_was_saved(workspace):
    entries.set_value(workspace, 2024, "I.1", "3,1")
    pages = workspace.conn.execute("PRAGMA page_count").fetchone()[0]
    workspace.conn.execute(f"PRAGMA max_page_count = {pages}")
    long_note = "ghi chú dài " * 2000
    with pytest.raises(WorkspaceError) as error:
        for year in range(2025, 2031):
            entries.set_value(workspace, year, "I.1", "2,5", note=long_note)
    assert "full" in error.value.en
    path = workspace.path
    workspace.close()
    with Workspace.open(path, passphrase=PASSPHRASE) as again:
        assert entries.value(again, 2024, "I.1").number == Decimal("3.1")
        assert again.check().ok


def test_nothing_readable_on_disk(tmp_path, workspace):
    entries.set_value(workspace, 2025, "I.3", "98.765", note="Ghi chú bí mật về thất nghiệp")
    backup = write_backup(workspace, tmp_path / "b")
    wal = workspace.path.with_name(workspace.path.name + "-wal")
    secrets = [s.encode() for s in ("Tỉ lệ thất nghiệp chung", "bí mật", "98765", "Sở Lao động", "mini-test")]
    files = [workspace.path, backup] + ([wal] if wal.exists() else [])
    for path in files:
        raw = path.read_bytes()
        for secret in secrets:
            assert secret not in raw, (path.name, secret)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(workspace.path).execute("SELECT * FROM sqlite_master").fetchall()


def test_a_workspace_made_by_the_first_schema_is_migrated_on_open(tmp_path, mini_plan):
    ws, _code = Workspace.create(tmp_path / "old.tiendo", PASSPHRASE, plan=mini_plan, office_id="so-yte", schema=1)
    assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == 1
    entries.set_value(ws, 2025, "II.2", "30")
    ws.close()
    with Workspace.open(tmp_path / "old.tiendo", passphrase=PASSPHRASE) as migrated:
        assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert entries.value(migrated, 2025, "II.2").number == Decimal("30")
        assert migrated.check().ok


def test_binding_none_many_times_does_not_wear_out_none(workspace):
    """sqlcipher3 leaks a reference to None per bound None; the workspace guards against it."""
    import sys

    before = sys.getrefcount(None)
    for _ in range(20_000):
        workspace.conn.execute("SELECT ? IS NULL", (None,)).fetchone()
    assert sys.getrefcount(None) > 1_000_000  # far from zero, whatever the wheel does
    assert before > 1_000_000
