"""The 社区工作日 area: units reporting to communities, their in-service members (在职党员)
with state histories, service posts and claims, three years of activities with attendance
and confirmed hours, helping pairs with visits, the year-end evaluations and the settings.

At ``--scale 1`` (the article's street): about 3,300 members — each unit sends a share of
its 党员人数, so no unit has more members on the roll than party members — about 1,450
activities (21 a year per community), 312 helping pairs with their visits; a few members
moved, retired or transferred out, and a few units well below the 95 % 报到率 line.
Times are office hours; everything follows from the seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from alliance_desk.core.vocab import MembershipRole, UnitCategory
from alliance_desk.core.workday.hours import Attendance
from alliance_desk.core.workday.states import MemberState
from alliance_desk.services.demo import people
from alliance_desk.services.demo.common import DEMO_TODAY, DemoData, Row, child_rng, draw_int, pick
from alliance_desk.services.demo.timeline import Workdays
from alliance_desk.services.workday.common import DEFAULT_POST_CATEGORIES, HARDSHIP_CATEGORIES
from alliance_desk.services.workday.members import name_order
from alliance_desk.storage.models import (
    HelpPair,
    MemberEvaluation,
    Membership,
    MemberTransition,
    PairVisit,
    PostClaim,
    ServiceAttendance,
    ServicePost,
    ServicePostCategory,
    Unit,
    UnitReport,
    WorkdayActivity,
    WorkdayMember,
    WorkdaySettings,
)

TODAY = DEMO_TODAY
FIRST_DAY = date(TODAY.year - 2, 1, 1)
ACTIVITIES_PER_COMMUNITY_YEAR = 21
PAIRS_PER_COMMUNITY = 13
TARGET_HOURS = 8.0
LAGGING_UNIT_SHARE = 0.08
"""Units whose roll is still largely 应报到 (below the threshold)."""

ACTIVITY_TEXTS: dict[str, tuple[str, ...]] = {
    "政策宣讲": (
        "宣讲医保新政和参保缴费办法",
        "解读养老服务补贴政策",
        "宣讲防范电信诈骗知识",
        "讲解老旧小区改造政策",
        "宣讲就业创业扶持政策",
    ),
    "送党课": (
        "为小区党员讲授专题党课",
        "学习党的二十大精神微党课",
        "结合红色故事讲党史",
        "为流动党员送学上门",
    ),
    "环境整治": (
        "清理楼道杂物和小广告",
        "整治背街小巷卫生死角",
        "清运小区积存垃圾",
        "开展垃圾分类入户宣传",
        "清理绿化带白色垃圾",
    ),
    "治安巡逻": ("夜间治安巡逻", "重点时段平安巡逻", "排查小区消防隐患", "护学岗值守"),
    "文明劝导": ("路口文明交通劝导", "劝导不文明养犬行为", "劝导占道经营", "文明祭扫劝导"),
    "关爱帮扶": (
        "走访慰问空巢老人",
        "为困难家庭送米面油",
        "为残疾人家庭义务维修电器",
        "为困境儿童辅导功课",
    ),
    "文体活动": (
        "组织社区广场舞展演",
        "开展邻里节趣味运动会",
        "举办书法义写春联",
        "社区读书分享会",
    ),
    "志愿服务": ("义诊测血压", "义务理发", "法律咨询进社区", "家电义务维修", "协助疫苗接种引导"),
}
SKILLS = (
    "法律咨询", "医疗保健", "文艺表演", "书法绘画", "电器维修", "心理疏导",
    "教育辅导", "摄影摄像", "计算机", "理论宣讲", "体育健身", "",
)  # fmt: skip
INTENTIONS = tuple(DEFAULT_POST_CATEGORIES)
POSITIONS = ("科员", "副科长", "科长", "副主任", "主任", "干部", "职员", "工程师", "教师", "医生")
ESTATES = (
    "幸福小区", "阳光花园", "锦绣家园", "和平小区", "铁东小区", "城南新村", "金城苑",
    "翠园小区", "明珠花园", "康宁小区", "春华苑", "福顺家园", "惠民小区", "嘉和园",
)  # fmt: skip
EXIT_REASONS: dict[MemberState, tuple[str, ...]] = {
    MemberState.MOVED: ("调往市直其他单位", "交流到乡镇任职", "调往省直单位"),
    MemberState.RETIRED: ("到龄退休", "因病提前退休"),
    MemberState.TRANSFERRED: ("组织关系转往外地", "随迁转出"),
}
PAIR_MEASURES = (
    "每月上门走访一次，帮助申请低保和医疗救助",
    "定期代购生活用品，陪同就医",
    "帮助联系就业岗位，辅导孩子功课",
    "节日慰问，帮助维修家电和水电",
    "协调社区志愿者结对照护",
)
VISIT_TEXTS = (
    "上门了解近况，帮助打扫卫生",
    "送去米面油等生活用品",
    "陪同到医院复查",
    "帮助办理医保报销手续",
    "辅导孩子完成作业",
    "维修漏水的水龙头",
    "了解就业需求并推荐岗位",
    "节日慰问并送去慰问金",
)
END_REASONS = ("帮扶对象已搬离本社区", "家庭困难已解除", "帮扶人工作调动，另行结对")
PLACES = ("党群服务中心", "广场", "活动室", "辖区小区")
COMMENTS = {
    "good": ("积极参加社区活动，服务热情", "带头认领岗位，群众评价高", "主动走访帮扶对象"),
    "fairly_good": ("能按时参加活动", "服务认真，参与次数较多"),
    "average": ("参加活动次数偏少", "希望今后更多参与社区服务"),
    "poor": ("全年很少参加社区活动",),
}


def _address(rng: random.Random) -> str:
    building, unit, floor, door = (draw_int(rng, 1, n) for n in (24, 6, 18, 4))
    return f"{pick(rng, ESTATES)}{building}栋{unit}单元{floor}0{door}"


def _moment(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def generate_workday(rng: random.Random, scale: int, data: DemoData) -> None:
    units_rng, members_rng, posts_rng, acts_rng, pairs_rng, eval_rng = (
        child_rng(rng) for _ in range(6)
    )
    days = Workdays()
    blocks = _blocks(data.of(Unit))
    home = _home_communities(data)
    reports: list[Row] = []
    members: list[Row] = []
    transitions: list[Row] = []
    by_community: dict[int, list[Row]] = {}
    for communities, others in blocks:
        community_ids = [c["id"] for c in communities]
        for unit in others:
            if not unit["active"]:
                continue
            community = home.get(unit["id"]) or pick(units_rng, community_ids)
            reported_on = days.between(units_rng, FIRST_DAY, FIRST_DAY + timedelta(days=120))
            reports.append(
                {
                    "id": len(reports) + 1,
                    "unit_id": unit["id"],
                    "community_unit_id": community,
                    "reported_on": reported_on,
                    "member_count": 0,
                    "agreement": (
                        f"{unit['party_org_name']}与社区党委签订共建协议：每季度至少开展一次"
                        "社区工作日活动，组织在职党员到居住地社区报到、认领服务岗位。"
                    ),
                    "attachment_name": "",
                    "version": 1,
                }
            )
            count = _roll_size(units_rng, unit["party_member_count"])
            lagging = units_rng.random() < LAGGING_UNIT_SHARE
            added = _members(
                members_rng,
                days,
                unit,
                community,
                community_ids,
                reported_on,
                count,
                lagging,
                members,
                transitions,
            )
            reports[-1]["member_count"] = added
            for row in members[len(members) - added :]:
                if row["community_unit_id"] is not None:
                    by_community.setdefault(row["community_unit_id"], []).append(row)
    posts, claims = _posts(posts_rng, blocks, by_community)
    activities, attendance = _activities(acts_rng, days, blocks, by_community)
    pairs, visits = _pairs(pairs_rng, days, blocks, by_community)
    evaluations = _evaluations(eval_rng, members, attendance)
    data.add(
        WorkdaySettings,
        [{"id": 1, "target_hours": TARGET_HOURS, "report_threshold": 0.95, "version": 1}],
    )
    data.add(
        ServicePostCategory,
        [
            {"id": i + 1, "name": n, "position": i, "version": 1}
            for i, n in enumerate(DEFAULT_POST_CATEGORIES)
        ],
    )
    data.add(UnitReport, reports)
    data.add(WorkdayMember, members)
    data.add(MemberTransition, transitions)
    data.add(ServicePost, posts)
    data.add(PostClaim, claims)
    data.add(WorkdayActivity, activities)
    data.add(ServiceAttendance, attendance)
    data.add(HelpPair, pairs)
    data.add(PairVisit, visits)
    data.add(MemberEvaluation, evaluations)


def _blocks(units: list[Row]) -> list[tuple[list[Row], list[Row]]]:
    """Each street's communities and other units (the register writes them block by block)."""
    blocks: list[tuple[list[Row], list[Row]]] = []
    for unit in units:
        is_community = unit["category"] is UnitCategory.COMMUNITY
        if not blocks or (is_community and blocks[-1][1]):
            blocks.append(([], []))
        blocks[-1][0 if is_community else 1].append(unit)
    return blocks


