"""The columns of the alliance list and of an alliance's member table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication

from alliance_desk.services.alliances import AllianceRow, MemberRow
from alliance_desk.services.clock import local_today
from alliance_desk.ui.models.row_table import Column


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlliancesPage", text)


def format_date(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def alliance_columns() -> list[Column[AllianceRow]]:
    return [
        Column(_tr("联盟名称"), lambda r: r.name, searchable=True),
        Column(_tr("牵头组织"), lambda r: r.lead_organisation, searchable=True),
        Column(_tr("轮值周期"), lambda r: r.chair_period.label),
        Column(
            _tr("成员数"),
            lambda r: str(r.member_count),
            sort_key=lambda r: r.member_count,
            numeric=True,
        ),
        Column(_tr("本期轮值主席"), lambda r: r.current_chair),
        Column(_tr("下次会议"), lambda r: r.next_meeting),
        Column(_tr("状态"), lambda r: _tr("在用") if r.active else _tr("停用")),
    ]


@dataclass(frozen=True, slots=True)
class MemberLine:
    """One row of the member table: the membership and its place in the rotation."""

    member: MemberRow
    current: bool
    position: int | None
    """1-based place among the current members; None for an ended membership."""


def member_lines(members: tuple[MemberRow, ...], today: date | None = None) -> list[MemberLine]:
    """Current members in rotation order, then ended memberships, latest departure first."""
    on = today or local_today()
    current = sorted(
        (m for m in members if m.is_current(on)),
        key=lambda m: (m.rotation_order, m.membership_id),
    )
    ended = sorted(
        (m for m in members if not m.is_current(on)),
        key=lambda m: (m.left_on or on, m.membership_id),
        reverse=True,
    )
    lines = [MemberLine(m, True, place) for place, m in enumerate(current, start=1)]
    return lines + [MemberLine(m, False, None) for m in ended]


def member_columns() -> list[Column[MemberLine]]:
    return [
        Column(_tr("单位名称"), lambda r: r.member.unit_name, searchable=True),
        Column(_tr("类别"), lambda r: r.member.category.label),
        Column(_tr("角色"), lambda r: r.member.role.label),
        Column(_tr("加入日期"), lambda r: format_date(r.member.joined_on)),
        Column(_tr("退出日期"), lambda r: format_date(r.member.left_on)),
        Column(
            _tr("可任主席"),
            lambda r: _tr("是") if r.member.chair_eligible else _tr("否"),
            tooltip=_tr("可担任轮值主席"),
        ),
        Column(
            _tr("轮值顺序"),
            lambda r: str(r.position) if r.position is not None else "",
            numeric=True,
        ),
    ]
