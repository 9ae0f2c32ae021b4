"""A direct .xlsx reader: cell values of each sheet, from the package's XML parts.

openpyxl's read-only mode takes about 1.5 s for a 16,500-row register sheet here —
half the import budget — mostly in per-cell Python objects. This reader walks the
same XML with ElementTree's C parser and keeps only what an import needs: shared and
inline strings, numbers, booleans, and the cached results of formulas (like
``data_only=True``). It never trusts the ``<dimension>`` element, which WPS and
LibreOffice sometimes write as A1:A1. Date formats are not interpreted (the register
has no date column). ``table_file`` falls back to openpyxl when this reader fails.

Files from outside are hostile, so the reader is bounded: parts whose uncompressed size
exceeds ``MAX_PART_BYTES`` (or a package over ``MAX_PACKAGE_BYTES``), more than
``MAX_SHARED_STRINGS`` shared strings, and cells beyond Excel's own limits (column XFD,
row 1,048,576) raise ``XlsxLimitError`` before any memory is spent on them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, fromstring, iterparse

Cells = tuple[Any, ...]

MAX_COLUMNS = 16_384  # XFD
MAX_ROWS = 1_048_576
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_SHARED_STRINGS = 500_000


class XlsxLimitError(ValueError):
    """The package is beyond what Excel itself writes: refuse it, never fall back."""


def check_package_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from its directory, before any part is inflated."""
    total = 0
    for info in archive.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise XlsxLimitError(f"part {info.filename} inflates to {info.file_size} bytes")
        total += info.file_size
    if total > MAX_PACKAGE_BYTES:
        raise XlsxLimitError(f"package inflates to {total} bytes")


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
        check_package_sizes(self._zip)
        workbook_path = self._main_part()
        rels = self._rels(workbook_path)
        workbook = fromstring(self._zip.read(workbook_path))
        # Sheets and strings share the workbook's main namespace (transitional or strict).
        self._ns = workbook.tag[: workbook.tag.find("}") + 1]
        sheets: list[SheetPart] = []
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
                    sheets.insert(0 if position == active else len(sheets), part)
                position += 1
        self.sheets = sheets
        shared = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
        self._strings = self._shared_strings(shared) if shared else []

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
                    first = element.find(plain)
                    if first is not None and len(element) == 1:
                        strings.append(first.text or "")
                    else:
                        strings.append(self._text(element))
                    element.clear()
                    if len(strings) > MAX_SHARED_STRINGS:
                        raise XlsxLimitError("too many shared strings")
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
        columns: dict[str, int] = {}
        with self._zip.open(sheet.path) as source:
            number = 0
            for _event, element in iterparse(source):
                if element.tag != row_tag:
                    continue
                number = int(element.get("r") or number + 1)
                if not 0 < number <= MAX_ROWS:
                    raise XlsxLimitError(f"row {number} is beyond Excel's last row")
                values: list[Any] = []
                for cell in element.iter(cell_tag):
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip(_DIGITS)
                        column = columns.get(letters)
                        if column is None:
                            if len(letters) > 3:
                                raise XlsxLimitError(f"cell {ref[:20]} is beyond column XFD")
                            column = columns[letters] = _column(letters)
                            if not 0 <= column < MAX_COLUMNS:
                                raise XlsxLimitError(f"cell {ref[:20]} is beyond column XFD")
                        if column > len(values):
                            values.extend([None] * (column - len(values)))
                    if len(values) >= MAX_COLUMNS:
                        raise XlsxLimitError("a row is wider than column XFD")
                    kind = cell.get("t")
                    if kind == "s":
                        values.append(strings[int(cell.findtext(value_tag) or 0)])
                    elif kind == "inlineStr":
                        inline = cell.find(inline_tag)
                        values.append(None if inline is None else self._text(inline))
                    else:
                        values.append(_value(kind, cell.findtext(value_tag)))
                element.clear()
                yield number, tuple(values)


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
