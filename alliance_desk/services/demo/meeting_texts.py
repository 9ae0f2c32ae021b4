"""What the demo's joint meetings talk about: work items per theme, agenda titles,
per-item minutes, places and guests. Texts read like a street office's own records."""

from __future__ import annotations

import random

from alliance_desk.core.vocab import AgendaKind
from alliance_desk.services.demo.common import draw_int, pick

#: Concrete work under each alliance theme (the name in “” of the alliance).
THEME_WORK: dict[str, tuple[str, ...]] = {
    "红色物业": ("小区停车秩序整治", "楼道堆物清理", "物业服务质量评议", "老旧设施维修"),
    "银发关爱": ("高龄老人助餐服务", "空巢老人上门探访", "老年人健康体检", "适老化改造入户评估"),
    "平安建设": ("夜间治安巡逻", "矛盾纠纷排查化解", "防范电信诈骗宣传", "重点场所安全检查"),
    "法润民心": ("法律咨询进社区", "民法典宣传", "邻里纠纷人民调解", "法律援助服务"),
    "健康守护": ("社区义诊", "慢性病随访", "健康知识讲座", "家庭医生签约服务"),
    "护苗成长": ("课后托管服务", "青少年安全教育", "假期社会实践", "困境儿童关爱"),
    "就业帮扶": ("就业岗位推介", "职业技能培训", "创业指导", "就业困难人员帮扶"),
    "消防安全": ("消防隐患排查", "应急疏散演练", "电动自行车充电安全检查", "消防知识进楼入户"),
    "食品安全": ("食品安全检查", "放心消费创建", "诚信经营承诺", "校园周边食品整治"),
    "文化惠民": ("广场文艺演出", "全民阅读活动", "非遗展示", "书法摄影作品展"),
    "美丽家园": ("环境卫生整治", "背街小巷改造", "绿化美化", "小广告清理"),
    "垃圾分类": ("垃圾分类桶前值守", "垃圾分类入户宣传", "分类设施更新", "积分兑换活动"),
    "拥军优属": ("退役军人走访慰问", "军属优待政策宣传", "双拥共建活动", "退役军人就业推荐"),
    "助企惠民": ("惠企政策宣讲", "金融知识进社区", "营商环境问需", "小微企业融资对接"),
    "志愿同行": ("邻里互助志愿服务", "爱心帮扶", "文明劝导", "志愿者培训"),
    "智慧服务": ("网格信息采集", "老年人智能手机培训", "政务服务代办", "社区信息平台建设"),
    "便民服务": ("水电气暖上门服务", "便民维修", "邮政便民服务", "公交线路意见征集"),
    "助残帮困": ("残疾人家庭走访", "康复服务", "困难群众救助", "无障碍设施改造"),
    "老旧小区改造": ("地下管网更新", "加装电梯意见征集", "改造后长效管理", "屋面防水维修"),
    "文明创建": ("文明家庭评选", "最美邻里评选", "移风易俗宣传", "志愿服务积分管理"),
    "邻里守望": ("党员中心户联系群众", "邻里互助", "困难群众关爱", "楼栋议事会"),
    "红色宣讲": ("理论宣讲进社区", "惠民政策宣讲", "红色故事分享会", "党史学习教育"),
    "党员先锋": ("在职党员报到服务", "党员志愿岗认领", "主题党日共建", "党员示范岗创建"),
    "诚信经营": ("诚信经营承诺", "价格监督检查", "产品质量宣传", "消费维权服务"),
    "绿色低碳": ("节能减排宣传", "植树护绿", "绿色出行倡导", "节水节电活动"),
    "心理关爱": ("心理健康讲座", "心理疏导服务", "青少年心理辅导", "老年人情感陪伴"),
    "民族团结": ("民族团结进步宣传", "各族群众联谊", "民族政策宣讲", "民族团结创建"),
    "教育共建": ("运动场馆开放", "家庭教育讲座", "校社共建活动", "课后服务"),
}
DEFAULT_WORK = ("志愿服务", "共建活动", "走访慰问", "政策宣讲")

PROBLEMS = ("停车秩序", "道路照明", "环境卫生", "门前三包", "施工扰民", "占道经营", "管网漏水")

ROOMS = ("会议室", "二楼会议室", "三楼会议室", "党员活动室", "党建活动室", "多功能厅")
COMMUNITY_ROOMS = ("党群服务中心会议室", "党群服务中心二楼议事厅", "新时代文明实践站", "居民议事厅")

GUESTS = (
    "街道党工委", "街道党工委", "街道办事处", "市委组织部基层组织建设科",
    "市委社会工作部", "社区居民代表", "市人大代表", "小区业主委员会", "社区网格员",
)  # fmt: skip

