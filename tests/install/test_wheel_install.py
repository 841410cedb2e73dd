"""TienDo as a user installs it: the wheel built from this checkout, installed into a
clean virtualenv (no access to this checkout or to the test packages), run from another
folder.  The plans, fonts and Vietnamese messages must come from inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(Path(__file__).parent))
from wheelhouse import build_wheelhouse  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.install]
PASSPHRASE = "mật khẩu cài đặt 2026"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtualenv holding TienDo and its runtime dependencies."""
    work = tmp_path_factory.mktemp("install")
    house = work / "wheelhouse"
    build_wheelhouse(ROOT / "pyproject.toml", house)
    # Built from a copy of the source files, as from a fresh clone: the checkout's own
    # build/ folder may hold files since deleted (an old migration), which would be packed.
    source = work / "source"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(house), str(source)],
        capture_output=True, text=True, timeout=600, cwd=work,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    environment = work / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    wheel = next(house.glob("tiendo-*.whl"))
    result = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-index", "--no-compile",
         "--find-links", str(house), str(wheel)],
        capture_output=True, text=True, timeout=900, env=_env(work),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return bin_dir


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**env, "TIENDO_HOME": str(home), "TIENDO_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen",
            "TIENDO_LANG": "vi"}


def run(bin_dir: Path, *args, home: Path, program: str = "tiendo", **extra):
    return subprocess.run([str(bin_dir / program), *map(str, args)], capture_output=True, text=True,
                          env={**_env(home), **extra}, cwd=home, timeout=300)


def test_the_installed_program_is_the_wheel_not_this_checkout(installed, tmp_path):
    where = subprocess.run(
        [str(installed / "python"), "-c",
         "import desktop_app, importlib.util as u; print(desktop_app.__file__); "
         "print([m for m in ('pytest', 'pytestqt', 'hypothesis', 'pdfplumber', 'zxingcpp') if u.find_spec(m)])"],
        capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path, timeout=60)
    location, test_packages = where.stdout.splitlines()
    assert Path(location).is_relative_to(installed.parent), location
    assert test_packages == "[]"


def test_the_installed_cli_does_a_clerks_year_from_another_folder(installed, tmp_path):
    plans = run(installed, "plans", home=tmp_path)
    assert plans.returncode == 0, plans.stderr
    assert "khanhhoa-2024" in plans.stdout and "angiang-2025" in plans.stdout
    workspace = tmp_path / "Nguyễn Thị Lan" / "sở.tiendo"
    created = run(installed, "init", workspace, "--plan", "khanhhoa-2024", "--unit", "Sở LĐTBXH", home=tmp_path)
    assert created.returncode == 0, created.stderr
    refused = run(installed, "set", workspace, "--year", "2026", "II.2", "1,234.5", home=tmp_path)
    # The Vietnamese catalogue was found inside the package: the message is not the English id.
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Lỗi" in refused.stderr, refused.stderr
    entered = run(installed, "set", workspace, "--year", "2026", "II.2", "2,8", home=tmp_path)
    assert entered.returncode == 0 and "2,8" in entered.stdout, entered.stderr
    report = run(installed, "report", workspace, "--year", "2026", "-o", tmp_path / "bao-cao.pdf", home=tmp_path)
    assert report.returncode == 0, report.stderr  # the fonts and pypdf came with the install
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
    helped = run(installed, "--help", home=tmp_path)
    assert helped.returncode == 0 and "plans" in helped.stdout


def test_the_installed_window_starts_from_another_folder(installed, tmp_path):
    probe = run(installed, home=tmp_path, program="tiendo-gui", TIENDO_STARTUP_PROBE="1")
    assert "first-window" in probe.stdout, probe.stderr[-2000:]
