"""A direct .xlsx reader: cell values of each sheet, from the package's XML parts.

openpyxl's read-only mode takes about 1.5 s for a 16,500-row register sheet here —
half the import budget — mostly in per-cell Python objects. This reader walks the
same XML with ElementTree's C parser and keeps only what an import needs: shared and
inline strings, numbers, booleans, and the cached results of formulas (like
``data_only=True``). It never trusts the ``<dimension>`` element, which WPS and
LibreOffice sometimes write as A1:A1. A number in a cell formatted as a date becomes a
``datetime`` (a ``time`` when it is under one day: a time of day such as 8:30), one
formatted as a percentage the text "60%", as the cell shows them. Hidden sheets come
after the visible ones: the clerk never saw what they hold.
``table_file`` falls back to openpyxl when this reader fails for any reason but a limit
or a refusal. Under the header, cells beyond its last column are skipped (never padded
out to column XFD), and a formula saved without its result is refused
(``UncomputedFormula``) rather than read as an empty cell.

Files come from outside: every part is checked against ``limits`` before it is read, and
a reference beyond Excel's grid (XFD1048576) is refused, so a small file cannot make the
reader build a huge row or read gigabytes of XML.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from xml.etree.ElementTree import Element, fromstring, iterparse

from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    FileTooLarge,
    check_zip_parts,
)

Cells = tuple[Any, ...]

# Built-in number formats that show a date or time (the CJK ids 27–36 and 50–58 are dates
# in Chinese Excel and WPS); 9 and 10 are percentages.
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47,
                              *range(27, 37), *range(50, 59)})
_PERCENT_FORMAT_IDS = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

_DIGITS = "0123456789"

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)


def _local(tag: str) -> str:
    """The tag without its namespace: transitional and strict OOXML read the same."""
    return tag[tag.rfind("}") + 1 :]


@dataclass(frozen=True, slots=True)
class SheetPart:
    title: str
    path: str


class XlsxPackage:
    """An open .xlsx in memory: its sheets (active one first) and their rows."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        check_zip_parts(self._zip)
        workbook_path = self._main_part()
        rels = self._rels(workbook_path)
        workbook = fromstring(self._zip.read(workbook_path))
        # Sheets and strings share the workbook's main namespace (transitional or strict).
        self._ns = workbook.tag[: workbook.tag.find("}") + 1]
        sheets: list[SheetPart] = []
        hidden: list[SheetPart] = []
        active, position = 0, 0
        for element in workbook.iter():
            name = _local(element.tag)
            if name == "workbookView":
                active = int(element.get("activeTab", "0") or 0)
            elif name == "sheet":  # activeTab counts chart sheets too, so count them here
                rid = next((element.get(k) for k in _R_ID if element.get(k)), None)
                kind, path = rels.get(rid or "", ("", ""))
                if kind.endswith("/worksheet"):
                    part = SheetPart(element.get("name", ""), path)
                    if element.get("state", "visible") != "visible":
                        hidden.append(part)  # the clerk never saw it: read it last
                    else:
                        sheets.insert(0 if position == active else len(sheets), part)
                position += 1
        self.sheets = sheets + hidden
        self.width = MAX_COLUMNS
        """Cells from this column on are skipped; the caller narrows it to the header's."""
        self.in_data = False
        """Set by the caller under the header: a formula without its result is refused."""
        self._epoch = datetime(1899, 12, 30)
        for element in workbook.iter():
            if _local(element.tag) == "workbookPr" and element.get("date1904") in ("1", "true"):
                self._epoch = datetime(1904, 1, 1)
        shared = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
        self._strings = self._shared_strings(shared) if shared else []
        styles = next((t for kind, t in rels.values() if kind.endswith("/styles")), None)
        self._kinds = self._style_kinds(styles) if styles else []

    def _style_kinds(self, path: str) -> list[str]:
        """Per cell style (the ``s`` attribute): "d" date, "%" percentage or "" other."""
        try:
            root = fromstring(self._zip.read(path))
        except KeyError:
            return []
        custom: dict[int, str] = {}
        kinds: list[str] = []
        for element in root.iter():
            name = _local(element.tag)
            if name == "numFmt":
                custom[int(element.get("numFmtId", "0") or 0)] = element.get("formatCode", "")
            elif name == "cellXfs":
                for xf in element:
                    kinds.append(_format_kind(int(xf.get("numFmtId", "0") or 0), custom))
        return kinds

    def close(self) -> None:
        self._zip.close()

    def _main_part(self) -> str:
        for kind, target in self._rels("").values():
            if kind.endswith("/officeDocument"):
                return target
        return "xl/workbook.xml"

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target path inside the zip) of ``part``."""
        folder, name = posixpath.split(part)
        rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
        try:
            root = fromstring(self._zip.read(rels_path))
        except KeyError:
            return {}
        found = {}
        for rel in root.iter(f"{_REL_NS}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
        return found

    def _shared_strings(self, path: str) -> list[str]:
        item, plain = f"{self._ns}si", f"{self._ns}t"
        strings: list[str] = []
        with self._zip.open(path) as source:
            for _event, element in iterparse(source):
                if element.tag == item:
                    if len(strings) >= MAX_SHARED_STRINGS:
                        raise FileTooLarge(
                            f"文件中的不同文字超过 {MAX_SHARED_STRINGS:,} 条，不像是一张登记表。"
                        )
                    first = element.find(plain)
                    if first is not None and len(element) == 1:
                        strings.append(first.text or "")
                    else:
                        strings.append(self._text(element))
                    element.clear()
        return strings

    def _text(self, element: Element) -> str:
        """Text of a string item: plain <t>, or the <t> of each rich-text run; no phonetics."""
        plain, run = f"{self._ns}t", f"{self._ns}r"
        parts = []
        for child in element:
            if child.tag == plain:
                parts.append(child.text or "")
            elif child.tag == run:
                parts.extend(t.text or "" for t in child.iter(plain))
        return "".join(parts)

    def rows(self, sheet: SheetPart) -> Iterator[tuple[int, Cells]]:
        """(row number, values) for every row present; gaps in the numbering are kept."""
        row_tag, cell_tag, value_tag = f"{self._ns}row", f"{self._ns}c", f"{self._ns}v"
        inline_tag, strings = f"{self._ns}is", self._strings
        kinds, epoch = self._kinds, self._epoch
        formula_tag = f"{self._ns}f"
        columns: dict[str, int] = {}
        self.width, self.in_data = MAX_COLUMNS, False
        with self._zip.open(sheet.path) as source:
            number = 0
            for _event, element in iterparse(source):
                if element.tag != row_tag:
                    continue
                number = int(element.get("r") or number + 1)
                if number > MAX_ROWS:
                    raise FileTooLarge(f"第 {number:,} 行超出了 Excel 的最大行数 {MAX_ROWS:,}。")
                values: list[Any] = []
                width = self.width
                for cell in element.iter(cell_tag):
                    ref = cell.get("r")
                    if len(cell) == 0:  # no value: a styled empty cell (Excel writes rows of them)
                        if not ref:
                            values.append(None)
                        continue
                    if ref:
                        letters = ref.rstrip(_DIGITS)
                        column = columns.get(letters)
                        if column is None:
                            column = columns[letters] = _column(letters)
                            if column >= MAX_COLUMNS:
                                raise FileTooLarge(
                                    f"单元格 {ref[:20]} 超出了 Excel 的最大列 XFD。"
                                )
                        if column >= width:
                            break  # beyond the header: never padded out to column XFD
                        if column > len(values):
                            values.extend([None] * (column - len(values)))
                    elif len(values) >= width:
                        break
                    kind = cell.get("t")
                    if kind == "s":
                        values.append(strings[int(cell.findtext(value_tag) or 0)])
                    elif kind == "inlineStr":
                        inline = cell.find(inline_tag)
                        values.append(None if inline is None else self._text(inline))
                    else:
                        value = _value(kind, cell.findtext(value_tag))
                        if (
                            value is None
                            and kind != "str"  # a formula's empty text result ("")
                            and self.in_data
                            and cell.find(formula_tag) is not None
                        ):
                            raise UncomputedFormula(ref or f"第 {number} 行")
                        style = cell.get("s")
                        if style and isinstance(value, int | float) and not isinstance(value, bool):
                            value = _formatted(value, kinds, int(style), epoch)
                        values.append(value)
                element.clear()
                yield number, tuple(values)


class UncomputedFormula(DomainError):
    """A formula cell saved without its result (Excel, WPS and LibreOffice always keep it;
    a file generated by another program may not): reading it as empty would mislead."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"单元格 {where[:20]} 是公式，但文件中没有保存它的计算结果（多见于其他软件生成的"
            "文件）：请用 Excel 或 WPS 打开该文件并保存后再导入，或把公式复制后“粘贴为数值”。"
        )


