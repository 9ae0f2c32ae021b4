"""轮值主席: read the rota, plan ahead (preview, then save), swap, serve, skip, lock.

The planner (``core.rotation``) decides; this module loads its input, stores its output
in one transaction and refuses what would break a rule, in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.rotation import (
    AllianceInfo,
    ExistingTerm,
    MemberInfo,
    Plan,
    PlanRequest,
    TermFlag,
    period_label,
    period_of,
)
from alliance_desk.core.rotation.periods import overlaps
from alliance_desk.core.vocab import ChairTermState
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import Alliance, ChairTerm, Membership, Unit


@dataclass(frozen=True, slots=True)
class TermRow:
    id: int
    alliance_id: int
    alliance_name: str
    period_start: date
    period_end: date
    unit_id: int | None
    unit_name: str
    state: ChairTermState
    locked: bool
    explanation: str
    change_reason: str
    version: int

    @property
    def period_label(self) -> str:
        return period_label(period_of(self.period_start, self.period_end))

    def is_current(self, today: date) -> bool:
        return self.period_start <= today <= self.period_end

    @property
    def flagged(self) -> bool:
        """A gap or an unavoidable conflict the clerk must see in red."""
        return self.unit_id is None or self.explanation.startswith(("冲突", "空缺"))


@dataclass(frozen=True, slots=True)
class PlanPreview:
    """A plan not yet saved, with the names the preview dialog shows."""

    plan: Plan
    start: date
    end: date
    alliance_names: dict[int, str]
    unit_names: dict[int, str]
    planned_versions: dict[int, int]
    """Stored unlocked planned terms in the horizon at preview time: id → version."""

    def unit_name(self, unit_id: int | None) -> str:
        return self.unit_names.get(unit_id, "") if unit_id is not None else "（空缺）"


_TERM_COLUMNS = (
    ChairTerm.id,
    ChairTerm.alliance_id,
    Alliance.name,
    ChairTerm.period_start,
    ChairTerm.period_end,
    ChairTerm.unit_id,
    Unit.name,
    ChairTerm.state,
    ChairTerm.locked,
    ChairTerm.explanation,
    ChairTerm.change_reason,
    ChairTerm.version,
)


def _term_query():  # type: ignore[no-untyped-def]
    return (
        select(*_TERM_COLUMNS)
        .join(Alliance, Alliance.id == ChairTerm.alliance_id)
        .outerjoin(Unit, Unit.id == ChairTerm.unit_id)
    )


def _rows(session: Session, query) -> list[TermRow]:  # type: ignore[no-untyped-def]
    return [
        TermRow(*(value if value is not None or i != 6 else "" for i, value in enumerate(r)))
        for r in session.execute(query)
    ]


def list_terms(
    db: Database, *, alliance_id: int | None = None, year: int | None = None
) -> list[TermRow]:
    """Terms in alliance then period order, optionally of one alliance or one year."""
    query = _term_query().order_by(ChairTerm.alliance_id, ChairTerm.period_start)
    if alliance_id is not None:
        query = query.where(ChairTerm.alliance_id == alliance_id)
    if year is not None:
        query = query.where(
            ChairTerm.period_start <= date(year, 12, 31), ChairTerm.period_end >= date(year, 1, 1)
        )
    with db.reading() as session:
        return _rows(session, query)


def current_chairs(db: Database, on: date) -> dict[int, str]:
    """alliance id → the unit chairing on ``on`` (skipped terms chair nobody)."""
    with db.reading() as session:
        return chair_names_on(session, on)


def chair_names_on(session: Session, on: date) -> dict[int, str]:
    return dict(
        session.execute(
            select(ChairTerm.alliance_id, Unit.name)
            .join(Unit, Unit.id == ChairTerm.unit_id)
            .where(
                ChairTerm.period_start <= on,
                ChairTerm.period_end >= on,
                ChairTerm.state != ChairTermState.SKIPPED,
            )
        ).all()
    )


def chair_on(session: Session, alliance_id: int, on: date) -> int | None:
    """The unit chairing ``alliance_id`` on ``on``: the default host of a meeting that day."""
    return session.scalar(
        select(ChairTerm.unit_id).where(
            ChairTerm.alliance_id == alliance_id,
            ChairTerm.period_start <= on,
            ChairTerm.period_end >= on,
            ChairTerm.state != ChairTermState.SKIPPED,
        )
    )


# --- planning ------------------------------------------------------------------------
def build_request(
    session: Session, *, start: date, end: date, alliance_ids: Iterable[int] | None = None
) -> PlanRequest:
    """The planner's input from the database: active alliances, all memberships, all terms.

    Every alliance's terms and members are read even when only some are planned, because
    rule 3 (no unit chairs two alliances at once) looks across alliances.
    """
    alliances = tuple(
        AllianceInfo(id, name, period)
        for id, name, period in session.execute(
            select(Alliance.id, Alliance.name, Alliance.chair_period)
            .where(Alliance.active.is_(True))
            .order_by(Alliance.id)
        )
    )
    wanted = set(alliance_ids) if alliance_ids is not None else None
    members = tuple(
        MemberInfo(*row)
        for row in session.execute(
            select(
                Membership.alliance_id,
                Membership.unit_id,
                Unit.name,
                Membership.rotation_order,
                Membership.joined_on,
                Membership.left_on,
                Membership.chair_eligible & Unit.active,
            )
            .join(Unit, Unit.id == Membership.unit_id)
            .order_by(Membership.alliance_id, Membership.rotation_order, Membership.id)
        )
    )
    terms = tuple(
        ExistingTerm(
            alliance_id,
            start_,
            end_,
            unit_id,
            state,
            # Alliances not being planned keep every term as it is.
            locked or (wanted is not None and alliance_id not in wanted),
        )
        for alliance_id, start_, end_, unit_id, state, locked in session.execute(
            select(
                ChairTerm.alliance_id,
                ChairTerm.period_start,
                ChairTerm.period_end,
                ChairTerm.unit_id,
                ChairTerm.state,
                ChairTerm.locked,
            ).order_by(ChairTerm.alliance_id, ChairTerm.period_start)
        )
    )
    if wanted is not None:
        alliances = tuple(a for a in alliances if a.id in wanted) + tuple(
            a for a in alliances if a.id not in wanted and _has_terms(terms, a.id)
        )
    return PlanRequest(alliances=alliances, members=members, terms=terms, start=start, end=end)


def _has_terms(terms: tuple[ExistingTerm, ...], alliance_id: int) -> bool:
    return any(t.alliance_id == alliance_id for t in terms)


def preview_plan(
    db: Database, *, start: date, end: date, alliance_ids: Iterable[int] | None = None
) -> PlanPreview:
    """Plan ``[start, end]`` without writing anything."""
    if end < start:
        raise DomainError("结束日期不能早于开始日期。", field="end")
    from alliance_desk.core.rotation import plan_rota

    with db.reading() as session:
        request = build_request(session, start=start, end=end, alliance_ids=alliance_ids)
        planned_versions = dict(
            session.execute(
                select(ChairTerm.id, ChairTerm.version).where(
                    ChairTerm.state == ChairTermState.PLANNED,
                    ChairTerm.locked.is_(False),
                    ChairTerm.period_end >= start,
                    ChairTerm.period_start <= end,
                )
            ).all()
        )
        unit_names = dict(session.execute(select(Unit.id, Unit.name)).all())
    plan = plan_rota(request)
    wanted = set(alliance_ids) if alliance_ids is not None else None
    if wanted is not None:
        plan = Plan(
            terms=tuple(t for t in plan.terms if t.alliance_id in wanted),
            changes=tuple(c for c in plan.changes if c.alliance_id in wanted),
            searched_years=plan.searched_years,
        )
    return PlanPreview(
        plan=plan,
        start=start,
        end=end,
        alliance_names={a.id: a.name for a in request.alliances},
        unit_names=unit_names,
        planned_versions=planned_versions,
    )


def save_plan(db: Database, preview: PlanPreview) -> int:
    """Store the previewed plan in one transaction; returns how many terms were written.

    Refused (nothing written) when the stored rota changed since the preview.
    """
    with db.transaction() as session:
        stored = {
            term.id: term
            for term in session.scalars(
                select(ChairTerm).where(
                    ChairTerm.state == ChairTermState.PLANNED,
                    ChairTerm.locked.is_(False),
                    ChairTerm.period_end >= preview.start,
                    ChairTerm.period_start <= preview.end,
                )
            )
        }
        if {i: t.version for i, t in stored.items()} != preview.planned_versions:
            raise ConflictError("轮值表")
        by_slot = {(t.alliance_id, t.period_start): t for t in stored.values()}
        plan_slots = {(t.alliance_id, t.start) for t in preview.plan.terms}
        planned_alliances = {alliance_id for alliance_id, _start in plan_slots}
        written = 0
        for term in preview.plan.terms:
            if term.kept:
                continue
            existing = by_slot.get((term.alliance_id, term.start))
            if existing is None:
                session.add(
                    ChairTerm(
                        alliance_id=term.alliance_id,
                        unit_id=term.unit_id,
                        period_start=term.start,
                        period_end=term.end,
                        state=ChairTermState.PLANNED,
                        explanation=term.explanation,
                    )
                )
                written += 1
            elif (existing.unit_id, existing.period_end, existing.explanation) != (
                term.unit_id,
                term.end,
                term.explanation,
            ):
                existing.unit_id = term.unit_id
                existing.period_end = term.end
                existing.explanation = term.explanation
                written += 1
        for slot, existing in by_slot.items():
            if existing.alliance_id in planned_alliances and slot not in plan_slots:
                session.delete(existing)
                written += 1
        return written


# --- changes to single terms -----------------------------------------------------------
def _load(session: Session, term_id: int, expected_version: int) -> ChairTerm:
    return load_for_edit(
        session,
        ChairTerm,
        term_id,
        expected_version,
        missing="该轮值记录不存在，可能已被他人删除。",
        what=lambda _term: "该轮值记录",
    )


def _require_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise DomainError("请填写原因。", field="reason")
    return text


def _eligible_whole_period(
    session: Session, alliance_id: int, unit_id: int, term: ChairTerm
) -> bool:
    return (
        session.scalar(
            select(Membership.id).where(
                Membership.alliance_id == alliance_id,
                Membership.unit_id == unit_id,
                Membership.chair_eligible.is_(True),
                Membership.joined_on <= term.period_start,
                (Membership.left_on.is_(None)) | (Membership.left_on >= term.period_end),
            )
        )
        is not None
    )


def _busy_elsewhere(
    session: Session, unit_id: int, term: ChairTerm, ignore: set[int]
) -> str | None:
    """The name of another alliance the unit chairs during ``term``'s period, if any."""
    period = period_of(term.period_start, term.period_end)
    for other_id, start, end, name in session.execute(
        select(ChairTerm.id, ChairTerm.period_start, ChairTerm.period_end, Alliance.name)
        .join(Alliance, Alliance.id == ChairTerm.alliance_id)
        .where(
            ChairTerm.unit_id == unit_id,
            ChairTerm.alliance_id != term.alliance_id,
            ChairTerm.state != ChairTermState.SKIPPED,
            ChairTerm.period_start <= term.period_end,
            ChairTerm.period_end >= term.period_start,
        )
    ):
        if other_id not in ignore and overlaps(period, period_of(start, end)):
            return name
    return None


