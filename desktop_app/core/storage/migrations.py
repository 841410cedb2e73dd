"""The schema: every change is a numbered SQL file in ``core/migrations/``, applied in
order, one transaction each, and recorded in ``PRAGMA user_version``."""

from __future__ import annotations

import re
from importlib import resources as importlib_resources

from desktop_app.core.errors import WorkspaceError
from desktop_app.core.storage.sqlcipher import split_sql

_MIGRATION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


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
                for statement in split_sql(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            current = number
    return current
