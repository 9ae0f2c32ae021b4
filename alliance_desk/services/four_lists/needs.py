"""需求清单: register, correct, verify, close and list residents' needs.

Rules (all reported at once, each under its field): 需求名称 required (≤ 200), 类别
required (≤ 50), the alliance active, the community a community (社区) seated in that
alliance on the registration day, 涉及户数 not negative, 登记日期 not in the future.
A new need is 待核实 and gets the next code ``XQ<year>-00001`` of its year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, String, delete, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.four_lists.states import check_need_transition
from alliance_desk.core.four_lists.vocab import (
    DEFAULT_NEED_CATEGORIES,
    NeedSource,
    NeedState,
    Proposer,
    Urgency,
)
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, phone_error, required_error
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.four_lists.common import alliance_error, is_current_member, next_code
from alliance_desk.services.four_lists.records import NeedInput, NeedRow
from alliance_desk.storage.models import Alliance, Need, NeedCategory, Unit

NOT_FOUND = "该需求不存在，可能已被删除"


def _title(need: Need) -> str:
    return f"需求“{need.code}”"


# --- categories ------------------------------------------------------------------------
def need_categories(db: Database) -> list[str]:
    """The clerk's category list, or the default one until it was edited."""
    with db.reading() as session:
        names = list(session.scalars(select(NeedCategory.name).order_by(NeedCategory.position)))
    return names or list(DEFAULT_NEED_CATEGORIES)


def save_need_categories(db: Database, names: Sequence[str]) -> list[str]:
    """Replace the category list (blank and repeated names dropped). Categories already
    used by needs stay on those needs."""
    cleaned = list(dict.fromkeys(clean_text(n) for n in names if clean_text(n)))
    if not cleaned:
        raise ValidationError({"categories": "需求类别至少要有一个"})
    too_long = [n for n in cleaned if len(n) > 50]
    if too_long:
        raise ValidationError({"categories": f"类别名称不能超过 50 个字：{too_long[0]}"})
    with db.transaction() as session:
        session.execute(delete(NeedCategory))
        session.add_all(NeedCategory(name=n, position=i) for i, n in enumerate(cleaned))
    return cleaned


# --- checking and saving -----------------------------------------------------------------
def need_errors(session: Session, data: NeedInput, today: date) -> dict[str, str]:
    errors = {
        "title": required_error(data.title, "需求名称")
        or length_error(clean_text(data.title), "需求名称", 200),
        "category": required_error(data.category, "需求类别")
        or length_error(clean_text(data.category), "需求类别", 50),
        "grid": length_error(clean_text(data.grid), "网格", 50),
        "proposer_name": length_error(clean_text(data.proposer_name), "提出人", 50),
        "proposer_phone": phone_error(data.proposer_phone) if data.proposer_phone else None,
        "registrar": length_error(clean_text(data.registrar), "登记人", 50),
        "households": "涉及户数或人数不能为负数" if data.households < 0 else None,
        "registered_on": "登记日期不能晚于今天" if data.registered_on > today else None,
        "alliance_id": alliance_error(session, data.alliance_id),
    }
    if not errors["alliance_id"]:
        unit = session.get(Unit, data.community_unit_id)
        if unit is None:
            errors["community_unit_id"] = "所选社区不存在"
        elif unit.category is not UnitCategory.COMMUNITY:
            errors["community_unit_id"] = f"“{unit.name}”不是社区"
        elif not is_current_member(
            session, data.alliance_id, data.community_unit_id, data.registered_on
        ):
            errors["community_unit_id"] = f"“{unit.name}”在登记日期不是所选联盟的成员"
    return {k: v for k, v in errors.items() if v}


def _apply(need: Need, data: NeedInput) -> None:
    need.title = clean_text(data.title)
    need.content = data.content.strip()
    need.category = clean_text(data.category)
    need.alliance_id = data.alliance_id
    need.community_unit_id = data.community_unit_id
    need.grid = clean_text(data.grid)
    need.source = data.source
    need.proposer = data.proposer
    need.proposer_name = clean_text(data.proposer_name)
    need.proposer_phone = clean_text(data.proposer_phone)
    need.households = data.households
    need.urgency = data.urgency
    need.registrar = clean_text(data.registrar)
    need.registered_on = data.registered_on
    need.public = data.public


def create_need(db: Database, data: NeedInput, *, today: date) -> NeedRow:
    with db.transaction() as session:
        errors = need_errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        need = Need(
            code=next_code(session, Need.code, f"XQ{data.registered_on.year}-"),
            state=NeedState.PENDING,
            state_reason="",
        )
        _apply(need, data)
        session.add(need)
        session.flush()
        return _load(session, need.id)


