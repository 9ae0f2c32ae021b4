"""服务岗位 (posts of a community, with how many people each needs) and 认岗 (claims)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.workday.states import EXPECTED_STATES, MemberState
from alliance_desk.services.database import Database
from alliance_desk.services.editing import claim_version, load_for_edit
from alliance_desk.services.workday.common import DEFAULT_POST_CATEGORIES, community_error
from alliance_desk.storage.models import (
    PostClaim,
    ServicePost,
    ServicePostCategory,
    Unit,
    WorkdayMember,
)

NOT_FOUND = "该服务岗位不存在，可能已被删除"


# --- categories --------------------------------------------------------------------------
def post_categories(db: Database) -> list[str]:
    """The clerk's category list, or the default one until it was edited."""
    with db.reading() as session:
        names = list(
            session.scalars(select(ServicePostCategory.name).order_by(ServicePostCategory.position))
        )
    return names or list(DEFAULT_POST_CATEGORIES)


def save_post_categories(db: Database, names: Sequence[str]) -> list[str]:
    """Replace the category list (blank and repeated names dropped); posts and activities
    keep the category they were saved with."""
    cleaned = list(dict.fromkeys(clean_text(n) for n in names if clean_text(n)))
    if not cleaned:
        raise ValidationError({"categories": "岗位类别至少要有一个"})
    too_long = [n for n in cleaned if len(n) > 50]
    if too_long:
        raise ValidationError({"categories": f"类别名称不能超过 50 个字：{too_long[0]}"})
    with db.transaction() as session:
        session.execute(delete(ServicePostCategory))
        session.add_all(ServicePostCategory(name=n, position=i) for i, n in enumerate(cleaned))
    return cleaned


# --- posts -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PostInput:
    community_unit_id: int
    category: str
    name: str
    needed: int = 1
    description: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class PostRow:
    id: int
    community_unit_id: int
    community_name: str
    category: str
    name: str
    needed: int
    claimed: int
    description: str
    active: bool
    version: int

    @property
    def open_places(self) -> int:
        return max(self.needed - self.claimed, 0)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    post_id: int
    member_id: int
    member_name: str
    unit_name: str
    claimed_on: date


def _errors(session: Session, data: PostInput) -> dict[str, str]:
    errors = {
        "community_unit_id": community_error(session, data.community_unit_id),
        "category": required_error(data.category, "岗位类别")
        or length_error(clean_text(data.category), "岗位类别", 50),
        "name": required_error(data.name, "岗位名称")
        or length_error(clean_text(data.name), "岗位名称", 100),
        "needed": "需要人数不能为负数" if data.needed < 0 else None,
    }
    return {k: v for k, v in errors.items() if v}


def _apply(post: ServicePost, data: PostInput) -> None:
    post.community_unit_id = data.community_unit_id
    post.category = clean_text(data.category)
    post.name = clean_text(data.name)
    post.needed = data.needed
    post.description = data.description.strip()
    post.active = data.active


def create_post(db: Database, data: PostInput) -> PostRow:
    with db.transaction() as session:
        errors = _errors(session, data)
        if errors:
            raise ValidationError(errors)
        post = ServicePost()
        _apply(post, data)
        session.add(post)
        session.flush()
        return _load(session, post.id)


