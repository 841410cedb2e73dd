"""The workspace: one SQLCipher-encrypted database holding everything an office records
for a plan, plus the small key-slot file that lets a passphrase or the recovery code open
it.  Create, open, change passphrase, back up, restore, check, migrate.

Files that make up a workspace called ``X.tiendo``:
  ``X.tiendo``        the encrypted database (AES-256, per-page HMAC);
  ``X.tiendo.keys``   the key slots (the data key wrapped by passphrase and recovery code);
  ``X.tiendo-wal``    ``X.tiendo-shm``  SQLite's write-ahead log while open (encrypted too);
  ``X.tiendo.lock``   the lock that keeps a second instance out.
A backup (``*.tiendo-backup``) is one file holding a consistent copy of the database and
the key slots, still encrypted.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Iterator

import sqlcipher3

from desktop_app.core import clock
from desktop_app import __version__
from desktop_app.core import keyslots
from desktop_app.core.errors import (
    CorruptWorkspaceError,
    InputError,
    Location,
    TienDoError,
    WorkspaceError,
)
from desktop_app.core.filelock import FileLock
from desktop_app.core.fsutil import atomic_write_bytes, create_private, fsync_dir, private_file, write_failure
from desktop_app.core.model import Office, Plan
from desktop_app.core.plans import plan_from_dict, plan_to_dict
from desktop_app.core.resources import user_data_dir
from desktop_app.core.text import clean

SUFFIX = ".tiendo"
BACKUP_SUFFIX = ".tiendo-backup"
ROLES = ("reporting", "lead")
_MIGRATION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
DatabaseError = sqlcipher3.dbapi2.DatabaseError


def _keep_singletons_alive() -> None:
    """sqlcipher3 (0.5.x and 0.6.x wheels) drops one reference to None each time it binds
    None as a parameter (and PySide6 does the like with True/False in some error paths);
    after a few thousand saves CPython would free None and the program would die.
    Python 3.12 made these immortal; on 3.11 give them enough references to never run
    out.  Remove once the wheels are fixed (tests/core/test_workspace.py checks it)."""
    import ctypes
    import sys

    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_keep_singletons_alive()


def now_utc() -> str:
    return clock.now().isoformat(timespec="seconds")


# -- migrations ------------------------------------------------------------------------------


def migration_scripts() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every schema change, in order."""
    folder = importlib_resources.files("desktop_app.core") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {numbers}")
    return found


def schema_version() -> int:
    return len(migration_scripts())


def migrate(conn, *, up_to: int | None = None) -> int:
    """Apply every migration newer than the database's ``user_version``; one transaction each."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    target = schema_version() if up_to is None else up_to
    if current > schema_version():
        raise WorkspaceError(
            "This workspace was made by a newer TienDo (schema {found}, this program knows {known}); update TienDo.",
            found=current,
            known=schema_version(),
        )
    for number, _name, sql in migration_scripts():
        if current < number <= target:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            current = number
    return current


def _split_sql(script: str) -> list[str]:
    # executescript() would commit on its own; the migration must stay one transaction.
    statements, buffer = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buffer.append(line)
        candidate = "\n".join(buffer).strip()
        if candidate.endswith(";") and sqlcipher3.complete_statement(candidate):
            statements.append(candidate)
            buffer = []
    if "\n".join(buffer).strip():
        statements.append("\n".join(buffer).strip())
    return statements


# -- connections -----------------------------------------------------------------------------


def _connect(path: Path, data_key: bytes):
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own log lines never reach the user
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    return conn


def _configure(conn) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")


def integrity_problems(conn) -> list[str]:
    """What SQLCipher's page HMACs and SQLite's own structure check find wrong (reads every page)."""
    problems = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
    problems += [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    return problems


def quick_problems(conn, path: Path) -> list[str]:
    """What can be seen without reading the whole file: the key opens the first page (its
    HMAC is checked on the way), and the file holds every page the header counts."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    page_size = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    size = path.stat().st_size
    if size % page_size or pages * page_size > size:
        return [f"file size {size} does not hold {pages} pages of {page_size} bytes"]
    return []


