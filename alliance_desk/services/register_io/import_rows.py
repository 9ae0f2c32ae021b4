"""One spreadsheet row → a ``UnitInput`` plus alliance names, checked by the editor's rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from alliance_desk.core.text import normalize_name
from alliance_desk.services.register_io.cells import (
    CATEGORY_CHOICES,
    PHONE_LOST_DIGITS,
    cell_active,
    cell_category,
    cell_count,
    cell_phone,
    cell_text,
    phone_lost_digits,
    split_alliances,
)
from alliance_desk.services.register_io.columns import SAMPLE_NAME
from alliance_desk.services.units import UnitInput, validate_unit

TEXT_FIELDS = ("party_org_name", "secretary", "liaison", "phone", "address")
UNIT_FIELDS = tuple(f.name for f in fields(UnitInput))
BLANK_UNIT = UnitInput(name="", category=None)


@dataclass(frozen=True, slots=True)
class KnownUnit:
    id: int
    version: int
    data: UnitInput


@dataclass(frozen=True, slots=True)
class KnownAlliance:
    id: int
    name: str
    founded_on: date | None


@dataclass(frozen=True, slots=True)
class ParsedRow:
    data: UnitInput
    known: KnownUnit | None
    alliance_names: tuple[str, ...]
    joins: tuple[int, ...]
    changes: tuple[str, ...]
    errors: tuple[str, ...]


def parse_row(
    cells: Mapping[str, Any],
    units: Mapping[str, KnownUnit],
    alliances: Mapping[str, KnownAlliance],
    memberships: set[tuple[int, int]],
    today: date,
) -> ParsedRow | None:
    """``cells`` maps column key → raw value, for the columns the file has; ``None`` if blank.

    A new unit takes the defaults for a blank cell; an existing unit keeps its value, so a
    file with a few columns (or a gap) never erases what the register already holds.
    """
    texts = {key: cell_text(value) for key, value in cells.items()}
    if not any(texts.values()):
        return None
    if "phone" in cells:
        texts["phone"] = cell_phone(cells["phone"])
    name = texts.get("name", "")
    known = units.get(normalize_name(name)) if name else None
    errors: list[str] = []
    if name == SAMPLE_NAME:
        errors.append("这是导入模板中的示例行，请删除后再导入")
    if phone_lost_digits(texts.get("phone", "")):
        errors.append(PHONE_LOST_DIGITS.format(text=texts["phone"]))
    values: dict[str, Any] = {"name": name}
    for key in TEXT_FIELDS:
        if texts.get(key):
            values[key] = texts[key]
    own_category_error = False
    if texts.get("category"):
        values["category"] = cell_category(texts["category"])
        if values["category"] is None:
            own_category_error = True
            errors.append(f"单位类别“{texts['category']}”无法识别，应为：{CATEGORY_CHOICES}")
    if texts.get("party_member_count"):
        values["party_member_count"] = cell_count(cells["party_member_count"])
    if texts.get("active"):
        active = cell_active(texts["active"])
        if active is None:
            errors.append(f"状态“{texts['active']}”无法识别，应为“在用”或“停用”")
        else:
            values["active"] = active
    data = replace(known.data if known else BLANK_UNIT, **values)
    field_errors = validate_unit(data)
    if own_category_error:
        field_errors.pop("category", None)
    errors[:0] = field_errors.values()

    names, found = _alliances(texts.get("alliances", ""), alliances, errors)
    unit_id = known.id if known else None
    joining = [a for a in found if (unit_id, a.id) not in memberships]
    if joining and not data.active:
        errors.append("停用的单位不能加入联盟；如需加入，请把状态改为“在用”")
    late = [a.name for a in joining if a.founded_on and a.founded_on > today]
    if late:
        errors.append(f"联盟“{'、'.join(late)}”的成立日期晚于今天，今天不能加入")
    joins = tuple(a.id for a in joining)
    changes = tuple(k for k in UNIT_FIELDS if known and getattr(known.data, k) != getattr(data, k))
    return ParsedRow(data, known, names, joins, changes, tuple(errors))


def _alliances(
    value: str, alliances: Mapping[str, KnownAlliance], errors: list[str]
) -> tuple[tuple[str, ...], list[KnownAlliance]]:
    """The names as the register spells them, the alliances found; unknown names are errors."""
    names: list[str] = []
    found: list[KnownAlliance] = []
    missing: list[str] = []
    for text in split_alliances(value):
        alliance = alliances.get(normalize_name(text))
        if alliance is None:
            missing.append(text)
            names.append(text)
        elif alliance not in found:
            names.append(alliance.name)
            found.append(alliance)
    if missing:
        errors.append(f"联盟“{'、'.join(missing)}”不存在：请先在“党建联盟”中建立，或核对名称")
    return tuple(names), found