def _home_communities(data: DemoData) -> dict[int, int]:
    """unit id → the community that leads the first alliance the unit joined."""
    communities = {u["id"] for u in data.of(Unit) if u["category"] is UnitCategory.COMMUNITY}
    leads: dict[int, int] = {}
    for m in data.of(Membership):
        if m["role"] is MembershipRole.LEAD and m["unit_id"] in communities:
            leads.setdefault(m["alliance_id"], m["unit_id"])
    home: dict[int, int] = {}
    for m in sorted(data.of(Membership), key=lambda r: (r["joined_on"], r["id"])):
        if m["unit_id"] not in communities and m["alliance_id"] in leads:
            home.setdefault(m["unit_id"], leads[m["alliance_id"]])
    return home


def _roll_size(rng: random.Random, party_members: int) -> int:
    """The in-service members a unit sends: 55–63 % of its 党员人数 (the rest are retired
    or work elsewhere), never more than it has."""
    return min(party_members, round(party_members * (0.55 + 0.08 * rng.random())))


def _members(
    rng: random.Random,
    days: Workdays,
    unit: Row,
    community: int,
    community_ids: list[int],
    unit_reported: date,
    count: int,
    lagging: bool,
    out: list[Row],
    transitions: list[Row],
) -> int:
    for _ in range(count):
        member_id = len(out) + 1
        personal = rng.random() < 0.3
        reports_to = pick(rng, community_ids) if personal else community
        roll = rng.random()
        not_yet = roll < (0.35 if lagging else 0.015)
        reported_on = (
            None
            if not_yet
            else days.between(rng, unit_reported, min(unit_reported + timedelta(days=200), TODAY))
        )
        state = MemberState.EXPECTED if not_yet else MemberState.REPORTED
        name = people.person_name(rng)
        row: Row = {
            "id": member_id,
            "name": name,
            "name_order": name_order(name),
            "gender": "男" if rng.random() < 0.56 else "女",
            "unit_id": unit["id"],
            "position": pick(rng, POSITIONS),
            "phone": people.mobile(rng),
            "residence": _address(rng),
            "community_unit_id": reports_to,
            "grid": f"第{draw_int(rng, 1, 8)}网格",
            "skills": pick(rng, SKILLS),
            "intention": pick(rng, INTENTIONS),
            "report_mode": "personal" if personal else "unit",
            "reported_on": reported_on,
            "state": state.value,
            "state_reason": "",
            "state_changed_on": reported_on,
            "version": 1,
        }
        out.append(row)
        if reported_on is None:
            continue
        _move(transitions, member_id, MemberState.EXPECTED, MemberState.REPORTED, reported_on, "")
        if rng.random() < 0.8:
            sent = days.on_or_after(reported_on + timedelta(days=draw_int(rng, 5, 30)))
            _move(transitions, member_id, MemberState.REPORTED, MemberState.RECEIPT_SENT, sent, "")
            row["state"] = MemberState.RECEIPT_SENT.value
            row["state_changed_on"] = sent
        if rng.random() < 0.02:
            exit_state = pick(rng, tuple(EXIT_REASONS))
            left = days.between(rng, TODAY - timedelta(days=300), TODAY - timedelta(days=10))
            left = max(left, row["state_changed_on"] + timedelta(days=1))
            reason = pick(rng, EXIT_REASONS[exit_state])
            _move(transitions, member_id, MemberState(row["state"]), exit_state, left, reason)
            row.update(state=exit_state.value, state_reason=reason, state_changed_on=left)
    return count


