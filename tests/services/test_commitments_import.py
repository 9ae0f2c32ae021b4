"""Progress updates from a spreadsheet: every row previewed with its reason, nothing
written before the import, then all rows in one transaction or none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_commitments_support import DUE, World, make, world

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.commitments import get_commitment, transition
from alliance_desk.services.commitments.progress_import import (
    RowStatus,
    apply_progress_import,
    preview_progress_import,
    write_progress_template,
)
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.table_write import write_table

__all__ = ["world"]

TODAY = date(2026, 4, 20)
HEADERS = ("承诺编号*", "进度日期", "进展情况", "完成进度", "佐证说明", "状态")


def _accepted(db: Database, world: World, **changes: Any) -> int:
    commitment = make(db, world, **changes)
    transition(
        db,
        commitment.id,
        CommitmentState.ACCEPTED,
        on=date(2026, 1, 10),
        expected_version=commitment.version,
    )
    return commitment.id


def _sheet(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> Path:
    return write_table(path, headers, rows)


def test_a_clean_file_previews_without_writing_then_imports_every_row(
    db: Database, world: World, tmp_path: Path
) -> None:
    first = _accepted(db, world)
    second = _accepted(db, world, content="提供活动场地")
    path = _sheet(
        tmp_path / "进度.xlsx",
        [
            (first, "2026-02-01", "开展第一次助老服务", "40%", "照片 3 张", ""),
            (second, "2026/2/3", "场地已落实", 100, "", ""),
            (first, "2026年4月10日", "全部完成", 100, "服务记录", "已履诺"),
        ],
    )

    preview = preview_progress_import(db, path, today=TODAY)

    assert [r.status for r in preview.rows] == [RowStatus.OK] * 3
    assert [r.row_number for r in preview.rows] == [2, 3, 4]
    assert preview.rows[0].content == "每月组织志愿者到社区开展助老服务"
    assert preview.rows[0].percent == 40 and preview.rows[1].recorded_on == date(2026, 2, 3)
    assert get_commitment(db, first).progress == ()  # the preview wrote nothing
    assert get_commitment(db, first).state is CommitmentState.ACCEPTED

    result = apply_progress_import(db, preview)

    assert (result.rows, result.progress_added, result.fulfilled) == (3, 3, 1)
    done = get_commitment(db, first)
    assert [p.percent for p in done.progress] == [40, 100]
    assert done.progress[0].evidence_note == "照片 3 张"
    assert done.state is CommitmentState.FULFILLED
    assert done.fulfilled_on == date(2026, 4, 10) > DUE and done.late
    assert get_commitment(db, second).state is CommitmentState.IN_PROGRESS


def test_every_bad_row_is_named_with_its_reason(db: Database, world: World, tmp_path: Path) -> None:
    accepted = _accepted(db, world)
    proposed = make(db, world, content="修缮凉亭").id
    path = _sheet(
        tmp_path / "进度.xlsx",
        [
            (999_999, "2026-02-01", "做了", 10, "", ""),
            (accepted, "2026-02-30", "做了", 10, "", ""),
            (accepted, "2026-02-01", "做了", 120, "", ""),
            (proposed, "2026-02-01", "做了", 10, "", ""),
            (accepted, "2026-02-01", "", 10, "", ""),
            (accepted, "2026-05-01", "做了", 10, "", ""),
            (accepted, "2026-02-01", "做了", 50, "", "作废"),
            (accepted, "2026-02-01", "做了", 50, "", ""),
            (accepted, "2026-02-05", "倒退了", 30, "", ""),
        ],
    )

    preview = preview_progress_import(db, path, today=TODAY)

    reasons = {r.row_number: r.reason for r in preview.rows}
    assert "承诺编号 999999 不存在" in reasons[2]
    assert "进度日期“2026-02-30”无法识别" in reasons[3]
    assert "完成百分比“120”应为 0 到 100 的整数" in reasons[4]
    assert "请先标记为已认领" in reasons[5]
    assert "进度说明不能为空" in reasons[6]
    assert "晚于今天" in reasons[7]
    assert "状态“作废”无法识别" in reasons[8]
    assert reasons[9] == ""  # a good row among bad ones
    assert "不能低于上一次登记的 50%" in reasons[10]  # checked after the row above it
    assert not preview.can_apply
    with pytest.raises(DomainError, match="未导入任何数据"):
        apply_progress_import(db, preview)
    assert get_commitment(db, accepted).progress == ()


def test_an_illegal_state_change_is_refused_in_the_preview(
    db: Database, world: World, tmp_path: Path
) -> None:
    proposed = make(db, world).id
    path = _sheet(tmp_path / "进度.xlsx", [(proposed, "2026-02-01", "完成", 100, "", "已履诺")])
    preview = preview_progress_import(db, path, today=TODAY)
    assert "请先标记为已认领" in preview.rows[0].reason  # progress needs an accepted one first


def test_accepting_and_cancelling_from_the_sheet(
    db: Database, world: World, tmp_path: Path
) -> None:
    proposed = make(db, world).id
    doomed = make(db, world, content="修缮凉亭").id
    path = _sheet(
        tmp_path / "进度.csv",
        [
            (proposed, "2026-02-01", "已对接", 10, "", "已认领"),
            (doomed, "2026-02-01", "凉亭已由区里统一修缮", "", "", "已取消"),
        ],
    )
    preview = preview_progress_import(db, path, today=TODAY)
    assert preview.can_apply, [r.reason for r in preview.rows]
    apply_progress_import(db, preview)
    assert get_commitment(db, proposed).state is CommitmentState.IN_PROGRESS
    cancelled = get_commitment(db, doomed)
    assert cancelled.state is CommitmentState.CANCELLED
    assert cancelled.cancel_reason == "凉亭已由区里统一修缮"


def test_all_or_nothing_when_the_data_changed_after_the_preview(
    db: Database, world: World, tmp_path: Path
) -> None:
    first = _accepted(db, world)
    second = _accepted(db, world, content="提供活动场地")
    path = _sheet(
        tmp_path / "进度.xlsx",
        [(first, "2026-02-01", "做了", 10, "", ""), (second, "2026-02-01", "做了", 10, "", "")],
    )
    preview = preview_progress_import(db, path, today=TODAY)
    assert preview.can_apply
    version = get_commitment(db, second).version
    transition(
        db, second, CommitmentState.CANCELLED, on=TODAY, reason="不需要了", expected_version=version
    )

    with pytest.raises(DomainError, match="第 3 行") as raised:
        apply_progress_import(db, preview)

    assert "未导入任何数据" in raised.value.message
    assert get_commitment(db, first).progress == ()  # row 2 was undone with row 3


def test_a_gbk_csv_with_other_header_words_is_read(
    db: Database, world: World, tmp_path: Path
) -> None:
    accepted = _accepted(db, world)
    path = tmp_path / "进度.csv"
    path.write_bytes(
        f"编号,填报日期,完成情况,完成比例,备注\n{accepted},20260201,已开展,５０％,台账\n".encode(
            "gb18030"
        )
    )
    preview = preview_progress_import(db, path, today=TODAY)
    (row,) = preview.rows
    assert row.reason == ""
    assert (row.recorded_on, row.percent, row.evidence_note) == (date(2026, 2, 1), 50, "台账")


def test_a_file_without_the_number_column_is_refused(db: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "其他.xlsx", [("x", "y")], headers=("单位名称", "电话"))
    with pytest.raises(DomainError, match="没有找到表头"):
        preview_progress_import(db, path, today=TODAY)


def test_the_template_reads_back_as_an_empty_import(db: Database, tmp_path: Path) -> None:
    path = write_progress_template(tmp_path / "模板.xlsx")
    preview = preview_progress_import(db, path, today=TODAY)
    assert preview.rows == () and not preview.can_apply
    assert preview.warnings == ()
    table = read_table(path, lambda cells: bool(cells and cells[0]))
    assert table is not None
    assert table.header[:4] == ("承诺编号*", "进度日期*", "进度说明*", "完成百分比*")
