"""Preview an import of 成员单位 from .xlsx/.csv: what each row would do, writing nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import LabelledEnum
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.columns import BY_KEY, is_header_row, map_header
from alliance_desk.services.register_io.import_rows import (
    KnownAlliance,
    KnownUnit,
    parse_row,
)
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.units import UnitInput
from alliance_desk.storage.models import Alliance, Membership, Unit


class RowStatus(LabelledEnum):
    NEW = "new", "新增"
    UPDATE = "update", "更新"
    ERROR = "error", "有错误"


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One data row of the file: its sheet row number, what importing it would do, and why.

    ``data`` is what will be saved (for an existing unit, its values where the file is
    blank); ``before`` is the register's values at preview time, ``changes`` the fields
    that differ, ``joins`` the alliances (ids) the unit will join today.
    """

    row_number: int
    status: RowStatus
    data: UnitInput
    alliance_names: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    unit_id: int | None = None
    version: int | None = None
    changes: tuple[str, ...] = ()
    joins: tuple[int, ...] = ()
    before: UnitInput | None = None

    @property
    def reason(self) -> str:
        return "；".join(self.errors)

    @property
    def change_labels(self) -> tuple[str, ...]:
        return tuple(BY_KEY[k].header for k in self.changes)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing the file would do; ``apply_units_import`` writes it if no row has errors.

    ``sheet`` and ``header_row`` say where the data was found (CSV: sheet ""),
    ``warnings`` name ignored or missing columns.
    """

    path: Path
    sheet: str
    header_row: int
    rows: tuple[ImportRow, ...]
    warnings: tuple[str, ...] = ()

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def new_count(self) -> int:
        return self.count(RowStatus.NEW)

    @property
    def update_count(self) -> int:
        return self.count(RowStatus.UPDATE)

    @property
    def error_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.status is RowStatus.ERROR)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.error_rows


NO_HEADER = (
    "在文件“{name}”中没有找到表头：前 50 行中应有一行写着“单位名称”等列名。"
    "请对照“下载导入模板”检查文件。"
)


def preview_units_import(db: Database, path: Path | str) -> ImportPreview:
    """Read ``path`` and check every row against the register; nothing is written."""
    path = Path(path)
    table = read_table(path, is_header_row)
    if table is None:
        raise DomainError(NO_HEADER.format(name=path.name))
    header = map_header(table.header)
    positions = header.positions
    today = local_today()
    with db.reading() as session:
        units, alliances, memberships = _register(session, today)
    parsed = []
    for number, cells in table.rows:
        values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
        row = parse_row(values, units, alliances, memberships, today)
        if row is not None:  # skip blank rows, and rows with only a 序号 outside our columns
            parsed.append((number, row))
    duplicates = _duplicates([(n, p.data.name) for n, p in parsed])
    rows = []
    for number, p in parsed:
        errors = p.errors + duplicates.get(number, ())
        status = RowStatus.ERROR if errors else RowStatus.UPDATE if p.known else RowStatus.NEW
        rows.append(
            ImportRow(
                number,
                status,
                p.data,
                p.alliance_names,
                errors,
                p.known.id if p.known else None,
                p.known.version if p.known else None,
                p.changes,
                p.joins,
                p.known.data if p.known else None,
            )
        )
    return ImportPreview(path, table.sheet, table.header_row, tuple(rows), tuple(header.warnings()))


def _duplicates(names: list[tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """Rows whose names are the same once spaces, width and case are ignored."""
    groups: dict[str, list[int]] = defaultdict(list)
    for number, name in names:
        if name:
            groups[normalize_name(name)].append(number)
    found: dict[int, tuple[str, ...]] = {}
    for numbers in groups.values():
        for number in numbers if len(numbers) > 1 else ():
            others = "、".join(str(n) for n in numbers if n != number)
            found[number] = (f"单位名称与第 {others} 行重复（同一单位只能出现一次）",)
    return found


def _register(
    session: Session, today: date
) -> tuple[dict[str, KnownUnit], dict[str, KnownAlliance], set[tuple[int, int]]]:
    """The register as the import compares against it, read with three Core queries."""
    units = {
        key: KnownUnit(uid, version, UnitInput(*values))
        for uid, version, key, *values in session.execute(
            select(
                Unit.id,
                Unit.version,
                Unit.name_key,
                Unit.name,
                Unit.category,
                Unit.party_org_name,
                Unit.secretary,
                Unit.liaison,
                Unit.phone,
                Unit.address,
                Unit.party_member_count,
                Unit.active,
            )
        )
    }
    alliances = {
        key: KnownAlliance(aid, name, founded)
        for aid, key, name, founded in session.execute(
            select(Alliance.id, Alliance.name_key, Alliance.name, Alliance.founded_on)
        )
    }
    current = (Membership.left_on.is_(None)) | (Membership.left_on >= today)
    memberships = {
        (u, a)
        for u, a in session.execute(
            select(Membership.unit_id, Membership.alliance_id).where(current)
        )
    }
    return units, alliances, memberships
