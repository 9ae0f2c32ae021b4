"""Import a unit's roster of in-service members (应报到名单) from Excel or CSV: every row
checked first (the rules of ``members.member_errors``), then all rows or none.

Headers are matched like the register's import (width, case, spaces, a trailing * or note
ignored; synonyms); rows repeated in the file, or already on the roll (same 工作单位, 姓名
and 电话), are refused with the row number. The apply step writes all rows in one
transaction with one executemany (3,200 rows well under the two seconds a clerk waits),
and one audit entry per member.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import clean_text, normalize_name, person_name
from alliance_desk.core.vocab import AuditAction, UnitCategory
from alliance_desk.core.workday.states import MemberState
from alliance_desk.services.clock import local_now
from alliance_desk.services.commitments.progress_import import (
    ImportColumn,
    RowStatus,
    map_columns,
)
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.needs_import import cell_day
from alliance_desk.services.register_io.bulk_audit import write_audit
from alliance_desk.services.register_io.cells import (
    PHONE_LOST_DIGITS,
    cell_phone,
    cell_text,
    phone_lost_digits,
)
from alliance_desk.services.register_io.columns import header_key
from alliance_desk.services.register_io.table_file import Table as FileTable
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.table_write import save_atomically
from alliance_desk.services.workday.common import GENDERS, REPORT_MODES, chunks, label_code
from alliance_desk.services.workday.members import MemberInput, member_errors, name_order
from alliance_desk.storage.models import MemberTransition, Unit, WorkdayMember

COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("name", "姓名", True, ("党员姓名",), 10, "必填。"),
    ImportColumn("gender", "性别", False, (), 6, "选填。男或女。"),
    ImportColumn(
        "unit",
        "工作单位",
        True,
        ("单位", "所在单位", "报到单位"),
        24,
        "必填。须已在成员单位名册中。",
    ),
    ImportColumn("position", "职务", False, ("职务职级", "职位"), 12, "选填。"),
    ImportColumn(
        "phone", "联系电话", False, ("电话", "手机", "手机号"), 14, "选填。个人信息，公示时打码。"
    ),
    ImportColumn(
        "residence",
        "居住小区",
        False,
        ("居住地", "家庭住址", "住址", "居住地址"),
        24,
        "选填。个人信息，公示时只显示小区。",
    ),
    ImportColumn(
        "community", "报到社区", False, ("社区", "居住社区"), 14, "选填。须是名册中的社区。"
    ),
    ImportColumn("grid", "网格", False, ("所在网格",), 10, "选填。"),
    ImportColumn("skills", "特长", False, ("个人特长", "专长"), 16, "选填。"),
    ImportColumn("intention", "服务意向", False, ("意向", "服务岗位意向"), 16, "选填。"),
    ImportColumn(
        "report_mode", "报到方式", False, ("方式",), 10, "选填。单位组织或个人；不填为单位组织。"
    ),
    ImportColumn(
        "reported_on",
        "报到日期",
        False,
        ("日期",),
        12,
        "选填。已报到的填写，如 2026-03-15，同时须填报到社区；不填为应报到。",
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
_LOOKUP = {header_key(n): c.key for c in COLUMNS for n in (c.header, *c.synonyms)}
NO_HEADER = (
    "在文件“{name}”中没有找到表头：前 50 行中应有一行写着“姓名”“工作单位”等列名。"
    "请对照“下载党员导入模板”检查文件。"
)
MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class MemberImportRow:
    row_number: int
    name: str
    unit_name: str
    community_name: str
    data: MemberInput | None
    errors: tuple[str, ...] = ()

    @property
    def status(self) -> RowStatus:
        return RowStatus.ERROR if self.errors else RowStatus.OK

    @property
    def reason(self) -> str:
        return "；".join(self.errors)


@dataclass(frozen=True, slots=True)
class MemberImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: tuple[MemberImportRow, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok_count(self) -> int:
        return sum(1 for r in self.rows if not r.errors)

    @property
    def error_rows(self) -> tuple[MemberImportRow, ...]:
        return tuple(r for r in self.rows if r.errors)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.error_rows


def is_header_row(cells: Sequence[object]) -> bool:
    keys = {_LOOKUP.get(header_key(cell)) for cell in cells}
    return "name" in keys and "unit" in keys


def read_rows(path: Path) -> FileTable:
    """The sheet's header and data rows (the register's reader: .xlsx, .csv); reading stops
    at the first row beyond ``MAX_ROWS``."""
    table = read_table(path, is_header_row, max_rows=MAX_ROWS)
    if table is None:
        raise DomainError(NO_HEADER.format(name=path.name))
    return table


def _key(unit_id: int, name: str, phone: str) -> tuple[int, str, str]:
    return unit_id, normalize_name(name), "".join(ch for ch in phone if ch.isdigit())


@dataclass
class _Register:
    units: dict[str, int]
    communities: dict[str, int]
    existing: set[tuple[int, str, str]]


def _register(session: Session) -> _Register:
    units: dict[str, int] = {}
    communities: dict[str, int] = {}
    for unit_id, name, category in session.execute(select(Unit.id, Unit.name, Unit.category)):
        (communities if category is UnitCategory.COMMUNITY else units)[normalize_name(name)] = int(
            unit_id
        )
    existing = {
        _key(int(u), n, p)
        for u, n, p in session.execute(
            select(WorkdayMember.unit_id, WorkdayMember.name, WorkdayMember.phone)
        )
    }
    return _Register(units, communities, existing)


def _parse(number: int, cells: Mapping[str, Any], reg: _Register) -> MemberImportRow | None:
    texts = {key: cell_text(value) for key, value in cells.items()}
    if not any(texts.values()):
        return None
    errors: list[str] = []
    if "phone" in cells:
        texts["phone"] = cell_phone(cells["phone"])
        if phone_lost_digits(texts["phone"]):
            errors.append("联系电话" + PHONE_LOST_DIGITS.format(text=texts["phone"]))
    name = person_name(texts.get("name", ""))
    if not name:
        errors.append("姓名不能为空")
    unit_text = texts.get("unit", "")
    unit_id: int | None = None
    if not unit_text:
        errors.append("工作单位不能为空")
    else:
        unit_id = reg.units.get(normalize_name(unit_text))
        if unit_id is None:
            if normalize_name(unit_text) in reg.communities:
                errors.append(f"“{unit_text}”是社区，不是报到单位")
            else:
                errors.append(f"工作单位“{unit_text}”不在成员单位名册中")
    community_text = texts.get("community", "")
    community_id: int | None = None
    if community_text:
        community_id = reg.communities.get(normalize_name(community_text))
        if community_id is None:
            errors.append(f"报到社区“{community_text}”不存在或不是社区")
    gender = unicodedata.normalize("NFKC", texts.get("gender", "")).strip()
    if gender and gender not in GENDERS:
        errors.append(f"性别“{gender}”应填男或女")
    mode_text = texts.get("report_mode", "")
    mode = label_code(REPORT_MODES, mode_text) if mode_text else "unit"
    if mode is None:
        errors.append(f"报到方式“{mode_text}”应为单位组织或个人")
    reported: date | None = None
    if texts.get("reported_on"):
        reported = cell_day(cells["reported_on"])
        if reported is None:
            errors.append(f"报到日期“{texts['reported_on']}”无法识别，应写成如 2026-03-15")
        elif community_id is None and not community_text:
            errors.append("填写了报到日期，须同时填写报到社区")
    data = None
    if not errors:
        assert unit_id is not None and mode is not None
        data = MemberInput(
            name=name,
            unit_id=unit_id,
            gender=gender,
            position=texts.get("position", ""),
            phone=texts.get("phone", ""),
            residence=texts.get("residence", ""),
            community_unit_id=community_id,
            grid=texts.get("grid", ""),
            skills=texts.get("skills", ""),
            intention=texts.get("intention", ""),
            report_mode=mode,
            reported_on=reported,
        )
    return MemberImportRow(number, name, unit_text, community_text, data, tuple(errors))


def preview_members_import(db: Database, path: Path | str, *, today: date) -> MemberImportPreview:
    """Read ``path`` and check every row; nothing is written."""
    path = Path(path)
    table = read_rows(path)
    positions, warnings = map_columns(table.header, COLUMNS, _LOOKUP, "党员名单")
    rows: list[MemberImportRow] = []
    seen: dict[tuple[int, str, str], int] = {}
    with db.reading() as session:
        reg = _register(session)
        # held here so the rules' unit look-ups find them in the session, not the database
        units = list(session.scalars(select(Unit)))
        for number, cells in table.rows:
            values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
            row = _parse(number, values, reg)
            if row is None:
                continue
            if row.data is not None:
                problems = member_errors(session, row.data, today)
                key = _key(row.data.unit_id, row.data.name, row.data.phone)
                if key in seen:
                    problems["duplicate"] = f"与第 {seen[key]} 行重复（同一单位、姓名和电话）"
                elif key in reg.existing:
                    problems["duplicate"] = "该党员已在名单中（同一单位、姓名和电话）"
                else:
                    seen[key] = number
                if problems:
                    row = MemberImportRow(
                        row.row_number,
                        row.name,
                        row.unit_name,
                        row.community_name,
                        None,
                        tuple(problems.values()),
                    )
            rows.append(row)
        del units
    return MemberImportPreview(path, table.sheet, table.header_row, tuple(rows), tuple(warnings))


_MEMBER = cast(Table, WorkdayMember.__table__)
_TRANSITION = cast(Table, MemberTransition.__table__)


def _values(data: MemberInput) -> dict[str, Any]:
    reported = data.reported_on is not None and data.community_unit_id is not None
    return {
        "name": clean_text(data.name),
        "name_order": name_order(clean_text(data.name)),
        "gender": data.gender,
        "unit_id": data.unit_id,
        "position": data.position.strip(),
        "phone": data.phone.strip(),
        "residence": data.residence.strip(),
        "community_unit_id": data.community_unit_id,
        "grid": data.grid.strip(),
        "skills": data.skills.strip(),
        "intention": data.intention.strip(),
        "report_mode": data.report_mode,
        "reported_on": data.reported_on,
        "state": (MemberState.REPORTED if reported else MemberState.EXPECTED).value,
        "state_reason": "",
        "state_changed_on": data.reported_on if reported else None,
        "version": 1,
    }


def apply_members_import(
    db: Database,
    preview: MemberImportPreview,
    *,
    report: Callable[[int, int], None] | None = None,
) -> int:
    """Write every row of a clean preview in one transaction; returns how many."""
    if not preview.can_apply:
        raise DomainError("导入文件中有错误的行，未导入任何数据。请改正后重新导入。")
    values = [_values(r.data) for r in preview.rows if r.data is not None]
    total = len(values)
    with db.transaction() as session:
        reg = _register(session)
        for row, v in zip(preview.rows, values, strict=True):
            if _key(v["unit_id"], v["name"], v["phone"]) in reg.existing:
                raise DomainError(
                    f"第 {row.row_number} 行：党员“{v['name']}”已在名单中（可能刚由他人导入）。"
                    "未导入任何数据。"
                )
        before = session.scalar(select(WorkdayMember.id).order_by(WorkdayMember.id.desc()).limit(1))
        done = 0
        for part in chunks(values):
            session.execute(insert(_MEMBER), list(part))
            done += len(part)
            if report is not None:
                report(done, total)
        new = session.execute(
            select(WorkdayMember.id, WorkdayMember.state, WorkdayMember.state_changed_on)
            .where(WorkdayMember.id > (before or 0))
            .order_by(WorkdayMember.id)
        ).all()
        now = local_now()
        actor = str(session.info.get("actor") or "")[:50]
        moves = [
            {
                "member_id": i,
                "from_state": MemberState.EXPECTED.value,
                "to_state": MemberState.REPORTED.value,
                "changed_on": on,
                "reason": "导入名单时已报到",
                "actor": actor,
                "recorded_at": now,
            }
            for i, state, on in new
            if state == MemberState.REPORTED.value
        ]
        if moves:
            session.execute(insert(_TRANSITION), moves)
        write_audit(
            session,
            "workday_member",
            AuditAction.INSERT,
            (
                (int(i), None, {"id": int(i), **v})
                for (i, _s, _o), v in zip(new, values, strict=True)
            ),
        )
    return total


def write_members_template(path: Path | str) -> Path:
    """The .xlsx template: the columns, required ones marked *, and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "在职党员报到名单"
    sheet.append([c.template_header for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else None)
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(["列名", "是否必填", "填写说明"])
    for column in COLUMNS:
        notes.append([column.header, "必填" if column.required else "选填", column.note])
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes.column_dimensions["C"].width = 70
    return save_atomically(Path(path), book.save)
