"""社区工作日 to Excel: the member roll (for the office: it keeps personal details, and says
so inside the file) and the 双报到统计表."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from alliance_desk.core.workday.rates import (
    AVERAGE_HOURS_FORMULA,
    PARTICIPATION_FORMULA,
    REPORT_RATE_FORMULA,
    TARGET_RATE_FORMULA,
    UnitFigures,
)
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.cells import neutralise
from alliance_desk.services.reports.xlsx_book import Sheet, write_workbook
from alliance_desk.services.workday.members import MemberFilter, MemberRow, list_members
from alliance_desk.services.workday.stats import WorkdayReport, workday_report

MEMBER_HEADER = (
    "序号",
    "姓名",
    "性别",
    "工作单位",
    "职务",
    "联系电话",
    "居住小区",
    "报到社区",
    "网格",
    "特长",
    "服务意向",
    "报到方式",
    "报到日期",
    "状态",
    "状态说明",
)
PERSONAL_DATA_NOTICE = (
    "本文件含在职党员的个人信息：姓名、性别、工作单位、职务、联系电话、居住小区、报到社区和网格、"
    "特长、服务意向。仅供社区和报到单位工作使用，不得公开张贴、转发或用于其他用途；"
    "公开张贴请使用程序打印的打码名单。"
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _safe(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    return [[neutralise(v) for v in row] for row in rows]


def member_cells(n: int, m: MemberRow) -> list[Any]:
    return [
        n,
        m.name,
        m.gender,
        m.unit_name,
        m.position,
        m.phone,
        m.residence,
        m.community_name,
        m.grid,
        m.skills,
        m.intention,
        m.report_mode_label,
        _day(m.reported_on),
        m.state_label,
        m.state_reason,
    ]


def export_members(
    db: Database, path: Path | str, flt: MemberFilter | None = None, *, today: date
) -> int:
    """Write the members of ``flt`` to an .xlsx with a 个人信息说明 sheet; returns how many."""
    rows = list_members(db, flt or MemberFilter())
    notes = [
        ["个人信息", PERSONAL_DATA_NOTICE],
        ["导出日期", today.isoformat()],
        ["人数", str(len(rows))],
    ]
    write_workbook(
        Path(path),
        [
            Sheet(
                "在职党员名单（含个人信息）",
                MEMBER_HEADER,
                _safe([member_cells(n, m) for n, m in enumerate(rows, start=1)]),
                widths=(6, 10, 6, 26, 12, 14, 24, 14, 10, 16, 16, 10, 12, 12, 20),
            ),
            Sheet("个人信息说明", ("项目", "内容"), notes, widths=(12, 90)),
        ],
    )
    return len(rows)


REPORT_HEADER = (
    "序号",
    "名称",
    "应报到",
    "已报到",
    "报到率",
    "参与率",
    "活动人次",
    "总时长（小时）",
    "人均时长（小时）",
    "时长达标率",
    "帮扶对子数",
    "走访次数",
    "低于预警线",
)
RATE_COLUMNS = (4, 5, 9)


def figure_cells(f: UnitFigures) -> list[Any]:
    return [
        f.expected,
        f.reported,
        f.report_rate,
        f.participation_rate,
        f.attendances,
        f.total_hours,
        None if f.average_hours is None else round(f.average_hours, 1),
        f.target_rate,
        f.pairs,
        f.visits,
    ]


def write_report_xlsx(report: WorkdayReport, path: Path | str) -> Path:
    """The 双报到统计表: a sheet per unit, one per community, and the formulas."""

    def sheet(title: str, lines: list[Any], flag: bool) -> Sheet:
        rows: list[list[Any]] = [
            [n, r.name, *figure_cells(r.figures), ("是" if r.flagged else "") if flag else ""]
            for n, r in enumerate(lines, start=1)
        ]
        rows.append([None, "合计", *figure_cells(report.total), ""])
        return Sheet(
            title,
            REPORT_HEADER,
            _safe(rows),
            widths=(6, 30, 8, 8, 9, 9, 9, 12, 12, 11, 10, 9, 10),
            percent_columns=RATE_COLUMNS,
            bold_rows={len(rows) - 1},
        )

    s = report.settings
    notes = [
        ["报到率", REPORT_RATE_FORMULA],
        ["参与率", PARTICIPATION_FORMULA],
        ["人均时长", AVERAGE_HOURS_FORMULA],
        ["时长达标率", TARGET_RATE_FORMULA],
        ["年度目标时长", f"{s.target_hours:g} 小时"],
        ["报到率预警线", f"{s.report_threshold:.0%}（低于此值的单位标为“是”）"],
        ["统计期间", f"{report.period.label}（{report.period.start} 至 {report.period.end}）"],
        ["活动次数", str(report.activities)],
        ["时长口径", "只计社区已确认的服务时长；请假、缺席不计时长"],
    ]
    return write_workbook(
        Path(path),
        [
            sheet("按单位", report.units, True),
            sheet("按社区", report.communities, False),
            Sheet("说明", ("指标", "计算方法"), notes, widths=(14, 80)),
        ],
    )


def export_report_xlsx(
    db: Database, year: int, path: Path | str, *, quarter: int | None = None
) -> WorkdayReport:
    """Compute the year's (or quarter's) report and write it as the 双报到统计表 .xlsx."""
    report = workday_report(db, year, quarter)
    write_report_xlsx(report, path)
    return report
