"""Printing through the system, with a PDF in the default viewer when there is no printer
(except a secret: see ``print_secret_pdf``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from desktop_app.core.i18n import _


def open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_secret_pdf(parent: QWidget, write, *, suggested_name: str) -> Path | None:
    """Print a page holding a secret (the recovery code) that ``write(path)`` makes.

    With a printer the PDF lives only in a folder removed right after printing.  Without
    one nothing is written unless the user chooses where: a PDF left in the temporary
    folder would keep the secret in plain text on a shared computer.  Returns the PDF
    the user chose to keep, if any."""
    if QPrinterInfo.availablePrinters():
        with tempfile.TemporaryDirectory(prefix="tiendo-") as folder:
            path = Path(folder) / suggested_name
            write(path)
            print_pdf(parent, path)
        return None
    box = QMessageBox(QMessageBox.Information, _("No printer"), _(
        "No printer is set up on this computer. Write the code down by hand, or save it as a PDF on a USB "
        "stick that stays with the office's papers (the PDF is not encrypted)."), QMessageBox.NoButton, parent)
    save = box.addButton(_("&Save as PDF…"), QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Close)
    box.setDefaultButton(QMessageBox.Close)
    box.exec()
    if box.clickedButton() is not save:
        return None
    name, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), str(Path.home() / suggested_name),
                                                "PDF (*.pdf)")
    if not name:
        return None
    write(Path(name))
    return Path(name)


def print_pdf(parent: QWidget, path: Path) -> None:
    """Print a report: through the system when a printer exists, else open it in the viewer."""
    if not QPrinterInfo.availablePrinters():
        open_in_viewer(path)
        return
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        open_in_viewer(path)
        return
    from PySide6.QtGui import QPainter

    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.Accepted:
        return
    document = QPdfDocument()
    document.load(str(path))
    painter = QPainter(printer)
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        size = printer.pageRect(QPrinter.DevicePixel).size().toSize()
        image = document.render(page, size)
        painter.drawImage(0, 0, image)
    painter.end()
