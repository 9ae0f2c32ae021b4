"""任务书 tab: the year's task items, their progress and overdue; print 任务书 + 责任书."""

from __future__ import annotations

from PySide6.QtGui import QColor

from alliance_desk.services.database import Database
from alliance_desk.services.projects import tasks as svc
from alliance_desk.services.units import list_units
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.printing import PrintButton, PrintJob
from alliance_desk.ui.projects.common import ListTab, confirm, today
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

Row = svc.TaskItemRow
OVERDUE = QColor("#ffd6d6")


def unit_choices(database: Database) -> list[tuple[str, int | None]]:
    return [("街道党工委", None)] + [(u.name, u.id) for u in list_units(database) if u.active]


class TasksTab(ListTab[Row]):
    def __init__(self, database: Database) -> None:
        columns = [
            Column[Row]("序号", lambda r: str(r.seq), sort_key=lambda r: r.seq, numeric=True),
            Column[Row]("类别", lambda r: r.category, searchable=True),
            Column[Row]("任务内容", lambda r: r.content, searchable=True),
            Column[Row]("目标", lambda r: r.target, searchable=True),
            Column[Row]("责任单位", lambda r: r.unit_name, searchable=True),
            Column[Row]("责任人", lambda r: r.responsible_person, searchable=True),
            Column[Row]("完成时限", lambda r: f"{r.due_on:%Y-%m-%d}", sort_key=lambda r: r.due_on),
            Column[Row](
                "进度", lambda r: f"{r.percent}%", sort_key=lambda r: r.percent, numeric=True
            ),
            Column[Row]("状态", lambda r: r.status_label, searchable=True),
        ]
        super().__init__(database, columns, highlighted=lambda r: OVERDUE if r.overdue else None)
        self.sheet: svc.TaskSheet | None = None
        for column, width in ((0, 50), (2, 280), (3, 200), (4, 160)):
            self.table.setColumnWidth(column, width)
        self.button(self.tr("新增任务(&N)"), self.on_new, "newTaskButton")
        self.button(self.tr("修改…"), self.on_open, "editTaskButton")
        self.button(self.tr("登记进展…"), self.record_progress, "taskProgressButton")
        self.button(self.tr("删除"), self.on_delete, "deleteTaskButton")
        self.button(self.tr("任务书标题…"), self.edit_title, "taskTitleButton")
        self.buttons.addStretch(1)
        self.print_button = PrintButton(
            self.tr("打印任务书和责任书"), self.print_job, shortcut="Ctrl+P"
        )
        self.print_button.setObjectName("printTasksButton")
        self.buttons.addWidget(self.print_button)

    def load(self, year: int) -> list[Row]:
        self.sheet = svc.task_sheet(self.database, year, today=today())
        return list(self.sheet.items)

    def after_load(self, rows: list[Row]) -> None:
        sheet = self.sheet
        if sheet is None or not sheet.exists:
            self.summary.setText(self.tr("本年度尚未下达任务书；新增任务时按默认标题建立。"))
            return
        self.summary.setText(
            f"{sheet.title}　任务 {len(rows)} 项，已完成 {sheet.done} 项，逾期 {sheet.overdue} 项"
        )

    def _dialog(self, title: str, row: Row | None) -> None:
        dialog = FormDialog(self, title, lambda: save())
        category = dialog.add("category", self.tr("类别"), line(row.category if row else ""))
        content = dialog.add("content", self.tr("任务内容"), text_edit(row.content if row else ""))
        target = dialog.add("target", self.tr("目标"), text_edit(row.target if row else "", 50))
        measures = dialog.add(
            "measures", self.tr("措施"), text_edit(row.measures if row else "", 50)
        )
        unit = dialog.add(
            "unit_id",
            self.tr("责任单位"),
            choice(unit_choices(self.database), row.unit_id if row else None, searchable=True),
        )
        person = dialog.add(
            "responsible_person", self.tr("责任人"), line(row.responsible_person if row else "")
        )
        due = dialog.add("due_on", self.tr("完成时限"), date_edit(row.due_on if row else today()))
        nodes = dialog.add("nodes", self.tr("节点"), line(row.nodes if row else ""))

        def save() -> None:
            data = svc.TaskItemInput(
                category.text(),
                content.toPlainText(),
                target.toPlainText(),
                measures.toPlainText(),
                combo_value(unit),
                person.text(),
                to_date(due.date()),
                nodes.text(),
            )
            if row is None:
                svc.add_task_item(self.database, self.year.value(), data)
            else:
                svc.update_task_item(self.database, row.id, data, version=row.version)

        if dialog.exec():
            self.refresh()

    def on_new(self) -> None:
        self._dialog(self.tr("新增任务"), None)

    def on_open(self) -> None:
        row = self.require_selected(self.tr("任务"))
        if row is not None:
            self._dialog(self.tr("修改任务"), row)

    def record_progress(self) -> None:
        row = self.require_selected(self.tr("任务"))
        if row is None:
            return
        dialog = FormDialog(self, self.tr("登记进展"), lambda: save())
        percent = dialog.add("percent", self.tr("完成进度"), spin(row.percent, suffix="%"))
        note = dialog.add("progress_note", self.tr("进展情况"), text_edit(row.progress_note))
        done = dialog.add(
            "done_on", self.tr("完成日期"), OptionalDate(self.tr("已完成"), row.done_on)
        )
        history = svc.task_progress_history(self.database, row.id)
        if history:
            past = text_edit("\n".join(self.history_line(h) for h in reversed(history)), 90)
            past.setReadOnly(True)
            dialog.add("history", self.tr("以往进展"), past)

        def save() -> None:
            svc.record_task_progress(
                self.database,
                row.id,
                percent=percent.value(),
                note=note.toPlainText(),
                done_on=done.value(),
                version=row.version,
            )

        if dialog.exec():
            self.refresh()

    def history_line(self, entry: svc.TaskProgressEntry) -> str:
        """``2026-03-01 10:20 张三　30%　已开3次`` (or 完成于 a date)."""
        state = (
            self.tr("完成于 %1").replace("%1", f"{entry.done_on:%Y-%m-%d}")
            if entry.done_on
            else f"{entry.percent}%"
        )
        return f"{entry.at:%Y-%m-%d %H:%M} {entry.actor}　{state}　{entry.note}".rstrip()

    def on_delete(self) -> None:
        row = self.require_selected(self.tr("任务"))
        if row is None or not confirm(
            self,
            self.tr("删除任务"),
            self.tr("确定删除第 %1 项任务吗？").replace("%1", str(row.seq)),
        ):
            return
        self.run(
            lambda: svc.delete_task_item(self.database, row.id, version=row.version),
            self.tr("已删除任务"),
        )

    def edit_title(self) -> None:
        sheet = self.sheet or svc.task_sheet(self.database, self.year.value(), today=today())
        dialog = FormDialog(self, self.tr("任务书"), lambda: save())
        title = dialog.add("title", self.tr("标题"), line(sheet.title))
        issuer = dialog.add("issuer", self.tr("下达单位"), line(sheet.issuer))
        issued = dialog.add(
            "issued_on", self.tr("下达日期"), OptionalDate(self.tr("已下达"), sheet.issued_on)
        )

        def save() -> None:
            svc.save_task_list(
                self.database,
                year=sheet.year,
                title=title.text(),
                issuer=issuer.text(),
                issued_on=issued.value(),
                expected_version=sheet.version if sheet.exists else None,
            )

        if dialog.exec():
            self.refresh()

    def print_job(self) -> PrintJob:
        from alliance_desk.core.errors import DomainError

        sheet = svc.task_sheet(self.database, self.year.value(), today=today())
        if not sheet.items:
            raise DomainError(self.tr("本年度任务书还没有任务。"))

        def build() -> object:
            from alliance_desk.documents.projects.sheets import tasks_document

            return tasks_document(sheet, printed_on=today())

        return PrintJob(sheet.title, build, landscape=True)  # type: ignore[arg-type]
