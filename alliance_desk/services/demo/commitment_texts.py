"""What the demo's commitments promise, how their progress reads, and what the two
sides say when they rate each other."""

from __future__ import annotations

import random

from alliance_desk.core.vocab import Rating
from alliance_desk.services.demo.common import draw_int, pick

# (category, template) — a unit promises its alliance's community (单位→社区).
UNIT_TO_COMMUNITY: tuple[tuple[str, str], ...] = (
    ("志愿服务", "组织在职党员到{community}开展{work}，全年不少于{n}次"),
    ("志愿服务", "每季度选派{n}名党员志愿者参与{community}{work}"),
    ("阵地共享", "向{community}开放本单位会议室和活动场地，每月不少于{n}次，用于{work}"),
    ("物资帮扶", "为{community}{work}提供物资支持，折合资金约{money}元"),
    ("专业服务", "选派业务骨干到{community}开展{work}专题讲座{n}场"),
    ("共建项目", "认领{community}“{theme}”共建项目1项（{work}），按期完成并向居民公示"),
    ("结对帮扶", "结对帮扶{community}困难家庭{n}户，节日期间上门走访慰问"),
    ("专业服务", "为{community}居民提供{work}上门服务不少于{n}次"),
)
# (category, template) — the community promises a member unit (社区→单位).
COMMUNITY_TO_UNIT: tuple[tuple[str, str], ...] = (
    ("服务保障", "为{unit}在职党员到社区报到提供服务岗位清单，每季度反馈服务情况"),
    ("场地保障", "协调党群服务中心场地，保障{unit}开展主题党日活动{n}次"),
    ("信息沟通", "每季度向{unit}通报社区需求清单和居民意见建议"),
    ("组织动员", "组织居民志愿者配合{unit}开展{work}"),
    ("协调服务", "协调解决{unit}周边{problem}问题，及时反馈办理结果"),
    ("宣传推介", "在社区宣传栏和微信群宣传{unit}共建成效，并报送街道党工委"),
    ("服务保障", "协助{unit}做好职工子女假期托管服务"),
)

# Decisions that spawn commitments, and their commitment's wording.
DECISION_UNIT_TASK = (
    "由{unit}牵头，{month}月底前在{community}组织开展{work}，社区做好居民组织工作。"
)
UNIT_TASK = "在{community}组织开展{work}，{month}月底前完成"
UNIT_TASK_SUPPORT = "为{unit}在社区开展{work}做好场地保障和居民组织动员"
DECISION_SHARED = "{units}等{k}家成员单位分别认领“{theme}”{work}任务，{month}月底前完成并报送进展。"
SHARED_TASK = "认领“{theme}”{work}任务，{month}月底前完成"
DECISION_COMMUNITY = "社区负责协调{problem}问题，{month}月底前向{unit}反馈办理结果。"
COMMUNITY_TASK = "协调解决{unit}反映的{problem}问题，{month}月底前反馈办理结果"
DECISION_PROCEDURAL = (
    "会议同意将成员单位在职党员报到服务情况纳入年度考核。",
    "会议同意将“{work}”纳入联盟“四项清单”，予以上墙公示。",
    "下次联席会议由下一期轮值主席单位承办，时间另行通知。",
    "各成员单位按季度向社区报送在职党员报到服务情况。",
    "会议要求各成员单位于每月25日前将承诺事项进展报轮值主席单位汇总。",
)

PROGRESS_STEPS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (30, (
        "已制定工作方案，明确责任人和时间节点",
        "已与社区对接，完成前期摸底，走访居民{n}户",
        "已召开专题会议部署，落实人员和经费",
    )),
    (70, (
        "已组织开展活动{n}次，参与党员{m}人次",
        "工作按计划推进，已完成约一半任务",
        "已服务群众{m}人次，居民反映良好",
    )),
    (99, (
        "主体工作已完成，正在整理台账资料",
        "已完成大部分任务，剩余工作本月内完成",
        "活动已全部开展，正在征求居民意见",
    )),
    (100, (
        "已全部完成，待对方确认",
        "各项任务已完成，台账资料已报送社区",
    )),
)  # fmt: skip
EVIDENCE = (
    "活动照片{n}张", "签到表1份", "工作方案1份", "居民签字确认单1份",
    "活动照片{n}张、签到表1份", "物资发放登记表1份", "新闻报道1篇",
)  # fmt: skip

CANCEL_REASONS = (
    "因上级统一部署调整，该事项不再实施，经联席会议同意取消",
    "该项目已纳入市级民生工程统一实施，经双方协商一致取消",
    "居民需求发生变化，经双方协商一致取消",
    "场地改造无法如期提供，经协商取消，改列下一年度承诺",
    "与其他成员单位承诺内容重复，合并办理后取消",
)
PARTY_LEFT_REASON = "承诺相关单位已退出联盟，经联席会议同意，该事项不再办理"
EXTENSION_PREFIX = "到期日期由"
"""How ``services.commitments.extend_due`` starts the progress line it writes."""
EXTENSION_REASONS = (
    "受天气影响，施工延后",
    "需待上级资金到位后实施",
    "居民意见尚未统一，需进一步征求意见",
    "承办单位人员调整，工作交接中",
)

COMMENTS: dict[Rating, tuple[str, ...]] = {
    Rating.SATISFIED: (
        "按时完成，效果很好", "服务热情周到，居民反映良好", "配合积极，沟通顺畅",
        "组织有力，群众满意", "", "",
    ),
    Rating.BASICALLY_SATISFIED: (
        "总体完成，但进度稍慢", "活动形式还可以更丰富", "宣传发动还需加强", "",
    ),
    Rating.UNSATISFIED: (
        "未按约定时间完成，居民意见较大", "落实不到位，需进一步改进", "沟通不及时，效果不明显",
    ),
}  # fmt: skip
YEAR_COMMENTS: dict[Rating, tuple[str, ...]] = {
    Rating.SATISFIED: (
        "全年共建积极主动，承诺事项全部兑现", "参与联盟活动积极，作用发挥明显", "",
    ),
    Rating.BASICALLY_SATISFIED: (
        "全年承诺基本兑现，个别事项进度偏慢", "参与活动较少，希望加强联系",
    ),
    Rating.UNSATISFIED: ("参加联席会议和共建活动较少，承诺落实不到位",),
}  # fmt: skip


def fill(rng: random.Random, template: str, **names: object) -> str:
    """A template with its slots; the numbers are drawn here."""
    return template.format(
        n=draw_int(rng, 2, 6), m=draw_int(rng, 20, 180), money=pick(rng, (2000, 3000, 5000, 8000)),
        **names,
    )  # fmt: skip


def progress_note(rng: random.Random, percent: int, previous: str = "") -> str:
    """A note fitting ``percent``; not the same words as the ``previous`` line."""
    notes = next((n for ceiling, n in PROGRESS_STEPS if percent <= ceiling), PROGRESS_STEPS[-1][1])
    fresh = [n for n in notes if not previous.startswith(n[:6])] or list(notes)
    return fill(rng, pick(rng, fresh))


def evidence(rng: random.Random) -> str:
    return fill(rng, pick(rng, EVIDENCE)) if rng.random() < 0.55 else ""
