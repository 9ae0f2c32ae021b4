"""党建联盟: one per community, led by the community's party committee."""

from __future__ import annotations

import random
from datetime import date

from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import ChairPeriod
from alliance_desk.services.demo.common import Row, random_date
from alliance_desk.services.demo.themes import THEMES, Theme
from alliance_desk.services.demo.units import UnitBlock

FOUNDED_FROM = date(2019, 1, 1)
FOUNDED_TO = date(2023, 12, 31)

# Per block of 24: mostly quarterly rotation, as in the article's streets.
_PERIOD_MIX = (
    (ChairPeriod.QUARTER,) * 14
    + (ChairPeriod.HALF_YEAR,) * 5
    + (ChairPeriod.MONTH,) * 3
    + (ChairPeriod.YEAR,) * 2
)
_PERIOD_WORDS = {
    ChairPeriod.MONTH: "每月",
    ChairPeriod.QUARTER: "每季度",
    ChairPeriod.HALF_YEAR: "每半年",
    ChairPeriod.YEAR: "每年",
}
_ARTICLES = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
_OPTIONAL_CLAUSES = (
    "联盟建立需求、资源、项目、责任“四项清单”，实行上墙公示、动态调整，确保需求与资源精准对接。",
    "成员单位在职党员到社区报到，每月至少参加一次“社区工作日”活动，亮身份、领岗位、作表率。",
    "成员单位每年认领至少一项共建项目，倒排工期、按期办结，完成情况向群众公开，接受群众评议。",
    "联席会议议定事项形成会议纪要，明确责任单位和完成时限，由轮值主席单位跟踪督办。",
    "成员单位因故退出联盟的，应当书面告知牵头单位，并交接尚未完成的承诺事项。",
    "联盟每年年底召开总结会议，通报履诺情况，评选优秀成员单位和先进个人。",
)


def charter(
    rng: random.Random, name: str, lead: str, theme: Theme, period: ChairPeriod, founded: date
) -> str:
    """A short 章程, one numbered article per line."""
    clauses = [
        f"{name}由{lead}牵头，驻区机关、企事业单位、非公企业和社会组织党组织自愿参加组成。",
        f"联盟坚持“党建引领、条块结合、共建共享、平等互利”的原则，围绕“{theme.name}”主题，"
        f"{theme.focus}。",
        f"联盟实行联席会议制度，原则上{_PERIOD_WORDS[period]}召开一次联席会议；实行轮值主席制度，"
        "由成员单位按轮值顺序担任轮值主席，负责召集会议、提出议题、督办议定事项。",
        "成员单位之间实行双向协商、双向承诺、双向服务、双向评价，年初公开承诺事项，"
        "年底开展满意度测评。",
    ]
    clauses += rng.sample(_OPTIONAL_CLAUSES, k=rng.randint(1, 3))
    clauses.append(
        f"本章程经联席会议通过，自{founded.year}年{founded.month}月{founded.day}日"
        f"起施行，由{lead}负责解释。"
    )
    return "\n".join(f"第{_ARTICLES[i]}条　{text}" for i, text in enumerate(clauses))


def build_alliances(
    rng: random.Random, blocks: list[UnitBlock], first_id: int = 1
) -> list[list[tuple[Row, Theme]]]:
    """Per block, each alliance row with its theme (the memberships use the keywords)."""
    result: list[list[tuple[Row, Theme]]] = []
    next_id = first_id
    for block in blocks:
        themes = rng.sample(THEMES, k=len(block.communities))
        periods = rng.sample(_PERIOD_MIX, k=len(_PERIOD_MIX))
        rows: list[tuple[Row, Theme]] = []
        for index, (community, theme) in enumerate(zip(block.communities, themes, strict=True)):
            name = f"{community['name']}“{theme.name}”党建联盟"
            lead = community["party_org_name"]
            period = periods[index % len(periods)]
            founded = random_date(rng, FOUNDED_FROM, FOUNDED_TO)
            row = {
                "id": next_id,
                "name": name,
                "name_key": normalize_name(name),
                "lead_organisation": lead,
                "founded_on": founded,
                "charter": charter(rng, name, lead, theme, period, founded),
                "chair_period": period,
                "active": True,
                "version": 1,
            }
            rows.append((row, theme))
            next_id += 1
        result.append(rows)
    return result
