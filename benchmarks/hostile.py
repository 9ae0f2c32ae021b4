"""Hostile import files: each is read by the one reading layer in a child process,
which prints its wall time and peak RSS (goal: under 10 s and 500 MB per file)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from benchmarks.common import emit

_CHILD = """
import json, sys, time
from pathlib import Path
from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.table_file import read_table
start = time.perf_counter()
outcome = "accepted"
try:
    read_table(Path(sys.argv[1]), lambda cells: "名称" in cells)
except DomainError:
    outcome = "refused"
seconds = time.perf_counter() - start
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak}))
"""

_HEAD = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>'
)
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
    'org/package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.'
    'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
}


def _xlsx(path: Path, rows: bytes, strings: bytes = b"") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/worksheets/sheet1.xml", _HEAD.encode() + rows + b"</sheetData></worksheet>"
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + strings
            + b"</sst>",
        )
    return path


def _files(folder: Path) -> dict[str, Path]:
    files = {
        "column_zzzzzz": _xlsx(
            folder / "wide.xlsx", b'<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'
        ),
        "row_beyond_excel": _xlsx(
            folder / "deep.xlsx", b'<row r="9999999"><c r="A9999999"><v>1</v></c></row>'
        ),
        "empty_rows_1gb": _xlsx(folder / "bomb.xlsx", b"<row/>" * (1024**3 // 6)),
        "empty_rows_90mb": _xlsx(folder / "rows.xlsx", b"<row/>" * (90 * 1024**2 // 6)),
        "shared_strings_bomb": _xlsx(folder / "sst.xlsx", b"", b"<si><t>x</t></si>" * 600_000),
        "max_width_rows": _xlsx(
            folder / "widerows.xlsx",
            b"".join(
                f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'.encode() for n in range(2, 2000)
            ),
        ),
    }
    long_csv = folder / "long.csv"
    long_csv.write_text("名称,备注\n甲," + "长" * 200_000 + "\n", encoding="utf-8")
    files["csv_long_field"] = long_csv
    big_csv = folder / "big.csv"
    with big_csv.open("w", encoding="utf-8") as out:
        out.write("名称,类别\n")
        line = "甲单位,机关\n"
        out.write(line * (19 * 1024 * 1024 // len(line.encode())))
    files["csv_19mb_rows"] = big_csv
    return files


def run(scale: int, repeat: int) -> None:
    del scale, repeat  # the files are fixed: they model what a hostile sender can craft
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        for name, path in _files(Path(folder)).items():
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            if done.returncode != 0:
                emit(f"hostile.{name}", -1, "traceback", stderr=done.stderr[-300:])
                continue
            result = json.loads(done.stdout)
            size = path.stat().st_size
            emit(
                f"hostile.{name}.seconds",
                result["seconds"],
                "s",
                outcome=result["outcome"],
                bytes=size,
            )
            emit(f"hostile.{name}.peak_rss", result["peak_mb"], "MB", outcome=result["outcome"])
