"""The first-run wizard: create a workspace (plan, office, passphrase twice, recovery
code to print), set up the lead office, try the sample data, open an existing workspace,
or restore a backup.  Every choice ends with ``wizard.workspace`` open, ready for the
main window; the slow steps (key derivation, filling the sample) run off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.core.storage.files import SUFFIX, default_workspace_dir
from desktop_app.gui.unlock import password_field

if TYPE_CHECKING:
    from desktop_app.core.model import Office, Plan
    from desktop_app.core.workspace import Workspace

# The first window is the wizard's first page: the workspace and backups (SQLCipher,
# libsodium) and the plans (every target parsed) are imported when a page needs them.

CREATE, LEAD, DEMO, OPEN, RESTORE = "create", "lead", "demo", "open", "restore"
DEMO_PASSPHRASE = "dungthu-2026"
PAGE_START, PAGE_PLAN, PAGE_PASSPHRASE, PAGE_RECOVERY, PAGE_OPEN, PAGE_RESTORE = range(6)
USER_ROLE = 256  # Qt.UserRole, without building Python's view of Qt's namespace before the first window
NEXT_PAGE = {CREATE: PAGE_PLAN, LEAD: PAGE_PLAN, OPEN: PAGE_OPEN, RESTORE: PAGE_RESTORE, DEMO: -1}


def field_with_button(field: QWidget, label_text: str, button_text: str, on_click,
                      object_name: str = "") -> tuple[QLabel, QHBoxLayout]:
    """A form row of a field and a button beside it: the label's buddy is the field (a
    row of widgets gets no buddy by itself, and the & would show)."""
    button = QPushButton(button_text)
    button.setObjectName(object_name)
    button.clicked.connect(on_click)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    label = QLabel(label_text)
    label.setBuddy(field)
    return label, row


def file_and_passphrase_rows(form: QFormLayout, path_field: QWidget, label_text: str, browse) -> tuple:
    """A file field with its Browse button, the passphrase, and the line where a refusal
    is shown: the rows of the open and restore pages."""
    form.addRow(*field_with_button(path_field, label_text, _("Bro&wse…"), browse, "browse"))
    passphrase = password_field(_("Passphrase"))
    form.addRow(_("&Passphrase:"), passphrase)
    error = error_label()
    form.addRow(error)
    return passphrase, error


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.setAccessibleName(_("Error message"))
    return label


def workspace_file(name: str) -> Path:
    """``name``.tiendo in the usual folder."""
    return default_workspace_dir() / f"{name}{SUFFIX}"


def demo_path() -> Path:
    return workspace_file("dung-thu")


def open_or_create_demo(progress) -> Workspace:
    from desktop_app.core.demo import create_demo_workspace
    from desktop_app.core.workspace import Workspace

    path = demo_path()
    if path.exists():
        return Workspace.open(path, passphrase=DEMO_PASSPHRASE)
    return create_demo_workspace(path, DEMO_PASSPHRASE, progress=progress)[0]


class StartPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Welcome to TienDo"))
        self.setSubTitle(_("TienDo records your office's progress on the province's social-policy plan, prints the "
                           "report to sign, and carries the data to the lead office on a USB stick."))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        for index, (key, text, hint) in enumerate([
            (CREATE, _("&Create a new workspace for my office"), ""),
            (LEAD, _("Set up the &lead office (it gathers the other offices' reports)"), ""),
            (DEMO, _("&Try it with sample data (Khánh Hòa plan)"),
             _("Nothing in it is real. Its passphrase is “{passphrase}”.", passphrase=DEMO_PASSPHRASE)),
            (OPEN, _("&Open an existing workspace"), ""),
            (RESTORE, _("&Restore a workspace from a backup"), ""),
        ]):
            button = QRadioButton(text)
            button.setProperty("choice", key)
            button.setAccessibleName(text.replace("&", ""))
            self.group.addButton(button, index)
            layout.addWidget(button)
            if hint:
                note = QLabel(hint)
                note.setContentsMargins(24, 0, 0, 0)
                note.setStyleSheet("color: #555;")
                layout.addWidget(note)
        self.group.button(0).setChecked(True)
        # Finish replaces Next for the sample, which needs nothing more.
        self.group.buttonToggled.connect(lambda *args: self.setFinalPage(self.choice == DEMO))
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch()

    @property
    def choice(self) -> str:
        return self.group.checkedButton().property("choice")

    def nextId(self) -> int:
        return NEXT_PAGE[self.choice]

    def validatePage(self) -> bool:
        if self.choice != DEMO:
            return True
        from desktop_app.gui.ops import run_and_wait

        self.error.clear()
        try:
            self.wizard().workspace = run_and_wait(self, open_or_create_demo, title=_("Preparing the sample workspace…"))
        except TienDoError as error:
            self.error.setText(error.message())
            return False
        return True


class PlanPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Plan and office"))
        self.setSubTitle(_("Choose the province's plan and the office this computer reports for."))
        self.headers: list = []  # plan_list.PlanHeader, read when the page first shows
        form = QFormLayout(self)
        self.plan = QComboBox()
        self.plan.setAccessibleName(_("Plan"))
        form.addRow(*field_with_button(self.plan, _("&Plan:"), _("&Import .xlsx…"), self.import_plan))
        self.office = QComboBox()
        self.office.setAccessibleName(_("Office"))
        form.addRow(_("&Office:"), self.office)
        self.new_office = QLineEdit()
        self.new_office.setPlaceholderText(_("or type the name of a unit the plan does not list, e.g. UBND xã Suối Tiên"))
        self.new_office.setAccessibleName(_("New unit name"))
        form.addRow(_("New &unit:"), self.new_office)
        self.new_kind = QComboBox()
        for kind, text in (("local", _("commune / district")), ("department", _("department")), ("agency", _("agency"))):
            self.new_kind.addItem(text, kind)
        self.new_kind.setAccessibleName(_("Kind of the new unit"))
        form.addRow(_("Kind of unit:"), self.new_kind)
        self.lead = QCheckBox(_("This is the plan's lead (consolidating) office"))
        form.addRow(self.lead)
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Workspace file"))
        form.addRow(*field_with_button(self.path, _("Save in:"), _("Bro&wse…"), self.browse, "browse"))
        self.plan.currentIndexChanged.connect(self.fill_offices)
        self.office.currentIndexChanged.connect(self.suggest_path)
        self.new_office.textChanged.connect(self.suggest_path)
        self.error = error_label()
        form.addRow(self.error)

    def initializePage(self) -> None:
        if not self.headers:
            self.fill_plans()
        lead = self.wizard().choice == LEAD
        self.lead.setChecked(lead)
        if lead and self.office.count():
            self.office.setCurrentIndex(max(0, self.office.findData(self.selected_plan.lead_office_id)))

    def fill_plans(self, select: str | None = None) -> None:
        from desktop_app.core.plan_list import plan_headers

        self.headers = plan_headers()
        self.plan.blockSignals(True)
        self.plan.clear()
        for header in self.headers:
            self.plan.addItem(f"{header.province}: {header.title_line}", header.code)
        self.plan.blockSignals(False)
        index = max(0, self.plan.findData(select or "khanhhoa-2024"))
        self.plan.setCurrentIndex(index)
        self.fill_offices()

    def import_plan(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Import a plan"), "", "Excel (*.xlsx)")
        if not name:
            return
        try:
            from desktop_app.core.plan_xlsx import import_plan_xlsx, install_plan

            plan = import_plan_xlsx(Path(name))
            install_plan(plan)
        except TienDoError as error:
            QMessageBox.warning(self, _("TienDo"), error.message())
            return
        self.fill_plans(plan.code)

    @property
    def selected_plan(self) -> Plan:
        """The chosen plan, read in full (only this one: the list shows headers)."""
        from desktop_app.core.plans import load_bundled_plan

        return load_bundled_plan(self.plan.currentData())

    def fill_offices(self) -> None:
        self.office.clear()
        self.error.clear()
        try:
            plan = self.selected_plan
        except TienDoError as error:  # an installed plan that no longer reads: say so, keep the others
            self.error.setText(error.message())
            return
        for office in sorted(plan.offices.values(), key=lambda o: (o.kind == "collective", o.name)):
            if office.kind not in ("collective", "other"):
                self.office.addItem(office.name, office.id)
        self.office.setCurrentIndex(max(0, self.office.findData(plan.lead_office_id)))
        self.suggest_path()

    def office_choice(self) -> tuple[str, Office | None]:
        typed = self.new_office.text().strip()
        if typed:
            from desktop_app.core.exchange.offices import slug
            from desktop_app.core.model import Office

            office_id = slug(typed)
            return office_id, Office(office_id, typed, typed, (), self.new_kind.currentData())
        return self.office.currentData(), None

    def suggest_path(self) -> None:
        office_id, _new = self.office_choice()
        if office_id:
            self.path.setText(str(workspace_file(f"{self.plan.currentData()}_{office_id}")))

    def browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Workspace file"), self.path.text(), f"TienDo (*{SUFFIX})")
        if name:
            self.path.setText(name if name.endswith(SUFFIX) else name + SUFFIX)

    def validatePage(self) -> bool:
        office_id, _new = self.office_choice()
        self.error.clear()
        if not office_id:
            self.error.setText(_("Choose the office, or type the name of a new unit."))
            return False
        if Path(self.path.text()).exists():
            self.error.setText(_("A workspace already exists there."))
            return False
        return True


class PassphrasePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Passphrase"))
        self.setSubTitle(_("The workspace is encrypted. Choose a passphrase of at least 8 characters; "
                           "you will type it each time you open TienDo."))
        form = QFormLayout(self)
        self.first = password_field(_("Passphrase"))
        self.second = password_field(_("Passphrase again"))
        form.addRow(_("&Passphrase:"), self.first)
        form.addRow(_("Type it &again:"), self.second)
        self.error = error_label()
        form.addRow(self.error)
        self.workspace: Workspace | None = None
        self.recovery_code = ""

    def validatePage(self) -> bool:
        wizard: SetupWizard = self.wizard()
        page: PlanPage = wizard.page(PAGE_PLAN)
        from desktop_app.core.workspace import Workspace
        from desktop_app.gui.ops import run_and_wait

        office_id, new_office = page.office_choice()
        path, first, second = Path(page.path.text()), self.first.text(), self.second.text()
        self.error.clear()
        try:
            plan = page.selected_plan
        except TienDoError as error:
            self.error.setText(error.message())
            return False
        role = "lead" if page.lead.isChecked() else "reporting"
        try:
            self.workspace, self.recovery_code = run_and_wait(self, lambda progress: Workspace.create(
                path, first, confirmation=second, plan=plan, office_id=office_id, new_office=new_office, role=role,
            ), title=_("Creating the workspace…"))
        except TienDoError as error:
            self.error.setText(error.message())
            return False
        wizard.workspace = self.workspace
        return True


class RecoveryPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Recovery code"))
        self.setSubTitle(_("If the passphrase is ever forgotten, this code opens the workspace. Print it or write it "
                           "down, and keep it with the office's papers, away from the computer."))
        layout = QVBoxLayout(self)
        self.code = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAccessibleName(_("Recovery code"))
        layout.addWidget(self.code)
        row = QHBoxLayout()
        copy = QPushButton(_("&Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code.text()))
        print_button = QPushButton(_("&Print…"))
        print_button.clicked.connect(self.print_code)
        row.addStretch()
        row.addWidget(copy)
        row.addWidget(print_button)
        layout.addLayout(row)
        self.kept = QCheckBox(_("I have printed or written down the recovery code"))
        self.kept.toggled.connect(self.completeChanged)
        layout.addWidget(self.kept)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch()

    def warn(self, text: str) -> None:
        self.error.setText(text)
        self.kept.setFocus()

    def initializePage(self) -> None:
        from PySide6.QtCore import Qt  # here, not at import: the first window does without Qt's namespace

        self.code.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignCenter)
        self.code.setText(self.wizard().page(PAGE_PASSPHRASE).recovery_code)

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        workspace = self.wizard().workspace
        if workspace is not None and workspace.role == "lead":
            return ask_for_lead_key_copy(self, workspace)
        return True

    def print_code(self) -> None:
        from desktop_app.core import clock
        from desktop_app.core.reports.build import office_name
        from desktop_app.core.reports.recovery_sheet import write_recovery_sheet
        from desktop_app.gui.printing import print_secret_pdf

        workspace = self.wizard().workspace
        # The same A4 sheet as `tiendo` would print: Decree 30 margins, the office by name.
        print_secret_pdf(self, lambda path: write_recovery_sheet(
            path, office=office_name(workspace), workspace=str(workspace.path), code=self.code.text(),
            created_on=clock.today()), suggested_name=f"ma-khoi-phuc-{workspace.path.stem}.pdf")


def ask_for_lead_key_copy(parent, workspace) -> bool:
    """The lead office's set-up ends with a second copy of its key (packages open only
    with it); the user may go on without, after a warning that says what is at stake.
    Always True: the workspace exists either way, and the window follows."""
    from desktop_app.gui.lead_key import LeadKeyCopyDialog

    while LeadKeyCopyDialog(workspace, parent).exec() != QDialog.Accepted:
        box = QMessageBox(QMessageBox.Warning, _("No second copy of the lead key"), _(
            "Without a copy of the lead key, the packages the offices send can be opened only on this computer: "
            "if it breaks or is lost, the year's packages cannot be read. You can save a copy later from "
            "Exchange > Save a copy of the lead office's secret key."), parent=parent)
        skip = box.addButton(_("&Go on without a copy"), QMessageBox.DestructiveRole)
        again = box.addButton(_("&Save a copy now"), QMessageBox.AcceptRole)
        # Enter and Esc both lead back to saving: skipping takes a deliberate click.
        box.setDefaultButton(again)
        box.setEscapeButton(again)
        box.exec()
        if box.clickedButton() is skip:
            break
    return True


class OpenPage(QWizardPage):
    """An existing workspace: picked from the usual folder or browsed for, then unlocked."""

    def __init__(self):
        super().__init__()
        self.setTitle(_("Open an existing workspace"))
        self.setSubTitle(_("Choose the workspace file (.tiendo) and type its passphrase."))
        form = QFormLayout(self)
        self.path = QComboBox()
        self.path.setEditable(True)
        self.path.setAccessibleName(_("Workspace file"))
        self.passphrase, self.error = file_and_passphrase_rows(form, self.path, _("Work&space:"), self.browse)

    def initializePage(self) -> None:
        self.path.clear()
        folder = default_workspace_dir()
        for found in sorted(folder.glob(f"*{SUFFIX}")) if folder.exists() else []:
            self.path.addItem(str(found))

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Open workspace"), str(default_workspace_dir()),
                                                    f"TienDo (*{SUFFIX})")
        if name:
            self.path.setEditText(name)

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        from desktop_app.core.workspace import Workspace
        from desktop_app.gui.ops import run_and_wait

        path, passphrase = Path(self.path.currentText().strip()), self.passphrase.text()
        self.error.clear()
        try:
            self.wizard().workspace = run_and_wait(
                self, lambda progress: Workspace.open(path, passphrase=passphrase), title=_("Opening the workspace…"))
        except TienDoError as error:
            self.error.setText(error.message())
            self.passphrase.selectAll()
            return False
        return True


class RestorePage(QWizardPage):
    """A backup put back where the user says (the usual folder is proposed), then opened:
    one of the automatic backups of this computer or of the second folder chosen for
    them (the newest chosen already), or a backup file browsed for (e.g. on a stick set up
    on another computer).  A workspace already there is replaced only if the user says
    Yes, and is then kept beside the restored one."""

    def __init__(self):
        super().__init__()
        self.setTitle(_("Restore a workspace from a backup"))
        self.setSubTitle(_("Choose the backup, type the passphrase it was made with, and where to restore it. "
                           "A workspace already there is replaced only if you agree."))
        form = QFormLayout(self)
        self.automatic = QListWidget()
        self.automatic.setAccessibleName(_("Automatic backups"))
        self.automatic.setMaximumHeight(132)  # five lines; more scroll
        self.automatic.currentItemChanged.connect(self.automatic_chosen)
        self.none_found = QLabel(_("This computer has no automatic backups: choose a backup file."))
        self.none_found.setWordWrap(True)
        self.automatic_label = QLabel(_("&Automatic backups (newest first):"))
        self.automatic_label.setBuddy(self.automatic)
        form.addRow(self.automatic_label)
        form.addRow(self.automatic)
        form.addRow(self.none_found)
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Backup file"))
        self.path.textEdited.connect(lambda: self.automatic.setCurrentRow(-1))
        self.path.textChanged.connect(self.propose_destination)
        self.passphrase, self.error = file_and_passphrase_rows(form, self.path, _("Bac&kup file:"), self.browse)
        self.destination = QLineEdit()
        self.destination.setAccessibleName(_("Restore to"))
        # Once the user typed or chose a place, choosing another backup no longer moves it.
        self.destination_chosen = False
        self.destination.textEdited.connect(lambda: setattr(self, "destination_chosen", True))
        label, row = field_with_button(self.destination, _("Restore &to:"), _("Choose pla&ce…"),
                                       self.browse_destination, "destination")
        form.insertRow(form.rowCount() - 2, label, row)  # above the passphrase and the error line
        self.backups: list = []

    def initializePage(self) -> None:
        from desktop_app.core.autobackup import list_everywhere
        from desktop_app.core.text import format_date
        from desktop_app.gui.ops import run_and_wait

        try:  # off the UI thread: the second folder may be a network drive that is slow to answer
            self.backups = run_and_wait(self, lambda progress: list_everywhere(), title=_("Looking for backups…"))
        except OSError:  # an unreadable data folder hides the list, never the page
            self.backups = []
        self.automatic.clear()
        for backup in self.backups:
            where = (_("on {folder}", folder=backup.root) if backup.in_second_folder else _("on this computer"))
            text = _("{workspace} — {date} at {time} ({size} kB)", workspace=backup.workspace_name,
                     date=format_date(backup.made_at.date()), time=f"{backup.made_at:%H:%M}",
                     size=max(1, backup.size // 1024))
            item = QListWidgetItem(f"{text} — {where}")
            item.setData(USER_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.automatic.addItem(item)
        self.automatic.setVisible(bool(self.backups))
        self.automatic_label.setVisible(bool(self.backups))
        self.none_found.setVisible(not self.backups)
        if self.backups:
            self.automatic.setCurrentRow(0)  # the newest: what a clerk who lost today's file wants
            self.passphrase.setFocus()

    def automatic_chosen(self, item, _previous=None) -> None:
        if item is not None:
            self.path.setText(item.data(USER_ROLE))

    def chosen_backup(self):
        """The automatic backup chosen, if the path is one of them (its workspace's own name
        is then the restored file's name, not the dated backup's)."""
        return next((b for b in self.backups if str(b.path) == self.path.text().strip()), None)

    def proposed_destination(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        automatic = self.chosen_backup()
        return workspace_file(automatic.workspace_name if automatic is not None else Path(text).name.split(".")[0])

    def propose_destination(self) -> None:
        proposed = self.proposed_destination()
        if proposed is not None and not self.destination_chosen:
            self.destination.setText(str(proposed))

    def browse(self) -> None:
        from desktop_app.core.backup import BACKUP_SUFFIX

        name, _filter = QFileDialog.getOpenFileName(self, _("Backup"), str(Path.home()), f"TienDo (*{BACKUP_SUFFIX})")
        if name:
            self.automatic.setCurrentRow(-1)
            self.path.setText(name)

    def browse_destination(self) -> None:
        # No overwrite prompt from the file dialog: the page asks its own question, which says
        # what happens to the workspace already there.
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Restore to"), self.destination.text() or str(default_workspace_dir()), f"TienDo (*{SUFFIX})",
            options=QFileDialog.DontConfirmOverwrite)
        if name:
            self.destination.setText(name if name.endswith(SUFFIX) else name + SUFFIX)
            self.destination_chosen = True

    def nextId(self) -> int:
        return -1

    def replace_agreed(self, target: Path) -> bool:
        """Asked when a workspace is already at ``target``; No is the default."""
        box = QMessageBox(QMessageBox.Warning, _("Replace the workspace?"), _(
            "A workspace already exists at {path}. Replace it with the backup? The current one is kept beside it "
            "(named “….before-restore-…”).", path=target), QMessageBox.Yes | QMessageBox.No, self)
        box.setDefaultButton(QMessageBox.No)
        box.setEscapeButton(QMessageBox.No)
        box.button(QMessageBox.Yes).setText(_("&Replace it"))
        box.button(QMessageBox.No).setText(_("&No, choose another place"))
        return box.exec() == QMessageBox.Yes

    def validatePage(self) -> bool:
        from desktop_app.core.backup import restore_backup
        from desktop_app.core.text import clean
        from desktop_app.core.workspace import Workspace
        from desktop_app.gui.ops import run_and_wait

        backup, passphrase = Path(self.path.text().strip()), self.passphrase.text()
        self.error.clear()
        if not self.path.text().strip() or not backup.is_file():
            self.error.setText(_("Choose the backup file."))
            return False
        typed = clean(self.destination.text())
        if not typed:
            self.error.setText(_("Choose where to restore the workspace."))
            self.destination.setFocus()
            return False
        target = Path(typed if typed.endswith(SUFFIX) else typed + SUFFIX).expanduser()
        replace = target.exists()
        if replace and not self.replace_agreed(target):
            self.error.setText(_("Nothing was restored: choose another place."))
            self.destination.setFocus()
            self.destination.selectAll()
            return False

        def restore(progress) -> Workspace:
            target.parent.mkdir(parents=True, exist_ok=True)
            restored = restore_backup(backup, target, passphrase=passphrase, replace=replace)
            return Workspace.open(restored, passphrase=passphrase)

        try:
            self.wizard().workspace = run_and_wait(self, restore, title=_("Restoring the backup…"))
        except TienDoError as error:
            self.error.setText(error.message())
            return False
        return True


class SetupWizard(QWizard):
    """``choice`` says what the user asked for; ``workspace`` is set when one was created."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("TienDo: getting started"))
        self.setWizardStyle(QWizard.ModernStyle)
        self.setMinimumSize(720, 520)
        self.workspace: Workspace | None = None
        self.start = StartPage()
        self.setPage(PAGE_START, self.start)
        self.setPage(PAGE_PLAN, PlanPage())
        self.setPage(PAGE_PASSPHRASE, PassphrasePage())
        self.setPage(PAGE_RECOVERY, RecoveryPage())
        self.setPage(PAGE_OPEN, OpenPage())
        self.setPage(PAGE_RESTORE, RestorePage())
        self.setButtonText(QWizard.NextButton, _("&Next >"))
        self.setButtonText(QWizard.BackButton, _("< &Back"))
        self.setButtonText(QWizard.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.CancelButton, _("Cancel"))
        self.setOption(QWizard.NoBackButtonOnLastPage, True)

    @property
    def choice(self) -> str:
        return self.start.choice

    def reject(self) -> None:
        if self.workspace is not None and self.currentId() == PAGE_RECOVERY and not self.page(PAGE_RECOVERY).isComplete():
            # The workspace exists already: leaving now would lose the only copy of the code.
            self.page(PAGE_RECOVERY).warn(_("Keep the recovery code before going on."))
            return
        super().reject()