def _format_kind(format_id: int, custom: dict[int, str]) -> str:
    if format_id in _PERCENT_FORMAT_IDS:
        return "%"
    if format_id in _DATE_FORMAT_IDS:
        return "d"
    code = custom.get(format_id)
    if not code:
        return ""
    bare = _QUOTED.sub("", code.split(";")[0]).lower()
    if "%" in bare:
        return "%"
    if any(c in bare for c in "ymdhs") and "general" not in bare:
        return "d"
    return ""


def _formatted(value: float, kinds: list[str], style: int, epoch: datetime) -> Any:
    kind = kinds[style] if 0 <= style < len(kinds) else ""
    if kind == "d" and 0 <= value < 1:  # a time of day (8:30 is 0.354…), not 1899-12-30
        seconds = min(round(value * 86_400), 86_399)
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    if kind == "d" and 0 <= value < 2_958_466:  # up to 9999-12-31
        return epoch + timedelta(days=value)
    if kind == "%":
        return f"{value * 100:.10g}%"
    return value


def _column(letters: str) -> int:
    """0-based column of the letters of a reference: "A" → 0, "AB" → 27."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _value(kind: str | None, raw: str | None) -> Any:
    if raw is None or raw == "":
        return None
    if kind is None or kind == "n":
        if "." in raw or "E" in raw or "e" in raw:
            number = float(raw)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        return int(raw)
    if kind == "b":
        return raw == "1"
    return raw  # "str" (a formula's text), "e" (#N/A …), "d" (ISO date)
