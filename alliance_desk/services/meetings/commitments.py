"""议定事项 → 双向承诺: one decision makes one or more commitments in one step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import derive_direction, direction_error
from alliance_desk.core.errors import DomainError, NotFoundError, ValidationError
from alliance_desk.core.meetings import MeetingEdit, require_edit
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services.commitments.create import CATEGORY_LIMIT, CONTENT_LIMIT
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import members_on
from alliance_desk.services.meetings.inputs import CommitmentInput
from alliance_desk.services.meetings.minutes import minutes_meeting
from alliance_desk.services.meetings.reading import commitment_rows
from alliance_desk.services.meetings.records import DecisionRow
from alliance_desk.storage.models import Commitment, Decision, Unit


def direction_for(
    promisor: tuple[UnitCategory, str],
    promisee: tuple[UnitCategory, str],
    given: CommitmentDirection | None,
) -> CommitmentDirection | str:
    """The direction (given, or derived from which party is a community), or why not.

    The rule itself is ``core.commitments``' (exactly one party is a community).
    """
    if given is not None:
        error = direction_error(
            given, promisor[0], promisee[0], promisor_name=promisor[1], promisee_name=promisee[1]
        )
        return error or CommitmentDirection(given)
    derived = derive_direction(promisor[0], promisee[0])
    if derived is not None:
        return derived
    if promisor[0] is UnitCategory.COMMUNITY:
        return "承诺方与受诺方不能都是社区"
    return "双向承诺须有一方是社区"


def _item_errors(
    item: CommitmentInput,
    content: str,
    made_on: date,
    members: dict[int, str],
    units: dict[int, tuple[UnitCategory, str, bool]],
) -> list[str]:
    errors: list[str] = []
    for unit_id, role in ((item.promisor_unit_id, "承诺方"), (item.promisee_unit_id, "受诺方")):
        if unit_id not in members:
            errors.append(f"{role}须为本联盟在会议当日的成员单位")
        elif not units[unit_id][2]:
            errors.append(f"{role}“{members[unit_id]}”已停用")
    if item.promisor_unit_id == item.promisee_unit_id:
        errors.append("承诺方与受诺方不能是同一单位")
    if not errors:
        direction = direction_for(
            units[item.promisor_unit_id][:2], units[item.promisee_unit_id][:2], item.direction
        )
        if not isinstance(direction, CommitmentDirection):
            errors.append(direction)
    if not content:
        errors.append("请填写承诺内容")
    elif len(content) > CONTENT_LIMIT:
        errors.append(f"承诺内容不能超过 {CONTENT_LIMIT} 个字")
    if len(clean_text(item.category)) > CATEGORY_LIMIT:
        errors.append(f"承诺类别不能超过 {CATEGORY_LIMIT} 个字")
    if item.due_on < made_on:
        errors.append(f"到期日期不能早于会议日期（{made_on:%Y-%m-%d}）")
    return errors


def create_commitments_from_decision(
    db: Database, decision_id: int, items: Sequence[CommitmentInput]
) -> DecisionRow:
    """Make commitments from a decision of a held meeting (minutes approved or not).

    Made on the meeting date, state 已提出, content prefilled from the decision when
    left empty; all or none. Returns the decision with all its commitments.
    """
    if not items:
        raise DomainError("请至少填写一项承诺。")
    with db.transaction() as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError("该议定事项不存在，可能已被他人删除。")
        meeting = minutes_meeting(session, decision)
        require_edit(meeting.state, MeetingEdit.COMMITMENTS)
        made_on = meeting.starts_at.date()
        members = dict(members_on(session, meeting.alliance_id, made_on))
        units = _units(session, items)
        errors: dict[str, str] = {}
        contents: list[str] = []
        for number, item in enumerate(items, start=1):
            content = clean_text(item.content) or decision.content.strip()
            contents.append(content)
            problems = _item_errors(item, content, made_on, members, units)
            if problems:
                errors[f"commitment_{number}"] = f"第 {number} 项承诺：" + "，".join(problems)
        if errors:
            raise ValidationError(errors)
        for item, content in zip(items, contents, strict=True):
            direction = direction_for(
                units[item.promisor_unit_id][:2], units[item.promisee_unit_id][:2], item.direction
            )
            assert isinstance(direction, CommitmentDirection)
            session.add(
                Commitment(
                    alliance_id=meeting.alliance_id,
                    promisor_unit_id=item.promisor_unit_id,
                    promisee_unit_id=item.promisee_unit_id,
                    direction=direction,
                    content=content,
                    category=clean_text(item.category),
                    source_decision_id=decision.id,
                    made_on=made_on,
                    due_on=item.due_on,
                    state=CommitmentState.PROPOSED,
                )
            )
        session.flush()
        return DecisionRow(
            decision.id,
            decision.position,
            decision.content,
            decision.version,
            tuple(commitment_rows(session, [decision.id])[decision.id]),
        )


def _units(
    session: Session, items: Sequence[CommitmentInput]
) -> dict[int, tuple[UnitCategory, str, bool]]:
    ids = {i.promisor_unit_id for i in items} | {i.promisee_unit_id for i in items}
    rows = session.execute(
        select(Unit.id, Unit.category, Unit.name, Unit.active).where(Unit.id.in_(ids))
    )
    return {unit_id: (category, name, active) for unit_id, category, name, active in rows}
