"""Rosters: one alliance's members (联盟成员名册) and the unit register (成员单位名册).

Both take the services' plain dataclasses and build a document from escaped markup;
nothing here touches the database (the service types are imported for type checking
only, so printing never pulls in SQLAlchemy). A city's register holds some 16,500
units, so it is a :class:`~alliance_desk.documents.long_table.LongTableDocument`
(printed in time linear in its rows, accepted wherever a QTextDocument is printed);
an alliance's roster, a few dozen rows, stays a QTextDocument.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.core.text import long_date
from alliance_desk.documents.compose import DENSE_POINT_SIZE, new_document
from alliance_desk.documents.geometry import PORTRAIT, REGISTER_LANDSCAPE_SPEC
from alliance_desk.documents.long_table import (
    LongTable,
    LongTableDocument,
    center_header_cells,
)
from alliance_desk.documents.richtext import Markup, element, paragraph, table
from alliance_desk.documents.richtext import title as title_markup

if TYPE_CHECKING:
    from alliance_desk.services.alliances import AllianceDetail, MemberRow
    from alliance_desk.services.units import UnitRow

__all__ = [
    "MEMBER_HEADER",
    "REGISTER_HEADER",
    "REGISTER_LANDSCAPE",
    "alliance_roster_document",
    "alliance_roster_title",
    "unit_register_document",
]

# Two narrow headers break where the words do (cells keep line breaks: pre-wrap).
MEMBER_HEADER = ("序号", "成员单位", "类别", "角色", "加入日期", "可任\n轮值主席", "轮值\n顺序")
_MEMBER_WIDTHS = (7.5, 36, 13, 7.5, 15.5, 12.5, 8)
_MEMBER_ALIGN = ("center", None, "center", "center", "center", "center", "center")

LEFT_HEADER = ("序号", "成员单位", "类别", "角色", "加入日期", "退出日期")
_LEFT_WIDTHS = (7.5, 41, 13, 7.5, 15.5, 15.5)
_LEFT_ALIGN = ("center", None, "center", "center", "center", "center")

REGISTER_HEADER = (
    "序号",
    "单位名称",
    "类别",
    "党组织",
    "书记",
    "联络员",
    "联系电话",
    "党员数",
    "所属联盟",
)
_REGISTER_WIDTHS = (4, 18, 7, 23, 5, 5, 9.5, 4.5, 24)  # one alliance name: one line
_REGISTER_ALIGN = ("center", None, "center", None, "center", "center", "center", "right", None)
REGISTER_LANDSCAPE = True
"""The unit register is printed on landscape A4 (nine columns)."""
REGISTER_POINT_SIZE = 9.0
"""小五, with the register's narrow margins (REGISTER_LANDSCAPE_SPEC) and thin cell padding:
a 165-unit register on 8 landscape A4 pages (10.5 pt on the standard page took 16), and
one alliance name (~14 characters) still fits its column on one line."""
REGISTER_CELL_PADDING = 2

INACTIVE_MARK = "（已停用）"
NOT_GIVEN = "—"
SECTION_GAP_PX = 16  # CSS px (1/96 inch) between the members table and 已退出成员
GAP = "\u3000\u3000"  # two ideographic spaces between the facts under a title


def short_date(day: date | None) -> str:
    """``2025-01-02`` for table cells (narrow and sortable); empty for no date."""
    return day.isoformat() if day else ""


def _or_dash(text: str) -> str:
    return text.strip() or NOT_GIVEN


ROSTER_SUFFIX = "成员名册"


def alliance_roster_title(detail: AllianceDetail) -> str:
    return detail.alliance.name + ROSTER_SUFFIX


def _fits_on_one_line(heading_markup: Markup) -> bool:
    """Whether a title laid out alone in the portrait text block takes one line."""
    probe = new_document(heading_markup)
    probe.setDocumentMargin(0)
    probe.setTextWidth(PORTRAIT.text_rect().width())
    probe.documentLayout().documentSize()
    return probe.begin().layout().lineCount() <= 1


def _roster_title(detail: AllianceDetail) -> Markup:
    """The title; a long one breaks before 成员名册 rather than leave 册 alone on a line."""
    one_line = title_markup(alliance_roster_title(detail))
    if _fits_on_one_line(one_line):
        return one_line
    return element("h1", detail.alliance.name, element("br"), ROSTER_SUFFIX)


def _current_members(detail: AllianceDetail, on: date) -> list[MemberRow]:
    current = [m for m in detail.members if m.is_current(on)]
    return sorted(current, key=lambda m: (m.rotation_order, m.joined_on, m.membership_id))


def _former_members(detail: AllianceDetail, on: date) -> list[MemberRow]:
    former = [m for m in detail.members if not m.is_current(on)]
    return sorted(former, key=lambda m: (m.left_on or on, m.joined_on, m.membership_id))


def alliance_roster_document(detail: AllianceDetail, *, printed_on: date) -> QTextDocument:
    """联盟成员名册: current members in rotation order, then those who have left (if any).

    A member is current on ``printed_on`` when it has not left, or leaves later.
    """
    alliance = detail.alliance
    current = _current_members(detail, printed_on)
    former = _former_members(detail, printed_on)
    # Two short lines, broken where we choose (one line rarely fits a long lead name).
    facts = [
        GAP.join(
            [
                f"牵头组织：{_or_dash(alliance.lead_organisation)}",
                f"轮值周期：{alliance.chair_period.label}",
            ]
        ),
        GAP.join([f"现有成员：{len(current)} 个", f"打印日期：{long_date(printed_on)}"]),
    ]
    member_rows = [
        [
            str(number),
            member.unit_name,
            member.category.label,
            member.role.label,
            short_date(member.joined_on),
            "是" if member.chair_eligible else "否",
            str(member.rotation_order),
        ]
        for number, member in enumerate(current, start=1)
    ]
    parts = [
        _roster_title(detail),
        *(paragraph(line, class_="center") for line in facts),
        table(MEMBER_HEADER, member_rows, widths=_MEMBER_WIDTHS, align=_MEMBER_ALIGN),
    ]
    if not current:
        parts.append(paragraph("（本联盟暂无成员单位）", class_="center"))
    if former:
        former_rows = [
            [
                str(number),
                member.unit_name,
                member.category.label,
                member.role.label,
                short_date(member.joined_on),
                short_date(member.left_on),
            ]
            for number, member in enumerate(former, start=1)
        ]
        parts += [
            element("h2", "已退出成员", style=f"margin-top: {SECTION_GAP_PX}px"),
            table(LEFT_HEADER, former_rows, widths=_LEFT_WIDTHS, align=_LEFT_ALIGN),
        ]
    document = new_document(
        Markup("").join(parts),
        body_pt=DENSE_POINT_SIZE,
        document_title=alliance_roster_title(detail),
    )
    return center_header_cells(document)


def _register_row(number: int, unit: UnitRow) -> list[str]:
    name = unit.name if unit.active else unit.name + INACTIVE_MARK
    return [
        str(number),
        name,
        unit.category.label,
        unit.party_org_name,
        unit.secretary,
        unit.liaison,
        unit.phone,
        str(unit.party_member_count),
        "\n".join(unit.alliance_names),  # one alliance a line: names are not cut
    ]


def unit_register_document(
    units: Sequence[UnitRow], *, printed_on: date, title: str = "成员单位名册"
) -> LongTableDocument:
    """成员单位名册: the given units in the given order (the whole register or a filtered list).

    Print it with ``landscape=True`` (:data:`REGISTER_LANDSCAPE`).
    """
    members = sum(unit.party_member_count for unit in units)
    facts = GAP.join(
        [
            f"共 {len(units)} 个单位",
            f"党员 {members} 名",
            f"打印日期：{long_date(printed_on)}",
        ]
    )
    rows = [_register_row(number, unit) for number, unit in enumerate(units, start=1)]
    front = title_markup(title) + paragraph(facts, class_="center")
    register = LongTable(
        REGISTER_HEADER,
        rows,
        widths=_REGISTER_WIDTHS,
        align=_REGISTER_ALIGN,
        padding=REGISTER_CELL_PADDING,
    )
    return LongTableDocument(
        [front, register],
        body_pt=REGISTER_POINT_SIZE,
        title=title,
        page_spec=REGISTER_LANDSCAPE_SPEC,
    )
