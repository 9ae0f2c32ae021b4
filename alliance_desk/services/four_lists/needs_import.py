"""Import filled 需求征集登记表 from Excel or CSV: every row checked first, then all or none.

Headers are matched like the register's import (width, case, spaces, a trailing * or
note ignored; synonyms). ``preview_needs_import`` runs each row, in file order, through
``needs.create_need`` inside a transaction that is rolled back, so the preview refuses
exactly what the import would; ``apply_needs_import`` writes all rows in ONE
transaction, or none.

The file is read in one place, :func:`read_rows`, so the reading layer can be swapped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.four_lists.vocab import NeedSource, Proposer, Urgency
from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import LabelledEnum, UnitCategory
from alliance_desk.services.commitments.progress_import import (
    ImportColumn,
    RowStatus,
    cell_date,
    map_columns,
)
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.common import alliance_community
from alliance_desk.services.four_lists.needs import create_need
from alliance_desk.services.four_lists.records import NeedInput
from alliance_desk.services.register_io.cells import cell_count, cell_text
from alliance_desk.services.register_io.columns import header_key
from alliance_desk.services.register_io.table_file import Table, read_table
from alliance_desk.services.register_io.table_write import save_atomically
from alliance_desk.storage.models import Alliance, Unit

COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(
        "title",
        "需求名称",
        True,
        ("需求", "需求事项", "名称", "需求内容摘要"),
        30,
        "必填。一句话写明需求，如“小区路灯不亮”。",
    ),
    ImportColumn(
        "category",
        "需求类别",
        True,
        ("类别", "类型"),
        12,
        "必填。如养老服务、环境整治、就业帮扶、助残、教育、文体、法律、平安、其他。",
    ),
    ImportColumn(
        "alliance",
        "所属联盟",
        True,
        ("联盟", "党建联盟"),
        26,
        "必填。联盟名称，须已在本程序中建立。",
    ),
    ImportColumn("community", "所在社区", False, ("社区",), 16, "选填。不填为该联盟的牵头社区。"),
    ImportColumn("grid", "网格", False, ("所在网格", "网格名称"), 10, "选填。"),
    ImportColumn(
        "source",
        "来源",
        True,
        ("需求来源", "收集方式"),
        12,
        "必填。入户走访、座谈会、征求意见、民情信箱、报到单位走访、12345、其他。",
    ),
    ImportColumn(
        "proposer", "提出主体", True, ("提出方", "主体"), 10, "必填。居民、驻区单位或党员。"
    ),
    ImportColumn(
        "proposer_name",
        "提出人",
        False,
        ("姓名", "联系人", "提出人姓名"),
        10,
        "选填。个人信息，不会出现在公示表上。",
    ),
    ImportColumn(
        "proposer_phone",
        "联系电话",
        False,
        ("电话", "手机", "手机号"),
        14,
        "选填。个人信息，不会出现在公示表上。",
    ),
    ImportColumn(
        "households",
        "涉及户数或人数",
        False,
        ("涉及户数", "涉及人数", "户数", "人数"),
        10,
        "选填。整数，不填为 0。",
    ),
    ImportColumn(
        "urgency", "紧急程度", False, ("紧急", "缓急"), 8, "选填。一般、较急或紧急；不填为一般。"
    ),
    ImportColumn("registrar", "登记人", False, ("收集人", "走访人"), 10, "选填。"),
    ImportColumn(
        "registered_on",
        "登记日期",
        True,
        ("日期", "收集日期", "走访日期"),
        12,
        "必填。如 2026-03-15，不能晚于今天。",
    ),
    ImportColumn(
        "public",
        "可公示",
        False,
        ("是否公示", "公示"),
        8,
        "选填。是或否；不填为是。填“否”时公示表只写类别，不写需求名称。",
    ),
    ImportColumn(
        "content",
        "需求内容",
        False,
        ("详细内容", "具体内容", "情况说明", "备注"),
        40,
        "选填。详细情况。",
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
_LOOKUP = {header_key(n): c.key for c in COLUMNS for n in (c.header, *c.synonyms)}
NO_HEADER = (
    "在文件“{name}”中没有找到表头：前 50 行中应有一行写着“需求名称”等列名。"
    "请对照“下载需求导入模板”检查文件。"
)
_YES = {"是", "可", "可公示", "公示", "y", "yes", "true", "1"}
_NO = {"否", "不", "不可", "不公示", "n", "no", "false", "0"}


@dataclass(frozen=True, slots=True)
class NeedImportRow:
    row_number: int
    title: str
    alliance_name: str
    community_name: str
    data: NeedInput | None
    errors: tuple[str, ...] = ()

    @property
    def status(self) -> RowStatus:
        return RowStatus.ERROR if self.errors else RowStatus.OK

    @property
    def reason(self) -> str:
        return "；".join(self.errors)


@dataclass(frozen=True, slots=True)
class NeedImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: tuple[NeedImportRow, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok_count(self) -> int:
        return sum(1 for r in self.rows if not r.errors)

    @property
    def error_rows(self) -> tuple[NeedImportRow, ...]:
        return tuple(r for r in self.rows if r.errors)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.error_rows


# --- reading: the one place that touches the file -------------------------------------
def is_header_row(cells: Sequence[object]) -> bool:
    return any(_LOOKUP.get(header_key(cell)) == "title" for cell in cells)


def read_rows(path: Path) -> Table:
    """The sheet's header and data rows (the register's reader: .xlsx, .csv)."""
    table = read_table(path, is_header_row)
    if table is None:
        raise DomainError(NO_HEADER.format(name=path.name))
    return table


# --- parsing -------------------------------------------------------------------------------
_EXCEL_EPOCH = date(1899, 12, 30)


_TRAILING_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")


def cell_day(value: object) -> date | None:
    """A date cell: text forms (``cell_date``), or the day number Excel stores for a
    date-formatted cell (the direct reader does not read number formats). From a CSV
    the same come as text: a serial such as "46086" (a date column left as 常规), or a
    date with the time Excel adds to a date-and-time cell ("2026/3/5 0:00")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000 and float(value).is_integer():
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", cell_text(value))
        if len(text) == 5 and text.isdigit():
            return cell_day(int(text))
        value = _TRAILING_TIME.sub("", text)
    return cell_date(value)