def update_need(
    db: Database, need_id: int, data: NeedInput, *, expected_version: int, today: date
) -> NeedRow:
    with db.transaction() as session:
        need = load_for_edit(
            session, Need, need_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = need_errors(session, data, today)
        if need.state not in (NeedState.PENDING, NeedState.VERIFIED) and (
            data.alliance_id != need.alliance_id or data.community_unit_id != need.community_unit_id
        ):
            errors["alliance_id"] = f"需求已{need.state.label}，不能再改所在社区"
        if errors:
            raise ValidationError(errors)
        _apply(need, data)
        session.flush()
        return _load(session, need.id)


def change_need_state(
    db: Database,
    need_id: int,
    target: NeedState,
    *,
    expected_version: int | None,
    reason: str = "",
    merged_into: int | None = None,
) -> NeedRow:
    """Verify (已核实) a need or close it by a side exit (合并 / 转办 / 不予受理, with a
    reason). 已对接, 已办结 and 已评议 follow the need's project, not this call."""
    target = NeedState(target)
    with db.transaction() as session:
        need = load_for_edit(
            session, Need, need_id, expected_version, missing=NOT_FOUND, what=_title
        )
        if target in (NeedState.MATCHED, NeedState.DONE, NeedState.RATED):
            raise ValidationError({"state": f"“{target.label}”随项目自动变化：请在项目中操作"})
        check_need_transition(need.state, target, reason=reason, merged_into=merged_into)
        if target is NeedState.MERGED:
            other = session.get(Need, merged_into)
            if other is None or other.id == need.id:
                raise ValidationError({"merged_into": "请选择另一条需求作为并入对象"})
            if other.alliance_id != need.alliance_id:
                raise ValidationError({"merged_into": "只能并入同一联盟的需求"})
            need.merged_into_id = other.id
        need.state = target
        need.state_reason = reason.strip()
        session.flush()
        return _load(session, need.id)


# --- reading -----------------------------------------------------------------------------
def need_query(*, with_content: bool = True) -> Select[tuple[object, ...]]:
    community = aliased(Unit)
    return (
        select(
            Need.id,
            Need.code,
            Need.title,
            Need.content if with_content else literal(""),
            Need.category,
            Need.alliance_id,
            Alliance.name,
            Need.community_unit_id,
            community.name,
            Need.grid,
            Need.source,
            Need.proposer,
            Need.proposer_name,
            Need.proposer_phone,
            Need.households,
            Need.urgency,
            Need.registrar,
            Need.registered_on,
            Need.public,
            Need.state,
            Need.state_reason,
            Need.merged_into_id,
            Need.version,
        )
        .join(Alliance, Alliance.id == Need.alliance_id)
        .join(community, community.id == Need.community_unit_id)
    )


def _load(session: Session, need_id: int) -> NeedRow:
    row = session.execute(need_query().where(Need.id == need_id)).one_or_none()
    if row is None:
        raise NotFoundError(NOT_FOUND)
    return NeedRow(*row)


def get_need(db: Database, need_id: int) -> NeedRow:
    with db.reading() as session:
        return _load(session, need_id)


def list_needs(
    db: Database,
    *,
    alliance_id: int | None = None,
    states: Sequence[NeedState] | None = None,
    year: int | None = None,
    limit: int | None = None,
    with_content: bool = True,
) -> list[NeedRow]:
    """Needs newest first (registration day, then code); the first ``limit`` only when
    given. ``with_content=False`` leaves 需求内容 empty (the list does not show it).

    A city holds some 60,000 needs: the rows are read without joins or per-value enum
    conversion (names and enum members come from small lookup tables), a third of the
    time of the plain query.
    """
    n = Need.__table__.c  # table columns: plain Core rows, no ORM result machinery
    query = select(
        n.id,
        n.code,
        n.title,
        n.content if with_content else literal(""),
        n.category,
        n.alliance_id,
        n.community_unit_id,
        n.grid,
        type_coerce(n.source, String),
        type_coerce(n.proposer, String),
        n.proposer_name,
        n.proposer_phone,
        n.households,
        type_coerce(n.urgency, String),
        n.registrar,
        n.registered_on,
        n.public,
        type_coerce(n.state, String),
        n.state_reason,
        n.merged_into_id,
        n.version,
    )
    if alliance_id is not None:
        query = query.where(n.alliance_id == alliance_id)
    if states:
        query = query.where(n.state.in_([s.value for s in states]))
    if year is not None:
        query = query.where(n.registered_on.between(date(year, 1, 1), date(year, 12, 31)))
    query = query.order_by(n.registered_on.desc(), n.code.desc())
    if limit is not None:
        query = query.limit(limit)
    a, u = Alliance.__table__.c, Unit.__table__.c
    with db.reading() as session:
        connection = session.connection()
        alliances = dict(connection.execute(select(a.id, a.name)).all())
        units = dict(
            connection.execute(
                select(u.id, u.name).where(u.category == UnitCategory.COMMUNITY.value)
            ).all()
        )
        raw = connection.execute(query).all()
    source, proposer = NeedSource._value2member_map_, Proposer._value2member_map_
    urgency, state = Urgency._value2member_map_, NeedState._value2member_map_
    return [
        NeedRow(
            i,
            code,
            title,
            content,
            category,
            a,
            alliances.get(a, ""),
            c,
            units.get(c, ""),
            grid,
            source[src],
            proposer[pro],
            name,
            phone,
            households,
            urgency[urg],  # type: ignore[arg-type]
            registrar,
            registered,
            public,
            state[st],
            reason,
            merged,
            version,  # type: ignore[arg-type]
        )
        for (
            i,
            code,
            title,
            content,
            category,
            a,
            c,
            grid,
            src,
            pro,
            name,
            phone,
            households,
            urg,
            registrar,
            registered,
            public,
            st,
            reason,
            merged,
            version,
        ) in raw
    ]