#: (hour, minute) a meeting starts at; mornings from 9, afternoons from 14.
START_TIMES = ((9, 0), (9, 0), (9, 30), (10, 0), (14, 0), (14, 30), (14, 30), (15, 0))


def works(theme_name: str) -> tuple[str, ...]:
    return THEME_WORK.get(theme_name, DEFAULT_WORK)


def period_name(year: int, month: int) -> str:
    quarter = "一二三四"[(month - 1) // 3]
    return f"{year}年第{quarter}季度"


def place(rng: random.Random, host: str, community: str) -> str:
    if host == community or rng.random() < 0.35:
        return community + pick(rng, COMMUNITY_ROOMS)
    return host + pick(rng, ROOMS)


# --- agenda ---------------------------------------------------------------------------
def briefing_title(rng: random.Random, work: str, theme: str, when: str, unit: str) -> str:
    return pick(rng, (
        f"通报{when}“{theme}”共建工作进展",
        "通报在职党员到社区报到服务情况",
        "通报“四项清单”需求认领和项目进展情况",
        f"{unit}通报{work}开展情况",
        f"通报{work}工作情况",
    ))  # fmt: skip


def discussion_title(rng: random.Random, work: str, problem: str) -> str:
    return pick(rng, (
        f"研究{work}工作方案",
        f"讨论辖区{problem}问题解决办法",
        f"研究“{work}”共建项目实施计划",
        "研究群众反映集中的急难愁盼问题",
    ))  # fmt: skip


def consultation_title(rng: random.Random, work: str) -> str:
    return pick(rng, (
        f"协商{work}任务分工",
        "协商成员单位资源共享清单",
        f"协商{work}活动经费和物资保障",
        "协商下一期轮值主席单位交接事宜",
    ))  # fmt: skip


def review_title(rng: random.Random, work: str, theme: str) -> str:
    return pick(rng, (
        f"评议“{theme}”共建项目完成情况",
        f"评议{work}活动成效",
        "评议成员单位履诺情况",
    ))  # fmt: skip


YEAR_PLAN_TITLE = "研究{year}年度联盟工作要点"
YEAR_REVIEW_TITLE = "评议{year}年度成员单位履诺情况并开展满意度测评"


def item_summary(
    rng: random.Random, kind: AgendaKind, presenter: str, title: str, other: str
) -> str:
    """The minutes' paragraph on one agenda item that was reached."""
    if kind is AgendaKind.BRIEFING:
        return (
            f"{presenter}作了通报。与会单位对相关工作表示认可，"
            f"{other}等单位就下一步工作提出意见建议{draw_int(rng, 2, 6)}条。"
        )
    if kind is AgendaKind.DISCUSSION:
        return (
            f"与会单位对该议题进行了讨论。{presenter}介绍了初步方案，"
            f"{other}等单位作了发言，会议形成一致意见（见议定事项）。"
        )
    if kind is AgendaKind.CONSULTATION:
        return (
            "经协商，各成员单位就该事项达成一致，明确了牵头单位、配合单位和完成时限，"
            "由轮值主席单位跟踪督办。"
        )
    satisfied = pick(rng, ("满意", "满意", "基本满意"))
    return (
        f"{presenter}介绍了有关情况，与会单位逐项进行了评议，总体评价为“{satisfied}”，"
        f"{other}等{draw_int(rng, 1, 3)}家单位提出了改进建议。"
    )


NOT_REACHED = "因时间关系，本议题未及讨论，顺延至下次会议。"


def review_summary(presenter: str, total: int, fulfilled: int, overdue: int) -> str:
    """The minutes on the 上次议定事项落实情况 item, with the figures of that day."""
    text = (
        f"{presenter}通报了议定事项和双向承诺落实情况：截至会前，本联盟在办承诺{total}项，"
        f"自上次会议以来已履诺{fulfilled}项"
    )
    if overdue:
        return text + f"，逾期未履诺{overdue}项，会议要求责任单位说明原因、限期办结。"
    return text + "，其余均按计划推进。"


def minutes_summary(
    when: str,
    title: str,
    place: str,
    host: str,
    expected: int,
    attended: int,
    guests: int,
    topics: list[str],
    decisions: int,
) -> str:
    heard = "；".join(topics)
    guest_text = f"，列席{guests}人" if guests else ""
    return (
        f"{when}，{title}在{place}召开。会议由{host}主持，"
        f"应到成员单位{expected}家，实到{attended}家{guest_text}。"
        f"会议议题：{heard}。会议形成议定事项{decisions}项。"
    )