def was_left_open(path: Path) -> bool:
    """A write-ahead log with content survives only a program that did not close the
    workspace (a crash, a power cut): then the full check runs on the next open."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _storage_error(error: Exception, path: Path) -> TienDoError:
    text = str(error).lower()
    if "full" in text:
        return WorkspaceError(
            "The disk is full: the change was not saved. Free some space and try again; "
            "everything saved before is safe.",
            where=Location(file=str(path)),
        )
    if "not a database" in text or "malformed" in text or "hmac" in text:
        return CorruptWorkspaceError(
            "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).",
            where=Location(file=str(path)),
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceError("The workspace file cannot be written (read-only).", where=Location(file=str(path)))
    if "disk i/o" in text:
        return WorkspaceError(
            "The workspace could not be written: the disk may be full or the drive was removed. "
            "The last change was not saved; everything saved before is safe.",
            where=Location(file=str(path)),
        )
    return WorkspaceError("The workspace could not be read or written: {detail}.", where=Location(file=str(path)), detail=str(error))


@dataclass(frozen=True)
class CheckResult:
    path: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class Workspace:
    """An open workspace.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, conn, lock: FileLock, data_key: bytes, slots: keyslots.KeySlots):
        self.path = path
        self.conn = conn
        self._lock = lock
        self._data_key = data_key
        self._slots = slots
        # The GUI runs storage work on a worker thread; one user action at a time.
        self.mutex = threading.RLock()
        # Small values read on every save; written only through this object.
        self._meta_cache: dict[str, str | None] = {}
        self._settings_cache: dict[str, str | None] = {}

    # -- create / open / close ---------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        plan: Plan,
        office_id: str,
        role: str = "reporting",
        new_office: Office | None = None,
        confirmation: str | None = None,
        user_name: str | None = None,
        schema: int | None = None,
    ) -> tuple[Workspace, str]:
        """A new workspace for ``office_id`` reporting on ``plan``; returns it and its recovery code.

        ``schema`` stops the migrations early: tests use it to make a workspace as an
        older TienDo would have.
        """
        path = Path(path)
        passphrase = keyslots.check_new_passphrase(passphrase, confirmation)
        if role not in ROLES:
            raise InputError("Unknown role “{role}”.", role=role)
        if new_office is None and office_id not in plan.offices:
            raise InputError("Plan {plan} has no office “{office}”.", plan=plan.code, office=office_id)
        if path.exists() or keyslots.slots_path(path).exists():
            raise WorkspaceError("A workspace already exists there.", where=Location(file=str(path)))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Owner-only from the first byte; SQLite gives its -wal and -shm the same mode.
            os.close(create_private(path))
        except OSError as error:
            raise write_failure(error, path) from None
        data_key = keyslots.new_data_key()
        recovery_code = keyslots.new_recovery_code()
        slots = keyslots.create_slots(keyslots.new_workspace_id(), data_key, passphrase, recovery_code)
        lock = FileLock(_lock_path(path))
        lock.acquire(path)
        try:
            conn = _connect(path, data_key)
            _configure(conn)
            migrate(conn, up_to=schema)
            workspace = cls(path, conn, lock, data_key, slots)
            with workspace.transaction() as tx:
                workspace._install_plan(tx, plan)
                if new_office is not None:
                    workspace._insert_office(tx, new_office, origin="user")
                meta = {
                    "workspace_id": slots.workspace_id,
                    "created_at": now_utc(),
                    "created_by_version": __version__,
                    "plan_code": plan.code,
                    "office_id": office_id,
                    "role": role,
                    "user_name": clean(user_name) or _os_user(),
                }
                tx.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
                workspace._assign_defaults(tx, plan, office_id, role)
                workspace.audit(tx, "create", "workspace", slots.workspace_id, new_value=plan.code)
            keyslots.write_slots(path, slots)
        except BaseException:
            lock.release()
            if not keyslots.slots_path(path).exists():  # never finished: no half-made workspace
                for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    leftover.unlink(missing_ok=True)
            raise
        return workspace, recovery_code

    @classmethod
    def open(cls, path: Path, *, passphrase: str | None = None, recovery_code: str | None = None,
             full_check: bool | None = None) -> Workspace:
        """Open with quick checks; the full integrity check (every page) runs when asked,
        or by itself after a crash.  ``check()`` and ``backup()`` run it too."""
        path = Path(path)
        if not path.exists():
            raise WorkspaceError("There is no workspace at this path.", where=Location(file=str(path)))
        _refuse_what_is_not_a_workspace(path)
        slots = keyslots.read_slots(path)
        data_key = keyslots.unlock(slots, passphrase=passphrase, recovery_code=recovery_code, source=str(path))
        lock = FileLock(_lock_path(path))
        lock.acquire(path)
        conn = None
        try:
            if full_check is None:
                full_check = was_left_open(path)
            conn = _connect(path, data_key)
            # Read-only checks first: a damaged file must not be written to by this attempt.
            try:
                problems = integrity_problems(conn) if full_check else quick_problems(conn, path)
            except DatabaseError as error:
                raise _storage_error(error, path) from None
            if problems:
                raise CorruptWorkspaceError(
                    "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).",
                    where=Location(file=str(path)),
                )
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    # Opens with the key but holds nothing: never write a schema into it.
                    raise CorruptWorkspaceError("This file is not a TienDo workspace; it was left as it is.",
                                                where=Location(file=str(path)))
                _configure(conn)
                migrate(conn)
            except DatabaseError as error:
                raise _storage_error(error, path) from None
            workspace = cls(path, conn, lock, data_key, slots)
            if workspace.meta("workspace_id") != slots.workspace_id:
                raise CorruptWorkspaceError(
                    "The key file next to the workspace belongs to another workspace.", where=Location(file=str(path))
                )
            return workspace
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise

    def close(self) -> None:
        if self.conn is None:
            return
        with self.mutex:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except DatabaseError:
                pass
            self.conn.close()
            self.conn = None
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions and audit --------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[object]:
        """One user action: everything inside commits together or not at all."""
        with self.mutex:
            conn = self.conn
            if conn is None:
                raise WorkspaceError("The workspace is closed.")
            try:
                conn.execute("BEGIN IMMEDIATE")
            except DatabaseError as error:
                raise _storage_error(error, self.path) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except DatabaseError as error:
                _rollback(conn)
                raise _storage_error(error, self.path) from None
            except BaseException:
                _rollback(conn)
                raise

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self.mutex:
            if self.conn is None:
                raise WorkspaceError("The workspace is closed.")
            try:
                return self.conn.execute(sql, params).fetchall()
            except DatabaseError as error:
                raise _storage_error(error, self.path) from None

    def audit(
        self, tx, action: str, entity: str, entity_key: str, *, field: str = "", old_value: object = None,
        new_value: object = None, reason: str = "",
    ) -> None:
        tx.execute(
            "INSERT INTO audit (at, actor, action, entity, entity_key, field, old_value, new_value, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now_utc(), self.actor, action, entity, entity_key, field, _text(old_value), _text(new_value), reason),
        )

    # -- what the workspace is about ---------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        if key not in self._meta_cache:
            rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
            self._meta_cache[key] = rows[0][0] if rows else None
        value = self._meta_cache[key]
        return default if value is None else value

    def set_meta(self, tx, key: str, value: str) -> None:
        self._meta_cache.pop(key, None)
        tx.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def setting(self, key: str, default: str | None = None) -> str | None:
        if key not in self._settings_cache:
            rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
            self._settings_cache[key] = rows[0][0] if rows else None
        value = self._settings_cache[key]
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        old = self.setting(key)
        self._settings_cache.pop(key, None)
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self.audit(tx, "set", "setting", key, old_value=old, new_value=value)

    @property
    def workspace_id(self) -> str:
        return self._slots.workspace_id

    @cached_property
    def actor(self) -> str:
        return self.meta("user_name") or _os_user()

    @property
    def office_id(self) -> str:
        return self.meta("office_id") or ""

    @property
    def role(self) -> str:
        return self.meta("role") or "reporting"

    @property
    def plan_code(self) -> str:
        return self.meta("plan_code") or ""

    @cached_property
    def plan(self) -> Plan:
        return self.load_plan(self.plan_code)

    def reload_plan(self) -> None:
        """Forget the cached plan after its catalog changed (a plan update)."""
        self.__dict__.pop("plan", None)

    def load_plan(self, code: str) -> Plan:
        rows = self.query("SELECT catalog_json FROM plans WHERE code = ?", (code,))
        if not rows:
            raise WorkspaceError("The workspace has no plan “{code}”.", code=code)
        return plan_from_dict(json.loads(rows[0][0]), source=f"{self.path.name}:{code}")

    def _install_plan(self, tx, plan: Plan) -> None:
        tx.execute(
            "INSERT INTO plans (code, catalog_version, catalog_json, installed_at) VALUES (?, ?, ?, ?)",
            (plan.code, plan.catalog_version, json.dumps(plan_to_dict(plan), ensure_ascii=False), now_utc()),
        )
        for office in plan.offices.values():
            exists = tx.execute("SELECT 1 FROM offices WHERE id = ?", (office.id,)).fetchone()
            if not exists:
                self._insert_office(tx, office, origin="plan")

    def _insert_office(self, tx, office: Office, *, origin: str, parent_id: str | None = None) -> None:
        tx.execute(
            "INSERT INTO offices (id, name, short, kind, parent_id, origin) VALUES (?, ?, ?, ?, ?, ?)",
            (office.id, office.name, office.short, office.kind, parent_id, origin),
        )
        tx.execute("INSERT INTO office_names (office_id, name) VALUES (?, ?)", (office.id, office.name))

    def _assign_defaults(self, tx, plan: Plan, office_id: str, role: str) -> None:
        """The office's own form, as the plan (or the lead office) gives it: core/forms.py."""
        from desktop_app.core.forms import apply_catalog_form

        apply_catalog_form(self, tx, plan, office_id=office_id, role=role)

    # -- secrets -----------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, confirmation: str | None = None) -> None:
        passphrase = keyslots.check_new_passphrase(new_passphrase, confirmation)
        self._slots = self._slots.with_slot(keyslots.wrap("passphrase", passphrase, self._data_key))
        keyslots.write_slots(self.path, self._slots)
        with self.transaction() as tx:
            self.audit(tx, "change_passphrase", "workspace", self.workspace_id)

    def new_recovery_code(self) -> str:
        code = keyslots.new_recovery_code()
        self._slots = self._slots.with_slot(keyslots.wrap("recovery", code, self._data_key))
        keyslots.write_slots(self.path, self._slots)
        with self.transaction() as tx:
            self.audit(tx, "new_recovery_code", "workspace", self.workspace_id)
        return code

    # -- backup, restore, check --------------------------------------------------------------

    def backup(self, destination: Path) -> Path:
        """A consistent, still-encrypted copy of the live workspace in one file."""
        destination = Path(destination)
        if destination.suffix != BACKUP_SUFFIX:
            destination = destination.with_name(destination.name + BACKUP_SUFFIX)
        # A damaged workspace must not make a backup that looks good (and, rotated, push
        # out the last good one).
        if not self.check().ok:
            raise CorruptWorkspaceError(
                "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).",
                where=Location(file=str(self.path)),
            )
        _sweep_stale_scratch(destination.parent)
        try:
            self._write_backup(destination)
        except OSError as error:
            raise write_failure(error, destination) from None
        with self.transaction() as tx:
            self.audit(tx, "backup", "workspace", self.workspace_id, new_value=destination.name)
        return destination

    def _write_backup(self, destination: Path) -> None:
        # The scratch folder is hidden and named, so a backup killed half-way is swept
        # away by the next one; on any error it is removed at once.
        with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=destination.parent) as scratch:
            copy = Path(scratch) / "workspace.db"
            with self.mutex:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                try:
                    self.conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{self._data_key.hex()}'\"", (str(copy),))
                    self.conn.execute("SELECT sqlcipher_export('backup')")
                    self.conn.execute(f"PRAGMA backup.user_version = {version}")
                    self.conn.execute("DETACH DATABASE backup")
                except DatabaseError as error:
                    raise _storage_error(error, destination) from None
            staged = Path(scratch) / "backup.zip"
            # Owner-only: a backup holds the key slots.
            with os.fdopen(create_private(staged), "wb") as handle:
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                    archive.writestr("FORMAT", "tiendo-backup 1\n")
                    archive.write(copy, "workspace.db")
                    archive.writestr("workspace.keys", self._slots.to_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(staged, destination)
            fsync_dir(destination.parent)

    def check(self) -> CheckResult:
        with self.mutex:
            try:
                problems = integrity_problems(self.conn)
            except DatabaseError as error:
                problems = [_storage_error(error, self.path).en]
        return CheckResult(str(self.path), tuple(problems))


def restore_backup(
    backup: Path, destination: Path, *, passphrase: str | None = None, recovery_code: str | None = None
) -> Path:
    """Put a backup in place at ``destination`` after proving it opens and is intact.

    A workspace already at ``destination`` is kept beside it (``….before-restore-…``),
    never overwritten.
    """
    backup, destination = Path(backup), Path(destination)
    try:
        archive = zipfile.ZipFile(backup)
        with archive:
            if archive.read("FORMAT").decode().split()[0] != "tiendo-backup":
                raise ValueError
            db_bytes = archive.read("workspace.db")
            slots_bytes = archive.read("workspace.keys")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, UnicodeDecodeError):
        raise CorruptWorkspaceError("This is not a TienDo backup, or it is damaged.", where=Location(file=str(backup))) from None
    slots = keyslots.KeySlots.from_bytes(slots_bytes, source=str(backup))
    data_key = keyslots.unlock(slots, passphrase=passphrase, recovery_code=recovery_code, source=str(backup))
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent) as scratch:
        candidate = Path(scratch) / "restored.tiendo"
        candidate.write_bytes(db_bytes)
        private_file(candidate)
        conn = _connect(candidate, data_key)
        try:
            problems = integrity_problems(conn)
        except DatabaseError:
            problems = ["unreadable"]
        finally:
            conn.close()
        if problems:
            raise CorruptWorkspaceError("The backup is damaged and cannot be restored.", where=Location(file=str(backup)))
        if destination.exists():
            lock = FileLock(_lock_path(destination))
            lock.acquire(destination)  # refuses while the workspace is open elsewhere
            lock.release()
            stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
            kept = destination.with_name(f"{destination.name}.before-restore-{stamp}")
            shutil.move(destination, kept)
            if keyslots.slots_path(destination).exists():
                shutil.move(keyslots.slots_path(destination), keyslots.slots_path(kept))
            for suffix in ("-wal", "-shm"):
                leftover = destination.with_name(destination.name + suffix)
                if leftover.exists():
                    shutil.move(leftover, kept.with_name(kept.name + suffix))
        atomic_write_bytes(keyslots.slots_path(destination), slots_bytes)
        os.replace(candidate, destination)
        fsync_dir(destination.parent)
    return destination


