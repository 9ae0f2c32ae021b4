"""成员单位: ``UNITS_PER_BLOCK`` (165) units per block, communities first."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.demo import people
from alliance_desk.services.demo.common import Row, block_prefix
from alliance_desk.services.demo.unit_names import (
    CATALOGUES,
    COMMUNITIES_PER_BLOCK,
    COMMUNITY_NAMES,
    from_template,
)

# (low, high, mode) of party members; 机关 and 国企 are the big ones.
_MEMBERS: dict[UnitCategory, tuple[int, int, int]] = {
    UnitCategory.COMMUNITY: (45, 120, 80),
    UnitCategory.GOVERNMENT: (12, 120, 40),
    UnitCategory.INSTITUTION: (8, 110, 28),
    UnitCategory.STATE_ENTERPRISE: (15, 120, 45),
    UnitCategory.PRIVATE_ENTERPRISE: (3, 45, 8),
    UnitCategory.SOCIAL_ORGANISATION: (3, 25, 5),
}
_LANDLINE_SHARE: dict[UnitCategory, float] = {
    UnitCategory.COMMUNITY: 0.4,
    UnitCategory.GOVERNMENT: 0.55,
    UnitCategory.INSTITUTION: 0.5,
    UnitCategory.STATE_ENTERPRISE: 0.45,
    UnitCategory.PRIVATE_ENTERPRISE: 0.15,
    UnitCategory.SOCIAL_ORGANISATION: 0.1,
}
_OFFICE_ENDINGS = ("局", "部", "委", "办公室", "委员会", "监委")


@dataclass
class UnitBlock:
    """One street's units: its communities (each leads an alliance) and the rest."""

    communities: list[Row] = field(default_factory=list)
    others: list[Row] = field(default_factory=list)


def party_org_name(name: str, category: UnitCategory, members: int) -> str:
    """党委 from 100 members, 党总支 from 50, else 党支部 (communities: always 党委)."""
    if category is UnitCategory.COMMUNITY:
        return f"{name}党委"
    kind = "党委" if members >= 100 else "党总支" if members >= 50 else "党支部"
    if category is UnitCategory.GOVERNMENT and name.endswith(_OFFICE_ENDINGS):
        return f"{name}机关{kind}"
    return f"{name}{kind}"


def _unit_row(rng: random.Random, unit_id: int, name: str, category: UnitCategory) -> Row:
    low, high, mode = _MEMBERS[category]
    members = round(rng.triangular(low, high, mode))
    secretary, liaison = people.two_people(rng)
    return {
        "id": unit_id,
        "name": name,
        "name_key": normalize_name(name),
        "category": category,
        "party_org_name": party_org_name(name, category, members),
        "secretary": secretary,
        "liaison": liaison,
        "phone": people.phone(rng, _LANDLINE_SHARE[category]),
        "address": people.address(rng),
        "party_member_count": members,
        "active": True,
        "version": 1,
    }


def _names(rng: random.Random, category: UnitCategory, prefix: str, used: set[str]) -> list[str]:
    catalogue = CATALOGUES[category]
    fixed = rng.sample(catalogue.fixed, k=min(catalogue.fixed_share, len(catalogue.fixed)))
    names: list[str] = []
    attempts = 0
    while len(names) < catalogue.quota:
        base = fixed[len(names)] if len(names) < len(fixed) else None
        if base is None:
            base = from_template(rng, catalogue.templates)
            attempts += 1
            if attempts > 10_000:
                raise RuntimeError(f"demo: too few distinct {category.value} names")
        name = prefix + base
        key = normalize_name(name)
        if key in used:
            if len(names) < len(fixed):  # a fixed name clashing: drop it, keep counting
                fixed.pop(len(names))
            continue
        used.add(key)
        names.append(name)
    return names


def build_units(rng: random.Random, scale: int, first_id: int = 1) -> list[UnitBlock]:
    blocks: list[UnitBlock] = []
    used: set[str] = set()  # membership tests only: never iterated, so order-safe
    next_id = first_id
    for block_no in range(scale):
        prefix = block_prefix(block_no)
        block = UnitBlock()
        for base in rng.sample(COMMUNITY_NAMES, k=COMMUNITIES_PER_BLOCK):
            name = f"{prefix}{base}社区"
            used.add(normalize_name(name))
            block.communities.append(_unit_row(rng, next_id, name, UnitCategory.COMMUNITY))
            next_id += 1
        for category in CATALOGUES:
            for name in _names(rng, category, prefix, used):
                block.others.append(_unit_row(rng, next_id, name, category))
                next_id += 1
        blocks.append(block)
    return blocks
