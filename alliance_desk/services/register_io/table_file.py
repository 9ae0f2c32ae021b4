"""Rows out of .xlsx and .csv files, with messages a clerk can act on.

.xlsx is read by ``xlsx_reader``, with openpyxl as the fallback; openpyxl is imported
only then: it costs about 0.2 s, which the start-up budget keeps for the window.
"""

from __future__ import annotations

import csv
import io
import logging
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.limits import (
    MAX_CSV_FIELD,
    MAX_TABLE_COLUMNS,
    FileTooLarge,
    check_file_size,
)
from alliance_desk.services.register_io.xlsx_reader import XlsxPackage

log = logging.getLogger("alliance_desk.services")

Cells = tuple[Any, ...]

XLS_MESSAGE = (
    "这是旧版 Excel 文件（.xls），本程序不能直接读取。请用 Excel 或 WPS 打开该文件，"
    "点“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再导入另存的 .xlsx 文件。"
)
_NOT_XLSX = (
    "文件“{name}”不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名。"
    "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。"
)
_LOCKED = "无法读取文件“{name}”：文件可能正被 Excel 或 WPS 打开。请先关闭该文件，再重试。"
UNSUPPORTED = "不支持“{suffix}”格式的文件：请选择 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SCAN_ROWS = 50  # how far down a title block may push the header row


@dataclass(frozen=True, slots=True)
class Table:
    """The data block of one sheet: the header row and the rows under it (1-based numbers)."""

    sheet: str
    header_row: int
    header: Cells
    rows: list[tuple[int, Cells]]


@dataclass(frozen=True, slots=True)
class _Bounds:
    name: str
    max_rows: int | None

    def too_many(self) -> FileTooLarge:
        return FileTooLarge(f"文件“{self.name}”超过 {self.max_rows} 行，请分批导入。")


Rest = Callable[[int, int], Iterable[tuple[int, Cells]]]
"""Given the header's row number and width, the rows under it (cut to that width)."""


def read_table(
    path: Path, is_header: Callable[[Cells], bool], *, max_rows: int | None = None
) -> Table | None:
    """The first sheet (the active one first, hidden ones last) with a header row; ``None``
    if none has one.

    Only the header's columns are kept (a cell far out at column XFD costs nothing), and
    reading stops with ``FileTooLarge`` at the first data row beyond ``max_rows``.
    """
    bounds = _Bounds(path.name, max_rows)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        raise DomainError(XLS_MESSAGE)
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise DomainError(UNSUPPORTED.format(suffix=suffix or "无扩展名"))
    data = _read_bytes(path)
    if suffix in (".csv", ".txt"):
        return _find_header("", enumerate(_csv_rows(data, path), start=1), is_header, bounds)
    if data.startswith(_OLE_MAGIC):
        raise DomainError(XLS_MESSAGE + "（如果文件设置了打开密码，请先取消密码。）")
    try:
        return _read_xlsx(data, is_header, bounds)
    except DomainError:
        raise
    except Exception as exc:  # zip, XML and openpyxl errors all mean "not a usable xlsx"
        log.info("unreadable xlsx %s: %r", path, exc)
        raise DomainError(_NOT_XLSX.format(name=path.name)) from exc


def _read_bytes(path: Path) -> bytes:
    try:
        check_file_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise DomainError(f"找不到文件“{path}”，它可能已被移动或删除。") from exc
    except PermissionError as exc:
        raise DomainError(_LOCKED.format(name=path.name)) from exc
    except OSError as exc:
        raise DomainError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from exc


def _read_xlsx(data: bytes, is_header: Callable[[Cells], bool], bounds: _Bounds) -> Table | None:
    """The direct reader first (twice as fast); openpyxl if it cannot make sense of the file."""
    try:
        return _read_xlsx_direct(data, is_header, bounds)
    except DomainError:  # a limit or an uncomputed formula: a refusal, not a reader's failure
        raise
    except Exception as exc:
        log.info("direct xlsx reader failed (%r); trying openpyxl", exc)
    return read_xlsx_openpyxl(data, is_header, bounds)


