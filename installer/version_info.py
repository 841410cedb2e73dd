"""Windows version resource for the executables, read from pyproject.toml.

Used by installer/tiendo.spec; on Linux the resource is simply not attached.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def write_version_file(path: Path) -> Path:
    version = project_version()
    numbers = version_tuple(version)
    path.write_text(
        f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042A04B0', [
      StringStruct('CompanyName', 'TienDo'),
      StringStruct('FileDescription', 'TienDo - Tiến độ thực hiện kế hoạch chính sách xã hội'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'TienDo'),
      StringStruct('OriginalFilename', 'TienDo.exe'),
      StringStruct('ProductName', 'TienDo'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x042A, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return path
