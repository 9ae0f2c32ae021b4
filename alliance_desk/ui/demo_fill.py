"""Fill an empty database with the demo data set, in the background, then say what was added."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk.ui.tasks import BackgroundTask, Report

if TYPE_CHECKING:
    from alliance_desk.services.database import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("DemoFill", text)


def generate_demo(database: Database, report: Report | None = None) -> object:
    """The service call (runs on a worker thread); refuses a database that holds data."""
    from alliance_desk.services.demo import generate_demo as generate

    return generate(database, scale=1, progress=report)


def is_empty(database: Database) -> bool:
    """The demo service's notion of empty (no units and no alliances)."""
    from alliance_desk.services.demo import is_empty as demo_is_empty

    return demo_is_empty(database)


def describe_summary(summary: object) -> str:
    parts = {
        "alliances": _tr("{n} 个联盟"),
        "units": _tr("{n} 家单位"),
        "memberships": _tr("{n} 个成员关系"),
        "meetings": _tr("{n} 次联席会议"),
        "commitments": _tr("{n} 项承诺"),
        "evaluations": _tr("{n} 条评价"),
    }
    found = [text.format(n=getattr(summary, key)) for key, text in parts.items()
             if hasattr(summary, key)]
    return _tr("已填充演示数据：{what}。").format(what="、".join(found) or _tr("完成"))


def start_demo_fill(parent: QWidget, database: Database) -> BackgroundTask:
    """Start filling; connect to the returned task's ``succeeded``/``finished`` to refresh."""
    task = BackgroundTask(
        parent,
        _tr("正在生成演示数据，请稍候……"),
        lambda report: generate_demo(database, report),
        error_title=_tr("无法填充演示数据"),
    )
    task.start()
    return task
