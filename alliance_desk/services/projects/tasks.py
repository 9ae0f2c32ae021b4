"""任务书 (清单化明责): the year's task list, its items and their progress.

An item is 已完成 or 推进中; 逾期 is derived (推进中 and past its 完成时限), as for a
commitment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import TaskState
from alliance_desk.core.vocab import AuditAction
from alliance_desk.services.clock import in_china
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.projects.common import (
    STREET,
    check_date,
    check_unit,
    check_year,
    text,
    unit_names,
)
from alliance_desk.storage.models import AuditEntry, TaskItem, TaskList

DEFAULT_ISSUER = "街道党建工作领导小组"


@dataclass(frozen=True, slots=True)
class TaskItemInput:
    category: str
    content: str
    target: str
    measures: str
    unit_id: int | None
    responsible_person: str
    due_on: date
    nodes: str = ""


@dataclass(frozen=True, slots=True)
class TaskItemRow:
    id: int
    seq: int
    category: str
    content: str
    target: str
    measures: str
    unit_id: int | None
    unit_name: str
    responsible_person: str
    due_on: date
    nodes: str
    state: TaskState
    percent: int
    progress_note: str
    done_on: date | None
    version: int
    overdue: bool

    @property
    def status_label(self) -> str:
        if self.state is TaskState.DONE:
            late = self.done_on is not None and self.done_on > self.due_on
            return "逾期完成" if late else "已完成"
        return "逾期" if self.overdue else "推进中"


@dataclass(frozen=True, slots=True)
class TaskSheet:
    year: int
    list_id: int | None
    title: str
    issuer: str
    issued_on: date | None
    version: int
    items: tuple[TaskItemRow, ...]

    @property
    def exists(self) -> bool:
        return self.list_id is not None

    def by_unit(self) -> list[tuple[int | None, str, list[TaskItemRow]]]:
        """The items grouped by 责任单位 (the 责任书), in the order units first appear."""
        groups: dict[int | None, list[TaskItemRow]] = defaultdict(list)
        for item in self.items:
            groups[item.unit_id].append(item)
        return [(uid, rows[0].unit_name, rows) for uid, rows in groups.items()]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state is TaskState.DONE)

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


def default_title(year: int) -> str:
    return f"{year}年度抓基层党建“书记一号工程”任务书"


def task_sheet(db: Database, year: int, *, today: date) -> TaskSheet:
    """The year's 任务书 with every item (an empty sheet when none is issued yet)."""
    check_year(year)
    with db.reading() as session:
        task_list = session.scalar(select(TaskList).where(TaskList.year == year))
        if task_list is None:
            return TaskSheet(year, None, default_title(year), DEFAULT_ISSUER, None, 0, ())
        items = session.scalars(
            select(TaskItem).where(TaskItem.task_list_id == task_list.id).order_by(TaskItem.seq)
        ).all()
        names = unit_names(session, (i.unit_id for i in items))
        rows = tuple(_row(i, names, today) for i in items)
        return TaskSheet(
            year,
            task_list.id,
            task_list.title,
            task_list.issuer,
            task_list.issued_on,
            task_list.version,
            rows,
        )


def _row(item: TaskItem, names: dict[int | None, str], today: date) -> TaskItemRow:
    return TaskItemRow(
        item.id,
        item.seq,
        item.category,
        item.content,
        item.target,
        item.measures,
        item.unit_id,
        names.get(item.unit_id, STREET),
        item.responsible_person,
        item.due_on,
        item.nodes,
        item.state,
        item.percent,
        item.progress_note,
        item.done_on,
        item.version,
        item.state is TaskState.OPEN and item.due_on < today,
    )


def save_task_list(
    db: Database,
    *,
    year: int,
    title: str,
    issuer: str,
    issued_on: date | None,
    expected_version: int | None = None,
) -> int:
    """Create or rename the year's 任务书; returns its id."""
    check_year(year)
    title = text(title, "标题", 200, "title", required=True)
    issuer = text(issuer, "下达单位", 200, "issuer")
    with db.transaction() as session:
        task_list = session.scalar(select(TaskList).where(TaskList.year == year))
        if task_list is None:
            task_list = TaskList(year=year, title=title, issuer=issuer, issued_on=issued_on)
            session.add(task_list)
        else:
            task_list = load_for_edit(
                session,
                TaskList,
                task_list.id,
                expected_version,
                missing="任务书不存在。",
                what=lambda t: f"{t.year}年任务书",
            )
            task_list.title, task_list.issuer, task_list.issued_on = title, issuer, issued_on
        session.flush()
        return task_list.id


