"""The register's spreadsheet columns: Chinese headers, synonyms, and header matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    width: int = 14
    note: str = ""

    @property
    def template_header(self) -> str:
        return f"{self.header}*" if self.required else self.header


#: In template and export order. ``key`` is a ``UnitInput`` field, or ``alliances``.
COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "单位名称",
        True,
        ("名称", "单位", "成员单位", "单位全称"),
        30,
        "必填。单位全称；与名册中已有单位同名（不计空格、全半角、大小写）时更新该单位。",
    ),
    Column(
        "category",
        "单位类别",
        True,
        ("类别", "类型", "单位类型", "单位性质"),
        12,
        "必填。从下拉列表选择：机关、事业单位、国企、非公企业、社会组织、社区。",
    ),
    Column("party_org_name", "党组织名称", False, ("党组织", "党组织全称"), 28, "如“××党支部”。"),
    Column("secretary", "书记", False, ("党组织书记", "党支部书记", "支部书记"), 10),
    Column("liaison", "联络员", False, ("联系人",), 10),
    Column(
        "phone",
        "联系电话",
        False,
        ("电话", "手机", "手机号", "手机号码", "电话号码", "联系方式"),
        16,
        "手机号（如 13912345678）或固定电话（如 0436-6221234，分机写“转123”）。"
        "请把该列设为“文本”格式，以免 Excel 把号码变成科学计数法。",
    ),
    Column("address", "地址", False, ("单位地址", "办公地址", "详细地址"), 30),
    Column(
        "party_member_count",
        "党员人数",
        False,
        ("党员数", "党员数量", "党员"),
        10,
        "整数，不填视为 0。",
    ),
    Column(
        "alliances",
        "所属联盟",
        False,
        ("联盟", "党建联盟", "所属党建联盟"),
        30,
        "可不填。多个联盟用顿号“、”或分号隔开；联盟须已在本程序中建立。"
        "导入只会让单位加入联盟（加入日期为导入当天），不会让单位退出联盟。",
    ),
    Column(
        "active",
        "状态",
        False,
        ("单位状态", "是否在用"),
        8,
        "从下拉列表选择“在用”或“停用”；不填视为在用。",
    ),
)

BY_KEY = {c.key: c for c in COLUMNS}

#: The template's sample row; importing it unchanged is refused (a forgotten example).
SAMPLE_NAME = "示例：市人民医院（导入前请删除本行）"

_BRACKETED_SUFFIX = re.compile(r"\(.*\)$")


def header_key(text: object) -> str:
    """A header cell folded for matching: width, case, spaces, a trailing * or (note) ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = "".join(folded.split()).rstrip("*:")
    return _BRACKETED_SUFFIX.sub("", folded).rstrip("*")


_LOOKUP = {header_key(name): c.key for c in COLUMNS for name in (c.header, *c.synonyms)}


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Which cell index holds each known column; what was ignored and why."""

    positions: dict[str, int]
    ignored: tuple[str, ...]

    def warnings(self) -> list[str]:
        notes = (
            [f"以下列不属于单位名册，将被忽略：{'、'.join(self.ignored)}"] if self.ignored else []
        )
        if "category" not in self.positions:
            notes.append("文件中没有“单位类别”列：新单位将无法导入，已有单位保留原类别。")
        return notes


def is_header_row(cells: Sequence[object]) -> bool:
    """The first row naming the unit-name column is the header (title rows above are skipped)."""
    return any(_LOOKUP.get(header_key(cell)) == "name" for cell in cells)


def map_header(cells: Sequence[object]) -> HeaderMap:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = _LOOKUP.get(header_key(text))
        if key is None:
            ignored.append(text)
        elif key in positions:
            ignored.append(f"{text}（与前面的“{BY_KEY[key].header}”列重复）")
        else:
            positions[key] = index
    return HeaderMap(positions, tuple(ignored))