def swap_terms(
    db: Database, first_id: int, second_id: int, *, reason: str, expected_versions: tuple[int, int]
) -> None:
    """Swap the chairs of two terms of one alliance; both become 已调换, kept by re-planning."""
    text = _require_reason(reason)
    with db.transaction() as session:
        first = _load(session, first_id, expected_versions[0])
        second = _load(session, second_id, expected_versions[1])
        if first.alliance_id != second.alliance_id:
            raise DomainError("只能调换同一联盟的两期轮值主席。")
        for term in (first, second):
            if term.state in (ChairTermState.SERVED, ChairTermState.SKIPPED):
                raise DomainError(f"{_label(term)}已{term.state.label}，不能调换。")
            if term.unit_id is None:
                raise DomainError(f"{_label(term)}空缺，无法调换；请先重新排班。")
        names = _unit_names(session, (first.unit_id, second.unit_id))
        for term, incoming in ((first, second.unit_id), (second, first.unit_id)):
            assert incoming is not None
            if not _eligible_whole_period(session, term.alliance_id, incoming, term):
                raise DomainError(
                    f"不能调换：{names[incoming]}在{_label(term)}不是本联盟可担任轮值主席的成员。"
                )
            busy = _busy_elsewhere(session, incoming, term, {first.id, second.id})
            if busy:
                raise DomainError(
                    f"不能调换：{names[incoming]}在{_label(term)}已担任{busy}轮值主席。"
                )
        first.unit_id, second.unit_id = second.unit_id, first.unit_id
        for term in (first, second):
            term.state = ChairTermState.SWAPPED
            term.change_reason = text
            term.explanation = f"调换：{text}"


