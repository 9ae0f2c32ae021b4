"""The columns of the commitment list (and of its export): title, text, SQL sort key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from alliance_desk.services.commitments.filters import SortKey
from alliance_desk.services.commitments.records import CommitmentRow

CONTEXT = "CommitmentsPage"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_text(row: CommitmentRow) -> str:
    """The state as the list shows it: an overdue one says 已逾期 first, a late
    fulfilment says so."""
    if row.overdue:
        return tr("已逾期（%1）").replace("%1", row.state.label)
    if row.late:
        return tr("%1（逾期）").replace("%1", row.state.label)
    return row.state.label


def percent_text(percent: int | None) -> str:
    return "" if percent is None else f"{percent}%"


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class ListColumn:
    title: str
    text: Callable[[CommitmentRow], str]
    sort_key: SortKey | None
    """None: the column cannot be sorted in SQL (a header click leaves the order)."""
    width: int
    numeric: bool = False


def list_columns() -> list[ListColumn]:
    return [
        ListColumn(tr("编号"), lambda r: str(r.id), SortKey.ID, 64, numeric=True),
        ListColumn(tr("联盟"), lambda r: r.alliance_name, SortKey.ALLIANCE, 150),
        ListColumn(tr("承诺方"), lambda r: r.promisor_name, SortKey.PROMISOR, 140),
        ListColumn(tr("受诺方"), lambda r: r.promisee_name, SortKey.PROMISEE, 140),
        ListColumn(tr("方向"), lambda r: r.direction.label, SortKey.DIRECTION, 84),
        ListColumn(tr("内容"), lambda r: one_line(r.content), SortKey.CONTENT, 260),
        ListColumn(tr("类别"), lambda r: r.category, SortKey.CATEGORY, 80),
        ListColumn(tr("承诺日期"), lambda r: f"{r.made_on:%Y-%m-%d}", SortKey.MADE_ON, 92),
        ListColumn(tr("到期日"), lambda r: f"{r.due_on:%Y-%m-%d}", SortKey.DUE_ON, 92),
        ListColumn(tr("状态"), state_text, SortKey.STATE, 120),
        ListColumn(tr("进度"), lambda r: percent_text(r.percent), None, 56, numeric=True),
    ]


DUE_COLUMN = 8
STATE_COLUMN = 9
#: Shown first, left to right (the rest follow in their order): what a clerk acts on.
LEADING_COLUMNS = (0, 5, DUE_COLUMN, STATE_COLUMN, 10)
