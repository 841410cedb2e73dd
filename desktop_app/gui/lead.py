"""The lead office's views: who has reported (counts, filters, sorting, the reminder
list), the roster (add, rename, merge, retire from a date), one indicator across the
offices, the consolidated workbook, and the plan in view when a merged province's
lead workspace holds several plans.  Every action is a core call (exchange/roster.py,
submissions.py, indicator_view.py, lead_plans.py); these are its faces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
    QLabel, QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout,
)

from desktop_app.core.i18n import _
from desktop_app.core.text import fold, format_number
from desktop_app.gui.ops import run_op, show_error

SORT_ROLE = Qt.UserRole + 1


def _shown(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_number(value)


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of core rows: ``columns`` are (header, text of a
    row, sort key of a row)."""

    def __init__(self, columns, rows=(), parent=None):
        super().__init__(parent)
        self.columns, self.rows = columns, list(rows)

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section][0]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        _header, text, key = self.columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return text(row)
        if role == SORT_ROLE:
            return key(row) if key else text(row)
        return None


class SubmissionsFilter(QSortFilterProxyModel):
    """Rows whose status is ``status`` (None: all) and whose office name contains the
    typed text, marks and letter case aside ("suoi tien" finds "Suối Tiên")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, status: str | None, text: str) -> None:
        self.beginFilterChange()
        self.status, self.text = status, fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802
        row = self.sourceModel().rows[source_row]
        return (self.status is None or row.status == self.status) and (not self.text or self.text in fold(row.office_name))


def _table(name: str, model) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.setEditTriggers(QTableView.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
    return view


class SubmissionsDialog(QDialog):
    """Expected / on time / late / unsigned / missing at the top; filter by state or
    name; sort by any column; save the list, or print or save the reminder list."""

    STATUS_CHOICES = (None, "missing", "late", "draft", "on_time")

    def __init__(self, workspace, year: int, parent=None):
        super().__init__(parent)
        from desktop_app.core.exchange.submissions import counts, submissions

        self.workspace, self.year = workspace, year
        self.rows = submissions(workspace, year)
        self.counts = counts(self.rows)
        self.setWindowTitle(_("Submissions {year}", year=year))
        self.resize(1000, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.counts.sentence())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        bar = QHBoxLayout()
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        labels = {None: _("All offices"), "missing": _("Missing"), "late": _("Late"), "draft": _("Sent unsigned"),
                  "on_time": _("On time")}
        for status in self.STATUS_CHOICES:
            self.status.addItem(labels[status], status)
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Find an office…"))
        self.find.setAccessibleName(_("Find an office"))
        bar.addWidget(QLabel(_("Show:")))
        bar.addWidget(self.status)
        bar.addWidget(self.find, 1)
        layout.addLayout(bar)
        columns = [
            (_("Office"), lambda r: r.office_name, lambda r: fold(r.office_name)),
            (_("Status"), lambda r: r.label(), lambda r: ("missing", "late", "draft", "on_time").index(r.status)),
            (_("Days late"), lambda r: str(r.days_late or ""), lambda r: r.days_late),
            (_("Sent on"), lambda r: str(r.sent_on or ""), lambda r: str(r.sent_on or "")),
            (_("Revision"), lambda r: str(r.revision or ""), lambda r: r.revision or 0),
            (_("Signer"), lambda r: r.signer_name, None),
            (_("Fingerprint"), lambda r: r.fingerprint or "", None),
        ]
        self.model = RowsModel(columns, self.rows, self)
        self.proxy = SubmissionsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(_("Submissions"), self.proxy)
        layout.addWidget(self.table)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.find.textChanged.connect(self.apply_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        save = buttons.addButton(_("Save as &Excel…"), QDialogButtonBox.ActionRole)
        save.clicked.connect(self.save)
        reminders = buttons.addButton(_("&Reminder list…"), QDialogButtonBox.ActionRole)
        reminders.clicked.connect(self.save_reminders)
        print_button = buttons.addButton(_("&Print reminders"), QDialogButtonBox.ActionRole)
        print_button.clicked.connect(self.print_reminders)
        self.withdraw_button = buttons.addButton(_("&Withdraw package…"), QDialogButtonBox.ActionRole)
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def selected_row(self):
        chosen = self.table.selectionModel().selectedRows()
        return self.model.rows[self.proxy.mapToSource(chosen[0]).row()] if chosen else None

    def _selection_changed(self, *_args) -> None:
        row = self.selected_row()
        self.withdraw_button.setEnabled(bool(row and row.revision))

    def ask_withdraw(self) -> None:
        """Take an accepted package back out of the consolidation; the reason is kept and
        the package stays in the history.  No is the default answer."""
        row = self.selected_row()
        if not row or not row.revision:
            return
        reason, ok = QInputDialog.getText(
            self, _("Withdraw package"),
            _("Why is revision {revision} of {office} withdrawn?", revision=row.revision, office=row.office_name))
        if not ok or not reason.strip():
            return
        answer = QMessageBox.question(
            self, _("Withdraw package"),
            _("Withdraw revision {revision} of {office}? Its figures leave the consolidation; the package stays "
              "in the history.", revision=row.revision, office=row.office_name),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self.withdraw(row.office_id, reason)

    def withdraw(self, office_id: str, reason: str) -> bool:
        from desktop_app.core.exchange.submissions import counts, submissions
        from desktop_app.core.exchange.withdraw import withdraw_package

        try:
            withdraw_package(self.workspace, office_id, self.year, reason)
        except Exception as error:  # shown the uniform way
            show_error(self, error)
            return False
        self.rows = submissions(self.workspace, self.year)
        self.counts = counts(self.rows)
        self.summary.setText(self.counts.sentence())
        self.model.set_rows(self.rows)
        self._selection_changed()
        return True

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.status.currentData(), self.find.text())

    def visible_rows(self):
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in range(self.proxy.rowCount())]

    def save(self) -> None:
        from desktop_app.core.exchange.submissions import write_submissions_xlsx

        name, _filter = QFileDialog.getSaveFileName(self, _("Save"), "tinh-hinh-nop-bao-cao.xlsx", "Excel (*.xlsx)")
        if name:
            write_submissions_xlsx(self.visible_rows(), Path(name))

    def save_reminders(self) -> None:
        from desktop_app.core.exchange.submissions import write_reminders

        name, _filter = QFileDialog.getSaveFileName(self, _("Reminder list"), f"nhac-bao-cao-{self.year}.txt",
                                                    "Text (*.txt);;Excel (*.xlsx)")
        if name:
            try:
                write_reminders(self.workspace, self.year, Path(name))
            except Exception as error:  # shown the uniform way
                show_error(self, error)

    def print_reminders(self) -> None:
        from desktop_app.gui.printing import print_text

        missing = [r.office_name for r in self.rows if r.status == "missing" and r.expected]
        print_text(self, _("Offices yet to report for {year}", year=self.year),
                   [f"{n}. {name}" for n, name in enumerate(missing, start=1)] or [_("Every office has reported.")])


class DateNameDialog(QDialog):
    """A name (or office) and the date from which a roster change holds."""

    def __init__(self, title: str, label: str, parent=None, *, text: str = "", since: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.text = QLineEdit(text)
        self.text.setAccessibleName(label)
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd/MM/yyyy")
        day = since or dt.date(2025, 7, 1)
        self.since.setDate(QDate(day.year, day.month, day.day))
        self.since.setAccessibleName(_("From"))
        form.addRow(label, self.text)
        form.addRow(_("From (date):"), self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, dt.date]:
        day = self.since.date()
        return self.text.text(), dt.date(day.year(), day.month(), day.day())


class RosterDialog(QDialog):
    """The offices this plan expects, with their dates and successors; add, rename,
    merge (the selected offices into one, new or existing), retire."""

    def __init__(self, workspace, parent=None, *, year: int | None = None):
        super().__init__(parent)
        self.workspace, self.year = workspace, year
        self.setWindowTitle(_("Offices expected to report"))
        self.resize(1000, 520)
        layout = QVBoxLayout(self)
        columns = [
            (_("Office"), lambda e: e.name, lambda e: fold(e.name)),
            (_("Kind"), lambda e: e.kind, None),
            (_("From"), lambda e: str(e.valid_from or ""), None),
            (_("Until"), lambda e: str(e.valid_to or ""), None),
            (_("Successor"), lambda e: e.successor_id or "", None),
            (_("Former names"), lambda e: "; ".join(e.former_names), None),
            (_("Id"), lambda e: e.office_id, None),
        ]
        self.model = RowsModel(columns, (), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        self.table = _table(_("Offices"), self.proxy)
        self.table.setSelectionMode(QTableView.ExtendedSelection)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        for text, slot in ((_("&Add…"), self.ask_add), (_("&Rename…"), self.ask_rename),
                           (_("&Merge…"), self.ask_merge), (_("Re&tire…"), self.ask_retire)):
            buttons.addButton(text, QDialogButtonBox.ActionRole).clicked.connect(slot)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from desktop_app.core.exchange import roster

        self.model.set_rows(roster.entries(self.workspace))

    def selected(self) -> list:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def _do(self, action) -> bool:
        try:
            action()
        except Exception as error:  # shown the uniform way
            show_error(self, error)
            return False
        self.refresh()
        return True

    # Each change: the core call, then the list again (the window's buttons ask first).
    def add(self, name: str, since: dt.date | None) -> bool:
        from desktop_app.core.exchange import roster

        return self._do(lambda: roster.add(self.workspace, name, "local", valid_from=since))

    def rename(self, office_id: str, name: str, since: dt.date) -> bool:
        from desktop_app.core.exchange import roster

        return self._do(lambda: roster.rename(self.workspace, office_id, name, since))

    def merge(self, office_ids: list[str], into: str, since: dt.date) -> bool:
        from desktop_app.core.exchange import roster

        return self._do(lambda: roster.merge(self.workspace, office_ids, into, since))

    def retire(self, office_id: str, since: dt.date) -> bool:
        from desktop_app.core.exchange import roster

        return self._do(lambda: roster.retire(self.workspace, office_id, since))

    def ask_add(self) -> None:
        dialog = DateNameDialog(_("Add an office"), _("Name:"), self)
        if dialog.exec() == QDialog.Accepted:
            self.add(*dialog.values())

    def ask_rename(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            QMessageBox.information(self, _("TienDo"), _("Select one office."))
            return
        dialog = DateNameDialog(_("Rename"), _("New name:"), self, text=chosen[0].name)
        if dialog.exec() == QDialog.Accepted:
            name, since = dialog.values()
            self.rename(chosen[0].office_id, name, since)

    def ask_merge(self) -> None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, _("TienDo"), _("Select the offices to merge."))
            return
        dialog = DateNameDialog(_("Merge"), _("Into (an id, or the new office's name):"), self)
        if dialog.exec() == QDialog.Accepted:
            into, since = dialog.values()
            self.merge([e.office_id for e in chosen], into, since)

    def ask_retire(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            QMessageBox.information(self, _("TienDo"), _("Select one office."))
            return
        dialog = DateNameDialog(_("Retire"), _("Office:"), self, text=chosen[0].name)
        dialog.text.setReadOnly(True)
        if dialog.exec() == QDialog.Accepted:
            self.retire(chosen[0].office_id, dialog.values()[1])


class IndicatorAcrossDialog(QDialog):
    """One indicator, every office: its value, earlier years, outliers, timeliness and
    the package (revision, file) it came from."""

    def __init__(self, workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace, self.year = workspace, year
        self.setWindowTitle(_("One indicator across offices, {year}", year=year))
        self.resize(1100, 520)
        layout = QVBoxLayout(self)
        self.indicator = QComboBox()
        self.indicator.setAccessibleName(_("Indicator"))
        plan = workspace.plan
        for item in plan.indicators:
            if not plan.is_heading(item.id):
                self.indicator.addItem(f"{item.id}  {item.name}", item.id)
        layout.addWidget(self.indicator)
        self.figure = QLabel()
        self.figure.setWordWrap(True)
        layout.addWidget(self.figure)
        columns = [
            (_("Office"), lambda l: l.office, lambda l: fold(l.office)),
            (_("Value"), lambda l: _shown(l.value) + (" *" if l.outlier else ""),
             lambda l: l.value if not isinstance(l.value, str) and l.value is not None else 0),
            (_("Outlier"), lambda l: _("yes") if l.outlier else "", None),
            (_("Sent"), lambda l: {"on_time": _("on time"), "late": _("late by {days} day(s)", days=l.days_late),
                                   "draft": _("received, not signed"), "own": ""}.get(l.timeliness, ""), None),
            (_("Trend"), lambda l: " → ".join(f"{y}: {_shown(v)}" for y, v in l.trend), None),
            (_("Revision"), lambda l: str(l.revision or ""), None),
            (_("File"), lambda l: l.file_name, None),
        ]
        self.model = RowsModel(columns, (), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        layout.addWidget(_table(_("Offices"), self.proxy))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.indicator.currentIndexChanged.connect(self.show_indicator)
        self.show_indicator()

    def show_indicator(self) -> None:
        from desktop_app.core.exchange.indicator_view import indicator_view

        indicator_id = self.indicator.currentData()
        if indicator_id is None:
            return
        view = indicator_view(self.workspace, indicator_id, self.year)
        self.figure.setText(_("Province: {value} ({how})", value=_shown(view.figure.value) or "—",
                              how=view.figure.note or _("no data")))
        self.model.set_rows(view.lines)


def save_consolidated_xlsx(parent, workspace, year: int) -> None:
    from desktop_app.core import actions

    name, _filter = QFileDialog.getSaveFileName(parent, _("Save"), f"bao-cao-tong-hop-{year}.xlsx", "Excel (*.xlsx)")
    if name:
        run_op(parent, lambda progress: actions.write_consolidated_report(workspace, year, xlsx=Path(name)).xlsx,
               on_done=lambda path: QMessageBox.information(parent, _("TienDo"), _("Written: {path}", path=path)),
               title=_("Preparing the report…"))


def choose_plan(window) -> None:
    """Which of the workspace's plans to show (a merged province's lead office)."""
    from desktop_app.core.exchange.lead_plans import held_plans, use_plan

    plans = held_plans(window.workspace)
    labels = [f"{p.province}: {p.title} ({p.code})" for p in plans]
    current = next((n for n, p in enumerate(plans) if p.in_view), 0)
    label, ok = QInputDialog.getItem(window, _("Plan in view"), _("Plan:"), labels, current, False)
    if ok and label:
        use_plan(window.workspace, plans[labels.index(label)].code)
        window.load_year(window.year)


def add_lead_actions(window, menu) -> None:
    """The lead office's entries of the Exchange menu, next to the existing ones."""
    window._action(menu, _("&Offices expected to report…"), lambda: RosterDialog(window.workspace, window).exec())
    window._action(menu, _("One indicator &across offices…"),
                   lambda: IndicatorAcrossDialog(window.workspace, window.year, window).exec())
    window._action(menu, _("Consolidated report as Excel &workbook…"),
                   lambda: save_consolidated_xlsx(window, window.workspace, window.year))
    window._action(menu, _("&Plan in view…"), lambda: choose_plan(window))
