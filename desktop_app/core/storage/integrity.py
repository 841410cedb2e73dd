"""Is the file whole?  The quick check reads what opening reads; the full check reads
every page (SQLCipher's HMACs and SQLite's own structure check)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CheckResult:
    path: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


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
