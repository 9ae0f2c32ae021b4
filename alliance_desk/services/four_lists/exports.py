"""四项清单 to Excel: the four lists (one sheet each) and the 四项清单统计表.

The lists export is for the office (it keeps personal details); public prints go
through ``postings`` and are masked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from alliance_desk.core.four_lists.rates import GOOD_DEEDS_FORMULA, RATES, ListCounts
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.claims import list_claims
from alliance_desk.services.four_lists.needs import list_needs
from alliance_desk.services.four_lists.projects import list_projects
from alliance_desk.services.four_lists.resources import list_resources
from alliance_desk.services.four_lists.stats import ListStatistics
from alliance_desk.services.reports.xlsx_book import Sheet, write_workbook

NEED_HEADER = (
    "编号",
    "需求名称",
    "需求类别",
    "所属联盟",
    "所在社区",
    "网格",
    "来源",
    "提出主体",
    "提出人",
    "联系电话",
    "涉及户数或人数",
    "紧急程度",
    "登记人",
    "登记日期",
    "可公示",
    "状态",
    "状态说明",
    "需求内容",
)
RESOURCE_HEADER = (
    "编号",
    "所属联盟",
    "提供单位",
    "类别",
    "内容",
    "数量或时段",
    "联系人",
    "联系电话",
    "有效期至",
    "状态",
)
PROJECT_HEADER = (
    "编号",
    "项目名称",
    "所属联盟",
    "社区",
    "关联需求",
    "关联资源",
    "牵头单位",
    "参与单位",
    "认领单位",
    "来源",
    "计划开始",
    "计划结束",
    "状态",
    "公示日期",
    "认领日期",
    "办结日期",
    "内容措施",
    "预期成效",
    "完成情况",
)
CLAIM_HEADER = (
    "项目编号",
    "项目名称",
    "所属联盟",
    "认领单位",
    "责任人",
    "承诺内容",
    "完成时限",
    "节点",
    "承诺编号",
    "承诺状态",
    "履诺日期",
    "进度",
    "逾期",
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def export_lists(db: Database, path: str | Path, *, today: date) -> Path:
    needs = list_needs(db)
    resources = list_resources(db)
    projects = list_projects(db, today=today)
    claims = list_claims(db, today=today)
    sheets = [
        Sheet(
            "需求清单",
            NEED_HEADER,
            [
                [
                    n.code,
                    n.title,
                    n.category,
                    n.alliance_name,
                    n.community_name,
                    n.grid,
                    n.source.label,
                    n.proposer.label,
                    n.proposer_name,
                    n.proposer_phone,
                    n.households,
                    n.urgency.label,
                    n.registrar,
                    _day(n.registered_on),
                    "是" if n.public else "否",
                    n.state.label,
                    n.state_reason,
                    n.content,
                ]
                for n in needs
            ],
            widths=(14, 30, 10, 24, 14),
        ),
        Sheet(
            "资源清单",
            RESOURCE_HEADER,
            [
                [
                    r.id,
                    r.alliance_name,
                    r.unit_name,
                    r.category.label,
                    r.content,
                    r.quantity,
                    r.contact,
                    r.contact_phone,
                    _day(r.valid_until),
                    r.state.label,
                ]
                for r in resources
            ],
            widths=(8, 24, 24, 10, 40),
        ),
        Sheet(
            "项目清单",
            PROJECT_HEADER,
            [
                [
                    p.code,
                    p.name,
                    p.alliance_name,
                    p.community_name,
                    "；".join(p.need_titles),
                    "；".join(p.resource_texts),
                    p.lead_name,
                    p.participants,
                    "、".join(p.claim_units),
                    p.origin.label,
                    _day(p.planned_start),
                    _day(p.planned_end),
                    p.state.label,
                    _day(p.published_on),
                    _day(p.claimed_on),
                    _day(p.finished_on),
                    p.measures,
                    p.expected_outcome,
                    p.outcome,
                ]
                for p in projects
            ],
            widths=(12, 30, 24, 14, 30, 30),
        ),
        Sheet(
            "责任清单",
            CLAIM_HEADER,
            [
                [
                    c.project_code,
                    c.project_name,
                    c.alliance_name,
                    c.unit_name,
                    c.responsible_person,
                    c.content,
                    _day(c.due_on),
                    c.milestones,
                    c.commitment_id,
                    c.state.label,
                    _day(c.fulfilled_on),
                    "" if c.percent is None else c.percent,
                    "是" if c.overdue else "",
                ]
                for c in claims
            ],
            widths=(12, 30, 24, 24, 10, 40),
        ),
    ]
    return write_workbook(Path(path), sheets)


STAT_HEADER = (
    "序号",
    "党建联盟",
    "社区",
    "需求",
    "已核实",
    "已对接",
    "资源",
    "项目",
    "公示",
    "已认领",
    "已办结",
    "按期办结",
    "有效票",
    "需求对接率",
    "认领率",
    "办结率",
    "按期办结率",
    "满意率",
)


def stat_cells(c: ListCounts) -> list[Any]:
    counts = (
        c.needs,
        c.verified,
        c.matched,
        c.resources,
        c.projects,
        c.published,
        c.claimed,
        c.finished,
        c.finished_on_time,
        c.valid_votes,
    )
    return [*counts, *(getattr(c, attribute) for _label, attribute, _f in RATES)]


def write_statistics_xlsx(stats: ListStatistics, path: str | Path) -> Path:
    rows: list[list[Any]] = [
        [n, line.name, line.community, *stat_cells(line.counts)]
        for n, line in enumerate(stats.lines, start=1)
    ]
    rows.append([None, "合计", "", *stat_cells(stats.total)])
    first_rate = len(STAT_HEADER) - len(RATES)
    notes = [[label, formula] for label, _a, formula in RATES]
    notes.append(["好事实事", GOOD_DEEDS_FORMULA])
    notes.append(["统计范围", f"{stats.year}年登记的需求、{stats.year}年拟定的项目；资源按现状"])
    return write_workbook(
        Path(path),
        [
            Sheet(
                "统计表",
                STAT_HEADER,
                rows,
                widths=(6, 30, 14, *(8,) * 10, *(11,) * 5),
                percent_columns=range(first_rate, len(STAT_HEADER)),
                bold_rows={len(rows) - 1},
            ),
            Sheet("说明", ("指标", "计算方法"), notes, widths=(12, 80)),
        ],
    )
