"""书记项目 tab: the year's projects with their warnings; declare, review, move through the
states, 倒排工期, milestone progress, 现场办公; the selected project's milestones below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import (
    WARNING_RULE,
    AcceptanceGrade,
    Alert,
    ProjectCategory,
    ProjectStep,
    ReviewResult,
    steps_from,
)
from alliance_desk.services.database import Database
from alliance_desk.services.projects import milestones as ms
from alliance_desk.services.projects import records as svc
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.printing import PrintButton, PrintJob
from alliance_desk.ui.projects.common import ALERT_BACKGROUND, ListTab, confirm, today
from alliance_desk.ui.projects.forms import (
    FormDialog,
    OptionalDate,
    choice,
    combo_value,
    date_edit,
    line,
    spin,
    text_edit,
    to_date,
)
from alliance_desk.ui.projects.tasks_tab import unit_choices
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.tables import list_table

Row = svc.ProjectRow
Mark = svc.MilestoneRow


def _alert_text(alert: Alert) -> str:
    return "" if alert is Alert.NONE else alert.label


class ProjectsTab(ListTab[Row]):
    def __init__(self, database: Database) -> None:
        columns = [
            Column[Row]("编号", lambda r: r.code, searchable=True),
            Column[Row]("项目名称", lambda r: r.name, searchable=True),
            Column[Row]("类别", lambda r: r.category.label, searchable=True),
            Column[Row]("领办书记", lambda r: r.secretary_name, searchable=True),
            Column[Row]("党组织", lambda r: r.unit_name, searchable=True),
            Column[Row](
                "计划起止",
                lambda r: f"{r.planned_start:%m-%d} 至 {r.planned_end:%m-%d}",
                sort_key=lambda r: r.planned_start,
            ),
            Column[Row]("状态", lambda r: r.state.label, searchable=True),
            Column[Row](
                "节点",
                lambda r: f"{r.milestones_done}/{r.milestones}",
                sort_key=lambda r: r.milestones_done,
            ),
            Column[Row](
                "预警",
                lambda r: _alert_text(r.alert),
                searchable=True,
                sort_key=lambda r: [Alert.NONE, Alert.BLUE, Alert.YELLOW, Alert.RED].index(r.alert),
            ),
            Column[Row](
                "验收等次", lambda r: r.acceptance_grade.label if r.acceptance_grade else ""
            ),
        ]
        super().__init__(database, columns, highlighted=lambda r: ALERT_BACKGROUND.get(r.alert))
        layout = self.layout()
        assert layout is not None
        self.layout().removeWidget(self.table)  # type: ignore[union-attr]
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_label = QLabel(self.tr("选择一个项目查看其进度节点。"))
        self.detail_label.setObjectName("projectDetailLabel")
        self.detail_label.setWordWrap(True)
        lower_layout.addWidget(self.detail_label)
        self.marks: RowTableModel[Mark] = RowTableModel(
            [
                Column[Mark]("序号", lambda m: str(m.seq), sort_key=lambda m: m.seq),
                Column[Mark]("节点", lambda m: m.name),
                Column[Mark](
                    "工期（工作日）", lambda m: str(m.duration), sort_key=lambda m: m.duration
                ),
                Column[Mark]("计划开始", lambda m: f"{m.planned_start:%Y-%m-%d}"),
                Column[Mark]("计划完成", lambda m: f"{m.planned_on:%Y-%m-%d}"),
                Column[Mark](
                    "实际完成", lambda m: f"{m.actual_on:%Y-%m-%d}" if m.actual_on else ""
                ),
                Column[Mark]("完成度", lambda m: f"{m.percent}%"),
                Column[Mark]("状态", lambda m: m.state.label),
                Column[Mark]("预警", lambda m: _alert_text(m.alert)),
                Column[Mark]("佐证", lambda m: m.evidence),
            ],
            highlighted=lambda m: ALERT_BACKGROUND.get(m.alert),
            parent=self,
        )
        self.marks_table = list_table(self.marks, lower)
        self.marks_table.setObjectName("milestonesTable")
        self.marks_table.doubleClicked.connect(lambda _i: self.record_milestone())
        self.visits: RowTableModel[svc.SiteVisitRow] = RowTableModel(
            [
                Column[svc.SiteVisitRow](
                    "日期", lambda v: f"{v.visited_on:%Y-%m-%d}", sort_key=lambda v: v.visited_on
                ),
                Column[svc.SiteVisitRow]("地点", lambda v: v.place),
                Column[svc.SiteVisitRow]("参加人员", lambda v: v.participants),
                Column[svc.SiteVisitRow]("协调事项", lambda v: v.issues),
                Column[svc.SiteVisitRow]("办理结果", lambda v: v.outcome),
            ],
            parent=self,
        )
        self.checks: RowTableModel[svc.InspectionRow] = RowTableModel(
            [
                Column[svc.InspectionRow](
                    "督查日期",
                    lambda i: f"{i.inspected_on:%Y-%m-%d}",
                    sort_key=lambda i: i.inspected_on,
                ),
                Column[svc.InspectionRow]("方式", lambda i: i.method.label),
                Column[svc.InspectionRow]("发现问题", lambda i: i.problem),
                Column[svc.InspectionRow]("整改要求", lambda i: i.requirement),
                Column[svc.InspectionRow]("状态", lambda i: i.status_label),
            ],
            parent=self,
        )
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("projectDetailTabs")
        self.detail_tabs.addTab(self.marks_table, self.tr("进度节点"))
        self.detail_tabs.addTab(list_table(self.visits, lower), self.tr("现场办公"))
        self.detail_tabs.addTab(list_table(self.checks, lower), self.tr("督查问题"))
        lower_layout.addWidget(self.detail_tabs)
        note = QLabel(WARNING_RULE)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        lower_layout.addWidget(note)
        splitter.addWidget(lower)
        layout.insertWidget(2, splitter, 1)  # type: ignore[attr-defined]
        splitter.setSizes([420, 260])
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(4, 200)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.detail: svc.ProjectDetail | None = None

        self.button(self.tr("申报项目(&N)"), self.on_new, "declareButton")
        self.button(self.tr("修改…"), self.on_open, "editProjectButton")
        self.step_button = QPushButton(self.tr("办理"))
        self.step_button.setObjectName("stepButton")
        self.step_menu = QMenu(self.step_button)
        self.step_button.setMenu(self.step_menu)
        self.step_menu.aboutToShow.connect(self._fill_steps)
        self.buttons.addWidget(self.step_button)
        self.button(self.tr("倒排工期…"), self.plan, "planButton")
        self.button(self.tr("登记节点进度…"), self.record_milestone, "milestoneButton")
        self.button(self.tr("现场办公…"), self.add_visit, "visitButton")
        self.button(self.tr("删除"), self.on_delete, "deleteProjectButton")
        self.buttons.addStretch(1)
        self.print_button = PrintButton(self.tr("打印项目卡"), self.print_job, shortcut="Ctrl+P")
        self.print_button.setObjectName("printProjectButton")
        self.buttons.addWidget(self.print_button)

    # --- reading -------------------------------------------------------------------------
    def load(self, year: int) -> list[Row]:
        return svc.list_projects(self.database, year=year, today=today())

    def after_load(self, rows: list[Row]) -> None:
        counts = {a: sum(1 for r in rows if r.alert is a) for a in Alert}
        self.summary.setText(
            f"项目 {len(rows)} 个　红色预警 {counts[Alert.RED]}　黄色预警 {counts[Alert.YELLOW]}"
            f"　蓝色预警 {counts[Alert.BLUE]}"
        )
        self.show_detail()

    def show_detail(self) -> None:
        row = self.selected()
        if row is None:
            self.detail = None
            self.marks.set_rows([])
            self.visits.set_rows([])
            self.checks.set_rows([])
            self.detail_label.setText(self.tr("选择一个项目查看其进度节点。"))
            return
        try:
            self.detail = svc.get_project(self.database, row.id, today=today())
        except DomainError as error:
            self.detail_label.setText(error.message)
            return
        d = self.detail
        self.marks.set_rows(list(d.milestones))
        self.visits.set_rows(list(d.visits))
        self.checks.set_rows(list(d.inspections))
        extra = ""
        if d.postpone_reason:
            extra += f"　延期原因：{d.postpone_reason}"
        if d.terminate_reason:
            extra += f"　终止原因：{d.terminate_reason}"
        if d.review_comment:
            extra += f"　评审意见：{d.review_comment}"
        self.detail_label.setText(
            f"{d.code} {d.name}（{d.state.label}）　领办：{d.secretary_name} {d.secretary_title}"
            f"　现场办公 {len(d.visits)} 次　督查问题 {len(d.inspections)} 个{extra}"
        )

    def _current(self) -> svc.ProjectDetail | None:
        row = self.require_selected(self.tr("项目"))
        if row is None:
            return None
        try:
            return svc.get_project(self.database, row.id, today=today())
        except DomainError as error:
            from alliance_desk.ui.projects.common import show_error

            show_error(self, error)
            return None

    # --- declare / edit --------------------------------------------------------------------
    def _project_dialog(self, title: str, d: svc.ProjectDetail | None) -> None:
        dialog = FormDialog(self, title, lambda: save())
        name = dialog.add("name", self.tr("项目名称"), line(d.name if d else ""))
        category = dialog.add(
            "category",
            self.tr("类别"),
            choice([(c.label, c) for c in ProjectCategory], d.category if d else None),
        )
        secretary = dialog.add(
            "secretary_name", self.tr("领办书记"), line(d.secretary_name if d else "")
        )
        title_edit = dialog.add(
            "secretary_title", self.tr("职务"), line(d.secretary_title if d else "")
        )
        unit = dialog.add(
            "unit_id",
            self.tr("党组织"),
            choice(unit_choices(self.database), d.unit_id if d else None, searchable=True),
        )
        problem = dialog.add("problem", self.tr("拟解决问题"), text_edit(d.problem if d else ""))
        measures = dialog.add("measures", self.tr("内容措施"), text_edit(d.measures if d else ""))
        expected = dialog.add("expected", self.tr("预期成效"), text_edit(d.expected if d else ""))
        start = dialog.add(
            "planned_start", self.tr("计划开始"), date_edit(d.planned_start if d else today())
        )
        end = dialog.add(
            "planned_end", self.tr("计划完成"), date_edit(d.planned_end if d else today())
        )
        budget = dialog.add("budget", self.tr("经费（元）"), line(f"{d.budget:.2f}" if d else "0"))

        def save() -> None:
            data = svc.ProjectInput(
                name.text(),
                combo_value(category),
                secretary.text(),
                title_edit.text(),
                combo_value(unit),
                problem.toPlainText(),
                measures.toPlainText(),
                expected.toPlainText(),
                to_date(start.date()),
                to_date(end.date()),
                budget.text(),
            )
            if d is None:
                svc.declare_project(self.database, data)
            else:
                svc.update_project(self.database, d.id, data, version=d.version)

        if dialog.exec():
            self.refresh()

    def on_new(self) -> None:
        self._project_dialog(self.tr("申报书记项目"), None)

    def on_open(self) -> None:
        d = self._current()
        if d is not None:
            self._project_dialog(self.tr("修改书记项目"), d)

    def on_delete(self) -> None:
        row = self.require_selected(self.tr("项目"))
        if row is None or not confirm(
            self, self.tr("删除项目"), self.tr("确定删除“%1”吗？").replace("%1", row.name)
        ):
            return
        self.run(
            lambda: svc.delete_project(self.database, row.id, version=row.version),
            self.tr("已删除项目"),
        )

    # --- states -----------------------------------------------------------------------------
    def _fill_steps(self) -> None:
        self.step_menu.clear()
        row = self.selected()
        if row is None:
            self.step_menu.addAction(self.tr("（请先选择项目）")).setEnabled(False)
            return
        for step in steps_from(row.state):
            action = self.step_menu.addAction(step.label)
            action.triggered.connect(lambda _c=False, s=step: self.take_step(s))

    def take_step(self, step: ProjectStep) -> None:
        d = self._current()
        if d is None:
            return
        db, pid, version = self.database, d.id, d.version
        if step in (ProjectStep.START, ProjectStep.REQUEST_ACCEPTANCE, ProjectStep.RETURN):
            self.run(lambda: svc.move_project(db, pid, step, version=version), step.label)
            return
        if step is ProjectStep.CLOSE:
            if confirm(self, self.tr("结项"), self.tr("确定将“%1”结项吗？").replace("%1", d.name)):
                self.run(
                    lambda: svc.close_project(db, pid, on=today(), version=version), step.label
                )
            return
        dialog = FormDialog(self, step.label, lambda: save())
        if step is ProjectStep.REVIEW:
            result = dialog.add(
                "result", self.tr("评审结果"), choice([(r.label, r) for r in ReviewResult])
            )
            comment = dialog.add("comment", self.tr("评审意见"), text_edit())
            on = dialog.add("on", self.tr("评审日期"), date_edit(today()))

            def save() -> None:
                svc.review_project(
                    db,
                    pid,
                    result=combo_value(result),
                    comment=comment.toPlainText(),
                    on=to_date(on.date()),
                    version=version,
                )
        elif step is ProjectStep.ACCEPT:
            grade = dialog.add(
                "grade", self.tr("验收等次"), choice([(g.label, g) for g in AcceptanceGrade])
            )
            comment = dialog.add("comment", self.tr("验收意见"), text_edit())
            on = dialog.add("on", self.tr("验收日期"), date_edit(today()))

            def save() -> None:
                svc.accept_project(
                    db,
                    pid,
                    grade=combo_value(grade),
                    comment=comment.toPlainText(),
                    on=to_date(on.date()),
                    version=version,
                )
        elif step is ProjectStep.POSTPONE:
            reason = dialog.add("reason", self.tr("延期原因"), text_edit())
            new_end = dialog.add("new_end", self.tr("新的完成日期"), date_edit(d.planned_end))

            def save() -> None:
                svc.postpone_project(
                    db,
                    pid,
                    reason=reason.toPlainText(),
                    new_end=to_date(new_end.date()),
                    version=version,
                )
        else:
            reason = dialog.add("reason", self.tr("终止原因"), text_edit())

            def save() -> None:
                svc.terminate_project(db, pid, reason=reason.toPlainText(), version=version)

        if dialog.exec():
            self.refresh()

    # --- 倒排工期 and milestones ------------------------------------------------------------------
    def plan(self) -> None:
        d = self._current()
        if d is not None:
            PlanDialog(self, self.database, d).exec()
            self.refresh()

    def record_milestone(self) -> None:
        index = self.marks_table.currentIndex()
        if self.detail is None or not index.isValid():
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在下方选择一个节点。"))
            return
        m = self.marks.row_at(index.row())
        dialog = FormDialog(self, self.tr("登记节点进度：") + m.name, lambda: save())
        percent = dialog.add("percent", self.tr("完成度"), spin(m.percent, suffix="%"))
        actual = dialog.add(
            "actual_on", self.tr("实际完成"), OptionalDate(self.tr("已完成"), m.actual_on)
        )
        evidence = dialog.add("evidence", self.tr("佐证"), text_edit(m.evidence))

        def save() -> None:
            ms.record_milestone(
                self.database,
                m.id,
                percent=percent.value(),
                actual_on=actual.value(),
                evidence=evidence.toPlainText(),
                version=m.version,
            )

        if dialog.exec():
            self.refresh()

    def add_visit(self) -> None:
        d = self._current()
        if d is None:
            return
        dialog = FormDialog(self, self.tr("现场办公：") + d.name, lambda: save())
        on = dialog.add("visited_on", self.tr("日期"), date_edit(today()))
        place = dialog.add("place", self.tr("地点"), line())
        who = dialog.add("participants", self.tr("参加人员"), line())
        issues = dialog.add("issues", self.tr("协调事项"), text_edit())
        outcome = dialog.add("outcome", self.tr("办理结果"), text_edit())

        def save() -> None:
            ms.add_site_visit(
                self.database,
                d.id,
                ms.SiteVisitInput(
                    to_date(on.date()),
                    place.text(),
                    who.text(),
                    issues.toPlainText(),
                    outcome.toPlainText(),
                ),
            )

        if dialog.exec():
            self.refresh()

    def print_job(self) -> PrintJob:
        row = self.selected()
        if row is None:
            raise DomainError(self.tr("请先在列表中选择项目。"))
        detail = svc.get_project(self.database, row.id, today=today())

        def build() -> object:
            from alliance_desk.documents.projects.sheets import project_card_document

            return project_card_document(detail, printed_on=today())

        return PrintJob(f"书记项目卡_{detail.code}", build)  # type: ignore[arg-type]


class PlanDialog(FormDialog):
    """倒排工期: the deadline and the milestones with durations; the plan is previewed on
    the workday calendar as the clerk types, and saved only when it fits."""

    def __init__(self, parent: QWidget, database: Database, detail: svc.ProjectDetail) -> None:
        super().__init__(parent, self.tr("倒排工期：") + detail.name, self._save_plan)
        self.database = database
        self.detail = detail
        self.setMinimumWidth(640)
        self.deadline = self.add("deadline", self.tr("完成时限"), date_edit(detail.planned_end))
        self.steps = QTableWidget(0, 2)
        self.steps.setObjectName("planSteps")
        self.steps.setHorizontalHeaderLabels([self.tr("节点"), self.tr("工期（工作日）")])
        self.steps.horizontalHeader().setStretchLastSection(True)
        existing = [(m.name, m.duration) for m in detail.milestones] or [
            ("调研摸底", 10),
            ("方案制定", 8),
            ("组织实施", 40),
            ("总结验收", 5),
        ]
        for name, duration in existing:
            self._append(name, duration)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.steps)
        row = QHBoxLayout()
        add = QPushButton(self.tr("加一个节点"))
        add.setObjectName("addStepButton")
        on_click(add, lambda: self._append("", 5))
        remove = QPushButton(self.tr("删去所选节点"))
        on_click(remove, self._remove)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        column.addLayout(row)
        self.add("milestones", self.tr("节点"), holder)
        self.preview = QLabel()
        self.preview.setObjectName("planPreview")
        self.preview.setWordWrap(True)
        self.add("preview", self.tr("倒排结果"), self.preview)
        self.deadline.dateChanged.connect(lambda *_: self.update_preview())
        self.steps.itemChanged.connect(lambda *_: self.update_preview())
        self.update_preview()

    def _append(self, name: str, duration: int) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        self.steps.setItem(row, 0, QTableWidgetItem(name))
        self.steps.setItem(row, 1, QTableWidgetItem(str(duration)))

    def _remove(self) -> None:
        if self.steps.currentRow() >= 0:
            self.steps.removeRow(self.steps.currentRow())
            self.update_preview()

    def step_list(self) -> list[tuple[str, int]]:
        steps = []
        for row in range(self.steps.rowCount()):
            name = self.steps.item(row, 0)
            days = self.steps.item(row, 1)
            text = days.text().strip() if days else ""
            if not text.isdigit():
                raise DomainError(
                    f"第 {row + 1} 个节点的工期应填写工作日天数。", field="milestones"
                )
            steps.append((name.text() if name else "", int(text)))
        return steps

    def update_preview(self) -> None:
        try:
            plan = ms.preview_plan(
                self.database,
                deadline=to_date(self.deadline.date()),
                steps=self.step_list(),
                earliest=self.detail.planned_start,
            )
        except DomainError as error:
            self.preview.setText(error.message)
            self.preview.setStyleSheet("color: #c0392b;")
            return
        lines = [
            f"{s.name}：{s.start:%Y-%m-%d} 至 {s.end:%Y-%m-%d}（{s.duration} 个工作日）"
            for s in plan.steps
        ]
        if not plan.fits:
            lines.append(plan.message)
        self.preview.setText("\n".join(lines))
        self.preview.setStyleSheet("" if plan.fits else "color: #c0392b;")

    def _save_plan(self) -> object:
        return ms.save_plan(
            self.database,
            self.detail.id,
            deadline=to_date(self.deadline.date()),
            steps=self.step_list(),
            version=self.detail.version,
        )
