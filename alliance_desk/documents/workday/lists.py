"""报到单 with its 回执 slip, the 报到一览表 of a community and the 服务岗位 list.

The 一览表 and the post list are put up on a wall: names and phones are masked
(张*明, 138****1234) and addresses cut to the residential area (``core.workday.masking``).
The 报到单 is the member's own form and goes back to the unit: it is printed whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.core.text import long_date
from alliance_desk.core.workday.masking import mask_address, mask_name, mask_phone
from alliance_desk.documents.geometry import LANDSCAPE
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.paged import DocumentPack
from alliance_desk.documents.richtext import element, paragraph, table
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP
from alliance_desk.documents.workday.common import PRINT_POINT_SIZE

if TYPE_CHECKING:
    from alliance_desk.services.workday.members import MemberRow
    from alliance_desk.services.workday.posts import PostRow

CUT_LINE = "-" * 24 + " 沿此线剪开 " + "-" * 24


def _day(value: date | None) -> str:
    return long_date(value) if value else "____年__月__日"


def report_form_document(member: MemberRow, *, printed_on: date) -> LongTableDocument:
    """One member's 在职党员到社区报到单 and, below the cut line, the 回执 for the unit."""

    def row(*pairs: tuple[str, str]) -> list[str]:
        return [text for pair in pairs for text in pair]

    form = table(
        ("项目", "内容", "项目", "内容"),
        [
            row(("姓名", member.name), ("性别", member.gender)),
            row(("工作单位", member.unit_name), ("职务", member.position)),
            row(("联系电话", member.phone), ("居住小区", member.residence)),
            row(("报到社区", member.community_name), ("网格", member.grid)),
            row(("特长", member.skills), ("服务意向", member.intention)),
            row(
                ("报到方式", member.report_mode_label),
                ("报到日期", _day(member.reported_on)),
            ),
        ],
        widths=(15, 35, 15, 35),
        align=("center", None, "center", None),
        padding=8,
    )
    community = member.community_name or "__________"
    parts: list[Part] = [
        title_markup("在职党员到社区报到单")
        + form
        + paragraph("本人签名：____________" + GAP + "社区党组织（盖章）：____________")
        + paragraph(f"打印日期：{long_date(printed_on)}", align="right")
        + paragraph(CUT_LINE, class_="center")
        + element("h2", "回　执", align="center")
        + paragraph(f"{member.unit_name}党组织：")
        + paragraph(
            f"贵单位党员 {member.name} 同志已于 {_day(member.reported_on)} 到 {community}"
            "报到，将参加社区组织的服务活动。特此回执。"
        )
        + paragraph(f"{community}党组织（盖章）", align="right")
        + paragraph("____年__月__日", align="right"),
    ]
    return LongTableDocument(parts, body_pt=12.0, title=f"在职党员到社区报到单（{member.name}）")


def report_forms_pack(members: Sequence[MemberRow], *, printed_on: date) -> DocumentPack:
    """The 报到单 of several members, each on its own page."""
    return DocumentPack(
        [report_form_document(m, printed_on=printed_on) for m in members],
        title="在职党员到社区报到单",
    )


ROLL_HEADER = (
    "序号",
    "姓名",
    "工作单位",
    "职务",
    "联系电话",
    "居住小区",
    "网格",
    "特长",
    "报到日期",
    "状态",
)
_ROLL_WIDTHS = (5, 8, 18, 11, 11, 13, 6, 10, 11, 7)
_ROLL_ALIGN = ("center", None, None, None, "center", None, "center", None, "center", "center")


def roll_document(
    community_name: str, members: Sequence[MemberRow], *, printed_on: date
) -> LongTableDocument:
    """报到一览表 of one community for posting: names, phones and addresses masked."""
    rows = [
        [
            str(n),
            mask_name(m.name),
            m.unit_name,
            m.position,
            mask_phone(m.phone),
            mask_address(m.residence),
            m.grid,
            m.skills,
            m.reported_on.isoformat() if m.reported_on else "",
            m.state_label,
        ]
        for n, m in enumerate(members, start=1)
    ]
    title = f"{community_name}在职党员报到一览表"
    facts = GAP.join([f"共 {len(rows)} 名", f"打印日期：{long_date(printed_on)}"])
    parts: list[Part] = [title_markup(title) + paragraph(facts, class_="center")]
    if rows:
        parts.append(LongTable(ROLL_HEADER, rows, widths=_ROLL_WIDTHS, align=_ROLL_ALIGN))
    else:
        parts.append(paragraph("（尚无党员报到）", class_="center"))
    parts.append(paragraph("注：为保护个人信息，姓名、电话和住址已作隐去处理。"))
    return LongTableDocument(parts, body_pt=PRINT_POINT_SIZE, title=title, page_spec=LANDSCAPE)


POSTS_HEADER = ("序号", "类别", "岗位", "岗位职责", "需要人数", "已认领", "认领党员")
_POSTS_WIDTHS = (5, 10, 16, 31, 7, 7, 24)
_POSTS_ALIGN = ("center", "center", None, None, "right", "right", None)


def posts_document(
    community_name: str,
    posts: Sequence[PostRow],
    claimants: dict[int, list[str]],
    *,
    printed_on: date,
) -> LongTableDocument:
    """服务岗位 list for posting; claimants' names masked."""
    rows = [
        [
            str(n),
            p.category,
            p.name,
            p.description,
            str(p.needed),
            str(p.claimed),
            "、".join(mask_name(x) for x in claimants.get(p.id, [])),
        ]
        for n, p in enumerate(posts, start=1)
    ]
    title = f"{community_name}在职党员服务岗位"
    facts = GAP.join([f"共 {len(rows)} 个岗位", f"打印日期：{long_date(printed_on)}"])
    parts: list[Part] = [title_markup(title) + paragraph(facts, class_="center")]
    if rows:
        parts.append(LongTable(POSTS_HEADER, rows, widths=_POSTS_WIDTHS, align=_POSTS_ALIGN))
    else:
        parts.append(paragraph("（尚未设置服务岗位）", class_="center"))
    parts.append(paragraph("欢迎在职党员到社区认领服务岗位。认领请联系社区党组织。"))
    return LongTableDocument(parts, body_pt=PRINT_POINT_SIZE, title=title, page_spec=LANDSCAPE)
