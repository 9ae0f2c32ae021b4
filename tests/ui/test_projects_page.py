"""书记项目与考核 page: each tab driven through its real buttons and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import activate

from alliance_desk.core.projects import ProjectCategory
from alliance_desk.services import Database
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.projects import records as pr
from alliance_desk.services.projects import tasks as tk
from alliance_desk.ui.navigation import PageContext, area
from alliance_desk.ui.projects import common, tasks_tab
from alliance_desk.ui.projects.assessment_tab import TallyDialog
from alliance_desk.ui.projects.forms import FormDialog
from alliance_desk.ui.projects.page import ProjectsPage
from alliance_desk.ui.projects.projects_tab import PlanDialog


def _page(qtbot: QtBot, db: Database, tab: int) -> ProjectsPage:
    page = ProjectsPage(PageContext(db, area("projects")))
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.tabs.setCurrentIndex(tab)
    page.activated()
    return page


def _when_dialog(kind: type, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog of ``kind`` as soon as it shows."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def _click_save(dialog: QDialog) -> None:
    for button in dialog.findChildren(QPushButton):
        if button.text() == "保存":
            button.click()
            return
    raise AssertionError("no 保存 button")


def test_main_window_shows_the_real_page(open_window: Callable, demo_db: Database) -> None:  # type: ignore[type-arg]
    window = open_window(demo_db)
    window.show_area("projects")
    page = window.page("projects")
    assert isinstance(page, ProjectsPage)
    assert [page.tabs.tabText(i) for i in range(5)] == [
        "任务书",
        "书记项目",
        "挂图作战",
        "督查",
        "年终考核",
    ]


def test_task_added_through_the_dialog_then_deleted(
    qtbot: QtBot, seeded_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, seeded_db, 0)
    tab = page.tasks
    tab.year.setValue(2025)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FormDialog)
        _click_save(dialog)  # empty content: refused at the field, the dialog stays
        assert "任务内容" in dialog.form.error_text("content")
        widgets = dialog.form._fields
        widgets["content"].setPlainText("规范组织生活")
        widgets["category"].setText("组织建设")
        widgets["due_on"].setDate(QDate(2025, 6, 30))
        _click_save(dialog)

    _when_dialog(FormDialog, fill)
    qtbot.mouseClick(tab.findChild(QPushButton, "newTaskButton"), Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1
    sheet = tk.task_sheet(seeded_db, 2025, today=date(2025, 1, 1))
    assert sheet.items[0].content == "规范组织生活" and sheet.items[0].unit_name == "街道党工委"
    tab.table.selectRow(0)
    monkeypatch.setattr(tasks_tab, "confirm", lambda *a: True)
    activate(qtbot, page)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 0


def test_task_progress_is_recorded_through_the_dialog_with_its_history(
    qtbot: QtBot, seeded_db: Database
) -> None:
    item = tk.add_task_item(
        seeded_db,
        2025,
        tk.TaskItemInput("组织建设", "规范组织生活", "", "", None, "", date(2025, 12, 31)),
    )
    page = _page(qtbot, seeded_db, 0)
    tab = page.tasks
    tab.year.setValue(2025)
    seen: list[str] = []

    def progress(percent: int, note: str) -> Callable[[QDialog], None]:
        def act(dialog: QDialog) -> None:
            assert isinstance(dialog, FormDialog)
            fields = dialog.form._fields
            history = fields.get("history")
            seen.append(history.toPlainText() if history is not None else "")
            fields["percent"].setValue(percent)
            fields["progress_note"].setPlainText(note)
            _click_save(dialog)

        return act

    button = tab.findChild(QPushButton, "taskProgressButton")
    for percent, note in ((30, "已开3次"), (60, "已开7次"), (80, "")):
        tab.table.selectRow(0)
        _when_dialog(FormDialog, progress(percent, note))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen[0] == ""  # nothing recorded yet: no history field
    assert "30%　已开3次" in seen[1]
    newest_first = seen[2].splitlines()
    assert "60%　已开7次" in newest_first[0] and "30%　已开3次" in newest_first[1]
    assert [h.percent for h in tk.task_progress_history(seeded_db, item)] == [30, 60, 80]


def test_backward_plan_dialog_says_when_it_cannot_fit(qtbot: QtBot, seeded_db: Database) -> None:
    pid = pr.declare_project(
        seeded_db,
        pr.ProjectInput(
            "加装电梯",
            ProjectCategory.PUBLIC_SERVICE,
            "王书记",
            "",
            None,
            "",
            "",
            "",
            date(2025, 9, 1),
            date(2025, 10, 31),
        ),
    )
    page = _page(qtbot, seeded_db, 1)
    tab = page.projects
    tab.year.setValue(2025)
    tab.table.selectRow(0)
    seen: dict[str, str] = {}

    def plan(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanDialog)
        dialog.deadline.setDate(QDate(2025, 9, 10))
        seen["short"] = dialog.preview.text()
        _click_save(dialog)
        seen["error"] = dialog.form.error_text("milestones")
        dialog.deadline.setDate(QDate(2025, 12, 31))
        seen["fits"] = dialog.preview.text()
        _click_save(dialog)

    _when_dialog(PlanDialog, plan)
    qtbot.mouseClick(tab.findChild(QPushButton, "planButton"), Qt.MouseButton.LeftButton)
    assert "排不下" in seen["short"] and "排不下" in seen["error"]
    assert "排不下" not in seen["fits"]
    detail = pr.get_project(seeded_db, pid, today=date(2025, 9, 1))
    assert [m.name for m in detail.milestones] == ["调研摸底", "方案制定", "组织实施", "总结验收"]
    assert detail.milestones[-1].planned_on == date(2025, 12, 31)
    assert tab.marks.rowCount() == 4
    from alliance_desk.services.projects import milestones as ms

    ms.add_site_visit(
        seeded_db, pid, ms.SiteVisitInput(date(2025, 9, 5), "小区", "王书记", "井道选址", "已协调")
    )
    tab.refresh()
    assert tab.visits.rowCount() == 1 and tab.detail_tabs.tabText(1) == "现场办公"


def test_assessment_tab_unlock_and_sign_off(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, demo_db, 4)
    tab = page.assessment
    tab.year.setValue(2025)
    assert "已签发锁定" in tab.state_label.text() and tab.model.rowCount() > 100
    assert not tab.sign_button.isEnabled()
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("补录测评票", True))
    )
    qtbot.mouseClick(tab.unlock_button, Qt.MouseButton.LeftButton)
    assert "未签发" in tab.state_label.text() and tab.sign_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("李主任", True)))
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert "李主任" in tab.state_label.text()
    assert st.assessment_setup(demo_db, 2025).locked


def test_tally_sheet_checks_votes_against_ballots(
    qtbot: QtBot, seeded_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = st.ensure_rater_groups(seeded_db, 2025)[0]
    st.save_rater_group(
        seeded_db,
        2025,
        name=group.name,
        weight=group.weight,
        issued=10,
        group_id=group.id,
        version=group.version,
    )
    dialog = TallyDialog(None, seeded_db, group.id)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.returned.setValue(8)
    dialog.grid.item(0, 1).setText("9")
    assert "多于收回票数" in dialog.check.text()
    shown: list[str] = []
    monkeypatch.setattr(
        common, "show_error", lambda parent, error, title="": shown.append(error.message)
    )
    from alliance_desk.ui.projects import assessment_tab

    monkeypatch.setattr(
        assessment_tab, "show_error", lambda parent, error, title="": shown.append(error.message)
    )
    dialog.findChild(QPushButton, "saveTallyButton").click()
    assert shown and "多于收回票数" in shown[0]
    dialog.grid.item(0, 1).setText("6")
    dialog.grid.item(0, 2).setText("2")
    assert "核对无误" in dialog.check.text()
    dialog.findChild(QPushButton, "saveTallyButton").click()
    sheet = st.tally_sheet(seeded_db, group.id)
    assert sheet.group.returned == 8 and sheet.lines[0].votes.good == 6


def test_wall_chart_tab_draws_and_saves_a3(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    page = _page(qtbot, demo_db, 2)
    tab = page.wallchart
    tab.year.setValue(2026)
    assert tab.canvas is not None and tab.canvas.shown_rows > 40  # type: ignore[attr-defined]
    tab.alert.setCurrentIndex(1)  # 红色预警
    assert "红色预警" in tab.summary.text()
    assert all(r.alert.label == "红色预警" for r in tab.rows())
    path = tab.save_to(tmp_path / "wall.pdf", a3=True)
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)


def test_inspection_closed_from_the_tab(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, 3)
    tab = page.inspections
    tab.year.setValue(2026)
    tab.open_only.setChecked(True)
    before = tab.model.rowCount()
    assert before > 0
    tab.table.selectRow(0)

    def close(dialog: QDialog) -> None:
        dialog.form._fields["close_note"].setPlainText("已整改")  # type: ignore[attr-defined]
        _click_save(dialog)

    _when_dialog(FormDialog, close)
    qtbot.mouseClick(tab.findChild(QPushButton, "closeInspectionButton"), Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == before - 1
    _ = QMessageBox


def test_review_adjustment_and_survey_dialogs_from_the_tab(
    qtbot: QtBot, seeded_db: Database
) -> None:
    from alliance_desk.ui.projects.assessment_tab import (
        AdjustmentsDialog,
        ReviewDialog,
        SurveysDialog,
    )

    page = _page(qtbot, seeded_db, 4)
    tab = page.assessment
    tab.year.setValue(2025)
    seen: dict[str, int] = {}

    def review(dialog: QDialog) -> None:
        seen["groups"] = dialog.model.rowCount()  # type: ignore[attr-defined]
        dialog.accept()

    _when_dialog(ReviewDialog, review)
    qtbot.mouseClick(tab.findChild(QPushButton, "reviewsButton"), Qt.MouseButton.LeftButton)
    assert seen["groups"] == 4  # 上级 / 党员代表 / 居民代表 / 成员单位

    def adjust(dialog: QDialog) -> None:
        def form(inner: QDialog) -> None:
            inner.form._fields["reason"].setText("获市级表彰")  # type: ignore[attr-defined]
            _click_save(inner)

        _when_dialog(FormDialog, form)
        dialog.findChild(QPushButton, "addAdjustmentButton").click()
        seen["adjustments"] = dialog.model.rowCount()  # type: ignore[attr-defined]
        dialog.accept()

    _when_dialog(AdjustmentsDialog, adjust)
    qtbot.mouseClick(tab.findChild(QPushButton, "adjustmentsButton"), Qt.MouseButton.LeftButton)
    assert seen["adjustments"] == 1
    assert any(line.bonus == 1 for line in tab.model.rows())

    def surveys(dialog: QDialog) -> None:
        seen["surveys"] = dialog.model.rowCount()  # type: ignore[attr-defined]
        dialog.accept()

    _when_dialog(SurveysDialog, surveys)
    qtbot.mouseClick(tab.findChild(QPushButton, "surveysButton"), Qt.MouseButton.LeftButton)
    assert seen["surveys"] == 0
