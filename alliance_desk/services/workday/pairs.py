"""帮扶对子 (a member helps a household) and their 走访记录; states 结对 → 解除 (reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, phone_error, required_error
from alliance_desk.core.workday.states import EXPECTED_STATES, MemberState
from alliance_desk.services.database import Database
from alliance_desk.services.editing import claim_version, load_for_edit
from alliance_desk.services.workday.common import PAIR_STATES
from alliance_desk.storage.models import HelpPair, PairVisit, Unit, WorkdayMember

NOT_FOUND = "该帮扶对子不存在，可能已被删除"
VISIT_NOT_FOUND = "该走访记录不存在，可能已被删除"


@dataclass(frozen=True, slots=True)
class PairInput:
    member_id: int
    household: str
    paired_on: date
    hardship: str = ""
    household_address: str = ""
    household_phone: str = ""
    measures: str = ""


@dataclass(frozen=True, slots=True)
class PairRow:
    id: int
    member_id: int
    member_name: str
    unit_name: str
    community_unit_id: int | None
    household: str
    household_address: str
    household_phone: str
    hardship: str
    paired_on: date
    measures: str
    state: str
    ended_on: date | None
    end_reason: str
    visits: int
    last_visit: date | None
    version: int

    @property
    def state_label(self) -> str:
        return PAIR_STATES[self.state]


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: int
    pair_id: int
    visited_on: date
    content: str
    version: int


def _errors(session: Session, data: PairInput, today: date) -> dict[str, str]:
    errors = {
        "household": required_error(data.household, "帮扶对象")
        or length_error(clean_text(data.household), "帮扶对象", 50),
        "hardship": length_error(clean_text(data.hardship), "困难类别", 50),
        "household_address": length_error(clean_text(data.household_address), "住址", 200),
        "household_phone": phone_error(data.household_phone) if data.household_phone else None,
        "paired_on": "结对日期不能晚于今天" if data.paired_on > today else None,
    }
    member = session.get(WorkdayMember, data.member_id)
    if member is None:
        errors["member_id"] = "所选帮扶人不存在"
    elif MemberState(member.state) not in EXPECTED_STATES:
        errors["member_id"] = f"党员“{member.name}”已不在报到名单中"
    return {k: v for k, v in errors.items() if v}


def _apply(pair: HelpPair, data: PairInput) -> None:
    pair.member_id = data.member_id
    pair.household = clean_text(data.household)
    pair.household_address = clean_text(data.household_address)
    pair.household_phone = clean_text(data.household_phone)
    pair.hardship = clean_text(data.hardship)
    pair.paired_on = data.paired_on
    pair.measures = data.measures.strip()


def create_pair(db: Database, data: PairInput, *, today: date) -> PairRow:
    with db.transaction() as session:
        errors = _errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        pair = HelpPair(state="paired", end_reason="")
        _apply(pair, data)
        session.add(pair)
        session.flush()
        return _load(session, pair.id)


def update_pair(
    db: Database, pair_id: int, data: PairInput, *, expected_version: int, today: date
) -> PairRow:
    with db.transaction() as session:
        pair = load_for_edit(
            session, HelpPair, pair_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = _errors(session, data, today)
        if pair.member_id == data.member_id:
            errors.pop("member_id", None)  # a member who left keeps the ended pair's record
        if errors:
            raise ValidationError(errors)
        _apply(pair, data)
        session.flush()
        return _load(session, pair.id)


def end_pair(
    db: Database, pair_id: int, *, reason: str, on: date, expected_version: int | None
) -> PairRow:
    """结对 → 解除, with a reason (the pair and its visits stay as history)."""
    with db.transaction() as session:
        pair = load_for_edit(
            session, HelpPair, pair_id, expected_version, missing=NOT_FOUND, what=_title
        )
        if pair.state != "paired":
            raise ValidationError({"state": "该帮扶对子已解除"})
        if not reason.strip():
            raise ValidationError({"reason": "解除结对需填写原因"})
        if on < pair.paired_on:
            raise ValidationError({"ended_on": "解除日期不能早于结对日期"})
        pair.state = "ended"
        pair.ended_on = on
        pair.end_reason = reason.strip()
        session.flush()
        return _load(session, pair.id)


def delete_pair(db: Database, pair_id: int, *, expected_version: int) -> None:
    with db.transaction() as session:
        pair = load_for_edit(
            session, HelpPair, pair_id, expected_version, missing=NOT_FOUND, what=_title
        )
        session.delete(pair)


def _title(pair: HelpPair) -> str:
    return "该帮扶对子"


def _select():  # type: ignore[no-untyped-def]
    visits = (
        select(
            PairVisit.pair_id,
            func.count().label("n"),
            func.max(PairVisit.visited_on).label("last"),
        )
        .group_by(PairVisit.pair_id)
        .subquery()
    )
    return (
        select(
            HelpPair.id,
            HelpPair.member_id,
            WorkdayMember.name,
            Unit.name,
            WorkdayMember.community_unit_id,
            HelpPair.household,
            HelpPair.household_address,
            HelpPair.household_phone,
            HelpPair.hardship,
            HelpPair.paired_on,
            HelpPair.measures,
            HelpPair.state,
            HelpPair.ended_on,
            HelpPair.end_reason,
            func.coalesce(visits.c.n, 0),
            visits.c.last,
            HelpPair.version,
        )
        .join(WorkdayMember, WorkdayMember.id == HelpPair.member_id)
        .join(Unit, Unit.id == WorkdayMember.unit_id)
        .outerjoin(visits, visits.c.pair_id == HelpPair.id)
    )


def _load(session: Session, pair_id: int) -> PairRow:
    found = session.execute(_select().where(HelpPair.id == pair_id)).first()
    if found is None:
        raise NotFoundError(NOT_FOUND)
    return PairRow(*found)


def list_pairs(
    db: Database,
    *,
    community_id: int | None = None,
    unit_id: int | None = None,
    member_id: int | None = None,
    include_ended: bool = True,
) -> list[PairRow]:
    query = _select()
    if community_id is not None:
        query = query.where(WorkdayMember.community_unit_id == community_id)
    if unit_id is not None:
        query = query.where(WorkdayMember.unit_id == unit_id)
    if member_id is not None:
        query = query.where(HelpPair.member_id == member_id)
    if not include_ended:
        query = query.where(HelpPair.state == "paired")
    with db.reading() as session:
        rows = session.execute(query.order_by(HelpPair.paired_on.desc(), HelpPair.id)).all()
    return [PairRow(*r) for r in rows]


# --- visits ----------------------------------------------------------------------------------
def add_visit(
    db: Database, pair_id: int, visited_on: date, content: str, *, today: date
) -> VisitRow:
    """A 走访记录 (date, what was done) of a pair that is still 结对."""
    with db.transaction() as session:
        pair = session.get(HelpPair, pair_id)
        if pair is None:
            raise NotFoundError(NOT_FOUND)
        errors = {
            "content": required_error(content, "走访内容"),
            "visited_on": (
                "走访日期不能晚于今天"
                if visited_on > today
                else "走访日期不能早于结对日期"
                if visited_on < pair.paired_on
                else None
            ),
            "state": "该帮扶对子已解除，不能再添加走访" if pair.state != "paired" else None,
        }
        errors = {k: v for k, v in errors.items() if v}
        if errors:
            raise ValidationError(errors)
        visit = PairVisit(pair_id=pair_id, visited_on=visited_on, content=content.strip())
        session.add(visit)
        claim_version(pair)
        session.flush()
        return VisitRow(visit.id, pair_id, visited_on, visit.content, visit.version)


def delete_visit(db: Database, visit_id: int, *, expected_version: int) -> None:
    with db.transaction() as session:
        visit = load_for_edit(
            session,
            PairVisit,
            visit_id,
            expected_version,
            missing=VISIT_NOT_FOUND,
            what=lambda _v: "该走访记录",
        )
        session.delete(visit)


def list_visits(db: Database, pair_id: int) -> list[VisitRow]:
    with db.reading() as session:
        rows = session.execute(
            select(
                PairVisit.id,
                PairVisit.pair_id,
                PairVisit.visited_on,
                PairVisit.content,
                PairVisit.version,
            )
            .where(PairVisit.pair_id == pair_id)
            .order_by(PairVisit.visited_on.desc(), PairVisit.id.desc())
        ).all()
    return [VisitRow(*r) for r in rows]
