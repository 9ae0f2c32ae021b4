"""Rows into .xlsx and .csv files, every cell through the one anti-formula rule."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.cells import neutralise
from alliance_desk.services.register_io.table_file import UNSUPPORTED
from alliance_desk.services.register_io.xlsx_writer import write_xlsx


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: Sequence[int] = (),
    sheet_title: str = "Sheet1",
) -> Path:
    """Write a header and rows to .xlsx or .csv by the extension; every cell goes through
    ``neutralise``, the one rule against formula injection."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise DomainError(UNSUPPORTED.format(suffix=suffix or "无扩展名"))
    safe_headers = [neutralise(h) for h in headers]
    safe_rows = ([neutralise(v) for v in row] for row in rows)

    def write(target: Path) -> None:
        if suffix == ".xlsx":
            write_xlsx(target, safe_headers, safe_rows, widths=widths, sheet_title=sheet_title)
            return
        # UTF-8 with BOM: without it Excel on a Chinese Windows reads the file as GBK.
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(safe_headers)
            writer.writerows(safe_rows)

    return save_atomically(path, write)


def save_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Run ``write`` on a file beside ``path``, then move it over ``path``.

    A failed save never leaves half a file behind, and a target held open by Excel or
    WPS gives a message instead of a traceback.
    """
    partial = path.with_name(f"~{path.stem}.partial{path.suffix}")
    try:
        write(partial)
        partial.replace(path)
    except PermissionError as exc:
        raise DomainError(
            f"无法写入文件“{path.name}”：文件可能正被 Excel 或 WPS 打开，或该文件夹不允许写入。"
            "请关闭文件或换一个位置再试。"
        ) from exc
    except OSError as exc:
        raise DomainError(f"无法写入文件“{path.name}”：{exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return path