def _move(
    out: list[Row], member_id: int, old: MemberState, new: MemberState, on: date, reason: str
) -> None:
    out.append(
        {
            "id": len(out) + 1,
            "member_id": member_id,
            "from_state": old.value,
            "to_state": new.value,
            "changed_on": on,
            "reason": reason,
            "actor": "",
            "recorded_at": _moment(on, 9 * 60 + (len(out) * 7) % 480),
        }
    )


def _active(row: Row) -> bool:
    return row["state"] in (MemberState.REPORTED.value, MemberState.RECEIPT_SENT.value)


def _posts(
    rng: random.Random,
    blocks: list[tuple[list[Row], list[Row]]],
    by_community: dict[int, list[Row]],
) -> tuple[list[Row], list[Row]]:
    posts: list[Row] = []
    claims: list[Row] = []
    for communities, _others in blocks:
        for community in communities:
            pool = [m for m in by_community.get(community["id"], []) if _active(m)]
            for category in DEFAULT_POST_CATEGORIES:
                needed = draw_int(rng, 3, 12)
                post_id = len(posts) + 1
                posts.append(
                    {
                        "id": post_id,
                        "community_unit_id": community["id"],
                        "category": category,
                        "name": f"{category}岗",
                        "needed": needed,
                        "description": pick(rng, ACTIVITY_TEXTS[category]),
                        "active": True,
                        "version": 1,
                    }
                )
                wanted = [m for m in pool if m["intention"] == category]
                for member in wanted[: draw_int(rng, needed // 2, needed)]:
                    claims.append(
                        {
                            "id": len(claims) + 1,
                            "post_id": post_id,
                            "member_id": member["id"],
                            "claimed_on": member["reported_on"]
                            + timedelta(days=draw_int(rng, 0, 20)),
                            "version": 1,
                        }
                    )
    return posts, claims


def _activities(
    rng: random.Random,
    days: Workdays,
    blocks: list[tuple[list[Row], list[Row]]],
    by_community: dict[int, list[Row]],
) -> tuple[list[Row], list[Row]]:
    activities: list[Row] = []
    attendance: list[Row] = []
    categories = tuple(ACTIVITY_TEXTS)
    busy: set[tuple[int, date]] = set()
    total_days = (TODAY - FIRST_DAY).days
    for communities, others in blocks:
        for community in communities:
            pool = by_community.get(community["id"], [])
            # some members serve often, most now and then
            weights = [1 + 6 * (rng.random() ** 3) for _ in pool]
            count = round(ACTIVITIES_PER_COMMUNITY_YEAR * total_days / 365)
            for _ in range(count):
                day = days.between(rng, FIRST_DAY, TODAY - timedelta(days=1))
                morning = rng.random() < 0.6
                start = (9 * 60 if morning else 14 * 60 + 30) + 30 * draw_int(rng, -1, 1)
                length = 30 * draw_int(rng, 3, 6)
                category = pick(rng, categories)
                organiser = f"{community['name']}党委"
                if others and rng.random() < 0.5:
                    organiser += f"、{pick(rng, others)['party_org_name']}"
                planned = draw_int(rng, 8, 24)
                activity_id = len(activities) + 1
                activities.append(
                    {
                        "id": activity_id,
                        "held_on": day,
                        "community_unit_id": community["id"],
                        "category": category,
                        "content": pick(rng, ACTIVITY_TEXTS[category]),
                        "organiser": organiser,
                        "planned_start": _moment(day, start),
                        "planned_end": _moment(day, start + length),
                        "planned_participants": planned,
                        "location": community["name"] + pick(rng, PLACES),
                        "version": 1,
                    }
                )
                present = [
                    m
                    for m in pool
                    if m["reported_on"] is not None
                    and m["reported_on"] <= day
                    and (_active(m) or m["state_changed_on"] > day)
                ]
                if not present:
                    continue
                chosen = _sample(
                    rng,
                    present,
                    weights,
                    pool,
                    min(len(present), draw_int(rng, planned - 6, planned + 2)),
                )
                confirmed = day <= TODAY - timedelta(days=14)
                for member in chosen:
                    if (member["id"], day) in busy:  # one activity a day each: no overlaps
                        continue
                    busy.add((member["id"], day))
                    attendance.append(
                        _attendance(
                            rng,
                            len(attendance) + 1,
                            activity_id,
                            member,
                            day,
                            start,
                            length,
                            confirmed,
                        )
                    )
                    if confirmed and rng.random() < 0.004:
                        old = attendance[-1]
                        old["superseded"] = True
                        fixed = dict(old)
                        fixed.update(
                            id=len(attendance) + 1,
                            superseded=False,
                            corrects_id=old["id"],
                            correction_reason="签到表誊录有误，按原始签到表更正",
                        )
                        if fixed["sign_out"] is not None:
                            fixed["sign_out"] = fixed["sign_out"] + timedelta(minutes=30)
                            fixed["hours"] = round(
                                (fixed["sign_out"] - fixed["sign_in"]).total_seconds() / 3600, 1
                            )
                        attendance.append(fixed)
    return activities, attendance


def _sample(
    rng: random.Random, present: list[Row], weights: list[float], pool: list[Row], k: int
) -> list[Row]:
    if k <= 0:
        return []
    index = {m["id"]: i for i, m in enumerate(pool)}
    w = [weights[index[m["id"]]] for m in present]
    chosen: dict[int, Row] = {}
    tries = 0
    while len(chosen) < k and tries < k * 4:
        member = rng.choices(present, weights=w)[0]
        chosen.setdefault(member["id"], member)
        tries += 1
    return list(chosen.values())


def _attendance(
    rng: random.Random,
    row_id: int,
    activity_id: int,
    member: Row,
    day: date,
    start: int,
    length: int,
    confirmed: bool,
) -> Row:
    roll = rng.random()
    kind = (
        Attendance.NORMAL
        if roll < 0.86
        else Attendance.LATE
        if roll < 0.91
        else Attendance.LEAVE
        if roll < 0.96
        else Attendance.ABSENT
    )
    sign_in = sign_out = None
    hours = 0.0
    if kind is Attendance.NORMAL or kind is Attendance.LATE:
        late = draw_int(rng, 15, 40) if kind is Attendance.LATE else draw_int(rng, -10, 5)
        sign_in = _moment(day, start + late)
        sign_out = _moment(day, start + length + draw_int(rng, -10, 15))
        hours = round((sign_out - sign_in).total_seconds() / 3600, 1)
    return {
        "id": row_id,
        "activity_id": activity_id,
        "member_id": member["id"],
        "planned_in": _moment(day, start),
        "planned_out": _moment(day, start + length),
        "sign_in": sign_in,
        "sign_out": sign_out,
        "attendance": kind.value,
        "hours": hours,
        "confirmed": confirmed,
        "confirmed_on": day + timedelta(days=draw_int(rng, 1, 10)) if confirmed else None,
        "superseded": False,
        "corrects_id": None,
        "correction_reason": "",
        "version": 1,
    }


def _pairs(
    rng: random.Random,
    days: Workdays,
    blocks: list[tuple[list[Row], list[Row]]],
    by_community: dict[int, list[Row]],
) -> tuple[list[Row], list[Row]]:
    pairs: list[Row] = []
    visits: list[Row] = []
    for communities, _others in blocks:
        for community in communities:
            pool = [
                m for m in by_community.get(community["id"], []) if m["reported_on"] is not None
            ]
            if not pool:
                continue
            for _ in range(PAIRS_PER_COMMUNITY):
                member = pick(rng, pool)
                start = max(member["reported_on"], FIRST_DAY) + timedelta(
                    days=draw_int(rng, 10, 200)
                )
                start = days.on_or_after(min(start, TODAY - timedelta(days=30)))
                ended = None
                reason = ""
                left = not _active(member)
                if left or rng.random() < 0.06:
                    ended = min(
                        TODAY - timedelta(days=1),
                        (
                            member["state_changed_on"]
                            if left
                            else start + timedelta(days=draw_int(rng, 90, 400))
                        ),
                    )
                    ended = max(ended, start + timedelta(days=1))
                    reason = END_REASONS[2] if left else pick(rng, END_REASONS[:2])
                pair_id = len(pairs) + 1
                pairs.append(
                    {
                        "id": pair_id,
                        "member_id": member["id"],
                        "household": people.person_name(rng),
                        "household_address": _address(rng),
                        "household_phone": people.mobile(rng) if rng.random() < 0.8 else "",
                        "hardship": pick(rng, HARDSHIP_CATEGORIES),
                        "paired_on": start,
                        "measures": pick(rng, PAIR_MEASURES),
                        "state": "ended" if ended else "paired",
                        "ended_on": ended,
                        "end_reason": reason,
                        "version": 1,
                    }
                )
                last = ended or TODAY - timedelta(days=1)
                visit = days.on_or_after(start + timedelta(days=draw_int(rng, 3, 20)))
                while visit <= last:
                    visits.append(
                        {
                            "id": len(visits) + 1,
                            "pair_id": pair_id,
                            "visited_on": visit,
                            "content": pick(rng, VISIT_TEXTS),
                            "version": 1,
                        }
                    )
                    visit = days.on_or_after(visit + timedelta(days=draw_int(rng, 40, 120)))
    return pairs, visits


def _evaluations(rng: random.Random, members: list[Row], attendance: list[Row]) -> list[Row]:
    """The community's year-end 评价 of last year, by how much each member served."""
    year = TODAY.year - 1
    served: dict[int, int] = {}
    for row in attendance:
        if not row["superseded"] and row["sign_in"] is not None and row["sign_in"].year == year:
            served[row["member_id"]] = served.get(row["member_id"], 0) + 1
    out: list[Row] = []
    for member in members:
        if member["reported_on"] is None or member["reported_on"].year > year:
            continue
        times = served.get(member["id"], 0)
        rating = (
            "good"
            if times >= 4
            else "fairly_good"
            if times >= 2
            else "average"
            if times
            else "poor"
        )
        if rating != "poor" and rng.random() < 0.1:
            rating = "fairly_good" if rating == "good" else "average"
        out.append(
            {
                "id": len(out) + 1,
                "member_id": member["id"],
                "year": year,
                "quarter": 0,
                "rating": rating,
                "comment": pick(rng, COMMENTS[rating]),
                "version": 1,
            }
        )
    return out
