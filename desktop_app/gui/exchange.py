"""USB exchange from the window: export to a stick, keys, import with a summary, and the
lead office's list of who has reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, QStorageInfo, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QStyledItemDelegate, QVBoxLayout,
)

from desktop_app.core import entries
from desktop_app.core.exchange import KEY_SUFFIX
from desktop_app.core.i18n import _
from desktop_app.gui.listing import read_only_table
from desktop_app.gui.ops import run_op
from desktop_app.gui.screen_fit import fit_window


def removable_drives() -> list[tuple[str, str]]:
    """(label, root path) of mounted volumes that look like USB sticks."""
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
            continue
        if root.startswith(("/proc", "/sys", "/dev", "/run/user", "/snap", "/boot")) or root in ("/", "C:/"):
            continue
        fs = bytes(volume.fileSystemType()).decode(errors="replace").lower()
        if fs in ("vfat", "fat32", "exfat", "ntfs", "fuseblk", "msdos") or root.startswith(("/media", "/mnt", "/Volumes")) \
                or (len(root) == 3 and root[1] == ":"):
            label = volume.displayName() or root
            drives.append((f"{label} ({root})", root))
    return drives


class ExportDialog(QDialog):
    def __init__(self, workspace, year: int, parent=None):
        super().__init__(parent)
        self.workspace, self.year = workspace, year
        self.setWindowTitle(_("Export data to USB"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Choose the USB drive (or a folder) for the {year} data package:", year=year)))
        self.drives = QListWidget()
        self.drives.setAccessibleName(_("Drives"))
        for label, root in removable_drives():
            item = QListWidgetItem(label)
            item.setData(256, root)
            self.drives.addItem(item)
        if self.drives.count():
            self.drives.setCurrentRow(0)
        layout.addWidget(self.drives)
        row = QHBoxLayout()
        folder = QPushButton(_("Choose a &folder…"))
        folder.clicked.connect(self.choose_folder)
        row.addWidget(folder)
        row.addStretch()
        layout.addLayout(row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Ok).setText(_("&Export"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("Folder"))
        if name:
            item = QListWidgetItem(name)
            item.setData(256, name)
            self.drives.addItem(item)
            self.drives.setCurrentItem(item)

    def export(self) -> None:
        from desktop_app.core.exchange.exporter import export_year

        item = self.drives.currentItem()
        if item is None:
            QMessageBox.warning(self, _("TienDo"), _("Plug in a USB drive or choose a folder."))
            return
        target = Path(item.data(256))
        # As `tiendo export` asks for --draft: an unsigned year goes out as a draft only
        # when the clerk says so, never without a word.
        draft = not entries.report_state(self.workspace, self.year).locked
        if draft and QMessageBox.question(self, _("TienDo"), _(
                "The {year} report is not signed yet. Share the data as a draft? The lead office will not count "
                "a draft as the office's report.", year=self.year)) != QMessageBox.Yes:
            return

        def done(result) -> None:
            text = _("Written and read back: {path} (revision {revision}). You may now eject the drive.",
                     path=result.path, revision=result.revision)
            if result.submission == "draft":
                text += " " + _("Shared as a draft: the lead office will not count it as the office's report.")
            self.result_label.setText(text)
        run_op(self, lambda progress: export_year(self.workspace, self.year, target, draft=draft), on_done=done,
               title=_("Writing the package…"))


def load_key(parent, workspace) -> None:
    from desktop_app.core.exchange.keys import import_public_key, read_public_key

    name, _filter = QFileDialog.getOpenFileName(parent, _("Key file"), "", f"TienDo (*{KEY_SUFFIX})")
    if not name:
        return
    try:
        key = read_public_key(Path(name))
    except Exception as error:  # shown the uniform way
        from desktop_app.gui.ops import show_error

        show_error(parent, error)
        return
    answer = QMessageBox.question(parent, _("Compare the fingerprint"), _(
        "Key of {office}.\nFingerprint: {fingerprint}\n\nIs this the fingerprint the office gave you (on paper or by "
        "phone)?", office=key.office_name, fingerprint=key.fingerprint))
    if answer == QMessageBox.Yes:
        run_op(parent, lambda progress: import_public_key(workspace, Path(name)),
               on_done=lambda k: QMessageBox.information(parent, _("TienDo"), _("Key loaded: {fingerprint}", fingerprint=k.fingerprint)))


def export_key(parent, workspace) -> None:
    from desktop_app.core.exchange.keys import export_public_key

    name, _filter = QFileDialog.getSaveFileName(parent, _("Key file"), f"{workspace.office_id}{KEY_SUFFIX}",
                                                f"TienDo (*{KEY_SUFFIX})")
    if name:
        run_op(parent, lambda progress: export_public_key(workspace, Path(name)),
               on_done=lambda k: QMessageBox.information(parent, _("TienDo"), _(
                   "Key written. Its fingerprint, to read out or print: {fingerprint}", fingerprint=k.fingerprint)))


def import_packages(parent, workspace, on_done=None) -> None:
    # Several plans in one lead workspace: each package goes under the plan it was made for.
    from desktop_app.core.exchange.lead_plans import import_for_all_plans as run_import

    folder = QFileDialog.getExistingDirectory(parent, _("Folder or drive with the packages"))
    if not folder:
        return

    def dry_done(outcomes) -> None:
        new_keys = [o for o in outcomes if o.reason == "unregistered_signer"]
        trust = False
        if new_keys:
            from desktop_app.gui.confirm_list import confirm_list

            # A list that scrolls, and "do not trust" on Enter: 25 new offices once made a
            # dialog taller than the screen whose default trusted them all.
            trust = confirm_list(parent, _("New offices"), _("These packages come from offices seen for the first time:"),
                                 [o.message for o in new_keys],
                                 _("Do the fingerprints match the ones on their signed reports?"),
                                 _("&Trust these offices"), _("Do &not trust"))
        run_op(parent, lambda progress: run_import(workspace, [Path(folder)], trust_new=trust, progress=progress),
               on_done=lambda result: (ImportSummary(result, parent).exec(), on_done and on_done()),
               title=_("Importing…"))
    run_op(parent, lambda progress: run_import(workspace, [Path(folder)], dry_run=True, progress=progress),
           on_done=dry_done, title=_("Reading the packages…"))


# The rows a person must act on first: rejected files, then packages withdrawn before.
_ORDER = {"rejected": 0, "withdrawn": 1}


def _full_text(outcome) -> str:
    problems = outcome.details.get("problems", [])
    return "\n".join([outcome.describe(), *(f"• {problem}" for problem in problems)])


class WrappedTextDelegate(QStyledItemDelegate):
    """Qt's own measure of wrapped text leaves the last line half cut: the height is the
    text's own, wrapped at the column's width less the cell's margins."""

    MARGIN = 4

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        width = view.columnWidth(index.column()) - 2 * self.MARGIN - 2
        text = index.data() or ""
        needed = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 20), 100000), Qt.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), needed.height() + 2 * self.MARGIN))


