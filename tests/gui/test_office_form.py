"""A commune's window shows its own form: a few indicators, the plan's tasks a line per
section; one status on a section's line is recorded for each of its tasks."""

from __future__ import annotations

import datetime as dt

from desktop_app.core import entries
from desktop_app.core.model import Office
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.workspace import Workspace
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.tasks.model import COL_STATUS

from conftest import PASSPHRASE


def test_a_commune_reports_its_own_form_and_a_section_in_one_line(qtbot, tmp_path):
    plan = load_bundled_plan("khanhhoa-2024")
    commune = Office("ubnd-xa-cam-hai-dong", "UBND xã Cam Hải Đông", "UBND xã Cam Hải Đông", (), "local")
    workspace, _code = Workspace.create(tmp_path / "xa.tiendo", PASSPHRASE, plan=plan, office_id=commune.id,
                                        new_office=commune)
    try:
        window = MainWindow(workspace, today=dt.date(2026, 11, 13))
        qtbot.addWidget(window)
        window.show()
        own = len(window.indicators.editable_rows_from(0))
        assert 0 < own < 20
        window.only_mine.setChecked(False)  # the whole plan, one click away
        assert len(window.indicators.editable_rows_from(0)) > 90
        model = window.task_model
        row = next(r for r in range(model.rowCount()) if model.tasks[r].grouped)
        item = model.tasks[row]
        assert model.setData(model.index(row, COL_STATUS), "in_progress")
        progress = entries.task_progress(workspace, 2026)
        assert all(progress[t].status == "in_progress" for t in item.task_ids) and len(item.task_ids) > 1
    finally:
        workspace.close()
