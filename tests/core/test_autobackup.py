"""Automatic backups: one a day and one at close, the newest 7 kept per workspace,
listed for the wizard, and each one restores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import PASSPHRASE
from desktop_app.core import autobackup, entries
from desktop_app.core.resources import backups_dir
from desktop_app.core.backup import restore_backup
from desktop_app.core.workspace import Workspace


def test_eight_backups_keep_the_newest_seven_and_the_oldest_is_gone(workspace, clock):
    start = dt.datetime(2026, 6, 1, 16, 30, tzinfo=dt.timezone.utc)
    made = []
    for day in range(8):
        clock.set_now(start + dt.timedelta(days=day))
        entries.set_value(workspace, 2026, "I.3", str(1000 + day))
        made.append(autobackup.make_backup(workspace).path)
    kept = autobackup.list_backups()
    assert [b.path for b in kept] == made[:0:-1]  # newest first, the first one gone
    assert not made[0].exists()
    assert all(b.path.is_relative_to(backups_dir()) for b in kept)
    assert {b.workspace_name for b in kept} == {workspace.path.stem}


def test_a_backup_a_day_and_the_listed_one_restores(workspace, clock, tmp_path):
    entries.set_value(workspace, 2026, "I.3", "1234")
    assert autobackup.is_due(workspace)
    first = autobackup.backup_if_due(workspace)
    assert first is not None and not autobackup.is_due(workspace)
    assert autobackup.backup_if_due(workspace) is None  # the same day: nothing more
    clock.set_now("2026-06-16T09:00:00+07:00")
    assert autobackup.is_due(workspace)
    newest = autobackup.list_backups()[0]
    restored = restore_backup(newest.path, tmp_path / "lay-lai.tiendo", passphrase=PASSPHRASE)
    with Workspace.open(restored, passphrase=PASSPHRASE) as again:
        assert entries.value(again, 2026, "I.3").number == Decimal("1234")


def test_two_workspaces_with_the_same_name_keep_their_own_seven(make_workspace, mini_plan, tmp_path, clock):
    here = make_workspace()[0]
    other, _code = Workspace.create(tmp_path / "khac" / "office.tiendo", PASSPHRASE, plan=mini_plan,
                                    office_id="so-ldtbxh")
    try:
        for minute in range(8):
            clock.set_now(dt.datetime(2026, 6, 15, 8, minute, tzinfo=dt.timezone.utc))
            autobackup.make_backup(here)
        clock.set_now(dt.datetime(2026, 6, 14, 8, 0, tzinfo=dt.timezone.utc))  # older than all of them
        theirs = autobackup.make_backup(other).path
    finally:
        other.close()
    assert theirs.exists()
    assert len(autobackup.list_backups()) == 8


def test_closing_after_only_looking_makes_no_new_backup(workspace, clock):
    entries.set_value(workspace, 2026, "I.3", "12")
    assert autobackup.backup_at_close(workspace) is not None
    clock.set_now("2026-06-15T10:00:00+07:00")
    assert autobackup.backup_at_close(workspace) is None  # nothing recorded since
    entries.set_value(workspace, 2026, "I.3", "13")
    assert autobackup.backup_at_close(workspace) is not None
    assert len(autobackup.list_backups()) == 2
