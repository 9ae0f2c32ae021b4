"""The workday prints read through the services: one function per printed document,
shared by the page and the command line."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.core.errors import DomainError

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from alliance_desk.documents.long_table import LongTableDocument
    from alliance_desk.documents.paged import DocumentPack
    from alliance_desk.services import Database


def feedback_pack(
    db: Database,
    year: int,
    quarter: int | None = None,
    *,
    unit_id: int | None = None,
    printed_on: date,
) -> DocumentPack:
    """反馈函 of every unit with members (or one unit), one letter per unit."""
    from alliance_desk.documents.workday.letters import letters_pack
    from alliance_desk.services.workday.feedback import feedback_letters

    letters = feedback_letters(db, year, quarter, unit_id=unit_id)
    if not letters:
        raise DomainError("所选单位没有在职党员，无反馈函可打印。")
    return letters_pack(letters, printed_on=printed_on)


def activity_signin(db: Database, activity_id: int) -> QTextDocument:
    from alliance_desk.documents.workday.signin import activity_signin_document
    from alliance_desk.services.workday.activities import get_activity, list_attendance

    return activity_signin_document(get_activity(db, activity_id), list_attendance(db, activity_id))


def _community_name(db: Database, community_id: int) -> str:
    from alliance_desk.services.workday.common import communities

    for cid, name in communities(db):
        if cid == community_id:
            return name
    raise DomainError("所选社区不存在。")


def community_roll(db: Database, community_id: int, *, printed_on: date) -> LongTableDocument:
    """报到一览表 of one community: its reported members (masked)."""
    from alliance_desk.core.workday.states import REPORTED_STATES
    from alliance_desk.documents.workday.lists import roll_document
    from alliance_desk.services.workday.members import MemberFilter, list_members

    name = _community_name(db, community_id)
    members = list_members(
        db, MemberFilter(community_id=community_id, states=tuple(REPORTED_STATES))
    )
    return roll_document(name, members, printed_on=printed_on)


def community_posts(db: Database, community_id: int, *, printed_on: date) -> LongTableDocument:
    from alliance_desk.documents.workday.lists import posts_document
    from alliance_desk.services.workday.posts import list_claims, list_posts

    name = _community_name(db, community_id)
    posts = list_posts(db, community_id=community_id, active_only=True)
    claimants: dict[int, list[str]] = {}
    for claim in list_claims(db):
        claimants.setdefault(claim.post_id, []).append(claim.member_name)
    return posts_document(name, posts, claimants, printed_on=printed_on)


def report_forms(
    db: Database,
    *,
    unit_id: int | None = None,
    member_ids: list[int] | None = None,
    printed_on: date,
) -> DocumentPack:
    """报到单 with 回执 of the given members, or of every member of a unit."""
    from alliance_desk.documents.workday.lists import report_forms_pack
    from alliance_desk.services.workday.members import MemberFilter, get_member, list_members

    if member_ids:
        members = [get_member(db, i) for i in member_ids]
    elif unit_id is not None:
        members = list_members(db, MemberFilter(unit_id=unit_id))
    else:
        raise DomainError("请选择党员或单位。")
    if not members:
        raise DomainError("所选单位没有在职党员。")
    return report_forms_pack(members, printed_on=printed_on)
