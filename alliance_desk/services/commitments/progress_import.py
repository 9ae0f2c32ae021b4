"""Import progress updates (进展) of many commitments from an Excel or CSV sheet.

Units fill in one row per update: 承诺编号, 进度日期, 进度说明, 完成百分比, 佐证说明 and,
optionally, 状态 (已认领 / 推进中 / 已履诺 / 已取消). Headers are matched like the
register's import (width, case, spaces, a trailing * or note ignored; synonyms).

``preview_progress_import`` reads the file and checks every row — by running it, in
file order, through the very service functions a clerk's click uses (``add_progress``,
``transition``) inside a transaction that is rolled back — so the preview refuses
exactly what the import would. ``apply_progress_import`` then writes all rows in ONE
transaction, or none.

A row means:

- 状态 blank or 推进中: a progress update (moves an 已认领 commitment to 推进中);
- 已认领: accept the commitment (if it is 已提出), then the progress update;
- 已履诺: the progress update, then fulfilment on 进度日期 (late if after the due day);
- 已取消: cancel, with 进度说明 as the reason (no progress update).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import CommitmentState, LabelledEnum
from alliance_desk.services.commitments.progress import add_progress
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.commitments.transitions import transition
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.cells import cell_count, cell_text
from alliance_desk.services.register_io.columns import header_key
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.table_write import save_atomically
from alliance_desk.storage.models import Commitment


@dataclass(frozen=True, slots=True)
class ImportColumn:
    key: str
    header: str
    required: bool
    synonyms: tuple[str, ...]
    width: int
    note: str

    @property
    def template_header(self) -> str:
        return f"{self.header}*" if self.required else self.header


COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(
        "commitment_id",
        "承诺编号",
        True,
        ("编号", "承诺id", "承诺序号", "id"),
        10,
        "必填。承诺清单中的“编号”（导出的承诺清单第一列）。",
    ),
    ImportColumn(
        "recorded_on",
        "进度日期",
        True,
        ("日期", "进展日期", "登记日期", "填报日期"),
        12,
        "必填。如 2026-03-15；不能晚于今天，不能早于上一次登记的进度。",
    ),
    ImportColumn(
        "note",
        "进度说明",
        True,
        ("进展情况", "进度情况", "进展说明", "完成情况", "说明"),
        40,
        "必填。本次做了什么；状态填“已取消”时，这里写取消的原因。",
    ),
    ImportColumn(
        "percent",
        "完成百分比",
        True,
        ("完成进度", "进度", "百分比", "完成比例", "完成率"),
        10,
        "必填。0 到 100 的整数，如 60 或 60%；不能低于上一次登记的百分比。",
    ),
    ImportColumn(
        "evidence_note",
        "佐证说明",
        False,
        ("佐证材料", "佐证", "证明材料", "备注"),
        30,
        "选填。照片、签到表等佐证材料的说明。",
    ),
    ImportColumn(
        "state",
        "状态",
        False,
        ("承诺状态", "新状态"),
        10,
        "选填。留空即登记进度；填“已认领”“推进中”“已履诺”或“已取消”可同时改变承诺状态"
        "（已履诺的日期为进度日期，晚于到期日即记为逾期履诺）。",
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
_LOOKUP = {header_key(name): c.key for c in COLUMNS for name in (c.header, *c.synonyms)}

TEMPLATE_NOTES = (
    "第一张表的第一行是表头，请勿修改列名；列的顺序可以调整。带 * 的列必须填写。",
    "每行是一次进度登记；同一承诺可以有多行，按从上到下的顺序导入。",
    "导入前程序会逐行检查并列出问题（编号不存在、日期或百分比有误、状态不能这样改变等）；"
    "只要有一行有错误，就不会写入任何数据。",
    "请保存为 Excel 工作簿（.xlsx），也可以导入 CSV 文件（UTF-8 或 GBK 编码）。",
)
NO_HEADER = (
    "在文件“{name}”中没有找到表头：前 50 行中应有一行写着“承诺编号”等列名。"
    "请对照“下载进度导入模板”检查文件。"
)
_DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class RowStatus(LabelledEnum):
    OK = "ok", "可导入"
    ERROR = "error", "有错误"


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One data row of the file: what it asks for, and why it cannot be imported."""

    row_number: int
    commitment_id: int | None
    recorded_on: date | None
    note: str
    percent: int | None
    evidence_note: str
    state: CommitmentState | None
    content: str = ""
    """The commitment's content, so the clerk sees which one the number names."""
    errors: tuple[str, ...] = ()

    @property
    def status(self) -> RowStatus:
        return RowStatus.ERROR if self.errors else RowStatus.OK

    @property
    def reason(self) -> str:
        return "；".join(self.errors)


