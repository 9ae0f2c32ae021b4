"""资源清单: what each member unit offers its alliance; 有效 ⇄ 暂停, → 失效."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.four_lists.states import resource_transition_error
from alliance_desk.core.four_lists.vocab import ResourceState
from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, phone_error, required_error
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.four_lists.common import alliance_error, is_current_member
from alliance_desk.services.four_lists.records import ResourceInput, ResourceRow
from alliance_desk.storage.models import Alliance, Resource, Unit

NOT_FOUND = "该资源不存在，可能已被删除"


def _title(resource: Resource) -> str:
    text = " ".join(resource.content.split())
    return f"资源“{text[:20]}”"


def _errors(session: Session, data: ResourceInput, today: date) -> dict[str, str]:
    errors = {
        "content": required_error(data.content, "资源内容")
        or length_error(data.content.strip(), "资源内容", 2000),
        "quantity": length_error(clean_text(data.quantity), "数量或时段", 100),
        "contact": length_error(clean_text(data.contact), "联系人", 50),
        "contact_phone": phone_error(data.contact_phone) if data.contact_phone else None,
        "alliance_id": alliance_error(session, data.alliance_id),
    }
    if not errors["alliance_id"]:
        unit = session.get(Unit, data.unit_id)
        if unit is None:
            errors["unit_id"] = "所选提供单位不存在"
        elif not is_current_member(session, data.alliance_id, data.unit_id, today):
            errors["unit_id"] = f"“{unit.name}”目前不是所选联盟的成员"
    return {k: v for k, v in errors.items() if v}


def _apply(resource: Resource, data: ResourceInput) -> None:
    resource.alliance_id = data.alliance_id
    resource.unit_id = data.unit_id
    resource.category = data.category
    resource.content = data.content.strip()
    resource.quantity = clean_text(data.quantity)
    resource.contact = clean_text(data.contact)
    resource.contact_phone = clean_text(data.contact_phone)
    resource.valid_until = data.valid_until


def create_resource(db: Database, data: ResourceInput, *, today: date) -> ResourceRow:
    with db.transaction() as session:
        errors = _errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        resource = Resource(state=ResourceState.ACTIVE)
        _apply(resource, data)
        session.add(resource)
        session.flush()
        return _load(session, resource.id)


def update_resource(
    db: Database, resource_id: int, data: ResourceInput, *, expected_version: int, today: date
) -> ResourceRow:
    with db.transaction() as session:
        resource = load_for_edit(
            session, Resource, resource_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = _errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        _apply(resource, data)
        session.flush()
        return _load(session, resource.id)


def change_resource_state(
    db: Database, resource_id: int, target: ResourceState, *, expected_version: int | None
) -> ResourceRow:
    with db.transaction() as session:
        resource = load_for_edit(
            session, Resource, resource_id, expected_version, missing=NOT_FOUND, what=_title
        )
        message = resource_transition_error(resource.state, target)
        if message:
            raise ValidationError({"state": message})
        resource.state = ResourceState(target)
        session.flush()
        return _load(session, resource.id)


def resource_query() -> Select[tuple[object, ...]]:
    return (
        select(
            Resource.id,
            Resource.alliance_id,
            Alliance.name,
            Resource.unit_id,
            Unit.name,
            Resource.category,
            Resource.content,
            Resource.quantity,
            Resource.contact,
            Resource.contact_phone,
            Resource.valid_until,
            Resource.state,
            Resource.version,
        )
        .join(Alliance, Alliance.id == Resource.alliance_id)
        .join(Unit, Unit.id == Resource.unit_id)
    )


def _load(session: Session, resource_id: int) -> ResourceRow:
    row = session.execute(resource_query().where(Resource.id == resource_id)).one_or_none()
    if row is None:
        raise NotFoundError(NOT_FOUND)
    return ResourceRow(*row)


def list_resources(
    db: Database, *, alliance_id: int | None = None, active_only: bool = False
) -> list[ResourceRow]:
    query = resource_query()
    if alliance_id is not None:
        query = query.where(Resource.alliance_id == alliance_id)
    if active_only:
        query = query.where(Resource.state == ResourceState.ACTIVE)
    with db.reading() as session:
        rows = [ResourceRow(*row) for row in session.execute(query.order_by(Resource.id))]
    return by_pinyin(by_pinyin(rows, lambda r: r.unit_name), lambda r: r.alliance_name)
