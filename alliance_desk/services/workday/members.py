"""在职党员: register, correct, move through the reporting states and list the members.

States follow ``core.workday.states`` (应报到 → 已报到 → 回执已送单位; side exits 调离 / 退休 /
转出 with a reason); every change is kept in ``workday_member_transition``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.pinyin import syllables
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, phone_error, required_error
from alliance_desk.core.workday.states import STATE_LABELS, MemberState, check_transition
from alliance_desk.services.clock import local_now
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.workday.common import (
    GENDERS,
    REPORT_MODES,
    community_error,
    unit_error,
)
from alliance_desk.storage.models import MemberTransition, Unit, WorkdayMember

NOT_FOUND = "该党员不存在，可能已被删除"


@dataclass(frozen=True, slots=True)
class MemberInput:
    name: str
    unit_id: int
    gender: str = ""
    position: str = ""
    phone: str = ""
    residence: str = ""
    community_unit_id: int | None = None
    grid: str = ""
    skills: str = ""
    intention: str = ""
    report_mode: str = "unit"
    reported_on: date | None = None


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    name: str
    gender: str
    unit_id: int
    unit_name: str
    position: str
    phone: str
    residence: str
    community_unit_id: int | None
    community_name: str
    grid: str
    skills: str
    intention: str
    report_mode: str
    reported_on: date | None
    state: MemberState
    state_reason: str
    state_changed_on: date | None
    version: int

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def report_mode_label(self) -> str:
        return REPORT_MODES.get(self.report_mode, self.report_mode)


@dataclass(frozen=True, slots=True)
class TransitionRow:
    id: int
    from_state: MemberState
    to_state: MemberState
    changed_on: date
    reason: str
    actor: str

    @property
    def label(self) -> str:
        return f"{STATE_LABELS[self.from_state]} → {STATE_LABELS[self.to_state]}"


@dataclass(frozen=True, slots=True)
class MemberFilter:
    community_id: int | None = None
    unit_id: int | None = None
    states: tuple[MemberState, ...] = ()
    search: str = ""
    """Part of the name, phone, 工作单位, 居住小区 or 网格."""


@dataclass(frozen=True, slots=True)
class MemberPage:
    rows: list[MemberRow]
    total: int
    offset: int
    counts: dict[MemberState, int] = field(default_factory=dict)
    """How many members of the whole filter (without ``states``) are in each state."""


# --- checking and saving ----------------------------------------------------------------
def member_errors(session: Session, data: MemberInput, today: date) -> dict[str, str]:
    errors = {
        "name": required_error(data.name, "姓名")
        or length_error(clean_text(data.name), "姓名", 50),
        "gender": (
            f"性别应为{'或'.join(GENDERS)}" if data.gender and data.gender not in GENDERS else None
        ),
        "unit_id": unit_error(session, data.unit_id),
        "position": length_error(clean_text(data.position), "职务", 100),
        "phone": phone_error(data.phone) if data.phone else None,
        "residence": length_error(clean_text(data.residence), "居住小区", 200),
        "community_unit_id": community_error(session, data.community_unit_id, required=False),
        "grid": length_error(clean_text(data.grid), "网格", 50),
        "report_mode": "报到方式应为单位组织或个人"
        if data.report_mode not in REPORT_MODES
        else None,
        "reported_on": (
            "报到日期不能晚于今天" if data.reported_on and data.reported_on > today else None
        ),
    }
    return {k: v for k, v in errors.items() if v}


def name_order(name: str) -> str:
    """The stored sort key of a name: its pinyin syllables joined by "0", which sorts
    before every letter (李昂 li0ang before 连 lian), so the database orders by an index."""
    return "0".join(syllables(name))[:400]


def _apply(member: WorkdayMember, data: MemberInput) -> None:
    member.name = clean_text(data.name)
    member.name_order = name_order(member.name)
    member.gender = data.gender
    member.unit_id = data.unit_id
    member.position = clean_text(data.position)
    member.phone = clean_text(data.phone)
    member.residence = clean_text(data.residence)
    member.community_unit_id = data.community_unit_id
    member.grid = clean_text(data.grid)
    member.skills = data.skills.strip()
    member.intention = data.intention.strip()
    member.report_mode = data.report_mode
    member.reported_on = data.reported_on


def _record(
    session: Session,
    member: WorkdayMember,
    old: MemberState,
    new: MemberState,
    on: date,
    reason: str,
) -> None:
    session.add(
        MemberTransition(
            member_id=member.id,
            from_state=old.value,
            to_state=new.value,
            changed_on=on,
            reason=reason.strip(),
            actor=str(session.info.get("actor") or "")[:50],
            recorded_at=local_now(),
        )
    )


def create_member(db: Database, data: MemberInput, *, today: date) -> MemberRow:
    """A new member is 应报到; with a 报到日期 and a 报到社区 it is 已报到 at once."""
    with db.transaction() as session:
        errors = member_errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        member = WorkdayMember(state=MemberState.EXPECTED.value, state_reason="")
        _apply(member, data)
        session.add(member)
        session.flush()
        if data.reported_on is not None and data.community_unit_id is not None:
            member.state = MemberState.REPORTED.value
            member.state_changed_on = data.reported_on
            _record(
                session, member, MemberState.EXPECTED, MemberState.REPORTED, data.reported_on, ""
            )
            session.flush()
        return _load(session, member.id)


def update_member(
    db: Database, member_id: int, data: MemberInput, *, expected_version: int, today: date
) -> MemberRow:
    with db.transaction() as session:
        member = load_for_edit(
            session, WorkdayMember, member_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = member_errors(session, data, today)
        if MemberState(member.state) is not MemberState.EXPECTED and data.reported_on is None:
            errors["reported_on"] = "党员已报到，报到日期不能为空"
        if errors:
            raise ValidationError(errors)
        _apply(member, data)
        session.flush()
        return _load(session, member.id)


def change_member_state(
    db: Database,
    member_id: int,
    target: MemberState,
    *,
    expected_version: int | None,
    on: date,
    reason: str = "",
    community_unit_id: int | None = None,
) -> MemberRow:
    """Move a member on (已报到 needs a 报到社区: the member's or ``community_unit_id``;
    回执已送单位), or out by a side exit with a reason. The change is kept as history."""
    target = MemberState(target)
    with db.transaction() as session:
        member = load_for_edit(
            session, WorkdayMember, member_id, expected_version, missing=NOT_FOUND, what=_title
        )
        current = MemberState(member.state)
        check_transition(current, target, reason)
        if target is MemberState.REPORTED:
            community = community_unit_id or member.community_unit_id
            problem = community_error(session, community)
            if problem:
                raise ValidationError({"community_unit_id": problem})
            member.community_unit_id = community
            member.reported_on = on
        member.state = target.value
        member.state_reason = reason.strip()
        member.state_changed_on = on
        _record(session, member, current, target, on, reason)
        session.flush()
        return _load(session, member.id)


def delete_member(db: Database, member_id: int, *, expected_version: int) -> None:
    """Delete a member entered by mistake (one who has attendance or pairs is refused:
    use a side exit instead, which keeps the history)."""
    from alliance_desk.storage.models import HelpPair, ServiceAttendance

    with db.transaction() as session:
        member = load_for_edit(
            session, WorkdayMember, member_id, expected_version, missing=NOT_FOUND, what=_title
        )
        used = session.scalar(
            select(func.count())
            .select_from(ServiceAttendance)
            .where(ServiceAttendance.member_id == member_id)
        ) or session.scalar(
            select(func.count()).select_from(HelpPair).where(HelpPair.member_id == member_id)
        )
        if used:
            raise ValidationError(
                {
                    "state": f"党员“{member.name}”已有服务记录或帮扶对子，不能删除；"
                    "请改为调离、退休或转出"
                }
            )
        session.delete(member)


def _title(member: WorkdayMember) -> str:
    return f"党员“{member.name}”"


# --- reading ---------------------------------------------------------------------------
def _query() -> Select[tuple[object, ...]]:
    unit = aliased(Unit)
    community = aliased(Unit)
    return (
        select(
            WorkdayMember.id,
            WorkdayMember.name,
            WorkdayMember.gender,
            WorkdayMember.unit_id,
            unit.name,
            WorkdayMember.position,
            WorkdayMember.phone,
            WorkdayMember.residence,
            WorkdayMember.community_unit_id,
            func.coalesce(community.name, ""),
            WorkdayMember.grid,
            WorkdayMember.skills,
            WorkdayMember.intention,
            WorkdayMember.report_mode,
            WorkdayMember.reported_on,
            WorkdayMember.state,
            WorkdayMember.state_reason,
            WorkdayMember.state_changed_on,
            WorkdayMember.version,
        )
        .join(unit, unit.id == WorkdayMember.unit_id)
        .outerjoin(community, community.id == WorkdayMember.community_unit_id)
    )


def _row(r: tuple[object, ...]) -> MemberRow:
    values = list(r)
    values[15] = MemberState(values[15])
    return MemberRow(*values)  # type: ignore[arg-type]


def _load(session: Session, member_id: int) -> MemberRow:
    found = session.execute(_query().where(WorkdayMember.id == member_id)).first()
    if found is None:
        raise NotFoundError(NOT_FOUND)
    return _row(tuple(found))


def get_member(db: Database, member_id: int) -> MemberRow:
    with db.reading() as session:
        return _load(session, member_id)


def _filtered(query: Select, flt: MemberFilter, *, with_states: bool = True) -> Select:  # type: ignore[type-arg]
    if flt.community_id is not None:
        query = query.where(WorkdayMember.community_unit_id == flt.community_id)
    if flt.unit_id is not None:
        query = query.where(WorkdayMember.unit_id == flt.unit_id)
    if with_states and flt.states:
        query = query.where(WorkdayMember.state.in_([s.value for s in flt.states]))
    text = clean_text(flt.search)
    if text:
        like = f"%{text}%"
        unit_ids = select(Unit.id).where(Unit.name.like(like))
        query = query.where(
            or_(
                WorkdayMember.name.like(like),
                WorkdayMember.phone.like(like),
                WorkdayMember.residence.like(like),
                WorkdayMember.grid.like(like),
                WorkdayMember.unit_id.in_(unit_ids),
            )
        )
    return query


def member_page(
    db: Database, flt: MemberFilter = MemberFilter(), *, offset: int = 0, limit: int = 500
) -> MemberPage:
    """One page of members in name (pinyin) order, the filter's total and its state counts."""
    with db.reading() as session:
        rows = session.execute(
            _filtered(_query(), flt)
            .order_by(WorkdayMember.name_order, WorkdayMember.id)
            .offset(offset)
            .limit(limit)
        ).all()
        counts = {
            MemberState(state): int(n)
            for state, n in session.execute(
                _filtered(
                    select(WorkdayMember.state, func.count()), flt, with_states=False
                ).group_by(WorkdayMember.state)
            )
        }
    wanted = flt.states or tuple(counts)
    total = sum(counts.get(s, 0) for s in wanted)
    return MemberPage([_row(tuple(r)) for r in rows], total, offset, counts)


def list_members(
    db: Database, flt: MemberFilter = MemberFilter(), *, by_name: bool = False
) -> list[MemberRow]:
    """Every member of the filter, by 工作单位 then name (exports, prints); ``by_name``: in
    :func:`member_page`'s order, so a list that showed a first page keeps its order."""
    order = (
        (WorkdayMember.name_order, WorkdayMember.id)
        if by_name
        else (WorkdayMember.unit_id, WorkdayMember.name_order, WorkdayMember.id)
    )
    with db.reading() as session:
        rows = session.execute(_filtered(_query(), flt).order_by(*order)).all()
    return [_row(tuple(r)) for r in rows]


def member_history(db: Database, member_id: int) -> list[TransitionRow]:
    with db.reading() as session:
        rows = session.execute(
            select(
                MemberTransition.id,
                MemberTransition.from_state,
                MemberTransition.to_state,
                MemberTransition.changed_on,
                MemberTransition.reason,
                MemberTransition.actor,
            )
            .where(MemberTransition.member_id == member_id)
            .order_by(MemberTransition.changed_on, MemberTransition.id)
        ).all()
    return [
        TransitionRow(i, MemberState(a), MemberState(b), on, reason, actor)
        for i, a, b, on, reason, actor in rows
    ]
