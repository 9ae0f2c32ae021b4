"""Columns and row colours of the rota table and of the plan preview's two tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from alliance_desk.core.rotation import ChangeKind, RotaTerm, TermChange, TermFlag
from alliance_desk.core.rotation.periods import period_label, period_of
from alliance_desk.core.vocab import ChairTermState
from alliance_desk.services.rotation import PlanPreview, TermRow
from alliance_desk.ui.models.row_table import Column

CURRENT_COLOR = QColor("#d8f0d2")  # light green: the term chairing today
FLAGGED_COLOR = QColor("#f6c9c9")  # light red: a conflict or a gap
CHANGED_COLOR = QColor("#fff1c2")  # light yellow: a term the plan changes
NO_UNIT = "（空缺）"
IN_TURN = "按轮值顺序"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RotationPage", text)


def term_note(term: TermRow) -> str:
    """说明: the planner's explanation, and the reason of a skip (a swap's is in it already)."""
    text = term.explanation
    if term.state is ChairTermState.SKIPPED and text == IN_TURN:
        text = ""  # why the unit was planned no longer matters: why it was skipped does
    if term.change_reason and term.change_reason not in text:
        prefix = _tr("跳过原因：") if term.state is ChairTermState.SKIPPED else _tr("原因：")
        text = f"{text}；{prefix}{term.change_reason}" if text else prefix + term.change_reason
    return text


def is_conflict(term: TermRow) -> bool:
    return term.unit_id is not None and term.explanation.startswith("冲突")


def is_gap(term: TermRow) -> bool:
    return term.flagged and not is_conflict(term)


def term_colour(term: TermRow, today: date) -> QColor | None:
    """Red for a conflict or a gap; green for the term chairing ``today`` (not a skipped one)."""
    if term.flagged:
        return FLAGGED_COLOR
    chairing = term.is_current(today) and term.state is not ChairTermState.SKIPPED
    return CURRENT_COLOR if chairing else None


def term_columns() -> list[Column[TermRow]]:
    return [
        Column(
            _tr("联盟"),
            lambda t: t.alliance_name,
            sort_key=lambda t: (t.alliance_name, t.period_start),
            searchable=True,
        ),
        Column(
            _tr("期别"),
            lambda t: t.period_label,
            sort_key=lambda t: (t.period_start, -t.period_end.toordinal()),
        ),
        Column(_tr("轮值主席单位"), lambda t: t.unit_name or NO_UNIT, searchable=True),
        Column(_tr("状态"), lambda t: t.state.label),
        Column(_tr("锁定"), lambda t: _tr("是") if t.locked else ""),
        Column(_tr("说明"), term_note),
    ]


# --- the plan preview -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One TermChange with the names the preview shows."""

    alliance: str
    start: date
    period: str
    kind: ChangeKind
    before: str
    after: str
    explanation: str


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One term of the previewed plan with the names the preview shows."""

    alliance: str
    start: date
    period: str
    unit: str
    state: str
    explanation: str
    flagged: bool
    changed: bool


def change_lines(preview: PlanPreview) -> list[ChangeLine]:
    return [_change_line(preview, change) for change in preview.plan.changes]


def _change_line(preview: PlanPreview, change: TermChange) -> ChangeLine:
    before = preview.unit_name(change.before_unit_id)
    after = preview.unit_name(change.after_unit_id)
    if change.kind is ChangeKind.ADDED:
        before = ""
    elif change.kind is ChangeKind.REMOVED:
        after = ""
    return ChangeLine(
        preview.alliance_names.get(change.alliance_id, str(change.alliance_id)),
        change.start,
        period_label(period_of(change.start, change.end)),
        change.kind,
        before,
        after,
        change.explanation,
    )


def plan_lines(preview: PlanPreview) -> list[PlanLine]:
    changed = {(c.alliance_id, c.start): c.kind for c in preview.plan.changes}
    return [_plan_line(preview, term, changed) for term in preview.plan.terms]


_PLAN_STATE = {
    ChangeKind.ADDED: "计划（新排）",
    ChangeKind.CHANGED: "计划（变更）",
    None: "计划（不变）",
}


def _plan_line(
    preview: PlanPreview, term: RotaTerm, changed: dict[tuple[int, date], ChangeKind]
) -> PlanLine:
    kind = changed.get((term.alliance_id, term.start))
    if term.kept:
        state = term.state.label + (_tr("（锁定）") if term.locked else "")
    else:
        state = _tr(_PLAN_STATE.get(kind, _PLAN_STATE[None]))
    return PlanLine(
        preview.alliance_names.get(term.alliance_id, str(term.alliance_id)),
        term.start,
        term.period.label,
        preview.unit_name(term.unit_id),
        state,
        term.explanation,
        TermFlag.CONFLICT in term.flags or TermFlag.GAP in term.flags,
        kind is not None,
    )


def plan_highlight(line: PlanLine) -> QColor | None:
    if line.flagged:
        return FLAGGED_COLOR
    return CHANGED_COLOR if line.changed else None


def _period_key(line: ChangeLine | PlanLine) -> tuple[date, str]:
    return line.start, line.alliance


def change_columns() -> list[Column[ChangeLine]]:
    return [
        Column(_tr("联盟"), lambda c: c.alliance, searchable=True),
        Column(_tr("期别"), lambda c: c.period, sort_key=_period_key),
        Column(_tr("变化"), lambda c: c.kind.label),
        Column(_tr("原单位"), lambda c: c.before, searchable=True),
        Column(_tr("新单位"), lambda c: c.after, searchable=True),
        Column(_tr("说明"), lambda c: c.explanation),
    ]


def plan_columns() -> list[Column[PlanLine]]:
    return [
        Column(_tr("联盟"), lambda p: p.alliance, searchable=True),
        Column(_tr("期别"), lambda p: p.period, sort_key=_period_key),
        Column(_tr("轮值主席单位"), lambda p: p.unit, searchable=True),
        Column(_tr("状态"), lambda p: p.state),
        Column(_tr("说明"), lambda p: p.explanation),
    ]
