"""单位报到: a member unit's party organisation reports to a community (date, 党员数, 共建协议)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.workday.common import community_error, unit_error
from alliance_desk.storage.models import Unit, UnitReport

NOT_FOUND = "该单位报到记录不存在，可能已被删除"
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class UnitReportInput:
    unit_id: int
    community_unit_id: int
    reported_on: date
    member_count: int
    agreement: str = ""
    attachment_path: Path | None = None
    """A 共建协议 file to store with the report (replaces the stored one); ``None`` keeps it."""


@dataclass(frozen=True, slots=True)
class UnitReportRow:
    id: int
    unit_id: int
    unit_name: str
    community_unit_id: int
    community_name: str
    reported_on: date
    member_count: int
    agreement: str
    attachment_name: str
    version: int


def _errors(session: Session, data: UnitReportInput, today: date) -> dict[str, str]:
    errors = {
        "unit_id": unit_error(session, data.unit_id),
        "community_unit_id": community_error(session, data.community_unit_id),
        "reported_on": "报到日期不能晚于今天" if data.reported_on > today else None,
        "member_count": "党员数不能为负数" if data.member_count < 0 else None,
    }
    if data.attachment_path is not None:
        path = Path(data.attachment_path)
        if not path.is_file():
            errors["attachment_path"] = f"找不到文件“{path.name}”"
        elif path.stat().st_size > MAX_ATTACHMENT_BYTES:
            errors["attachment_path"] = "共建协议附件不能超过 20 MB"
    return {k: v for k, v in errors.items() if v}


def _apply(report: UnitReport, data: UnitReportInput) -> None:
    report.unit_id = data.unit_id
    report.community_unit_id = data.community_unit_id
    report.reported_on = data.reported_on
    report.member_count = data.member_count
    report.agreement = data.agreement.strip()
    if data.attachment_path is not None:
        path = Path(data.attachment_path)
        report.attachment_name = path.name[:200]
        report.attachment = path.read_bytes()


def create_unit_report(db: Database, data: UnitReportInput, *, today: date) -> UnitReportRow:
    with db.transaction() as session:
        errors = _errors(session, data, today)
        if not errors and session.scalar(
            select(UnitReport.id).where(
                UnitReport.unit_id == data.unit_id,
                UnitReport.community_unit_id == data.community_unit_id,
            )
        ):
            errors["unit_id"] = "该单位已向这个社区报到过"
        if errors:
            raise ValidationError(errors)
        report = UnitReport(attachment_name="")
        _apply(report, data)
        session.add(report)
        session.flush()
        return _load(session, report.id)


def update_unit_report(
    db: Database, report_id: int, data: UnitReportInput, *, expected_version: int, today: date
) -> UnitReportRow:
    with db.transaction() as session:
        report = load_for_edit(
            session, UnitReport, report_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = _errors(session, data, today)
        if errors:
            raise ValidationError(errors)
        _apply(report, data)
        session.flush()
        return _load(session, report.id)


def delete_unit_report(db: Database, report_id: int, *, expected_version: int) -> None:
    with db.transaction() as session:
        report = load_for_edit(
            session, UnitReport, report_id, expected_version, missing=NOT_FOUND, what=_title
        )
        session.delete(report)


def unit_report_attachment(db: Database, report_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of the stored 共建协议, or ``None``."""
    with db.reading() as session:
        found = session.execute(
            select(UnitReport.attachment_name, UnitReport.attachment).where(
                UnitReport.id == report_id
            )
        ).first()
    if found is None or found[1] is None:
        return None
    return str(found[0]), bytes(found[1])


def local_unit_report_attachment(db: Database, report_id: int) -> Path | None:
    """The stored 共建协议 as a file in this PC's data folder (written from the database,
    so every clerk of a shared database can open it), or ``None`` when there is none."""
    from alliance_desk import config
    from alliance_desk.services.commitments.attachments import (
        ATTACHMENTS_FOLDER,
        safe_file_name,
        write_local_copy,
    )

    stored = unit_report_attachment(db, report_id)
    if stored is None:
        return None
    name, content = stored
    folder = config.data_dir() / ATTACHMENTS_FOLDER / f"unit-report-{report_id}"
    path = folder / safe_file_name(Path(name).name)
    if path.is_file() and path.read_bytes() == content:
        return path
    return write_local_copy(path, content)


def _title(report: UnitReport) -> str:
    return "该单位报到记录"


def _select():  # type: ignore[no-untyped-def]
    unit = aliased(Unit)
    community = aliased(Unit)
    return (
        select(
            UnitReport.id,
            UnitReport.unit_id,
            unit.name,
            UnitReport.community_unit_id,
            community.name,
            UnitReport.reported_on,
            UnitReport.member_count,
            UnitReport.agreement,
            UnitReport.attachment_name,
            UnitReport.version,
        )
        .join(unit, unit.id == UnitReport.unit_id)
        .join(community, community.id == UnitReport.community_unit_id)
    )


def _load(session: Session, report_id: int) -> UnitReportRow:
    found = session.execute(_select().where(UnitReport.id == report_id)).first()
    if found is None:
        raise NotFoundError(NOT_FOUND)
    return UnitReportRow(*found)


def list_unit_reports(
    db: Database, *, community_id: int | None = None, unit_id: int | None = None
) -> list[UnitReportRow]:
    """Unit reports by date (newest first)."""
    query = _select()
    if community_id is not None:
        query = query.where(UnitReport.community_unit_id == community_id)
    if unit_id is not None:
        query = query.where(UnitReport.unit_id == unit_id)
    with db.reading() as session:
        rows = session.execute(query.order_by(UnitReport.reported_on.desc(), UnitReport.id)).all()
    return [UnitReportRow(*r) for r in rows]