@dataclass(frozen=True, slots=True)
class ProgressImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: tuple[ProgressRow, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok_count(self) -> int:
        return sum(1 for r in self.rows if not r.errors)

    @property
    def error_rows(self) -> tuple[ProgressRow, ...]:
        return tuple(r for r in self.rows if r.errors)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.error_rows


@dataclass(frozen=True, slots=True)
class ProgressImportResult:
    rows: int
    progress_added: int
    fulfilled: int
    state_changes: int
    commitments: int


# --- reading ------------------------------------------------------------------------
def is_header_row(cells: Sequence[object]) -> bool:
    return any(_LOOKUP.get(header_key(cell)) == "commitment_id" for cell in cells)


def map_columns(
    cells: Sequence[object],
    columns: Sequence[ImportColumn],
    lookup: Mapping[str, str],
    what: str,
) -> tuple[dict[str, int], list[str]]:
    """Which cell holds each known column (first one wins), and warnings naming the
    ignored columns (“不属于{what}”) and the missing required ones."""
    positions: dict[str, int] = {}
    warnings: list[str] = []
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = lookup.get(header_key(text))
        if key is None or key in positions:
            ignored.append(text)
        else:
            positions[key] = index
    if ignored:
        warnings.append(f"以下列不属于{what}，将被忽略：{'、'.join(ignored)}")
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        warnings.append(f"文件中缺少必填列：{'、'.join(missing)}")
    return positions, warnings


def _map_header(cells: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    return map_columns(cells, COLUMNS, _LOOKUP, "进度导入")


def cell_date(value: object) -> date | None:
    """A date from an Excel date cell or text such as 2026-03-15, 2026/3/15, 2026年3月15日,
    20260315; None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = unicodedata.normalize("NFKC", cell_text(value))
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_PATTERN.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def cell_percent(value: object) -> int | None:
    """60, 60.0, "60", "60%", "６０％" → 60; None when not a whole number."""
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    if text.endswith("%"):
        return cell_count(text[:-1].strip())
    return cell_count(value)


def cell_state(value: object) -> CommitmentState | None:
    found = CommitmentState.from_label("".join(cell_text(value).split()))
    return found if isinstance(found, CommitmentState) else None


def _parse(number: int, cells: Mapping[str, Any], today: date) -> ProgressRow | None:
    texts = {key: cell_text(value) for key, value in cells.items()}
    if not any(texts.values()):
        return None
    errors: list[str] = []

    def required(key: str) -> str:
        text = texts.get(key, "")
        if not text:
            errors.append(f"{BY_KEY[key].header}不能为空")
        return text

    commitment_id: int | None = None
    if required("commitment_id"):
        commitment_id = cell_count(cells["commitment_id"])
        if commitment_id is None or commitment_id <= 0:
            errors.append(f"承诺编号“{texts['commitment_id']}”不是有效的编号")
            commitment_id = None
    recorded_on: date | None = None
    if required("recorded_on"):
        recorded_on = cell_date(cells["recorded_on"])
        if recorded_on is None:
            errors.append(f"进度日期“{texts['recorded_on']}”无法识别，应写成如 2026-03-15")
        elif recorded_on > today:
            errors.append(f"进度日期 {recorded_on:%Y-%m-%d} 晚于今天")
    note = required("note")
    state: CommitmentState | None = None
    if texts.get("state"):
        state = cell_state(texts["state"])
        if state is None or state is CommitmentState.PROPOSED:
            choices = "、".join(
                s.label for s in CommitmentState if s is not CommitmentState.PROPOSED
            )
            errors.append(f"状态“{texts['state']}”无法识别，应为：{choices}，或留空")
            state = None
    percent: int | None = None
    if state is not CommitmentState.CANCELLED and required("percent"):
        percent = cell_percent(cells["percent"])
        if percent is None or not 0 <= percent <= 100:
            errors.append(f"完成百分比“{texts['percent']}”应为 0 到 100 的整数")
            percent = None
    return ProgressRow(
        number,
        commitment_id,
        recorded_on,
        note,
        percent,
        texts.get("evidence_note", ""),
        state,
        errors=tuple(errors),
    )


# --- running a row --------------------------------------------------------------------
def _run_row(db: Database, row: ProgressRow) -> tuple[int, int, int]:
    """Apply one checked row through the services: (progress lines, fulfilments, other
    state changes). ``db`` is joined to the caller's transaction."""
    assert row.commitment_id is not None and row.recorded_on is not None
    commitment_id, day = row.commitment_id, row.recorded_on
    if row.state is CommitmentState.CANCELLED:
        _transition(db, commitment_id, CommitmentState.CANCELLED, day, reason=row.note)
        return 0, 0, 1
    changes = 0
    accepting = row.state is CommitmentState.ACCEPTED
    if accepting and _state(db, commitment_id) is CommitmentState.PROPOSED:
        _transition(db, commitment_id, CommitmentState.ACCEPTED, day)
        changes += 1
    assert row.percent is not None
    add_progress(
        db,
        commitment_id,
        recorded_on=day,
        note=row.note,
        percent=row.percent,
        evidence_note=row.evidence_note,
    )
    if row.state is CommitmentState.FULFILLED:
        _transition(db, commitment_id, CommitmentState.FULFILLED, day)
        return 1, 1, changes
    return 1, 0, changes


def _state(db: Database, commitment_id: int) -> CommitmentState:
    with db.reading() as session:
        return session.execute(
            select(Commitment.state).where(Commitment.id == commitment_id)
        ).scalar_one()


def _transition(
    db: Database, commitment_id: int, target: CommitmentState, day: date, *, reason: str = ""
) -> None:
    with db.reading() as session:
        version = session.execute(
            select(Commitment.version).where(Commitment.id == commitment_id)
        ).scalar_one()
    transition(db, commitment_id, target, on=day, reason=reason, expected_version=version)


# --- preview and apply -----------------------------------------------------------------
def preview_progress_import(
    db: Database, path: Path | str, *, today: date | None = None
) -> ProgressImportPreview:
    """Read ``path`` and check every row, in order; nothing is written."""
    path = Path(path)
    day = today or local_today()
    table = read_table(path, is_header_row)
    if table is None:
        raise DomainError(NO_HEADER.format(name=path.name))
    positions, warnings = _map_header(table.header)
    parsed: list[ProgressRow] = []
    for number, cells in table.rows:
        values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
        row = _parse(number, values, day)
        if row is not None:
            parsed.append(row)
    ids = {r.commitment_id for r in parsed if r.commitment_id is not None}
    with db.reading() as session:
        # One transaction, rolled back at the end: each row runs under a savepoint, so a
        # refused row leaves no trace and the rows after it see the ones before it.
        session.info["actor"] = db.actor
        contents = _contents(session, ids)
        inside = db.within(session)
        rows = [_dry_run(session, inside, row, contents) for row in parsed]
        session.rollback()
    return ProgressImportPreview(path, table.sheet, table.header_row, tuple(rows), tuple(warnings))


def _dry_run(
    session: Session, inside: Database, row: ProgressRow, contents: Mapping[int, str]
) -> ProgressRow:
    """``row`` with its content filled in and the services' refusal (if any) added."""
    errors = list(row.errors)
    content = ""
    if row.commitment_id is not None:
        found = contents.get(row.commitment_id)
        if found is None:
            errors.append(f"承诺编号 {row.commitment_id} 不存在")
        else:
            content = found
    if not errors:
        savepoint = session.begin_nested()
        try:
            _run_row(inside, row)
        except DomainError as exc:
            savepoint.rollback()
            errors.append(exc.message.rstrip("。"))
        else:
            savepoint.commit()
    return ProgressRow(
        row.row_number,
        row.commitment_id,
        row.recorded_on,
        row.note,
        row.percent,
        row.evidence_note,
        row.state,
        content,
        tuple(errors),
    )


def _contents(session: Session, ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):  # SQLite's bound-parameter limit
        chunk = ordered[start : start + 900]
        for commitment_id, content in session.execute(
            select(Commitment.id, Commitment.content).where(Commitment.id.in_(chunk))
        ):
            found[commitment_id] = " ".join(content.split())
    return found


def apply_progress_import(
    db: Database,
    preview: ProgressImportPreview,
    *,
    report: Callable[[int, int], None] | None = None,
) -> ProgressImportResult:
    """Write every row of a clean preview in one transaction; the first refusal (the data
    may have changed since the preview) undoes them all and names its row."""
    if not preview.can_apply:
        raise DomainError("导入文件中有错误的行，未导入任何数据。请改正后重新导入。")
    added = fulfilled = changes = 0
    total = len(preview.rows)
    with db.transaction() as session:
        inside = db.within(session)
        for done, row in enumerate(preview.rows, start=1):
            try:
                a, f, c = _run_row(inside, row)
            except DomainError as exc:
                raise DomainError(
                    f"第 {row.row_number} 行：{exc.message.rstrip('。')}。未导入任何数据。"
                ) from exc
            added, fulfilled, changes = added + a, fulfilled + f, changes + c
            if report is not None:
                report(done, total)
    commitments = len({r.commitment_id for r in preview.rows})
    return ProgressImportResult(total, added, fulfilled, changes, commitments)


def write_progress_template(path: Path | str) -> Path:
    """The .xlsx template: bold headers (required in red), a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "承诺进度"
    sheet.append([c.template_header for c in COLUMNS])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else None)
        cell.fill = fill
    sheet.freeze_panes = "A2"
    states = [s.label for s in CommitmentState if s is not CommitmentState.PROPOSED]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(states) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态填写有误",
        error=f"请从下拉列表中选择：{'、'.join(states)}，或留空",
    )
    letter = get_column_letter(len(COLUMNS))
    validation.add(f"{letter}2:{letter}2001")
    sheet.add_data_validation(validation)

    notes = book.create_sheet("说明")
    notes.append(["列名", "是否必填", "填写说明"])
    for column in COLUMNS:
        notes.append([column.header, "必填" if column.required else "选填", column.note])
    notes.append([])
    notes.append(["注意事项"])
    for number, text in enumerate(TEMPLATE_NOTES, start=1):
        notes.append([f"{number}.", "", text])
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in (("A", 14), ("B", 10), ("C", 80)):
        notes.column_dimensions[letter].width = width
    return save_atomically(Path(path), book.save)
