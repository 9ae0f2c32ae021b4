"""Make a commitment (承诺): who promises whom, what, by when — checked before saving.

Rules (all reported at once, each under its field):

- 承诺内容 is required (≤ 2000 characters); 类别 ≤ 50 characters.
- 到期日期 is not before 承诺日期.
- promisor and promisee are two different, active units, both members of the alliance
  on the day the commitment is made (joined on or before it, not left before it).
- the direction matches the parties (``core.commitments.parties``): 单位→社区 means
  the promisee is a community (社区) and the promisor is not; 社区→单位 the reverse.
- the alliance exists and is active; a source decision belongs to a meeting of it.

A new commitment is 已提出 (proposed). ``terms_errors`` is also what
``update.update_commitment`` checks a correction with, so each rule lives here once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import direction_error
from alliance_desk.core.errors import ValidationError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services.commitments.detail import load_detail
from alliance_desk.services.commitments.records import CommitmentDetail
from alliance_desk.services.database import Database
from alliance_desk.storage.models import (
    Alliance,
    Commitment,
    Decision,
    Meeting,
    Membership,
    Minutes,
    Unit,
)

CONTENT_LIMIT = 2000
CATEGORY_LIMIT = 50

_ROLE = {"promisor_unit_id": "承诺方", "promisee_unit_id": "受诺方"}


@dataclass(frozen=True, slots=True)
class Terms:
    """What a clerk writes about a commitment: the parties, what is promised, the dates."""

    promisor_unit_id: int
    promisee_unit_id: int
    direction: CommitmentDirection
    content: str
    category: str
    made_on: date
    due_on: date

    def normalised(self) -> Terms:
        """As saved: content stripped, category cleaned (for comparing with a saved row)."""
        return Terms(
            promisor_unit_id=self.promisor_unit_id,
            promisee_unit_id=self.promisee_unit_id,
            direction=self.direction,
            content=self.content.strip(),
            category=clean_text(self.category),
            made_on=self.made_on,
            due_on=self.due_on,
        )

    def changed(self, saved: Terms) -> set[str]:
        """Names of the fields whose normalised value differs from ``saved``."""
        mine, theirs = self.normalised(), saved.normalised()
        return {f.name for f in fields(Terms) if getattr(mine, f.name) != getattr(theirs, f.name)}


def create_commitment(
    db: Database,
    *,
    alliance_id: int,
    promisor_unit_id: int,
    promisee_unit_id: int,
    direction: CommitmentDirection,
    content: str,
    category: str = "",
    due_on: date,
    made_on: date,
    source_decision_id: int | None = None,
) -> CommitmentDetail:
    """Save a new, proposed commitment, or raise ``ValidationError`` saying what is wrong."""
    terms = Terms(
        promisor_unit_id=promisor_unit_id,
        promisee_unit_id=promisee_unit_id,
        direction=direction,
        content=content,
        category=category,
        made_on=made_on,
        due_on=due_on,
    )
    with db.transaction() as session:
        errors: dict[str, str] = {}
        alliance = session.get(Alliance, alliance_id)
        if alliance is None:
            errors["alliance_id"] = "所选联盟不存在，可能已被删除"
        elif not alliance.active:
            errors["alliance_id"] = f"联盟“{alliance.name}”已停用，不能新增承诺"
        errors.update(terms_errors(session, alliance, terms))
        if source_decision_id is not None:
            message = _source_error(session, source_decision_id, alliance_id)
            if message:
                errors["source_decision_id"] = message
        if errors:
            raise ValidationError(errors)
        commitment = Commitment(
            alliance_id=alliance_id,
            promisor_unit_id=promisor_unit_id,
            promisee_unit_id=promisee_unit_id,
            direction=CommitmentDirection(direction),
            content=content.strip(),
            category=clean_text(category),
            source_decision_id=source_decision_id,
            made_on=made_on,
            due_on=due_on,
            state=CommitmentState.PROPOSED,
            cancel_reason="",
        )
        session.add(commitment)
        session.flush()
        return load_detail(session, commitment.id)


def terms_errors(
    session: Session, alliance: Alliance | None, terms: Terms, *, saved: Terms | None = None
) -> dict[str, str]:
    """Every rule of the module docstring but the alliance's and the source's: field → message.

    ``saved`` is the commitment as it stands when a clerk corrects it. A party kept as it
    was is then not refused for having been deactivated since, and is checked for
    membership only when the made day moves; the direction is checked only when it or a
    party changes. What was valid when saved stays valid; what changes meets the rules.
    """
    errors = _field_errors(
        terms.content, terms.category, terms.made_on, terms.due_on, terms.direction
    )
    changed = terms.changed(saved) if saved is not None else {f.name for f in fields(Terms)}
    parties = {
        "promisor_unit_id": terms.promisor_unit_id,
        "promisee_unit_id": terms.promisee_unit_id,
    }
    units = {key: session.get(Unit, unit_id) for key, unit_id in parties.items()}
    if terms.promisor_unit_id == terms.promisee_unit_id:
        errors["promisee_unit_id"] = "承诺方与受诺方不能是同一单位"
    for key, unit in units.items():
        if key in errors or not ({key, "made_on"} & changed):
            continue
        message = _party_error(
            session, _ROLE[key], unit, alliance, terms.made_on, chosen_now=key in changed
        )
        if message:
            errors[key] = message
    direction_changed = bool({"direction", *parties} & changed)
    if "direction" not in errors and None not in units.values() and direction_changed:
        promisor, promisee = units["promisor_unit_id"], units["promisee_unit_id"]
        assert promisor is not None and promisee is not None
        message = direction_error(
            CommitmentDirection(terms.direction),
            promisor.category,
            promisee.category,
            promisor_name=promisor.name,
            promisee_name=promisee.name,
        )
        if message:
            errors["direction"] = message
    return errors


def _field_errors(
    content: str, category: str, made_on: date, due_on: date, direction: object
) -> dict[str, str]:
    checks = {
        "content": required_error(content, "承诺内容")
        or length_error(content.strip(), "承诺内容", CONTENT_LIMIT, multiline=True),
        "category": length_error(clean_text(category), "承诺类别", CATEGORY_LIMIT),
        "due_on": "到期日期不能早于承诺日期" if due_on < made_on else None,
        "direction": None
        if direction in CommitmentDirection._value2member_map_
        else "请选择承诺方向（单位→社区 或 社区→单位）",
    }
    return {key: message for key, message in checks.items() if message}


def _party_error(
    session: Session,
    role: str,
    unit: Unit | None,
    alliance: Alliance | None,
    on: date,
    *,
    chosen_now: bool = True,
) -> str | None:
    """Why ``unit`` cannot be on that side on ``on``; a deactivated unit only when
    ``chosen_now`` (a party kept from before may have been deactivated since)."""
    if unit is None:
        return f"所选{role}单位不存在，可能已被删除"
    if chosen_now and not unit.active:
        return f"{role}“{unit.name}”已停用"
    if alliance is None:
        return None
    seats = session.execute(
        select(Membership.joined_on, Membership.left_on)
        .where(Membership.alliance_id == alliance.id, Membership.unit_id == unit.id)
        .order_by(Membership.joined_on)
    ).all()
    if any(joined <= on and (left is None or left >= on) for joined, left in seats):
        return None
    where = f"{role}“{unit.name}”在 {on:%Y-%m-%d}（承诺日期）不是“{alliance.name}”的成员"
    if not seats:
        return f"{where}：该单位未加入本联盟"
    if all(joined > on for joined, _left in seats):
        return f"{where}：该单位于 {min(j for j, _l in seats):%Y-%m-%d} 才加入"
    last_left = max(left for _joined, left in seats if left is not None and left < on)
    return f"{where}：该单位已于 {last_left:%Y-%m-%d} 退出"


def _source_error(session: Session, decision_id: int, alliance_id: int) -> str | None:
    meeting_alliance = session.scalar(
        select(Meeting.alliance_id)
        .select_from(Decision)
        .join(Minutes, Minutes.id == Decision.minutes_id)
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .where(Decision.id == decision_id)
    )
    if meeting_alliance is None:
        return "所选议定事项不存在，可能已被删除"
    if meeting_alliance != alliance_id:
        return "所选议定事项不是本联盟会议的议定事项"
    return None
