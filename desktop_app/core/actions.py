"""Every action a clerk or the lead office can take, once, below the window and the CLI.

The window (``desktop_app/gui``) and the ``tiendo`` command (``desktop_app/commands``)
both call the function named here and add nothing but asking (a dialog, the command's
arguments) and telling (a message box, a printed line).  Where the core already has
the action as one function, that function is the action and is only listed here; the
actions that need several core calls composed are defined below, so that neither face
composes them on its own.

Action — core function — `tiendo` command — window:

- sign off a year — ``signoff.sign_year`` — ``sign-off`` — Report > Finish and sign
  (gui/signoff_dialog.py; the number offered is ``signoff.offered_report_number``)
- reopen a signed year — ``signoff.reopen_year`` — ``reopen`` — Report > Reopen
- the annual report PDF — ``reports.build.write_year_pdf`` — ``report --year`` —
  Report > Preview and print (gui/report_preview.py), and after signing
- its workbook — ``reports.build.write_year_xlsx`` — ``report --xlsx`` — Report > Export
  the tables to Excel
- a review report PDF — ``reports.review.write_review_pdf`` — ``report --review`` —
  gui/report_preview.preview_review (not yet in a menu)
- sign a report PDF (PAdES) — :func:`sign_pdf` — ``sign`` — gui/sign_pdf.py (not yet in a
  menu)
- export the year's package — ``exchange.exporter.export_year`` — ``export [--draft]``
  — Exchange > Export data to USB (an unsigned year: asked, then ``draft=True``)
- import packages — ``exchange.lead_plans.import_for_all_plans`` (each package under the
  plan it was made for) — ``import`` — Exchange > Import offices' packages; a package
  opened from the file manager (gui/app.py)
- the province's consolidated report, PDF and workbook — :func:`write_consolidated_report`
  — ``report-consolidated [--xlsx]`` — Exchange > Consolidated report (PDF), the
  submissions view's "save as Excel" (gui/lead.py)
- the province's figures for a national system — :func:`national_export` —
  ``national`` — gui/national_export.py (not yet in a menu)
- the national mapping template — ``exchange.national.write_mapping_template`` —
  ``national --write-mapping`` — gui/national_export.py
- back up — ``backup.write_backup`` — ``backup`` — File > Back up; automatic backups
  (core/autobackup.py)
- automatic backups, and their second folder (a USB stick) — ``autobackup.make_backup``,
  ``backup_places.set_second_folder`` — ``auto-backup [--also-to FOLDER]`` — made by the
  window (gui/autobackup.py), chosen in File > Settings
- restore a backup — ``backup.restore_backup`` (``replace=True`` once the user agreed) —
  ``restore [--replace]`` — the start wizard's Restore page
- check the workspace — ``Workspace.check`` (``workspace.check_file`` opens, then checks)
  — ``check`` — File > Check the workspace
- change the passphrase — ``Workspace.change_passphrase`` — ``passwd`` — File > Change
  the passphrase

``tests/gui/test_one_action_layer.py`` types each command and clicks each window
action, and checks that both reach the same function with the same arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.errors import InputError

if TYPE_CHECKING:
    from desktop_app.core.workspace import Workspace


# -- sign a report PDF ------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfSigner:
    """The key that signs: a certificate file (.p12/.pfx) with its password, or a USB
    token through its PKCS#11 library with its PIN (None: the token asks on its keypad)."""

    p12: Path | None = None
    password: str | None = None
    pkcs11: Path | None = None
    pin: str | None = None
    token_label: str | None = None
    key_label: str | None = None


def signed_pdf_name(source: Path) -> Path:
    """Where a signed copy goes when nobody says: ``NAME-signed.pdf`` beside the report."""
    source = Path(source)
    return source.with_name(source.stem + "-signed.pdf")


def sign_pdf(source: Path, signer: PdfSigner, output: Path | None = None) -> Path:
    """Sign ``source`` (PAdES) into ``output`` (default :func:`signed_pdf_name`), the
    visible stamp in the signature box a report printed here has reserved; returns the
    signed file."""
    from desktop_app.core.reports import signing
    from desktop_app.core.reports.annual import signature_place

    source = Path(source)
    output = Path(output) if output else signed_pdf_name(source)
    box = signature_place(source)
    if signer.p12:
        password = signer.password.encode("utf-8") if signer.password else None
        signing.sign_pdf_p12(source, output, signer.p12, password, box=box)
    elif signer.pkcs11:
        signing.sign_pdf_pkcs11(source, output, library=signer.pkcs11, token_label=signer.token_label,
                                pin=signer.pin, key_label=signer.key_label, box=box)
    else:
        raise InputError("Choose a certificate file or a USB token's PKCS#11 library to sign with.")
    return output


# -- national export --------------------------------------------------------------------------


def national_export(ws: Workspace, year: int, fmt: str, output: Path, mapping: Path | None = None) -> Path:
    """The province's consolidated values of ``year`` for a national system (``fmt``:
    adx, dhis2 or csv), with global ids, or the national ids a mapping file gives."""
    from desktop_app.core.exchange import national
    from desktop_app.core.exchange.consolidate import consolidate

    if fmt not in national.FORMATS:
        raise InputError("Unknown format “{format}”: use one of {formats}.", format=fmt,
                         formats=", ".join(national.FORMATS))
    table = national.read_mapping(Path(mapping)) if mapping else None
    return national.write_national(ws, year, consolidate(ws, year), fmt, Path(output), table)


# -- the province's consolidated report (lead office) -----------------------------------------


@dataclass(frozen=True)
class ConsolidatedWritten:
    pdf: Path | None
    pages: int
    xlsx: Path | None
    fingerprint: str


def write_consolidated_report(ws: Workspace, year: int, *, pdf: Path | None = None, xlsx: Path | None = None,
                              plan_code: str | None = None) -> ConsolidatedWritten:
    """The province's report of ``year`` (one data model, ``province_report``) as a PDF,
    a workbook, or both, drawn from the same figures and carrying the same fingerprint."""
    from desktop_app.core.exchange.report import province_report
    from desktop_app.core.reports.consolidated import build_consolidated_pdf
    from desktop_app.core.reports.consolidated_xlsx import write_consolidated_xlsx

    if pdf is None and xlsx is None:
        raise InputError("Say where to write the consolidated report (a PDF, a workbook or both).")
    report = province_report(ws, year, plan_code=plan_code)
    pages = build_consolidated_pdf(report, Path(pdf)).pages if pdf is not None else 0
    if xlsx is not None:
        write_consolidated_xlsx(report, Path(xlsx))
    return ConsolidatedWritten(Path(pdf) if pdf is not None else None, pages,
                               Path(xlsx) if xlsx is not None else None, report.fingerprint)
