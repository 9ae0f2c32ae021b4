"""履诺情况统计表: per alliance and per member unit, for one year (landscape A4).

Two ruled tables whose header rows repeat on every page — 一、各联盟 and
二、各成员单位, each ending with the 合计 line — and a note with the rate formulas
(from ``core.commitments.rates``, the one place they are written). Nothing here
touches the database: it prints a ``services.reports.ReportLines`` (imported for type
checking only, so printing never pulls in SQLAlchemy — which is also why the columns
are spelled out here and not imported from ``services.reports``; the Excel form has
the same columns in the same order).

A city holds thousands of alliances and tens of thousands of unit lines, so the report
is a :class:`~alliance_desk.documents.long_table.LongTableDocument`: printed in time
linear in its lines, accepted wherever a QTextDocument is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.richtext import element, heading, paragraph
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP, long_date

if TYPE_CHECKING:
    from alliance_desk.services.commitments import FulfilmentStat
    from alliance_desk.services.reports.fulfilment import ReportLines

__all__ = [
    "ALLIANCE_HEADER",
    "REPORT_LANDSCAPE",
    "UNIT_HEADER",
    "fulfilment_report_document",
    "percent_text",
]

REPORT_LANDSCAPE = True
"""Ten columns: printed on landscape A4."""
REPORT_POINT_SIZE = 10.5  # 5号
# Two-character column titles break where the words do (cells keep line breaks).
_COUNT_TITLES = ("承诺数", "按期\n履诺", "逾期\n履诺", "逾期\n未履诺", "未到期", "已取消")
_RATE_TITLES = ("按期\n履诺率", "满意率")
ALLIANCE_HEADER = ("序号", "党建联盟", *_COUNT_TITLES, *_RATE_TITLES)
UNIT_HEADER = ("序号", "成员单位", *_COUNT_TITLES, *_RATE_TITLES)
_WIDTHS = (6, 34, 7.5, 7, 7, 7.5, 7.5, 7, 8.5, 8)
_ALIGN = ("center", None, *("right",) * (len(_COUNT_TITLES) + len(_RATE_TITLES)))
NO_LINES = "（本年度没有到期的承诺）"


def percent_text(rate: float | None) -> str:
    """``61.3%``; ``—`` when there is nothing to divide by."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _cells(number: str, line: FulfilmentStat) -> list[str]:
    c = line.counts
    counts = (c.total, c.on_time, c.late, c.overdue, c.open, c.cancelled)
    rates = (line.on_time_rate, line.satisfaction_rate)
    return [number, line.name, *(str(n) for n in counts), *(percent_text(r) for r in rates)]


def _table(
    header: Sequence[str], lines: Sequence[FulfilmentStat], total: FulfilmentStat
) -> LongTable:
    rows = [_cells(str(n), line) for n, line in enumerate(lines, start=1)]
    rows.append(_cells("", total))
    return LongTable(header, rows, widths=_WIDTHS, align=_ALIGN)


def fulfilment_report_document(report: ReportLines) -> LongTableDocument:
    """The report as a document; print it with ``landscape=REPORT_LANDSCAPE``."""
    facts = GAP.join(
        [
            f"统计范围：{report.year}年内到期的承诺",
            f"承诺 {report.total.total} 项",
            f"统计日期：{long_date(report.today)}",
        ]
    )
    front = title_markup(report.title) + paragraph(facts, class_="center")
    parts: list[Part]
    if report.total.total == 0 and not report.units:
        parts = [front + paragraph(NO_LINES, class_="center")]
    else:
        parts = [
            front,
            heading("一、各党建联盟履诺情况"),
            _table(ALLIANCE_HEADER, report.alliances, report.total),
            heading("二、各成员单位履诺情况")
            + paragraph("（单位作为承诺方的承诺；满意率为该单位收到的评价）"),
            _table(UNIT_HEADER, report.units, report.total),
        ]
    parts.append(
        element("p", "注：", ON_TIME_RATE_FORMULA, style="margin-top: 8px")
        + paragraph("\u3000\u3000" + SATISFACTION_RATE_FORMULA)
    )
    return LongTableDocument(parts, body_pt=REPORT_POINT_SIZE, title=report.title)
