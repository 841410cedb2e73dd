"""The workspace: one SQLCipher-encrypted database holding everything an office records
for a plan.  Create, open, close; one transaction per user action with its audit line;
what the workspace is about (meta, settings, plan); passphrase and recovery code.

How it sits on disk is in ``core/storage/`` (connection, migrations, integrity checks,
files and lock), the key slots in ``core/keyslots.py``, backups in ``core/backup.py``.
"""

from __future__ import annotations

import getpass
import json
import os
import threading
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Iterator

from desktop_app import __version__
from desktop_app.core import keyslots
from desktop_app.core.clock import now_utc
from desktop_app.core.errors import CorruptWorkspaceError, InputError, Location, WorkspaceError
from desktop_app.core.filelock import FileLock
from desktop_app.core.fsutil import create_private, write_failure
from desktop_app.core.model import Office, Plan
from desktop_app.core.plans import plan_from_dict, plan_to_dict
from desktop_app.core.storage import sqlcipher
from desktop_app.core.storage.files import lock_path, refuse_what_is_not_a_workspace, sqlite_sidecars
from desktop_app.core.storage.integrity import CheckResult, integrity_problems, quick_problems, was_left_open
from desktop_app.core.storage.migrations import migrate
from desktop_app.core.storage.sqlcipher import DatabaseError, storage_error
from desktop_app.core.text import clean

ROLES = ("reporting", "lead")


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
        lock = FileLock(lock_path(path))
        lock.acquire(path)
        try:
            conn = sqlcipher.connect(path, data_key)
            sqlcipher.configure(conn)
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
                for leftover in (path, *sqlite_sidecars(path)):
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
        refuse_what_is_not_a_workspace(path)
        slots = keyslots.read_slots(path)
        data_key = keyslots.unlock(slots, passphrase=passphrase, recovery_code=recovery_code, source=str(path))
        lock = FileLock(lock_path(path))
        lock.acquire(path)
        conn = None
        try:
            if full_check is None:
                full_check = was_left_open(path)
            conn = sqlcipher.connect(path, data_key)
            # Read-only checks first: a damaged file must not be written to by this attempt.
            try:
                problems = integrity_problems(conn) if full_check else quick_problems(conn, path)
            except DatabaseError as error:
                raise storage_error(error, path) from None
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
                sqlcipher.configure(conn)
                migrate(conn)
            except DatabaseError as error:
                raise storage_error(error, path) from None
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
                raise storage_error(error, self.path) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except DatabaseError as error:
                sqlcipher.rollback(conn)
                raise storage_error(error, self.path) from None
            except BaseException:
                sqlcipher.rollback(conn)
                raise

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self.mutex:
            if self.conn is None:
                raise WorkspaceError("The workspace is closed.")
            try:
                return self.conn.execute(sql, params).fetchall()
            except DatabaseError as error:
                raise storage_error(error, self.path) from None

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

    # -- copies and checks ------------------------------------------------------------------

    def copy_database(self, target: Path) -> None:
        """A consistent copy of the database at ``target``, still encrypted with this
        workspace's key (what a backup holds); database errors are the caller's to word."""
        with self.mutex:
            sqlcipher.export_copy(self.conn, self._data_key, target)

    def key_slots_bytes(self) -> bytes:
        """The key slots as the ``.keys`` file holds them (a backup carries them along)."""
        return self._slots.to_bytes()

    def check(self) -> CheckResult:
        with self.mutex:
            try:
                problems = integrity_problems(self.conn)
            except DatabaseError as error:
                problems = [storage_error(error, self.path).en]
        return CheckResult(str(self.path), tuple(problems))


def check_file(path: Path, *, passphrase: str | None = None, recovery_code: str | None = None) -> CheckResult:
    """Open, check both integrity layers, close.  A damaged file gives a result, not an exception."""
    try:
        with Workspace.open(path, passphrase=passphrase, recovery_code=recovery_code, full_check=True) as workspace:
            return workspace.check()
    except CorruptWorkspaceError as error:
        return CheckResult(str(path), (error.message(),))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something
        return "?"
