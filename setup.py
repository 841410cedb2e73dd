"""Build hook: the plans, fonts, icons and compiled translations travel inside the wheel.

In the source tree they stay at the top level (``resources/``, ``translations/``); a
wheel carries them as ``desktop_app/_bundled/`` so that an installed TienDo finds them
with ``importlib.resources`` from any folder.  The ``.po`` catalogues are compiled to
``.mo`` here (Babel is a build requirement), so an installed program never parses them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = "_bundled"
# What runs: plans, fonts (with their licence), icons. SCHEMA.md and README.md are for authors.
RESOURCE_PATTERNS = ("plans/*.json", "fonts/*.ttf", "fonts/LICENSE-*", "icons/*.png", "icons/*.ico")


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    # */qt/: Qt's own texts (buttons, file dialog), read by desktop_app/gui/qt_translations.py
    for po_path in sorted([*source.glob("*/LC_MESSAGES/*.po"), *source.glob("*/qt/*.po")]):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the source tree itself
        target = Path(self.build_lib) / "desktop_app" / BUNDLED
        shutil.rmtree(target, ignore_errors=True)
        for pattern in RESOURCE_PATTERNS:
            for path in sorted((ROOT / "resources").glob(pattern)):
                destination = target / "resources" / path.relative_to(ROOT / "resources")
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
        if not compile_catalogs(ROOT / "translations", target / "translations"):
            raise SystemExit("no translations found to compile")

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        target = Path(self.build_lib) / "desktop_app" / BUNDLED
        if target.is_dir():
            outputs += [str(p) for p in target.rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildWithData})
