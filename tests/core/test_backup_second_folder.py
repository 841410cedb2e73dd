"""A second copy of every automatic backup on a drive the clerk chose (a USB stick, a
network drive): written and rotated as in the data folder; when the drive is away, full
or write-protected, the backup in the data folder is still made and one sentence says
why there is no copy."""

from __future__ import annotations

import datetime as dt
import errno
import os

import pytest

from conftest import PASSPHRASE
from desktop_app.core import autobackup, backup_places, entries
from desktop_app.core.backup import restore_backup
from desktop_app.core.errors import InputError
from desktop_app.core.resources import backups_dir
from desktop_app.core.workspace import Workspace


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    backup_places.set_second_folder(folder)
    return folder


def test_each_backup_is_copied_to_the_chosen_folder_and_seven_are_kept_there(workspace, stick, clock):
    start = dt.datetime(2026, 6, 1, 16, 30, tzinfo=dt.timezone.utc)
    made = []
    for day in range(8):
        clock.set_now(start + dt.timedelta(days=day))
        entries.set_value(workspace, 2026, "I.3", str(1000 + day))
        made.append(autobackup.make_backup(workspace))
    assert all(m.copy_failed is None and m.copy.is_relative_to(stick) for m in made)
    assert all(m.copy.read_bytes() == m.path.read_bytes() for m in made[1:])
    on_stick = autobackup.list_backups(stick)
    assert [b.path for b in on_stick] == [m.copy for m in made[:0:-1]]  # the oldest copy rotated out
    assert not made[0].copy.exists() and not made[0].path.exists()
    everywhere = autobackup.list_everywhere()
    assert len(everywhere) == 14
    assert [b.in_second_folder for b in everywhere[:2]] == [False, True]  # the same moment: this computer's first
    assert {b.path.parent for b in everywhere if not b.in_second_folder} == {autobackup.folder_for(workspace)}
    # The copy on the stick restores on its own.
    restored = restore_backup(on_stick[0].path, stick / "lay-lai.tiendo", passphrase=PASSPHRASE)
    with Workspace.open(restored, passphrase=PASSPHRASE) as again:
        assert str(entries.value(again, 2026, "I.3").number) == "1007"


def test_with_the_stick_pulled_out_the_backup_is_made_in_the_data_folder_and_one_sentence_says_so(workspace, stick):
    stick.rmdir()  # unplugged: its mount point is gone
    made = autobackup.make_backup(workspace)
    assert made.path.exists() and made.path.is_relative_to(backups_dir())
    assert made.copy is None and made.copy_failed is not None
    sentence = made.copy_failed.vi
    assert str(stick) in sentence and "\n" not in sentence and "USB" in sentence
    assert "thư mục dữ liệu" in sentence
    assert not stick.exists()  # nothing written where the drive should be
    assert [b.path for b in autobackup.list_everywhere()] == [made.path]


@pytest.mark.parametrize("code, words", [(errno.EROFS, "chỉ đọc"), (errno.ENOSPC, "đầy")])
def test_a_write_protected_or_full_stick_leaves_no_half_copy(workspace, stick, monkeypatch, code, words):
    import tempfile
    from pathlib import Path

    real_mkstemp = tempfile.mkstemp

    def refused_on_the_stick(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(stick):
            raise OSError(code, os.strerror(code))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refused_on_the_stick)  # the drive refuses the file
    made = autobackup.make_backup(workspace)
    assert made.path.exists() and made.copy is None
    assert words in made.copy_failed.vi and str(stick) in made.copy_failed.vi
    assert [p.name for p in stick.rglob("*") if p.is_file()] == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX modes; root writes through them")
def test_a_read_only_folder_gets_no_copy(workspace, stick):
    os.chmod(stick, 0o555)
    try:
        made = autobackup.make_backup(workspace)
    finally:
        os.chmod(stick, 0o755)
    assert made.path.exists() and "chỉ đọc" in made.copy_failed.vi


def test_the_choice_must_be_a_folder_that_is_there_and_not_the_data_folder(tmp_path):
    with pytest.raises(InputError) as error:
        backup_places.set_second_folder(tmp_path / "khong-co")
    assert "khong-co" in error.value.vi
    backups_dir().mkdir(parents=True)
    with pytest.raises(InputError):
        backup_places.set_second_folder(backups_dir())
    assert backup_places.second_folder() is None
    assert backup_places.set_second_folder(str(tmp_path) + "  ") == tmp_path
    assert backup_places.second_folder() == tmp_path
    assert backup_places.set_second_folder(None) is None
    assert backup_places.second_folder() is None


def test_a_settings_file_spoilt_by_hand_means_no_second_copy(workspace, tmp_path):
    backup_places.settings_path().parent.mkdir(parents=True, exist_ok=True)
    for spoilt in ("{not json", '["a list"]', '{"also_to": 42}', '{"also_to": "' + "x" * 5000 + '"}'):
        backup_places.settings_path().write_text(spoilt, encoding="utf-8")
        assert backup_places.second_folder() is None
    made = autobackup.make_backup(workspace)
    assert made.path.exists() and made.copy is None and made.copy_failed is None


def test_a_copy_missed_at_close_is_made_once_the_stick_is_back_the_same_day(workspace, stick, clock):
    clock.set_now("2026-06-15T08:00:00+07:00")
    autobackup.make_backup(workspace)  # the morning's backup, copied
    clock.set_now("2026-06-15T17:00:00+07:00")
    entries.set_value(workspace, 2026, "I.3", "4321")
    stick.rename(stick.with_name("usb-rut-ra"))  # pulled out before the window closed
    at_close = autobackup.backup_at_close(workspace)
    assert at_close.copy is None and at_close.copy_failed is not None
    # Next start, the same day: no day's backup is due, and the stick is still out.
    clock.set_now("2026-06-15T17:30:00+07:00")
    still_out = autobackup.backup_if_due(workspace)
    assert still_out.path == at_close.path and still_out.copy_failed is not None
    # Plugged in again: the evening's backup goes onto it, once.
    stick.with_name("usb-rut-ra").rename(stick)
    caught_up = autobackup.backup_if_due(workspace)
    assert caught_up.copy_failed is None and caught_up.copy.read_bytes() == at_close.path.read_bytes()
    assert autobackup.list_backups(stick)[0].path == caught_up.copy
    assert autobackup.backup_if_due(workspace) is None  # nothing left to do
    assert len(autobackup.list_backups()) == 2  # no backup was made for the catching up


def test_two_backups_within_one_second_list_the_later_first(workspace, clock):
    first = autobackup.make_backup(workspace, also_to=None).path
    entries.set_value(workspace, 2026, "I.3", "4321")
    second = autobackup.make_backup(workspace, also_to=None).path
    assert second.name.endswith("-2" + first.suffix)
    assert [b.path for b in autobackup.list_backups()] == [second, first]
