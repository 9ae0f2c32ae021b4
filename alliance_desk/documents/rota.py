"""轮值主席轮值表: one alliance's terms of a year (portrait), or every alliance's year (landscape).

The all-alliances grid has one row per alliance and one column per quarter. A quarterly
term fills its quarter's cell; monthly terms are listed month by month inside their
quarter's cell; a half-year or year term is repeated in each quarter it covers (no
spanning cells, so a row is never cut by a page break). A note under the title says so.
A city's grid holds thousands of alliances, so it is a
:class:`~alliance_desk.documents.long_table.LongTableDocument` (printed in time linear in
its rows, accepted wherever a QTextDocument is printed); one alliance's rota, a dozen
rows at most, stays a QTextDocument.
Nothing here touches the database: the service rows are imported for type checking only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.core.rotation.periods import period_containing, period_of
from alliance_desk.core.vocab import ChairPeriod, ChairTermState
from alliance_desk.documents.compose import DENSE_POINT_SIZE, new_document
from alliance_desk.documents.geometry import PORTRAIT
from alliance_desk.documents.long_table import (
    Cell,
    LongTable,
    LongTableDocument,
    Paragraph,
    ParagraphCell,
    Part,
)
from alliance_desk.documents.richtext import Markup, element, paragraph, table
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP, center_header_cells, long_date

if TYPE_CHECKING:
    from alliance_desk.services.rotation import TermRow

__all__ = [
    "ALLIANCE_HEADER",
    "GRID_HEADER",
    "GRID_NOTE",
    "NOTES_HEADER",
    "rota_document",
    "rota_is_landscape",
    "rota_title",
]

ALLIANCE_HEADER = ("期别", "起止日期", "轮值主席单位", "状态", "说明")
_ALLIANCE_WIDTHS = (12, 26, 30, 10, 22)
_ALLIANCE_ALIGN = ("center", "center", None, "center", None)

GRID_HEADER = ("序号", "党建联盟", "周期", "第一季度", "第二季度", "第三季度", "第四季度")
_GRID_WIDTHS = (4.5, 22.5, 5, 17, 17, 17, 17)
_GRID_ALIGN = ("center", None, "center", None, None, None, None)
GRID_POINT_SIZE = 9.0  # 小5号: a unit name mostly fits a quarter's cell on one line
MONTH_INDENT_EM = 3.0  # "10月　": a month's wrapped unit name lines up after it
GRID_NOTE = (
    "注：按季度轮值的联盟每季度一格；按月轮值的联盟在所属季度格内逐月列出；"
    "按半年或按年轮值的联盟，在其任期所含的各季度格内重复列出同一单位。"
)
NOTES_TITLE = "冲突、空缺与变动说明"
NOTES_HEADER = ("党建联盟", "期别", "轮值主席单位", "说明")
NOTES_GAP_PX = 16  # CSS px (1/96 inch) above the notes title
_NOTES_WIDTHS = (26, 14, 24, 36)
_NOTES_ALIGN = (None, None, None, None)
NOT_YET_PLANNED = "（本年度尚未排定轮值主席）"

IN_TURN = "按轮值顺序"
NO_UNIT = "（空缺）"
_KIND_WORD = {
    ChairPeriod.MONTH: "月",
    ChairPeriod.QUARTER: "季度",
    ChairPeriod.HALF_YEAR: "半年",
    ChairPeriod.YEAR: "年",
}
_MARKS = {ChairTermState.SKIPPED: "（已跳过）", ChairTermState.SWAPPED: "（调换）"}
TITLE_SUFFIX = "轮值主席轮值表"


def rota_title(year: int, alliance_name: str | None = None) -> str:
    if alliance_name is None:
        return f"{year}年度党建联盟{TITLE_SUFFIX}"
    return f"{alliance_name}{TITLE_SUFFIX}（{year}年）"


def rota_is_landscape(alliance_name: str | None) -> bool:
    """The all-alliances grid needs landscape A4; one alliance's list is portrait."""
    return alliance_name is None


def _in_year(terms: Sequence[TermRow], year: int) -> list[TermRow]:
    return [t for t in terms if t.period_start.year <= year <= t.period_end.year]


def _note(term: TermRow) -> str:
    """说明 as printed: blank for an ordinary in-turn term; a skip's reason is added."""
    text = "" if term.explanation == IN_TURN else term.explanation
    if term.change_reason and term.change_reason not in text:
        reason = f"跳过原因：{term.change_reason}"
        text = f"{text}；{reason}" if text else reason
    return text


def short_label(term: TermRow) -> str:
    """期别 within a year's rota: 第1季度, 3月, 上半年, 全年 (the title gives the year)."""
    period = period_of(term.period_start, term.period_end)
    if period.kind is ChairPeriod.YEAR:
        return "全年"
    return period.label.removeprefix(f"{period.year}年")


def _dates(term: TermRow) -> str:
    start, end = term.period_start, term.period_end
    # 至, not a dash: shaped for Chinese, Qt's em dash extracts as U+2015 from the PDF.
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日"


