"""Prints how big the bundle or the installer is, next to its goal (issue 15: a bundle under
200 MB, an installer under 100 MB).  `make bundle` and `make installer` call it.

    python installer/size_report.py bundle dist/TienDo
    python installer/size_report.py installer dist/TienDo-Setup-0.1.0.exe

Counts the bytes of regular files (a symlink is a few bytes on disk, and NSIS stores
its target once), in MiB and in MB, since both units get quoted."""

from __future__ import annotations

import sys
from pathlib import Path

GOALS = {"bundle": 200_000_000, "installer": 100_000_000}


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def report(kind: str, path: Path) -> str:
    size, goal = size_of(path), GOALS[kind]
    verdict = "within" if size < goal else "OVER"
    return (f"{kind} size: {size / 2**20:.1f} MiB ({size / 1e6:.1f} MB), {verdict} the goal of "
            f"{goal / 1e6:.0f} MB ({path})")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in GOALS or not Path(argv[1]).exists():
        print("usage: size_report.py bundle|installer PATH (an existing folder or file)", file=sys.stderr)
        return 2
    print(report(argv[0], Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
