"""四项清单 vocabularies: stored codes (English) and the words clerks use (Chinese)."""

from __future__ import annotations

from alliance_desk.core.vocab import LabelledEnum


class NeedState(LabelledEnum):
    PENDING = "pending", "待核实"
    VERIFIED = "verified", "已核实"
    MATCHED = "matched", "已对接"
    DONE = "done", "已办结"
    RATED = "rated", "已评议"
    MERGED = "merged", "已合并"
    REFERRED = "referred", "已转办"
    REJECTED = "rejected", "不予受理"


class NeedSource(LabelledEnum):
    HOME_VISIT = "home_visit", "入户走访"
    FORUM = "forum", "座谈会"
    CONSULTATION = "consultation", "征求意见"
    MAILBOX = "mailbox", "民情信箱"
    UNIT_VISIT = "unit_visit", "报到单位走访"
    HOTLINE = "hotline", "12345"
    OTHER = "other", "其他"


class Proposer(LabelledEnum):
    RESIDENT = "resident", "居民"
    UNIT = "unit", "驻区单位"
    PARTY_MEMBER = "party_member", "党员"


class Urgency(LabelledEnum):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "较急"
    CRITICAL = "critical", "紧急"


class ResourceCategory(LabelledEnum):
    VENUE = "venue", "阵地场地"
    TALENT = "talent", "人才专长"
    POLICY = "policy", "政策"
    EDUCATION = "education", "教育"
    CULTURE = "culture", "文体"
    MATERIAL = "material", "物资"
    FUNDS = "funds", "资金"
    OTHER = "other", "其他"


class ResourceState(LabelledEnum):
    ACTIVE = "active", "有效"
    PAUSED = "paused", "暂停"
    EXPIRED = "expired", "失效"


class ProjectState(LabelledEnum):
    DRAFT = "draft", "拟定"
    PUBLISHED = "published", "公示待认领"
    CLAIMED = "claimed", "已认领"
    IN_PROGRESS = "in_progress", "实施中"
    DONE = "done", "已办结"
    RATED = "rated", "已评议"
    SHELVED = "shelved", "搁置"
    WITHDRAWN = "withdrawn", "撤销"


class ProjectOrigin(LabelledEnum):
    MEETING = "meeting", "联席会议对接"
    VOLUNTEERED = "volunteered", "揭榜认领"
    ASSIGNED = "assigned", "协调认领"


#: The need categories a new database starts with; the clerk may edit the list.
DEFAULT_NEED_CATEGORIES: tuple[str, ...] = (
    "养老服务", "环境整治", "就业帮扶", "助残", "教育", "文体", "法律", "平安", "其他",
)  # fmt: skip