def _checked(item: TaskItemInput) -> dict[str, object]:
    return {
        "category": text(item.category, "类别", 50, "category"),
        "content": text(item.content, "任务内容", 2000, "content", required=True),
        "target": text(item.target, "目标", 2000, "target"),
        "measures": text(item.measures, "措施", 2000, "measures"),
        "unit_id": item.unit_id,
        "responsible_person": text(item.responsible_person, "责任人", 50, "responsible_person"),
        "due_on": check_date(item.due_on, "完成时限", "due_on"),
        "nodes": text(item.nodes, "节点", 2000, "nodes"),
    }


def add_task_item(db: Database, year: int, item: TaskItemInput) -> int:
    """Append an item to the year's 任务书 (created with the default title if needed)."""
    check_year(year)
    values = _checked(item)
    with db.transaction() as session:
        check_unit(session, item.unit_id)
        task_list = session.scalar(select(TaskList).where(TaskList.year == year))
        if task_list is None:
            task_list = TaskList(year=year, title=default_title(year), issuer=DEFAULT_ISSUER)
            session.add(task_list)
            session.flush()
        seq = session.scalar(
            select(func.coalesce(func.max(TaskItem.seq), 0)).where(
                TaskItem.task_list_id == task_list.id
            )
        )
        row = TaskItem(task_list_id=task_list.id, seq=(seq or 0) + 1, **values)
        session.add(row)
        session.flush()
        return row.id


def update_task_item(db: Database, item_id: int, item: TaskItemInput, *, version: int) -> None:
    values = _checked(item)
    with db.transaction() as session:
        check_unit(session, item.unit_id)
        row = _load(session, item_id, version)
        for key, value in values.items():
            setattr(row, key, value)


def record_task_progress(
    db: Database,
    item_id: int,
    *,
    percent: int,
    note: str,
    done_on: date | None,
    version: int,
) -> None:
    """Progress of an item; a 完成日期 marks it 已完成 (and 100 %)."""
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise DomainError("完成进度应在 0–100 之间。", field="percent")
    note = text(note, "进展情况", 2000, "progress_note")
    with db.transaction() as session:
        row = _load(session, item_id, version)
        row.progress_note = note
        row.done_on = done_on
        row.state = TaskState.DONE if done_on is not None else TaskState.OPEN
        row.percent = 100 if done_on is not None else percent


def delete_task_item(db: Database, item_id: int, *, version: int) -> None:
    with db.transaction() as session:
        session.delete(_load(session, item_id, version))


def _load(session: Session, item_id: int, version: int | None) -> TaskItem:
    return load_for_edit(
        session,
        TaskItem,
        item_id,
        version,
        missing="该任务已被他人删除。",
        what=lambda t: f"任务第 {t.seq} 项",
    )


@dataclass(frozen=True, slots=True)
class TaskProgressEntry:
    at: datetime
    """When it was recorded, China time."""
    actor: str
    percent: int
    note: str
    done_on: date | None


_PROGRESS_FIELDS = ("percent", "progress_note", "done_on")


def task_progress_history(db: Database, item_id: int) -> list[TaskProgressEntry]:
    """Every progress the item has had, oldest first, read back from the audit trail (which
    keeps each save's changed fields): the item as it was after each save that moved it."""
    with db.reading() as session:
        item = session.get(TaskItem, item_id)
        if item is None:
            raise DomainError("该任务已被删除。")
        state: dict[str, Any] = {
            "percent": item.percent,
            "progress_note": item.progress_note,
            "done_on": item.done_on.isoformat() if item.done_on else None,
        }
        entries = session.execute(
            select(AuditEntry.at, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(
                AuditEntry.entity == TaskItem.__tablename__,
                AuditEntry.entity_id == item_id,
                AuditEntry.action == AuditAction.UPDATE,
            )
            .order_by(AuditEntry.id.desc())
        ).all()
    history: list[TaskProgressEntry] = []
    for at, actor, before, after in entries:  # newest first: undo each save in turn
        if any(key in (after or {}) for key in _PROGRESS_FIELDS):
            done = state["done_on"]
            history.append(
                TaskProgressEntry(
                    in_china(at.replace(tzinfo=UTC)).replace(tzinfo=None),
                    actor,
                    int(state["percent"]),
                    str(state["progress_note"] or ""),
                    date.fromisoformat(done) if done else None,
                )
            )
        for key in _PROGRESS_FIELDS:
            if key in (before or {}):
                state[key] = before[key]
    history.reverse()
    return history
