"""履诺情况统计表: what the printed and the Excel forms share — lines, columns, title.

The figures are ``services.commitments.fulfilment_stats``: the commitments due in the
year, each under one outcome, so 按期履诺 + 逾期履诺 + 逾期未履诺 + 未到期 + 已取消 =
承诺数 on every line. A unit's line counts the commitments it made; its 满意率 is of
the ratings it received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliance_desk.services.commitments import FulfilmentStat, StatScope, fulfilment_stats
from alliance_desk.services.database import Database

#: The count columns after the name, in order.
COUNT_HEADER: tuple[str, ...] = ("承诺数", "按期履诺", "逾期履诺", "逾期未履诺", "未到期", "已取消")
#: The rate columns after the counts.
RATE_HEADER: tuple[str, ...] = ("按期履诺率", "满意率")
TOTAL_NAME = "合计"


@dataclass(frozen=True, slots=True)
class ReportLines:
    """One report: alliance lines, the total line, unit lines."""

    year: int
    today: date
    alliance_name: str | None
    alliances: tuple[FulfilmentStat, ...]
    total: FulfilmentStat
    units: tuple[FulfilmentStat, ...]

    @property
    def title(self) -> str:
        return report_title(self.year, self.alliance_name)


def report_title(year: int, alliance_name: str | None = None) -> str:
    """``2026年度履诺情况统计表`` (one alliance: its name first)."""
    return f"{alliance_name or ''}{year}年度履诺情况统计表"


def split_lines(
    lines: list[FulfilmentStat], *, year: int, today: date, alliance_name: str | None = None
) -> ReportLines:
    """``fulfilment_stats`` output (by id: the register's order) split for printing."""
    alliances = tuple(x for x in lines if x.scope is StatScope.ALLIANCE)
    units = tuple(x for x in lines if x.scope is StatScope.UNIT)
    total = next(x for x in lines if x.scope is StatScope.TOTAL)
    return ReportLines(year, today, alliance_name, alliances, total, units)


def report_lines(
    db: Database,
    *,
    year: int,
    today: date,
    alliance_id: int | None = None,
    alliance_name: str | None = None,
) -> ReportLines:
    """The report's lines for ``year`` (of one alliance when ``alliance_id`` is given)."""
    lines = fulfilment_stats(db, year=year, alliance_id=alliance_id, today=today)
    return split_lines(lines, year=year, today=today, alliance_name=alliance_name)


def count_cells(line: FulfilmentStat) -> tuple[int, ...]:
    c = line.counts
    return (c.total, c.on_time, c.late, c.overdue, c.open, c.cancelled)


def rate_cells(line: FulfilmentStat) -> tuple[float | None, float | None]:
    return (line.on_time_rate, line.satisfaction_rate)
