"""Preview of the year's report inside the window (QtPdf), with print and open/save."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout

from desktop_app.core.i18n import _
from desktop_app.gui.ops import run_op
from desktop_app.gui.printing import open_in_viewer, print_pdf
from desktop_app.gui.screen_fit import fit_window


def preview_report(parent, workspace, year: int, path: Path) -> None:
    from desktop_app.core.reports.build import write_year_pdf

    run_op(parent, lambda progress: (write_year_pdf(workspace, year, path), path)[1],
           on_done=lambda written: ReportPreview(written, parent).exec(), title=_("Preparing the report…"))


def preview_review(parent, workspace, year: int, path: Path) -> None:
    """The review report of one of the plan's review years (a phase review, "sơ kết", or
    the final one, "tổng kết"), written as `tiendo report --review YEAR` writes it."""
    from desktop_app.core.reports.review import write_review_pdf

    run_op(parent, lambda progress: (write_review_pdf(workspace, year, path), path)[1],
           on_done=lambda written: ReportPreview(written, parent).exec(), title=_("Preparing the report…"))


class ReportPreview(QDialog):
    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(_("Report preview — {name}", name=self.path.name))
        fit_window(self, 900, 1000)  # a page's height does not fit a laptop: the view scrolls
        layout = QVBoxLayout(self)
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self.document = QPdfDocument(self)
            self.document.load(str(self.path))
            view = QPdfView(self)
            view.setDocument(self.document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setAccessibleName(_("Report preview"))
            layout.addWidget(view, 1)
        except ImportError:
            layout.addWidget(QLabel(_("The preview is not available; open the PDF in the viewer instead.")))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(_("Close"))
        buttons.addButton(_("&Print…"), QDialogButtonBox.ActionRole).clicked.connect(lambda: print_pdf(self, self.path))
        buttons.addButton(_("&Open in the PDF viewer"), QDialogButtonBox.ActionRole).clicked.connect(
            lambda: open_in_viewer(self.path))
        buttons.addButton(_("&Save a copy…"), QDialogButtonBox.ActionRole).clicked.connect(self.save_copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save_copy(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), str(Path.home() / self.path.name), "PDF (*.pdf)")
        if name:
            shutil.copyfile(self.path, name)