def rota_document(
    terms: Sequence[TermRow],
    *,
    year: int,
    alliance_name: str | None = None,
    printed_on: date,
) -> QTextDocument | LongTableDocument:
    """The rota of ``year``: of one alliance when ``alliance_name`` is given, else the grid.

    Print it with ``landscape=rota_is_landscape(alliance_name)``.
    """
    shown = _in_year(terms, year)
    if alliance_name is not None:
        return _alliance_rota(shown, year, alliance_name, printed_on)
    return _grid_rota(shown, year, printed_on)


# --- one alliance -----------------------------------------------------------------------
def _fits_on_one_line(heading_markup: Markup) -> bool:
    probe = new_document(heading_markup)
    probe.setDocumentMargin(0)
    probe.setTextWidth(PORTRAIT.text_rect().width())
    probe.documentLayout().documentSize()
    return probe.begin().layout().lineCount() <= 1


def _alliance_title(year: int, name: str) -> Markup:
    one_line = title_markup(rota_title(year, name))
    if _fits_on_one_line(one_line):
        return one_line
    return element("h1", name, element("br"), f"{TITLE_SUFFIX}（{year}年）")


def _kinds(terms: Sequence[TermRow]) -> str:
    kinds = dict.fromkeys(period_of(t.period_start, t.period_end).kind for t in terms)
    return "、".join(_KIND_WORD[kind] for kind in kinds) or "—"


def _alliance_rota(terms: list[TermRow], year: int, name: str, printed_on: date) -> QTextDocument:
    facts = GAP.join(
        [f"轮值周期：{_kinds(terms)}", f"共 {len(terms)} 期", f"打印日期：{long_date(printed_on)}"]
    )
    rows = [
        [short_label(t), _dates(t), t.unit_name or NO_UNIT, t.state.label, _note(t)] for t in terms
    ]
    parts = [
        _alliance_title(year, name),
        paragraph(facts, class_="center"),
        table(ALLIANCE_HEADER, rows, widths=_ALLIANCE_WIDTHS, align=_ALLIANCE_ALIGN),
    ]
    if not terms:
        parts.append(paragraph(NOT_YET_PLANNED, class_="center"))
    document = new_document(
        Markup("").join(parts), body_pt=DENSE_POINT_SIZE, document_title=rota_title(year, name)
    )
    return center_header_cells(document)


# --- every alliance: the grid -------------------------------------------------------------
def _cell_text(term: TermRow) -> str:
    text = term.unit_name or NO_UNIT
    if term.unit_id is not None and term.explanation.startswith("冲突"):
        text += "（冲突）"
    return text + _MARKS.get(term.state, "")


def _quarter_cell(terms: list[TermRow], quarter_start: date) -> Cell:
    """The units chairing in one quarter: one, or one line per month with a hanging indent."""
    quarter = period_containing(ChairPeriod.QUARTER, quarter_start)
    inside = [t for t in terms if t.period_start <= quarter.end and quarter.start <= t.period_end]
    monthly = [period_of(t.period_start, t.period_end).kind is ChairPeriod.MONTH for t in inside]
    if not any(monthly):
        return "\n".join(_cell_text(t) for t in inside)
    hanging = MONTH_INDENT_EM * GRID_POINT_SIZE
    return ParagraphCell(
        tuple(
            Paragraph(_month(t.period_start.month) + _cell_text(t), hanging)
            if month
            else Paragraph(_cell_text(t))
            for t, month in zip(inside, monthly, strict=True)
        )
    )


def _month(month: int) -> str:
    """``1月　`` as wide as ``10月　`` (a figure space before one digit)."""
    return f"{month:\u2007>2}月\u3000"


def _by_alliance(terms: Sequence[TermRow]) -> dict[int, list[TermRow]]:
    grouped: dict[int, list[TermRow]] = {}
    for term in terms:
        grouped.setdefault(term.alliance_id, []).append(term)
    return grouped


def _grid_rota(terms: list[TermRow], year: int, printed_on: date) -> LongTableDocument:
    grouped = _by_alliance(terms)
    quarters = [date(year, month, 1) for month in (1, 4, 7, 10)]
    rows: list[list[Cell]] = [
        [
            str(number),
            own[0].alliance_name,
            _kinds(own),
            *(_quarter_cell(own, start) for start in quarters),
        ]
        for number, own in enumerate(grouped.values(), start=1)
    ]
    facts = GAP.join(
        [f"共 {len(grouped)} 个联盟、{len(terms)} 期", f"打印日期：{long_date(printed_on)}"]
    )
    front = Markup("").join(
        [
            title_markup(rota_title(year)),
            paragraph(facts, class_="center"),
            paragraph(GRID_NOTE),
        ]
    )
    parts: list[Part] = [
        front,
        LongTable(GRID_HEADER, rows, widths=_GRID_WIDTHS, align=_GRID_ALIGN),
    ]
    if not grouped:
        parts.append(paragraph(NOT_YET_PLANNED, class_="center"))
    noted = [t for t in terms if t.flagged or t.state in _MARKS]
    if noted:
        note_rows = [
            [t.alliance_name, t.period_label, t.unit_name or NO_UNIT, _note(t)] for t in noted
        ]
        parts += [
            element("h2", NOTES_TITLE, style=f"margin-top: {NOTES_GAP_PX}px"),
            LongTable(NOTES_HEADER, note_rows, widths=_NOTES_WIDTHS, align=_NOTES_ALIGN),
        ]
    return LongTableDocument(parts, body_pt=GRID_POINT_SIZE, title=rota_title(year))
