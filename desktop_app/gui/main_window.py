"""The clerk's main window: plan, office and year at the top, the deadline banner, and
tabs for indicators, tasks, the report's text and the trend of an indicator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QMainWindow, QMessageBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.core import clock
from desktop_app.core import entries, signoff
from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.core.backup import BACKUP_SUFFIX
from desktop_app.core.workspace import Workspace
from desktop_app.gui.banner import DeadlineBanner
from desktop_app.gui.icons import app_icon
from desktop_app.gui.indicators.model import IndicatorModel
from desktop_app.gui.indicators.view import IndicatorView
from desktop_app.gui.message_bar import MessageBar
from desktop_app.gui.narrative import NarrativeEditor
from desktop_app.gui.ops import run_op, show_error
from desktop_app.gui.screen_fit import fit_window
from desktop_app.gui.tasks.model import StatusDelegate, TaskModel
from desktop_app.gui.trend import TrendView


def default_year(workspace: Workspace, today: dt.date) -> int:
    """The year being reported: this year, or last year until its report is due."""
    plan = workspace.plan
    year = today.year if today >= dt.date(today.year, 1, 1) else today.year - 1
    if today.month <= 2 and not entries.report_state(workspace, year - 1).locked:
        year -= 1
    return min(max(year, plan.reporting.first_year), plan.reporting.last_year)


class MainWindow(QMainWindow):
    lock_requested = Signal()

    def __init__(self, workspace: Workspace, *, today: dt.date | None = None):
        super().__init__()
        self.workspace = workspace
        self.today = today or clock.today()
        self.year = default_year(workspace, self.today)
        self.setWindowIcon(app_icon())
        fit_window(self, 1340, 690)
        self.build()
        self.refresh_banner()

    # -- building --------------------------------------------------------------------------

    def build(self) -> None:
        """The window's widgets, made once (and again when the language changes); a year
        only changes the models they show."""
        plan = self.workspace.plan
        office = self.workspace.query("SELECT name FROM offices WHERE id = ?", (self.workspace.office_id,))
        self.office_name = office[0][0] if office else self.workspace.office_id
        self.setWindowTitle(f"TienDo — {self.office_name} — {plan.province}")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        role = _("lead office") if self.workspace.role == "lead" else ""
        title = QLabel(f"<b>{plan.title_line}</b> ({plan.province})<br>{self.office_name}"
                       + (f" — <i>{role}</i>" if role else ""))
        title.setAccessibleName(_("Plan and office"))
        title.setWordWrap(True)
        top.addWidget(title, 1)
        year_label = QLabel(_("&Year:"))
        self.year_box = QComboBox()
        self.year_box.setAccessibleName(_("Year"))
        for year in plan.years:
            self.year_box.addItem(str(year), year)
        year_label.setBuddy(self.year_box)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(self.year)))
        self.year_box.currentIndexChanged.connect(lambda: self.load_year(self.year_box.currentData()))
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        layout.addLayout(top)
        self.banner = DeadlineBanner()
        layout.addWidget(self.banner)

        filters = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Find an indicator (no need for accents: “that nghiep”)"))
        self.filter.setAccessibleName(_("Find an indicator"))
        self.filter.setClearButtonEnabled(True)
        self.only_missing = QCheckBox(_("Only &missing values"))
        self.only_mine = QCheckBox(_("Only mi&ne"))
        self.only_mine.setToolTip(_("Only the indicators of this office's own form (untick to see the whole plan)"))
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.only_missing)
        filters.addWidget(self.only_mine)
        layout.addLayout(filters)
        # Always in its place (a hint when idle): a message never pushes the table's rows down.
        self.message_bar = MessageBar(hint=_(
            "Enter saves and goes down · Tab goes across · Ctrl+V pastes a block copied from Excel · "
            "Esc drops a refused value · right click: no data, history"))
        layout.addWidget(self.message_bar)

        self.indicator_model = self._indicator_model(self.year)
        self.indicators = IndicatorView(self.indicator_model)
        self.indicators.status.connect(self.say)
        self.indicators.problem.connect(self.warn)
        # The filters talk to the one proxy, which outlives the years it shows.
        proxy = self.indicators.proxy
        self.filter.textChanged.connect(proxy.set_text)
        self.only_missing.toggled.connect(proxy.set_only_missing)
        self.only_mine.toggled.connect(proxy.set_only_mine)
        # The office's own form is what it reports: shown first, the whole plan one click away.
        self.only_mine.setChecked(bool(entries.assigned_ids(self.workspace, "indicator")))

        self.task_model = TaskModel(self.workspace, self.year, self)
        self.task_model.message.connect(self.warn)
        tasks = QTableView()
        tasks.setModel(self.task_model)
        tasks.setItemDelegate(StatusDelegate(tasks))
        tasks.setAccessibleName(_("Tasks of the year"))
        tasks.setWordWrap(True)
        tasks.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                              | QAbstractItemView.AnyKeyPressed)
        tasks.verticalHeader().setVisible(False)
        tasks.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        for column, width in enumerate((50, 340, 150, 180, 76, 120, 190, 150, 110)):
            tasks.setColumnWidth(column, width)
        tasks.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.tasks_view = tasks

        self.narrative = NarrativeEditor(self.workspace, self.year)
        self.narrative.message.connect(self.warn)
        self.trend = TrendView(self.workspace)
        self.indicators.selected_indicator.connect(self.trend.show_indicator)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Sections"))
        self.tabs.addTab(self.indicators, _("&Indicators"))
        self.tabs.addTab(tasks, _("&Tasks"))
        self.tabs.addTab(self.narrative, _("Re&port text"))
        self.tabs.addTab(self.trend, _("Tren&d"))
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)  # the previous one, if any, is deleted with its children
        self.build_menus()

    def _indicator_model(self, year: int) -> IndicatorModel:
        model = IndicatorModel(self.workspace, year, self)
        model.saved.connect(self.refresh_banner)
        # A refusal is news until the next edit goes through (or is undone, or redone).
        model.saved.connect(self.message_bar.clear_refusal)
        model.undo_stack.indexChanged.connect(self.message_bar.clear_refusal)
        return model

    def say(self, text: str) -> None:
        """A confirmation: in the message bar above the table, where the eye is."""
        self.message_bar.show_message(text, "info")

    def warn(self, text: str) -> None:
        """A refusal: in the message bar above the table until dismissed, replaced or the next edit."""
        self.message_bar.show_message(text, "error")

    def build_menus(self) -> None:
        menu = self.menuBar().addMenu(_("&File"))
        self._action(menu, _("&Back up…"), self.backup, "Ctrl+Shift+S")
        self._action(menu, _("&Restore from a backup…"), self.restore)
        self._action(menu, _("Check the &workspace"), self.check)
        self._action(menu, _("Change the &passphrase…"), self.change_passphrase)
        self._action(menu, _("&Lock now"), self.lock_requested.emit, "Ctrl+L")
        menu.addSeparator()
        self._action(menu, _("&Settings…"), self.settings)
        self._action(menu, _("&Quit"), self.close, QKeySequence.Quit)

        menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = QAction(_("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.triggered.connect(lambda: self.indicator_model.undo_stack.undo())
        self.redo_action = QAction(_("&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence.Redo, QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(lambda: self.indicator_model.undo_stack.redo())
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        self._action(menu, _("&Paste values from Excel"), self.paste_values)
        self._action(menu, _("&No data for the selected rows…"), lambda: self.indicators.no_data_for_selection())
        menu.addSeparator()
        self._action(menu, _("&Find"), lambda: (self.tabs.setCurrentIndex(0), self.filter.setFocus()), QKeySequence.Find)
        self._action(menu, _("Re&load"), lambda: self.load_year(self.year), QKeySequence.Refresh)

        menu = self.menuBar().addMenu(_("&Report"))
        self._action(menu, _("&Preview and print the report…"), self.preview_report, "Ctrl+P")
        self._action(menu, _("Export the tables to &Excel…"), self.export_excel)
        self._action(menu, _("&Finish and sign…"), self.sign)
        self._action(menu, _("Re&open the signed year…"), self.reopen)
        self._action(menu, _("Si&gn the PDF digitally…"), self.sign_pdf)
        menu.addSeparator()
        self.review_menu = menu.addMenu(_("Re&view reports"))
        # The review reports' module brings reportlab (~0.2 s): read when the menu first opens.
        self.review_menu.aboutToShow.connect(self.add_review_actions)

        menu = self.menuBar().addMenu(_("E&xchange"))
        if self.workspace.role != "lead":  # the lead office receives; it sends to no one
            self._action(menu, _("&Export data to USB…"), self.export_usb)
            self._action(menu, _("&Load the lead office's key…"), self.load_lead_key)
        self._action(menu, _("E&xport this office's key…"), self.export_key)
        if self.workspace.role == "lead":
            menu.addSeparator()
            self._action(menu, _("&Import offices' packages…"), self.import_packages)
            self._action(menu, _("&Submissions…"), self.show_submissions)
            self._action(menu, _("&Consolidated report…"), self.consolidated_report)
            self._action(menu, _("Export for the &national system…"), self.national_export)
            from desktop_app.gui.lead import add_lead_actions

            add_lead_actions(self, menu)
            menu.addSeparator()
            self._action(menu, _("Save a cop&y of the lead office's secret key…"), self.save_lead_key_copy)
            self._action(menu, _("Loa&d the lead office's secret key from a copy…"), self.load_lead_key_copy)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def paste_values(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.indicators.paste_clipboard()

    # -- the year --------------------------------------------------------------------------

    def load_year(self, year: int) -> None:
        """Show another year in the same widgets: new models replace the old ones, which
        are deleted with their connections (no tab, model or connection is left behind)."""
        self.narrative.save()
        self.year = year
        self.year_box.blockSignals(True)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.year_box.blockSignals(False)
        self.indicator_model = self._indicator_model(year)
        self.indicators.set_source(self.indicator_model)
        self.task_model.set_year(year)
        self.narrative.set_year(year)
        self.message_bar.clear()
        self.refresh_banner()

    def refresh_banner(self, *args) -> None:
        self.banner.update_for(self.workspace, self.year, self.today)

    def closeEvent(self, event) -> None:
        if self.workspace.conn is not None:  # typing not yet saved is saved now
            self.narrative.save()
        super().closeEvent(event)

    # -- file ------------------------------------------------------------------------------

    def backup(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Back up"), str(Path.home() / f"{self.workspace.path.stem}-{clock.today():%Y%m%d}{BACKUP_SUFFIX}"),
            f"TienDo (*{BACKUP_SUFFIX})")
        if name:
            from desktop_app.core.backup import write_backup

            run_op(self, lambda progress: write_backup(self.workspace, Path(name)), title=_("Backing up…"),
                   on_done=lambda path: QMessageBox.information(self, _("TienDo"), _("Backup written to {path}.", path=path)))

    def restore(self) -> None:
        QMessageBox.information(self, _("TienDo"), _(
            "To restore a backup, close TienDo and start it again: the start window offers “Restore a workspace "
            "from a backup”. The current workspace is kept beside the restored one."))

    def check(self) -> None:
        def done(result) -> None:
            if result.ok:
                QMessageBox.information(self, _("TienDo"), _("{path}: no problems found.", path=result.path))
            else:
                QMessageBox.warning(self, _("TienDo"), "\n".join(result.problems))
        run_op(self, lambda progress: self.workspace.check(), on_done=done, title=_("Checking…"))

    def change_passphrase(self) -> None:
        first, ok = QInputDialog.getText(self, _("Change the passphrase"), _("New passphrase (at least 8 characters):"),
                                         QLineEdit.Password)
        if not ok:
            return
        second, ok = QInputDialog.getText(self, _("Change the passphrase"), _("The same passphrase again:"),
                                          QLineEdit.Password)
        if ok:
            # Wrapping the key again runs the key derivation: a moment, off the UI thread.
            run_op(self, lambda progress: self.workspace.change_passphrase(first, second),
                   on_done=lambda _none: self.say(_("The passphrase has been changed.")),
                   title=_("Changing the passphrase…"))

    def settings(self) -> None:
        from desktop_app.gui.settings import SettingsDialog

        dialog = SettingsDialog(self)
        if dialog.exec():
            from desktop_app.core.i18n import set_language

            set_language(dialog.language.currentData())
            self.retranslate()
            if dialog.second_folder_changed:
                from desktop_app.core.backup_places import second_folder

                folder = second_folder()
                self.say(_("Automatic backups are also kept in {folder}.", folder=folder) if folder
                         else _("Automatic backups are kept in the data folder only."))

    def retranslate(self) -> None:
        """Every visible text again in the language now chosen: the window is rebuilt."""
        self.narrative.save()
        current = self.tabs.currentIndex()
        self.menuBar().clear()
        self.statusBar().clearMessage()
        self.build()
        self.refresh_banner()
        self.tabs.setCurrentIndex(current)

    # -- report ----------------------------------------------------------------------------

    def report_path(self) -> Path:
        folder = self.workspace.path.parent / "bao-cao"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"bao-cao-{self.workspace.office_id}-{self.year}.pdf"

    def preview_report(self) -> None:
        from desktop_app.gui.report_preview import preview_report

        self.narrative.save()
        preview_report(self, self.workspace, self.year, self.report_path())

    def add_review_actions(self) -> None:
        """A review report per year one can be made for ("sơ kết" closing a phase,
        "tổng kết" the plan): the years the plan names, or every year when it names none."""
        from desktop_app.core.reports.review import SO_KET, review_kind, review_years

        menu = self.review_menu
        menu.aboutToShow.disconnect(self.add_review_actions)
        years = review_years(self.workspace.plan)
        for year in years:
            kind = review_kind(self.workspace.plan, year)
            text = (_("Phase review ({year})…", year=year) if kind == SO_KET
                    else _("Final review ({year})…", year=year))
            self._action(menu, text, lambda _checked=False, year=year, kind=kind: self.review_report(year, kind))
        if not years:
            menu.addAction(_("The plan names no review year.")).setEnabled(False)

    def review_report(self, year: int, kind: str) -> None:
        from desktop_app.core.reports.review import SO_KET
        from desktop_app.gui.report_preview import preview_review

        self.narrative.save()
        what = "so-ket" if kind == SO_KET else "tong-ket"
        preview_review(self, self.workspace, year,
                       self.report_path().with_name(f"bao-cao-{what}-{self.workspace.office_id}-{year}.pdf"))

    def sign_pdf(self) -> None:
        from desktop_app.gui.sign_pdf import SignPdfDialog

        path = self.report_path()
        SignPdfDialog(path if path.exists() else None, self).exec()

    def national_export(self) -> None:
        from desktop_app.gui.national_export import NationalExportDialog

        NationalExportDialog(self.workspace, self.year, self).exec()

    def export_excel(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Export to Excel"),
                                                    str(self.report_path().with_suffix(".xlsx")), "Excel (*.xlsx)")
        if name:
            from desktop_app.core.reports.build import write_year_xlsx

            run_op(self, lambda progress: write_year_xlsx(self.workspace, self.year, Path(name)), title=_("Exporting…"),
                   on_done=lambda path: self.say(_("Written to {path}.", path=path)))

    def sign(self) -> None:
        from desktop_app.gui.signoff_dialog import SignDialog

        self.narrative.save()
        gaps = signoff.readiness(self.workspace, self.year)
        if gaps:
            first = self.workspace.plan.indicator(gaps[0].indicator_id)
            QMessageBox.warning(self, _("Not ready to sign"), _(
                "{count} indicator(s) still need a value, a reason for missing data, or a judgement. "
                "The first: {number} {name} — {problem}", count=len(gaps), number=first.number, name=first.name,
                problem=gaps[0].message()))
            self.indicators.focus_value(first.id)
            self.tabs.setCurrentIndex(0)
            return
        dialog = SignDialog(self.workspace, self.year, self.report_path(), self)
        if dialog.exec():
            self.load_year(self.year)

    def reopen(self) -> None:
        if not entries.report_state(self.workspace, self.year).locked:
            QMessageBox.information(self, _("TienDo"), _("The year is not signed."))
            return
        reason, ok = QInputDialog.getMultiLineText(self, _("Reopen the signed year"),
                                                   _("Why must the signed report be changed? (kept in the audit trail)"))
        if ok:
            try:
                signoff.reopen_year(self.workspace, self.year, reason)
            except TienDoError as error:
                show_error(self, error)
                return
            self.load_year(self.year)

    # -- exchange --------------------------------------------------------------------------

    def export_usb(self) -> None:
        from desktop_app.gui.exchange import ExportDialog

        ExportDialog(self.workspace, self.year, self).exec()

    def load_lead_key(self) -> None:
        from desktop_app.gui.exchange import load_key

        load_key(self, self.workspace)

    def export_key(self) -> None:
        from desktop_app.gui.exchange import export_key

        export_key(self, self.workspace)

    def import_packages(self) -> None:
        from desktop_app.gui.exchange import import_packages

        import_packages(self, self.workspace, on_done=lambda: self.load_year(self.year))

    def consolidated_report(self) -> None:
        from desktop_app.core import actions
        from desktop_app.gui.report_preview import ReportPreview

        path = self.report_path().with_name(f"bao-cao-tong-hop-{self.year}.pdf")
        run_op(self, lambda progress: actions.write_consolidated_report(self.workspace, self.year, pdf=path),
               on_done=lambda written: ReportPreview(written.pdf, self).exec(), title=_("Preparing the report…"))

    def save_lead_key_copy(self) -> None:
        from desktop_app.gui.lead_key import save_lead_key_copy

        save_lead_key_copy(self, self.workspace)

    def load_lead_key_copy(self) -> None:
        from desktop_app.gui.lead_key import load_lead_key

        load_lead_key(self, self.workspace)

    def show_submissions(self) -> None:
        from desktop_app.gui.lead import SubmissionsDialog

        SubmissionsDialog(self.workspace, self.year, self).exec()
