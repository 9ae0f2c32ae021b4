"""双报到统计表 as PDF: per member unit and per community, flagged units marked (A4 landscape).

:func:`report_document` lays out a service report; :func:`write_workday_report` reads it and
writes the PDF (the command line's ``report workday --pdf`` and the page's export).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alliance_desk.core.workday.rates import (
    AVERAGE_HOURS_FORMULA,
    PARTICIPATION_FORMULA,
    REPORT_RATE_FORMULA,
    TARGET_RATE_FORMULA,
)
from alliance_desk.documents.geometry import LANDSCAPE
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.richtext import heading, paragraph
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP
from alliance_desk.documents.workday.common import PRINT_POINT_SIZE, hours_text, percent

if TYPE_CHECKING:
    from alliance_desk.core.workday.rates import UnitFigures
    from alliance_desk.services import Database
    from alliance_desk.services.workday.stats import ReportRow, WorkdayReport

REPORT_HEADER = (
    "序号",
    "名称",
    "应报到",
    "已报到",
    "报到率",
    "参与率",
    "活动\n人次",
    "总时长",
    "人均\n时长",
    "时长\n达标率",
    "帮扶\n对子",
    "走访\n次数",
    "预警",
)
_WIDTHS = (5, 23, 7, 7, 7, 7, 6, 7, 6, 7, 6, 6, 6)
_ALIGN = ("center", None, *("right",) * 10, "center")


def _cells(f: UnitFigures) -> list[str]:
    return [
        str(f.expected),
        str(f.reported),
        percent(f.report_rate),
        percent(f.participation_rate),
        str(f.attendances),
        hours_text(f.total_hours),
        hours_text(None if f.average_hours is None else round(f.average_hours, 1)),
        percent(f.target_rate),
        str(f.pairs),
        str(f.visits),
    ]


def _table(rows: list[ReportRow], total: UnitFigures) -> LongTable:
    body = [
        [str(n), r.name, *_cells(r.figures), "低于预警线" if r.flagged else ""]
        for n, r in enumerate(rows, start=1)
    ]
    body.append(["", "合计", *_cells(total), ""])
    return LongTable(REPORT_HEADER, body, widths=_WIDTHS, align=_ALIGN)


def report_title(report: WorkdayReport) -> str:
    return f"在职党员“双报到双服务”统计表（{report.period.label}）"


def report_document(report: WorkdayReport) -> LongTableDocument:
    """The 双报到统计表 of a service report (A4 landscape)."""
    s = report.settings
    facts = GAP.join(
        [
            f"活动 {report.activities} 次",
            f"时长目标 {hours_text(s.target_hours)} 小时／年",
            f"预警线：报到率低于 {percent(s.report_threshold)}",
            f"低于预警线的单位 {len(report.flagged_units)} 个",
        ]
    )
    parts: list[Part] = [
        title_markup(report_title(report))
        + paragraph(facts, class_="center")
        + heading("一、按工作单位"),
        _table(report.units, report.total),
        heading("二、按报到社区"),
        _table(report.communities, report.total),
        paragraph(
            "注："
            + "；".join(
                [
                    REPORT_RATE_FORMULA,
                    PARTICIPATION_FORMULA,
                    AVERAGE_HOURS_FORMULA,
                    TARGET_RATE_FORMULA,
                ]
            )
            + "。时长仅计社区已确认的服务时长。"
        ),
    ]
    return LongTableDocument(
        parts, body_pt=PRINT_POINT_SIZE, title=report_title(report), page_spec=LANDSCAPE
    )


def write_workday_report(
    db: Database, year: int, path: str | Path, *, quarter: int | None = None
) -> Path:
    """Read the year's (or quarter's) report and write the 双报到统计表 PDF to ``path``."""
    from alliance_desk.documents.pdf import write_pdf
    from alliance_desk.services.workday.stats import workday_report

    report = workday_report(db, year, quarter)
    return write_pdf(report_document(report), path, landscape=True)
