"""履诺情况统计表 as an Excel workbook: 联盟, 成员单位 and 说明 sheets.

Counts are numbers; rates are fractions formatted as percentages (so Excel can sum,
sort and chart them); a rate with nothing to divide by is an empty cell, not 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.services.commitments import FulfilmentStat
from alliance_desk.services.reports.fulfilment import (
    COUNT_HEADER,
    RATE_HEADER,
    ReportLines,
    count_cells,
    rate_cells,
)
from alliance_desk.services.reports.xlsx_book import Sheet, write_workbook

_WIDTHS = (6, 36, *(10,) * len(COUNT_HEADER), *(12,) * len(RATE_HEADER))


def _rows(lines: tuple[FulfilmentStat, ...], total: FulfilmentStat) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [number, line.name, *count_cells(line), *rate_cells(line)]
        for number, line in enumerate(lines, start=1)
    ]
    rows.append([None, total.name, *count_cells(total), *rate_cells(total)])
    return rows


def _sheet(title: str, name_header: str, report: ReportLines,
           lines: tuple[FulfilmentStat, ...]) -> Sheet:
    header = ("序号", name_header, *COUNT_HEADER, *RATE_HEADER)
    rows = _rows(lines, report.total)
    first_rate = 2 + len(COUNT_HEADER)
    return Sheet(
        title=title,
        header=header,
        rows=rows,
        widths=_WIDTHS,
        percent_columns=range(first_rate, first_rate + len(RATE_HEADER)),
        bold_rows={len(rows) - 1},
    )


def write_fulfilment_xlsx(report: ReportLines, path: str | Path) -> Path:
    """Write the report to ``path`` (.xlsx); returns the path."""
    target = Path(path)
    notes = Sheet(
        title="说明",
        header=("项目", "内容"),
        rows=[
            ["报表", report.title],
            ["统计范围", f"{report.year}年1月1日至12月31日到期的承诺"],
            ["统计日期", report.today.isoformat()],
            ["按期履诺率", ON_TIME_RATE_FORMULA],
            ["满意率", SATISFACTION_RATE_FORMULA],
            ["成员单位", "单位行统计该单位作出的承诺；满意率按该单位收到的评价计算。"],
        ],
        widths=(14, 90),
    )
    write_workbook(
        target,
        [
            _sheet("联盟", "党建联盟", report, report.alliances),
            _sheet("成员单位", "成员单位", report, report.units),
            notes,
        ],
    )
    return target
