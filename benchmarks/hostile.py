"""Hostile import files: time and peak memory to accept or refuse each one.

Every file is read in a fresh child process (``units`` preview, the import's own path),
so peak RSS is that file's alone. Goal (issue 10): any file under 20 MB is accepted or
refused within 10 s and 500 MB. ``--scale`` is ignored.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import emit

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>类别</t></is></c></row>'
)


def _xlsx(path: Path, rows: str, shared: str | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
                         f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        package.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                         '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                     'Target="sharedStrings.xml"/>')
            package.writestr("xl/sharedStrings.xml", shared)
        package.writestr("xl/_rels/workbook.xml.rels",
                         f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER}{rows}</sheetData></worksheet>'
        package.writestr("xl/worksheets/sheet1.xml", sheet)


def _far_column(path: Path) -> None:
    _xlsx(path, '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>')


def _empty_rows_bomb(path: Path) -> None:
    _xlsx(path, '<row r="2"><c r="A2"/></row>' * 3_500_000)


def _big_but_legal_empty_rows(path: Path) -> None:
    _xlsx(path, "".join(f'<row r="{n}"/>' for n in range(2, 1_000_000)))


def _shared_strings_bomb(path: Path) -> None:
    _xlsx(path, "", f'<sst xmlns="{MAIN}">' + "<si><t>x</t></si>" * 1_200_000 + "</sst>")


def _long_csv_cell(path: Path) -> None:
    path.write_text("单位名称,类别\n" + "甲" * 5_000_000 + ",机关\n", encoding="utf-8")


def _big_csv(path: Path) -> None:
    line = "某某街道某某社区党群服务中心,社区,30\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("单位名称,类别,党员人数\n")
        handle.write(line * (19 * 1024 * 1024 // len(line.encode())))


FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "far_column_xlsx": (".xlsx", _far_column),
    "empty_rows_bomb_xlsx": (".xlsx", _empty_rows_bomb),
    "million_empty_rows_xlsx": (".xlsx", _big_but_legal_empty_rows),
    "shared_strings_bomb_xlsx": (".xlsx", _shared_strings_bomb),
    "long_cell_csv": (".csv", _long_csv_cell),
    "19mb_csv": (".csv", _big_csv),
}

CHILD = """
import json, resource, sys, time
from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.units_import import is_header_row
start = time.perf_counter()
try:
    table = read_table(__import__("pathlib").Path(sys.argv[1]), is_header_row)
    outcome = f"accepted {len(table.rows) if table else 0} rows"
except DomainError as exc:
    outcome = "refused: " + exc.message[:60]
seconds = time.perf_counter() - start
try:  # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak over
    status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
    peak = int(status) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}, ensure_ascii=False))
"""


def run(_scale: int, _repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, make) in FILES.items():
            path = Path(folder) / f"{name}{suffix}"
            make(path)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                                  text=True, timeout=120)
            wall = time.perf_counter() - started
            if done.returncode != 0:
                emit(f"hostile.{name}.crashed", wall, "s", stderr=done.stderr[-300:])
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            size_kb = path.stat().st_size / 1024
            emit(f"hostile.{name}.seconds", result["seconds"], "s", file_kb=round(size_kb),
                 outcome=result["outcome"])
            emit(f"hostile.{name}.peak_rss", result["peak_mb"], "MB")