def _map_header(cells: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    return map_columns(cells, COLUMNS, _LOOKUP, "需求登记表")


def _label(enum: type[LabelledEnum], text: str) -> LabelledEnum | None:
    return enum.from_label("".join(unicodedata.normalize("NFKC", text).split()))


@dataclass
class _Register:
    alliances: dict[str, tuple[int, str]]
    communities: dict[str, int]
    leads: dict[int, int | None]


def _register(session: Session) -> _Register:
    alliances = {
        normalize_name(n): (i, n) for i, n in session.execute(select(Alliance.id, Alliance.name))
    }
    communities = {
        normalize_name(n): i
        for i, n in session.execute(
            select(Unit.id, Unit.name).where(Unit.category == UnitCategory.COMMUNITY)
        )
    }
    return _Register(alliances, communities, {})


def _parse(
    number: int, cells: Mapping[str, Any], reg: _Register, session: Session, today: date
) -> NeedImportRow | None:
    texts = {key: cell_text(value) for key, value in cells.items()}
    if not any(texts.values()):
        return None
    errors: list[str] = []

    def required(key: str) -> str:
        text = texts.get(key, "")
        if not text:
            errors.append(f"{BY_KEY[key].header}不能为空")
        return text

    title = required("title")
    category = required("category")
    alliance_text = required("alliance")
    alliance_id: int | None = None
    if alliance_text:
        found = reg.alliances.get(normalize_name(alliance_text))
        if found is None:
            errors.append(f"联盟“{alliance_text}”不存在")
        else:
            alliance_id = found[0]
    community_text = texts.get("community", "")
    community_id: int | None = None
    if community_text:
        community_id = reg.communities.get(normalize_name(community_text))
        if community_id is None:
            errors.append(f"社区“{community_text}”不存在或不是社区")
    elif alliance_id is not None:
        if alliance_id not in reg.leads:
            reg.leads[alliance_id] = alliance_community(session, alliance_id)
        community_id = reg.leads[alliance_id]
        if community_id is None:
            errors.append("该联盟没有社区成员，请填写所在社区")
    enums: dict[str, LabelledEnum | None] = {}
    for key, enum, default in (
        ("source", NeedSource, None),
        ("proposer", Proposer, None),
        ("urgency", Urgency, Urgency.NORMAL),
    ):
        text = required(key) if default is None else texts.get(key, "")
        value = _label(enum, text) if text else default
        if text and value is None:
            errors.append(
                f"{BY_KEY[key].header}“{text}”无法识别，应为：" + "、".join(m.label for m in enum)
            )
        enums[key] = value
    households = 0
    if texts.get("households"):
        count = cell_count(cells["households"])
        if count is None or count < 0:
            errors.append(f"涉及户数或人数“{texts['households']}”应为不小于 0 的整数")
        else:
            households = count
    registered: date | None = None
    if required("registered_on"):
        registered = cell_day(cells["registered_on"])
        if registered is None:
            errors.append(f"登记日期“{texts['registered_on']}”无法识别，应写成如 2026-03-15")
    public = True
    public_text = texts.get("public", "").casefold()
    if public_text:
        if public_text in _YES:
            public = True
        elif public_text in _NO:
            public = False
        else:
            errors.append(f"可公示“{texts['public']}”应填“是”或“否”")
    data = None
    if not errors:
        assert alliance_id is not None and community_id is not None and registered is not None
        data = NeedInput(
            title=title,
            category=category,
            alliance_id=alliance_id,
            community_unit_id=community_id,
            source=enums["source"],  # type: ignore[arg-type]
            proposer=enums["proposer"],
            registered_on=registered,  # type: ignore[arg-type]
            content=texts.get("content", ""),
            grid=texts.get("grid", ""),
            proposer_name=texts.get("proposer_name", ""),
            proposer_phone=texts.get("proposer_phone", ""),
            households=households,
            urgency=enums["urgency"],
            registrar=texts.get("registrar", ""),  # type: ignore[arg-type]
            public=public,
        )
    return NeedImportRow(number, title, alliance_text, community_text, data, tuple(errors))


# --- preview and apply -----------------------------------------------------------------------
def preview_needs_import(db: Database, path: Path | str, *, today: date) -> NeedImportPreview:
    """Read ``path`` and check every row through ``create_need``; nothing is written."""
    path = Path(path)
    table = read_rows(path)
    positions, warnings = _map_header(table.header)
    rows: list[NeedImportRow] = []
    with db.reading() as session:
        session.info["actor"] = db.actor
        reg = _register(session)
        inside = db.within(session)
        for number, cells in table.rows:
            values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
            row = _parse(number, values, reg, session, today)
            if row is None:
                continue
            if row.data is not None:
                savepoint = session.begin_nested()
                try:
                    create_need(inside, row.data, today=today)
                except DomainError as exc:
                    savepoint.rollback()
                    row = replace(row, errors=(exc.message.rstrip("。"),))
                else:
                    savepoint.commit()
            rows.append(row)
        session.rollback()
    return NeedImportPreview(path, table.sheet, table.header_row, tuple(rows), tuple(warnings))


def apply_needs_import(
    db: Database,
    preview: NeedImportPreview,
    *,
    today: date,
    report: Callable[[int, int], None] | None = None,
) -> int:
    """Write every row of a clean preview in one transaction; returns how many."""
    if not preview.can_apply:
        raise DomainError("导入文件中有错误的行，未导入任何数据。请改正后重新导入。")
    total = len(preview.rows)
    with db.transaction() as session:
        inside = db.within(session)
        for done, row in enumerate(preview.rows, start=1):
            assert row.data is not None
            try:
                create_need(inside, row.data, today=today)
            except DomainError as exc:
                raise DomainError(
                    f"第 {row.row_number} 行：{exc.message.rstrip('。')}。未导入任何数据。"
                ) from exc
            if report is not None:
                report(done, total)
    return total


def write_needs_template(path: Path | str) -> Path:
    """The .xlsx template: the columns, required ones marked *, and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "需求征集登记表"
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
