"""督查 tab: the year's inspection records, 销号, and the printed 督查通报."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox

from alliance_desk.core.projects import InspectionMethod
from alliance_desk.services.database import Database
from alliance_desk.services.projects import milestones as svc
from alliance_desk.services.projects.records import InspectionRow, list_projects
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.printing import PrintButton, PrintJob
from alliance_desk.ui.projects.common import ListTab, confirm, today
from alliance_desk.ui.projects.forms import (
    FormDialog,
    OptionalDate,
    choice,
    combo_value,
    date_edit,
    text_edit,
    to_date,
)
from alliance_desk.ui.projects.tasks_tab import unit_choices

Row = InspectionRow
OVERDUE = QColor("#ffd6d6")


class InspectionsTab(ListTab[Row]):
    def __init__(self, database: Database) -> None:
        columns = [
            Column[Row](
                "督查日期",
                lambda r: f"{r.inspected_on:%Y-%m-%d}",
                sort_key=lambda r: r.inspected_on,
            ),
            Column[Row]("方式", lambda r: r.method.label, searchable=True),
            Column[Row]("责任单位", lambda r: r.unit_name, searchable=True),
            Column[Row](
                "项目", lambda r: f"{r.project_code} {r.project_name}".strip(), searchable=True
            ),
            Column[Row]("发现问题", lambda r: r.problem, searchable=True),
            Column[Row]("整改要求", lambda r: r.requirement, searchable=True),
            Column[Row](
                "整改时限",
                lambda r: f"{r.fix_by:%Y-%m-%d}" if r.fix_by else "",
                sort_key=lambda r: r.fix_by or r.inspected_on,
            ),
            Column[Row]("状态", lambda r: r.status_label, searchable=True),
        ]
        super().__init__(database, columns, highlighted=lambda r: OVERDUE if r.overdue else None)
        self.open_only = QCheckBox(self.tr("只看未销号"))
        self.open_only.setObjectName("openOnlyCheck")
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.extra_top.addWidget(self.open_only)
        self.button(self.tr("新增督查(&N)"), self.on_new, "newInspectionButton")
        self.button(self.tr("销号…"), self.close_selected, "closeInspectionButton")
        self.button(self.tr("撤销销号"), self.reopen_selected, "reopenInspectionButton")
        self.buttons.addStretch(1)
        self.print_button = PrintButton(self.tr("打印督查通报"), self.print_job, shortcut="Ctrl+P")
        self.print_button.setObjectName("printBulletinButton")
        self.buttons.addWidget(self.print_button)

    def load(self, year: int) -> list[Row]:
        return svc.list_inspections(
            self.database, year=year, today=today(), open_only=self.open_only.isChecked()
        )

    def after_load(self, rows: list[Row]) -> None:
        closed = sum(1 for r in rows if r.closed_on is not None)
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            f"督查问题 {len(rows)} 个，已销号 {closed} 个，逾期未整改 {overdue} 个"
        )

    def on_new(self) -> None:
        projects = [("（不针对具体项目）", None)] + [
            (f"{p.code} {p.name}", p.id)
            for p in list_projects(self.database, year=self.year.value(), today=today())
        ]
        dialog = FormDialog(self, self.tr("新增督查"), lambda: save())
        on = dialog.add("inspected_on", self.tr("督查日期"), date_edit(today()))
        method = dialog.add(
            "method", self.tr("方式"), choice([(m.label, m) for m in InspectionMethod])
        )
        project = dialog.add("project_id", self.tr("书记项目"), choice(projects, searchable=True))
        unit = dialog.add(
            "unit_id",
            self.tr("责任单位（不针对项目时）"),
            choice(unit_choices(self.database), searchable=True),
        )
        problem = dialog.add("problem", self.tr("发现问题"), text_edit())
        requirement = dialog.add("requirement", self.tr("整改要求"), text_edit())
        fix_by = dialog.add("fix_by", self.tr("整改时限"), OptionalDate(self.tr("有时限"), today()))

        def save() -> None:
            svc.add_inspection(
                self.database,
                svc.InspectionInput(
                    to_date(on.date()),
                    combo_value(method),
                    problem.toPlainText(),
                    requirement.toPlainText(),
                    fix_by.value(),
                    combo_value(project),
                    combo_value(unit),
                ),
            )

        if dialog.exec():
            self.refresh()

    def close_selected(self) -> None:
        row = self.require_selected(self.tr("督查问题"))
        if row is None:
            return
        dialog = FormDialog(self, self.tr("销号"), lambda: save())
        on = dialog.add("closed_on", self.tr("销号日期"), date_edit(today()))
        note = dialog.add("close_note", self.tr("整改情况"), text_edit())

        def save() -> None:
            svc.close_inspection(
                self.database,
                row.id,
                on=to_date(on.date()),
                note=note.toPlainText(),
                version=row.version,
            )

        if dialog.exec():
            self.refresh()

    def reopen_selected(self) -> None:
        row = self.require_selected(self.tr("督查问题"))
        if row is None or not confirm(
            self, self.tr("撤销销号"), self.tr("确定撤销该问题的销号吗？")
        ):
            return
        self.run(lambda: svc.reopen_inspection(self.database, row.id, version=row.version))

    def print_job(self) -> PrintJob:
        year = self.year.value()
        rows = svc.list_inspections(self.database, year=year, today=today())

        def build() -> object:
            from alliance_desk.documents.projects.sheets import inspection_bulletin_document

            return inspection_bulletin_document(rows, year=year, today=today(), printed_on=today())

        return PrintJob(f"{year}年度督查通报", build)  # type: ignore[arg-type]
