"""Printing through the system, with a PDF in the default viewer when there is no printer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.core.i18n import _


def open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_text(parent: QWidget, title: str, lines: list[str]) -> None:
    document = QTextDocument()
    document.setHtml("<h2>{}</h2>{}".format(title, "".join(f"<p style='font-size:14pt'>{line}</p>" for line in lines)))
    if not QPrinterInfo.availablePrinters():
        path = Path(tempfile.mkdtemp()) / "tiendo-ma-khoi-phuc.pdf"
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(path))
        document.print_(printer)
        open_in_viewer(path)
        return
    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() == QDialog.Accepted:
        document.print_(printer)


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