def update_post(db: Database, post_id: int, data: PostInput, *, expected_version: int) -> PostRow:
    with db.transaction() as session:
        post = load_for_edit(
            session, ServicePost, post_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = _errors(session, data)
        if errors:
            raise ValidationError(errors)
        _apply(post, data)
        session.flush()
        return _load(session, post.id)


def delete_post(db: Database, post_id: int, *, expected_version: int) -> None:
    """Delete a post and its claims."""
    with db.transaction() as session:
        post = load_for_edit(
            session, ServicePost, post_id, expected_version, missing=NOT_FOUND, what=_title
        )
        session.delete(post)


def _title(post: ServicePost) -> str:
    return f"岗位“{post.name}”"


def _select():  # type: ignore[no-untyped-def]
    claimed = (
        select(PostClaim.post_id, func.count().label("n")).group_by(PostClaim.post_id).subquery()
    )
    return (
        select(
            ServicePost.id,
            ServicePost.community_unit_id,
            Unit.name,
            ServicePost.category,
            ServicePost.name,
            ServicePost.needed,
            func.coalesce(claimed.c.n, 0),
            ServicePost.description,
            ServicePost.active,
            ServicePost.version,
        )
        .join(Unit, Unit.id == ServicePost.community_unit_id)
        .outerjoin(claimed, claimed.c.post_id == ServicePost.id)
    )


def _load(session: Session, post_id: int) -> PostRow:
    found = session.execute(_select().where(ServicePost.id == post_id)).first()
    if found is None:
        raise NotFoundError(NOT_FOUND)
    return PostRow(*found)


def list_posts(
    db: Database, *, community_id: int | None = None, active_only: bool = False
) -> list[PostRow]:
    """Posts by community, category and name, with how many members claimed each."""
    query = _select()
    if community_id is not None:
        query = query.where(ServicePost.community_unit_id == community_id)
    if active_only:
        query = query.where(ServicePost.active.is_(True))
    with db.reading() as session:
        rows = session.execute(
            query.order_by(ServicePost.community_unit_id, ServicePost.category, ServicePost.name)
        ).all()
    return [PostRow(*r) for r in rows]


# --- claims --------------------------------------------------------------------------------
def claim_post(
    db: Database, post_id: int, member_id: int, *, on: date, expected_version: int | None
) -> PostRow:
    """认岗: the member claims the post. Refused when the post is full or inactive, or the
    member has left (调离 / 退休 / 转出) or claimed it already."""
    with db.transaction() as session:
        post = load_for_edit(
            session, ServicePost, post_id, expected_version, missing=NOT_FOUND, what=_title
        )
        member = session.get(WorkdayMember, member_id)
        if member is None:
            raise NotFoundError("该党员不存在，可能已被删除")
        if not post.active:
            raise ValidationError({"post": f"岗位“{post.name}”已停用"})
        if MemberState(member.state) not in EXPECTED_STATES:
            raise ValidationError({"member": f"党员“{member.name}”已{_left(member)}，不能认岗"})
        if session.scalar(
            select(PostClaim.id).where(
                PostClaim.post_id == post_id, PostClaim.member_id == member_id
            )
        ):
            raise ValidationError({"member": f"党员“{member.name}”已认领该岗位"})
        taken = session.scalar(
            select(func.count()).select_from(PostClaim).where(PostClaim.post_id == post_id)
        )
        if post.needed and (taken or 0) >= post.needed:
            raise ValidationError({"post": f"岗位“{post.name}”已满员（需要 {post.needed} 人）"})
        session.add(PostClaim(post_id=post_id, member_id=member_id, claimed_on=on))
        claim_version(post)
        session.flush()
        return _load(session, post.id)


def release_claim(db: Database, claim_id: int) -> None:
    """Withdraw a claim (the member no longer serves on the post)."""
    with db.transaction() as session:
        claim = session.get(PostClaim, claim_id)
        if claim is None:
            raise NotFoundError("该认岗记录不存在，可能已被撤销")
        post = session.get(ServicePost, claim.post_id)
        session.delete(claim)
        if post is not None:
            claim_version(post)


def _left(member: WorkdayMember) -> str:
    from alliance_desk.core.workday.states import STATE_LABELS

    return STATE_LABELS[MemberState(member.state)]


def list_claims(
    db: Database, *, post_id: int | None = None, member_id: int | None = None
) -> list[ClaimRow]:
    query = (
        select(
            PostClaim.id,
            PostClaim.post_id,
            PostClaim.member_id,
            WorkdayMember.name,
            Unit.name,
            PostClaim.claimed_on,
        )
        .join(WorkdayMember, WorkdayMember.id == PostClaim.member_id)
        .join(Unit, Unit.id == WorkdayMember.unit_id)
    )
    if post_id is not None:
        query = query.where(PostClaim.post_id == post_id)
    if member_id is not None:
        query = query.where(PostClaim.member_id == member_id)
    with db.reading() as session:
        rows = session.execute(query.order_by(PostClaim.claimed_on, PostClaim.id)).all()
    return [ClaimRow(*r) for r in rows]