def _unit_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    return dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(wanted))).all())


def _label(term: ChairTerm) -> str:
    return period_label(period_of(term.period_start, term.period_end))


def mark_served(db: Database, term_id: int, *, expected_version: int, today: date) -> None:
    with db.transaction() as session:
        term = _load(session, term_id, expected_version)
        if term.period_start > today:
            raise DomainError(f"{_label(term)}尚未开始，不能标记为已履职。")
        if term.unit_id is None:
            raise DomainError(f"{_label(term)}空缺，没有可标记履职的单位。")
        term.state = ChairTermState.SERVED
        term.locked = True


def mark_skipped(db: Database, term_id: int, *, reason: str, expected_version: int) -> None:
    """The unit did not chair this period (the reason is kept); it owes no turn for it."""
    text = _require_reason(reason)
    with db.transaction() as session:
        term = _load(session, term_id, expected_version)
        if term.state is ChairTermState.SERVED:
            raise DomainError(f"{_label(term)}已履职，不能再标记为跳过。")
        term.state = ChairTermState.SKIPPED
        term.change_reason = text
        term.locked = True


def set_locked(db: Database, term_id: int, locked: bool, *, expected_version: int) -> None:
    with db.transaction() as session:
        term = _load(session, term_id, expected_version)
        if not locked and term.state is not ChairTermState.PLANNED:
            raise DomainError(f"{_label(term)}已{term.state.label}，不能解除锁定。")
        term.locked = locked


__all__ = [
    "PlanPreview",
    "TermFlag",
    "TermRow",
    "chair_on",
    "current_chairs",
    "list_terms",
    "mark_served",
    "mark_skipped",
    "preview_plan",
    "save_plan",
    "set_locked",
    "swap_terms",
]


# --- added for the rotation page ---------------------------------------------------------
def term_years(db: Database) -> list[int]:
    """Every year from the first to the last stored term (empty when there is none).

    The rotation page offers these years (and this year) in its year selector.
    """
    from sqlalchemy import func

    with db.reading() as session:
        first, last = session.execute(
            select(func.min(ChairTerm.period_start), func.max(ChairTerm.period_end))
        ).one()
    if first is None or last is None:
        return []
    return list(range(first.year, last.year + 1))


__all__ += ["term_years"]
