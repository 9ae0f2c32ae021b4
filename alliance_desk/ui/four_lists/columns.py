"""The columns of the four-lists tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from alliance_desk.core.four_lists.rates import percent_text
from alliance_desk.core.four_lists.vocab import NeedState, ProjectState, ResourceState
from alliance_desk.services.clock import local_today
from alliance_desk.services.four_lists.postings import PostingRecord
from alliance_desk.services.four_lists.projects import MatchSuggestion
from alliance_desk.services.four_lists.records import (
    ClaimRow,
    NeedRow,
    ProjectRow,
    RatingRow,
    ResourceRow,
)
from alliance_desk.ui.models.row_table import Column

WARNING = QColor("#fdecea")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FourListsColumns", text)


def _state_is(state: object) -> Callable[[Any], bool]:
    return lambda row: row.state is state


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


NEED_COLUMNS: list[Column[NeedRow]] = [
    Column(_tr("编号"), lambda n: n.code, searchable=True),
    Column(_tr("需求名称"), lambda n: n.title, searchable=True),
    Column(_tr("类别"), lambda n: n.category, searchable=True),
    Column(_tr("联盟"), lambda n: n.alliance_name, searchable=True),
    Column(_tr("社区"), lambda n: n.community_name, searchable=True),
    Column(_tr("网格"), lambda n: n.grid, searchable=True),
    Column(_tr("来源"), lambda n: n.source.label),
    Column(_tr("提出主体"), lambda n: n.proposer.label),
    Column(_tr("户数"), lambda n: str(n.households), lambda n: n.households, numeric=True),
    Column(_tr("紧急程度"), lambda n: n.urgency.label),
    Column(_tr("登记日期"), lambda n: day(n.registered_on), lambda n: n.registered_on),
    Column(_tr("可公示"), lambda n: _tr("是") if n.public else _tr("否")),
    Column(_tr("状态"), lambda n: n.state.label, lambda n: tuple(NeedState).index(n.state)),
]
NEED_STATE_FILTERS = [(_tr("全部状态"), None)] + [(s.label, _state_is(s)) for s in NeedState]

RESOURCE_COLUMNS: list[Column[ResourceRow]] = [
    Column(_tr("提供单位"), lambda r: r.unit_name, searchable=True),
    Column(_tr("类别"), lambda r: r.category.label, searchable=True),
    Column(_tr("内容"), lambda r: r.content, searchable=True),
    Column(_tr("数量或时段"), lambda r: r.quantity),
    Column(_tr("联系人"), lambda r: r.contact, searchable=True),
    Column(_tr("联系电话"), lambda r: r.contact_phone),
    Column(_tr("有效期至"), lambda r: day(r.valid_until) or _tr("长期")),
    Column(_tr("联盟"), lambda r: r.alliance_name, searchable=True),
    Column(_tr("状态"), lambda r: resource_state_text(r)),
]


def resource_state_text(row: ResourceRow) -> str:
    """An 有效 resource past its 有效期 says so (matching no longer suggests it)."""
    if row.state is ResourceState.ACTIVE and row.valid_until and row.valid_until < local_today():
        return _tr("已过有效期")
    return row.state.label


SUGGESTION_COLUMNS: list[Column[MatchSuggestion]] = [
    Column(_tr("需求编号"), lambda s: s.need_code, searchable=True),
    Column(_tr("需求"), lambda s: s.need_title, searchable=True),
    Column(_tr("需求类别"), lambda s: s.need_category),
    Column(_tr("建议资源"), lambda s: s.resource_content, searchable=True),
    Column(_tr("资源类别"), lambda s: s.resource_category),
    Column(_tr("提供单位"), lambda s: s.unit_name, searchable=True),
    Column(_tr("匹配分"), lambda s: str(s.score), lambda s: s.score, numeric=True),
    Column(_tr("理由"), lambda s: s.reason),
]

PROJECT_COLUMNS: list[Column[ProjectRow]] = [
    Column(_tr("编号"), lambda p: p.code, searchable=True),
    Column(_tr("项目名称"), lambda p: p.name, searchable=True),
    Column(_tr("联盟"), lambda p: p.alliance_name, searchable=True),
    Column(_tr("关联需求"), lambda p: "；".join(p.need_titles), searchable=True),
    Column(_tr("对接资源"), lambda p: "；".join(p.resource_texts), searchable=True),
    Column(_tr("认领单位"), lambda p: "、".join(p.claim_units), searchable=True),
    Column(_tr("立项方式"), lambda p: p.origin.label),
    Column(_tr("会议议定"), lambda p: p.meeting_outcome, searchable=True),
    Column(_tr("计划结束"), lambda p: day(p.planned_end), lambda p: p.planned_end),
    Column(
        _tr("状态"),
        lambda p: p.state.label + (_tr("（超期未认领）") if p.unclaimed_too_long else ""),
        lambda p: tuple(ProjectState).index(p.state),
    ),
    Column(_tr("公示日期"), lambda p: day(p.published_on)),
    Column(_tr("办结日期"), lambda p: day(p.finished_on)),
]
PROJECT_STATE_FILTERS = [
    (_tr("全部状态"), None),
    (_tr("超期未认领"), lambda p: p.unclaimed_too_long),
] + [(s.label, _state_is(s)) for s in ProjectState]

CLAIM_COLUMNS: list[Column[ClaimRow]] = [
    Column(_tr("项目编号"), lambda c: c.project_code, searchable=True),
    Column(_tr("项目"), lambda c: c.project_name, searchable=True),
    Column(_tr("认领单位"), lambda c: c.unit_name, searchable=True),
    Column(_tr("责任人"), lambda c: c.responsible_person, searchable=True),
    Column(_tr("承诺内容"), lambda c: c.content, searchable=True),
    Column(_tr("完成时限"), lambda c: day(c.due_on), lambda c: c.due_on),
    Column(_tr("节点"), lambda c: c.milestones.replace("\n", "；")),
    Column(_tr("承诺状态"), lambda c: c.state.label + (_tr("（逾期）") if c.overdue else "")),
    Column(
        _tr("进度"),
        lambda c: "" if c.percent is None else f"{c.percent}%",
        lambda c: c.percent or 0,
        numeric=True,
    ),
    Column(
        _tr("承诺编号"), lambda c: str(c.commitment_id), lambda c: c.commitment_id, numeric=True
    ),
]

RATING_COLUMNS: list[Column[tuple[ProjectRow, RatingRow | None]]] = [
    Column(_tr("项目"), lambda t: t[0].name, searchable=True),
    Column(_tr("联盟"), lambda t: t[0].alliance_name, searchable=True),
    Column(_tr("责任单位"), lambda t: "、".join(t[0].claim_units), searchable=True),
    Column(_tr("办结日期"), lambda t: day(t[0].finished_on)),
    Column(_tr("评议日期"), lambda t: day(t[1].rated_on) if t[1] else _tr("待评议")),
    Column(_tr("参评人数"), lambda t: str(t[1].participants) if t[1] else "", numeric=True),
    Column(_tr("满意"), lambda t: str(t[1].satisfied) if t[1] else "", numeric=True),
    Column(_tr("基本满意"), lambda t: str(t[1].basically_satisfied) if t[1] else "", numeric=True),
    Column(_tr("不满意"), lambda t: str(t[1].unsatisfied) if t[1] else "", numeric=True),
    Column(
        _tr("满意率"),
        lambda t: percent_text(t[1].satisfaction_rate) if t[1] else "",
        lambda t: t[1].satisfaction_rate or 0 if t[1] else -1,
        numeric=True,
    ),
]

POSTING_COLUMNS: list[Column[PostingRecord]] = [
    Column(_tr("范围"), lambda p: p.scope_title, searchable=True),
    Column(
        _tr("期号"),
        lambda p: _tr("第%1期").replace("%1", str(p.number)),
        lambda p: p.number,
        numeric=True,
    ),
    Column(_tr("公示日期"), lambda p: day(p.posted_on), lambda p: p.posted_on),
    Column(_tr("纸张"), lambda p: p.paper),
    Column(_tr("项数"), lambda p: str(p.lines), lambda p: p.lines, numeric=True),
    Column(
        _tr("本期调整"),
        lambda p: p.adjustments.replace("\n", "；") or _tr("（无）"),
        searchable=True,
    ),
]
