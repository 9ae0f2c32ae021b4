"""Controlled vocabularies: stored codes (English) and the words clerks use (Chinese)."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry the Chinese word a clerk sees."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum | None:
        text = label.strip()
        for member in cls:
            if text in (member.label, member.value):
                return member
        return None


class UnitCategory(LabelledEnum):
    GOVERNMENT = "government", "机关"
    INSTITUTION = "institution", "事业单位"
    STATE_ENTERPRISE = "state_enterprise", "国企"
    PRIVATE_ENTERPRISE = "private_enterprise", "非公企业"
    SOCIAL_ORGANISATION = "social_organisation", "社会组织"
    COMMUNITY = "community", "社区"


class ChairPeriod(LabelledEnum):
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    HALF_YEAR = "half_year", "半年"
    YEAR = "year", "年"


class MembershipRole(LabelledEnum):
    LEAD = "lead", "牵头"
    MEMBER = "member", "成员"


class ChairTermState(LabelledEnum):
    PLANNED = "planned", "计划"
    SERVED = "served", "已履职"
    SWAPPED = "swapped", "已调换"
    SKIPPED = "skipped", "已跳过"


class MeetingState(LabelledEnum):
    DRAFT = "draft", "草稿"
    NOTIFIED = "notified", "已通知"
    HELD = "held", "已召开"
    APPROVED = "approved", "纪要已审定"


class AgendaKind(LabelledEnum):
    BRIEFING = "briefing", "通报"
    DISCUSSION = "discussion", "研究讨论"
    CONSULTATION = "consultation", "协商"
    REVIEW = "review", "评议"


class AgendaOrigin(LabelledEnum):
    PROPOSED = "proposed", "提议"
    CARRIED_OVER = "carried_over", "上次顺延"
    ACTION_REVIEW = "action_review", "议定事项落实情况"


class AttendanceState(LabelledEnum):
    PRESENT = "present", "出席"
    ABSENT = "absent", "缺席"
    EXCUSED = "excused", "请假"
    DELEGATED = "delegated", "委托出席"


class CommitmentDirection(LabelledEnum):
    UNIT_TO_COMMUNITY = "unit_to_community", "单位→社区"
    COMMUNITY_TO_UNIT = "community_to_unit", "社区→单位"


class CommitmentState(LabelledEnum):
    PROPOSED = "proposed", "已提出"
    ACCEPTED = "accepted", "已认领"
    IN_PROGRESS = "in_progress", "推进中"
    FULFILLED = "fulfilled", "已履诺"
    CANCELLED = "cancelled", "已取消"


class Rating(LabelledEnum):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


RATING_SCORES: dict[Rating, int] = {
    Rating.SATISFIED: 100,
    Rating.BASICALLY_SATISFIED: 80,
    Rating.UNSATISFIED: 40,
}


class AuditAction(LabelledEnum):
    INSERT = "insert", "新增"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
