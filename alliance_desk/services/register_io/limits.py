"""How much of a file from outside the app will read: one place for every import.

A 2 KB .xlsx can claim a cell at column ZZZZZZ, a 1.5 MB zip can expand to a gigabyte of
empty rows, and a CSV cell can be megabytes long. Every import reads through
``table_file.read_table``, which checks these limits before and while it reads, and
refuses with a Chinese reason instead of eating the clerk's memory.
"""

from __future__ import annotations

import zipfile

from alliance_desk.core.errors import DomainError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part of an .xlsx, uncompressed
MAX_TOTAL_BYTES = 160 * 1024 * 1024  # all parts together, uncompressed
MAX_PARTS = 2_000
MAX_SHARED_STRINGS = 500_000
MAX_ROWS = 1_048_576  # Excel's grid
MAX_COLUMNS = 16_384  # column XFD
MAX_TABLE_COLUMNS = 256  # column IV: an import reads no header cell beyond it
MAX_CSV_FIELD = 32_767  # what one Excel cell can hold


class FileTooLarge(DomainError):
    """The file goes beyond what an import reads; never retried with another reader."""


def check_file_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise FileTooLarge(
            f"文件“{name}”有 {size / 1024 / 1024:.1f} MB，超过了导入上限 "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB。请只保留需要导入的工作表和数据后再试。"
        )


def check_zip_parts(package: zipfile.ZipFile) -> None:
    """Refuse a package whose parts would expand beyond the limits (a zip bomb)."""
    parts = package.infolist()
    if len(parts) > MAX_PARTS:
        raise FileTooLarge(f"文件包含 {len(parts):,} 个部件，不像是一张普通的 Excel 表格。")
    total = 0
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise FileTooLarge(
                f"文件中的“{part.filename[:60]}”解压后有 {part.file_size / 1024 / 1024:.0f} MB，"
                f"超过了上限 {MAX_PART_BYTES // 1024 // 1024} MB。"
            )
        total += part.file_size
    if total > MAX_TOTAL_BYTES:
        raise FileTooLarge(
            f"文件解压后共有 {total / 1024 / 1024:.0f} MB，超过了上限 "
            f"{MAX_TOTAL_BYTES // 1024 // 1024} MB。"
        )
