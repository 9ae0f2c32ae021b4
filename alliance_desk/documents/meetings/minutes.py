"""会议纪要: time, place, host, who came and who did not, each item, the decisions.

Each decision (议定事项) is followed by the commitments made from it: promisor →
promisee, direction, due date. Minutes not yet approved say so in the title （草稿）.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.core.vocab import AttendanceState, CommitmentState
from alliance_desk.documents.compose import BODY_POINT_SIZE
from alliance_desk.documents.meetings.common import (
    NOT_GIVEN,
    DocumentKind,
    day_label,
    document_title,
    finish,
    indent_style,
    long_date,
    minutes_approved,
    right_margin_style,
    section,
    title_markup,
)
from alliance_desk.documents.meetings.notice import chinese_number
from alliance_desk.documents.richtext import Markup, element

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import (
        AgendaSlot,
        AttendanceRow,
        CommitmentRow,
        DecisionRow,
        MeetingDetail,
    )

__all__ = ["MINUTES_POINT_SIZE", "minutes_document", "minutes_section"]

MINUTES_POINT_SIZE = BODY_POINT_SIZE
NOT_REACHED = "本次会议未及审议，顺延至下次会议。"
NO_SUMMARY = "（未记录）"
NO_DECISIONS = "本次会议无议定事项。"
NOT_APPROVED = "本纪要尚未审定。"
SIGNATURE_MARGIN_EMS = 2.0


def _p(text: object, *, indent: bool = True) -> Markup:
    return element("p", text, style=indent_style(MINUTES_POINT_SIZE) if indent else None)


def _heading(text: str) -> Markup:
    return element("h2", text, style="margin-top: 8px")


def _attended(row: AttendanceRow) -> str:
    if row.state is AttendanceState.DELEGATED:
        return f"{row.unit_name}（委托{row.attendee}出席）" if row.attendee else row.unit_name
    return f"{row.unit_name}（{row.attendee}）" if row.attendee else row.unit_name


def _attendance_lines(detail: MeetingDetail) -> list[str]:
    members = detail.members
    came = [_attended(r) for r in members if r.attended]
    excused = [r.unit_name for r in members if r.state is AttendanceState.EXCUSED]
    absent = [r.unit_name for r in members if r.state is AttendanceState.ABSENT]
    guests = [f"{g.name}（{g.attendee}）" if g.attendee else g.name for g in detail.guests]
    lines = [f"出席单位：{'、'.join(came) or '无'}"]
    if excused:
        lines.append(f"请假单位：{'、'.join(excused)}")
    if absent:
        lines.append(f"缺席单位：{'、'.join(absent)}")
    if detail.unrecorded:
        lines.append(f"未登记出席情况：{'、'.join(detail.unrecorded)}")
    if guests:
        lines.append(f"列席：{'、'.join(guests)}")
    if members:
        rate = detail.attendance_rate or 0.0
        lines.append(
            f"应到成员单位 {len(members)} 个，实到 {detail.attended_count} 个，出席率 {rate:.0%}。"
        )
    return lines


def _item(number: int, slot: AgendaSlot) -> list[Markup]:
    facts = "，".join(
        filter(None, [slot.presenter_name and f"{slot.presenter_name}汇报", slot.kind.label])
    )
    head = element(
        "h3",
        f"（{chinese_number(number)}）{slot.title}（{facts}）",
        style=indent_style(MINUTES_POINT_SIZE),
    )
    if not slot.reached:
        return [head, _p(NOT_REACHED)]
    return [head, _p(slot.summary.strip() or NO_SUMMARY)]


def commitment_line(number: int, commitment: CommitmentRow, decision: str) -> str:
    """``承诺 1：人民医院 → 城东社区（单位→社区），2027年3月31日前完成``."""
    line = (
        f"承诺 {number}：{commitment.promisor_name} → {commitment.promisee_name}"
        f"（{commitment.direction.label}），{long_date(commitment.due_on)}前完成"
    )
    if commitment.content.strip() != decision.strip():
        line += f"，内容：{commitment.content}"
    if commitment.state is CommitmentState.CANCELLED:
        line += "（已取消）"
    return line


def _decision(decision: DecisionRow, number: int) -> list[Markup]:
    parts = [_p(f"{number}. {decision.content}")]
    parts += [
        _p(commitment_line(n, c, decision.content))
        for n, c in enumerate(decision.commitments, start=1)
    ]
    return parts


def minutes_section(detail: MeetingDetail, *, printed_on: date, new_page: bool = False) -> Markup:
    """``printed_on`` dates an unapproved draft; approved minutes carry the approval date."""
    meeting = detail.meeting
    minutes = detail.minutes
    body: list[Markup] = [title_markup(DocumentKind.MINUTES, detail, new_page=new_page)]
    facts = [
        f"时间：{day_label(meeting.starts_at)}{meeting.starts_at:%H:%M}",
        f"地点：{meeting.place or NOT_GIVEN}",
        f"主持单位：{meeting.host_name or NOT_GIVEN}",
        *_attendance_lines(detail),
    ]
    body += [_p(line, indent=False) for line in facts]
    if minutes is not None and minutes.summary.strip():
        body += [_heading("会议概述"), _p(minutes.summary.strip())]
    body.append(_heading(f"{chinese_number(1)}、会议议题"))
    for number, slot in enumerate(detail.agenda, start=1):
        body += _item(number, slot)
    if not detail.agenda:
        body.append(_p("（无议题）"))
    body.append(_heading(f"{chinese_number(2)}、议定事项"))
    if detail.decisions:
        for number, decision in enumerate(detail.decisions, start=1):
            body += _decision(decision, number)
    else:
        body.append(_p(NO_DECISIONS))
    signature = right_margin_style(MINUTES_POINT_SIZE, SIGNATURE_MARGIN_EMS)
    signature += "; margin-top: 16px"
    if minutes_approved(detail):
        assert minutes is not None and minutes.approved_at is not None
        approval = f"审定：{minutes.approved_by}　{long_date(minutes.approved_at.date())}"
        body.append(element("p", approval, align="right", style=signature))
    else:
        body.append(
            element(
                "p", NOT_APPROVED + f"　{long_date(printed_on)}打印", align="right", style=signature
            )
        )
    return section(Markup("").join(body), MINUTES_POINT_SIZE)


def minutes_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """会议纪要 of one meeting; （草稿） until the minutes are approved."""
    return finish(
        minutes_section(detail, printed_on=printed_on),
        title=document_title(DocumentKind.MINUTES, detail),
        body_pt=MINUTES_POINT_SIZE,
    )
