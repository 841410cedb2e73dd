"""Printing through the system, with a PDF in the default viewer when there is no printer."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from desktop_app.core.i18n import _


def open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_text(parent: QWidget, title: str, lines: list[str], *, suggested_name: str = "tiendo.pdf") -> Path | None:
    """Print a short secret page.  Without a printer nothing is written unless the user
    chooses where: a PDF left in the temporary folder would keep the secret in plain text
    on a shared computer.  Returns the PDF written, if any."""
    document = QTextDocument()
    document.setHtml("<h2>{}</h2>{}".format(html.escape(title), "".join(
        f"<p style='font-size:14pt'>{html.escape(line)}</p>" for line in lines)))
    if not QPrinterInfo.availablePrinters():
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
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(name)
        document.print_(printer)
        return Path(name)
    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() == QDialog.Accepted:
        document.print_(printer)
    return None


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
