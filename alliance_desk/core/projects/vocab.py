"""Words of the secretary projects (书记项目), the task lists and the inspections."""

from __future__ import annotations

from alliance_desk.core.vocab import LabelledEnum


class ProjectCategory(LabelledEnum):
    PARTY_BUILDING = "party_building", "基层党建"
    CITY_MANAGEMENT = "city_management", "城市管理"
    COMMUNITY_GOVERNANCE = "community_governance", "社区治理"
    PUBLIC_SERVICE = "public_service", "公共服务"
    INFRASTRUCTURE = "infrastructure", "基础保障"


class ProjectState(LabelledEnum):
    DECLARED = "declared", "申报"
    APPROVED = "approved", "立项"
    REJECTED = "rejected", "否决"
    IN_PROGRESS = "in_progress", "实施中"
    POSTPONED = "postponed", "延期"
    ACCEPTANCE_REQUESTED = "acceptance_requested", "申请验收"
    ACCEPTED = "accepted", "验收"
    CLOSED = "closed", "结项"
    TERMINATED = "terminated", "终止"


class ReviewResult(LabelledEnum):
    PASSED = "passed", "通过"
    PASSED_AFTER_REVISION = "revised", "修改后通过"
    REJECTED = "rejected", "否决"


class AcceptanceGrade(LabelledEnum):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


#: The score a project's acceptance grade gives the 书记项目验收等次 indicator.
ACCEPTANCE_SCORES: dict[AcceptanceGrade, float] = {
    AcceptanceGrade.EXCELLENT: 100.0,
    AcceptanceGrade.GOOD: 85.0,
    AcceptanceGrade.PASS: 70.0,
    AcceptanceGrade.FAIL: 40.0,
}


class MilestoneState(LabelledEnum):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE_ON_TIME = "done_on_time", "按期完成"
    DONE_LATE = "done_late", "逾期完成"
    OVERDUE = "overdue", "逾期未完成"


class Alert(LabelledEnum):
    """预警 of a late milestone."""

    NONE = "none", "无"
    BLUE = "blue", "蓝色预警"
    YELLOW = "yellow", "黄色预警"
    RED = "red", "红色预警"


class InspectionMethod(LabelledEnum):
    PHONE = "phone", "电话调度"
    ON_SITE = "on_site", "现场"
    RECORDS = "records", "查资料"
    SPOT_CHECK = "spot_check", "抽查"


class TaskState(LabelledEnum):
    OPEN = "open", "推进中"
    DONE = "done", "已完成"
