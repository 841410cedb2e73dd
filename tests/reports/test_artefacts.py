"""Leaves the sample reports in tests/reports/artefacts/ as PNG pages (``pdftoppm -r
60``) so anyone can look at them as a clerk would before sending them out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sample import sample_consolidated, sample_report

from desktop_app.core.reports.annual import build_annual_pdf
from desktop_app.core.reports.consolidated import build_consolidated_pdf
from desktop_app.core.reports.model import PageSettings

ARTEFACTS = Path(__file__).parent / "artefacts"


def render(pdf: Path, stem: str, last_page: int | None = None) -> list[Path]:
    for old in ARTEFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    command = ["pdftoppm", "-r", "60", "-png"] + (["-l", str(last_page)] if last_page else []) + [str(pdf), str(ARTEFACTS / stem)]
    subprocess.run(command, check=True)
    return sorted(ARTEFACTS.glob(f"{stem}-*.png"))


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")
def test_the_sample_reports_are_left_as_png_pages(tmp_path):
    from PIL import Image

    annual = build_annual_pdf(sample_report(), tmp_path / "annual.pdf")
    wide = build_annual_pdf(sample_report(), tmp_path / "wide.pdf", PageSettings(landscape_indicators=True))
    consolidated = build_consolidated_pdf(sample_consolidated(40), tmp_path / "consolidated.pdf")
    pages = render(tmp_path / "annual.pdf", "sample-annual")
    assert len(pages) == annual.pages
    assert len(render(tmp_path / "wide.pdf", "sample-landscape")) == wide.pages
    assert len(render(tmp_path / "consolidated.pdf", "sample-consolidated", consolidated.signature_page + 4)) == \
        consolidated.signature_page + 4
    first = Image.open(pages[0])
    assert abs(first.size[0] - 496) <= 1 and abs(first.size[1] - 702) <= 1   # A4 at 60 dpi
    assert first.convert("L").getextrema()[0] < 50   # ink on the page