def _read_xlsx_direct(
    data: bytes, is_header: Callable[[Cells], bool], bounds: _Bounds
) -> Table | None:
    package = XlsxPackage(data)
    try:
        for sheet in package.sheets:
            rows = package.rows(sheet)

            def rest(_number: int, width: int, rows: Iterator[tuple[int, Cells]] = rows) -> (
                Iterator[tuple[int, Cells]]
            ):
                package.width = width  # the reader skips the cells beyond the header
                package.in_data = True
                return rows

            table = _find_header(sheet.title, rows, is_header, bounds, rest)
            if table is not None:
                return table
    finally:
        package.close()
    return None


def read_xlsx_openpyxl(
    data: bytes, is_header: Callable[[Cells], bool], bounds: _Bounds | None = None
) -> Table | None:
    import openpyxl

    with warnings.catch_warnings():
        # WPS/LibreOffice files often lack a default style or carry extensions openpyxl drops.
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            shown = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
            sheets = [
                *(ws for ws in shown if ws is book.active),
                *(ws for ws in shown if ws is not book.active),
                *(ws for ws in book.worksheets if ws.sheet_state != "visible"),
            ]
            for sheet in sheets:
                if sheet is None or not hasattr(sheet, "reset_dimensions"):
                    continue  # a chart sheet
                sheet.reset_dimensions()  # WPS/LibreOffice sometimes report A1:A1
                rows = enumerate(sheet.iter_rows(values_only=True), start=1)

                def rest(number: int, width: int, sheet: Any = sheet) -> Iterator[
                    tuple[int, Cells]
                ]:
                    below = sheet.iter_rows(min_row=number + 1, max_col=width, values_only=True)
                    return enumerate(below, start=number + 1)

                table = _find_header(
                    sheet.title, rows, is_header, bounds or _Bounds("", None), rest
                )
                if table is not None:
                    return table
        finally:
            book.close()
    return None


def _find_header(
    sheet: str,
    rows: Iterable[tuple[int, Cells]],
    is_header: Callable[[Cells], bool],
    bounds: _Bounds,
    rest: Rest | None = None,
) -> Table | None:
    iterator = iter(rows)
    for number, cells in iterator:
        if is_header(cells):
            width = max((i + 1 for i, v in enumerate(cells) if v is not None), default=0)
            width = min(width, MAX_TABLE_COLUMNS)  # a header cell at XFD1 widens nothing
            below = iterator if rest is None else rest(number, width)
            found: list[tuple[int, Cells]] = []
            for n, c in below:
                kept = tuple(c[:width])
                # Rows without a value carry nothing to import: a million of them cost nothing.
                if any(v is not None for v in kept):
                    if bounds.max_rows is not None and len(found) >= bounds.max_rows:
                        raise bounds.too_many()
                    found.append((n, kept))
            return Table(sheet, number, tuple(cells[:width]), found)
        if number >= _SCAN_ROWS:
            return None
    return None


def _csv_rows(data: bytes, path: Path) -> Iterator[Cells]:
    """UTF-16 with its BOM (Excel's “Unicode 文本”), UTF-8 (with or without BOM), then
    GB18030 (a superset of GBK, what WPS and Chinese Excel save as “CSV”)."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DomainError(
            f"无法识别文件“{path.name}”的文字编码：请在 Excel 中另存为“CSV UTF-8”或 .xlsx。"
        )
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DomainError(
                    f"文件“{path.name}”第 {reader.line_num} 行无法读取：单元格超过 "
                    f"{MAX_CSV_FIELD:,} 个字符，或引号不成对。"
                ) from exc
            yield tuple(cell if cell.strip() else None for cell in row)
    finally:
        csv.field_size_limit(previous)


def _delimiter(text: str) -> str:
    """The separator the file uses (comma, tab, semicolon …), found by ``csv.Sniffer``."""
    sample = text[:64 * 1024]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|，").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        return max(",\t;", key=first.count)