def check_file(path: Path, *, passphrase: str | None = None, recovery_code: str | None = None) -> CheckResult:
    """Open, check both integrity layers, close.  A damaged file gives a result, not an exception."""
    try:
        with Workspace.open(path, passphrase=passphrase, recovery_code=recovery_code, full_check=True) as workspace:
            return workspace.check()
    except CorruptWorkspaceError as error:
        return CheckResult(str(path), (error.message(),))


SCRATCH_PREFIX = ".tiendo-backup-scratch-"


def _sweep_stale_scratch(folder: Path) -> None:
    """Remove what a backup killed half-way left (its hidden scratch folder), once it is
    old enough not to be another backup running right now."""
    cutoff = time.time() - 600
    try:
        stale = [p for p in folder.glob(SCRATCH_PREFIX + "*") if p.is_dir() and p.stat().st_mtime < cutoff]
    except OSError:
        return
    for leftover in stale:
        shutil.rmtree(leftover, ignore_errors=True)


def _refuse_what_is_not_a_workspace(path: Path) -> None:
    """Checks that only read: a file that cannot be a workspace is left exactly as it is,
    and a workspace on read-only media is refused before anything tries to write."""
    where = Location(file=str(path))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        raise WorkspaceError("The workspace file cannot be read.", where=where) from None
    if size == 0:
        raise CorruptWorkspaceError("This file is empty, not a TienDo workspace (an incomplete copy?); it was left as it is.",
                                    where=where)
    if head.startswith(b"SQLite format 3\0"):
        raise CorruptWorkspaceError("This file is not a TienDo workspace; it was left as it is.", where=where)
    if size % 512:  # a database is whole pages: this one was cut short
        raise CorruptWorkspaceError(
            "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).", where=where,
        )
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise WorkspaceError(
            "The workspace is on a drive or in a folder that cannot be written (a write-protected stick, a CD, "
            "a read-only file): copy it to this computer, or restore its backup, and open it there.",
            where=where,
        )


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _rollback(conn) -> None:
    try:
        conn.execute("ROLLBACK")
    except DatabaseError:
        pass


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something
        return "?"


def default_workspace_dir() -> Path:
    """Where workspaces live when the user does not choose (the GUI asks QStandardPaths instead)."""
    return user_data_dir() / "workspaces"
