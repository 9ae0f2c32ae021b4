"""Commitment rows to .xlsx / .csv through the register's writer (anti-formula rule,
atomic save). No widgets: the page runs it on a worker thread for big exports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from alliance_desk.services.commitments.filters import CommitmentFilter
from alliance_desk.services.commitments.listing import iter_commitments
from alliance_desk.services.commitments.records import CommitmentRow, local_today
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.table_write import write_table
from alliance_desk.ui.commitments.columns import state_text, tr

Report = Callable[[int, int], None]


def export_headers() -> list[str]:
    return [
        tr("编号"),
        tr("联盟"),
        tr("承诺方"),
        tr("受诺方"),
        tr("方向"),
        tr("承诺内容"),
        tr("类别"),
        tr("承诺日期"),
        tr("到期日期"),
        tr("状态"),
        tr("履诺日期"),
        tr("完成进度(%)"),
    ]


EXPORT_WIDTHS = (8, 22, 26, 26, 12, 50, 12, 12, 12, 14, 12, 10)


def export_row(row: CommitmentRow) -> list[Any]:
    """Numbers stay numbers and dates ISO text, so the file sorts and re-imports cleanly."""
    return [
        row.id,
        row.alliance_name,
        row.promisor_name,
        row.promisee_name,
        row.direction.label,
        row.content,
        row.category,
        f"{row.made_on:%Y-%m-%d}",
        f"{row.due_on:%Y-%m-%d}",
        state_text(row),
        f"{row.fulfilled_on:%Y-%m-%d}" if row.fulfilled_on else "",
        row.percent,
    ]


def export_rows(rows: Iterable[CommitmentRow], path: Path) -> Path:
    return write_table(
        path,
        export_headers(),
        (export_row(r) for r in rows),
        widths=EXPORT_WIDTHS,
        sheet_title=tr("双向承诺"),
    )


def export_matching(
    db: Database, f: CommitmentFilter, path: Path, *, total: int, report: Report | None = None
) -> int:
    """Every row matching ``f``, read from SQL a page at a time; returns how many."""
    written = 0

    def rows() -> Iterator[CommitmentRow]:
        nonlocal written
        for page in iter_commitments(db, f, today=local_today()):
            yield from page
            written += len(page)
            if report is not None:
                report(written, max(total, written))

    export_rows(rows(), path)
    return written
