"""A local wheelhouse made from the distributions already installed in this Python, so
that a clean virtualenv can be filled offline and in seconds (PySide6 alone is 400 MB).

Each installed distribution is packed back into a wheel from its RECORD: the files it
installed under site-packages, its dist-info, and a fresh RECORD with hashes.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# Written by the installer, not part of the distribution.
_INSTALLER_FILES = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"}


def runtime_requirements(pyproject: Path) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"]]


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the requirements pull in, extras and markers applied."""
    found: dict[str, metadata.Distribution] = {}
    resolved: dict[str, set[str]] = {}
    pending = [(requirement, set(requirement.extras)) for requirement in requirements]
    while pending:
        requirement, extras = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in resolved and extras <= resolved[name]:
            continue
        resolved[name] = resolved.get(name, set()) | extras
        distribution = found.setdefault(name, metadata.distribution(requirement.name))
        for text in distribution.requires or []:
            child = Requirement(text)
            environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
            if child.marker is None or any(child.marker.evaluate(env) for env in environments):
                pending.append((child, set(child.extras)))
    return found


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def pack(distribution: metadata.Distribution, folder: Path) -> Path:
    """The installed distribution as a wheel in ``folder``."""
    dist_info = Path(str(distribution._path))  # type: ignore[attr-defined]
    wheel_meta = (dist_info / "WHEEL").read_text(encoding="utf-8")
    tags = [line.split(":", 1)[1].strip().split("-") for line in wheel_meta.splitlines() if line.startswith("Tag:")]
    # Several tags (py2-none-any, py3-none-any) make one compressed tag set (py2.py3-none-any).
    tag = "-".join(".".join(dict.fromkeys(parts[i] for parts in tags)) for i in range(3))
    name = canonicalize_name(distribution.metadata["Name"]).replace("-", "_")
    target = folder / f"{name}-{distribution.version}-{tag}.whl"
    site = dist_info.parent
    records = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as wheel:
        for entry in distribution.files or []:
            relative = entry.as_posix()
            if relative.startswith("..") or "__pycache__" in relative:
                continue  # scripts are made again by pip; bytecode is compiled again
            if relative.startswith(dist_info.name + "/") and Path(relative).name in _INSTALLER_FILES:
                continue
            source = site / relative
            if not source.is_file():
                continue
            data = source.read_bytes()
            wheel.writestr(relative, data)
            records.append(f"{relative},{_digest(data)},{len(data)}")
        record_name = f"{dist_info.name}/RECORD"
        records.append(f"{record_name},,")
        wheel.writestr(record_name, "\n".join(records) + "\n")
    return target


def build_wheelhouse(pyproject: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [pack(distribution, folder) for distribution in closure(runtime_requirements(pyproject)).values()]