class ImportSummary(QDialog):
    """What an import did to each file, after a line that counts it all.  A long reason
    wraps in its row; the selected row's whole text, with every problem of a rejected
    payload, is in the box below."""

    def __init__(self, outcomes, parent=None):
        from desktop_app.core.exchange.importer import summary_line

        super().__init__(parent)
        self.setWindowTitle(_("Import summary"))
        fit_window(self, 1100, 640)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary_line(outcomes))
        self.summary.setAccessibleName(_("Summary"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setStyleSheet("font-weight: bold; padding: 2px 0 6px 0;")
        layout.addWidget(self.summary)
        self.outcomes = sorted(outcomes, key=lambda o: _ORDER.get(o.outcome, 2))  # sorted() is stable: file order within
        rows = [(o.path.name, o.office_name, str(o.year or ""), str(o.revision or ""), o.describe()) for o in self.outcomes]
        self.table = read_only_table(_("Import summary"), [_("File"), _("Office"), _("Year"), _("Revision"), _("Result")],
                                     rows)
        table = self.table
        table.setWordWrap(True)
        table.setTextElideMode(Qt.ElideNone)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        # A file name or an office name may be long too: capped, the reason gets the room.
        for column, cap in ((0, 300), (1, 240)):
            table.setColumnWidth(column, min(table.columnWidth(column), cap))
        header.resizeSection(4, 200)  # measured to its whole text above; the stretch gives it what is left
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        table.setItemDelegate(WrappedTextDelegate(table))
        for row, outcome in enumerate(self.outcomes):
            text = _full_text(outcome)
            for column in range(table.columnCount()):
                table.item(row, column).setToolTip(text)
        # Wrapped rows are measured again when the reason's column changes width (the
        # dialog resized), once the resizing settles.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(table.resizeRowsToContents)
        table.resizeRowsToContents()
        header.sectionResized.connect(lambda *_args: self._fit_timer.start(50))
        layout.addWidget(table, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(_("The selected file's result in full"))
        self.detail.setPlaceholderText(_("Select a row to read its result in full."))
        self.detail.setMaximumHeight(90)
        layout.addWidget(self.detail)
        table.itemSelectionChanged.connect(self._show_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.outcomes and self.outcomes[0].outcome in _ORDER:
            table.selectRow(0)

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            outcome = self.outcomes[rows[0].row()]
            self.detail.setPlainText(f"{outcome.path.name} — {outcome.office_name}\n{_full_text(outcome)}")
