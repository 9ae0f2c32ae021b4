"""The register area: member units, alliances and memberships."""

from __future__ import annotations

import random

from alliance_desk.services.demo.alliances import build_alliances
from alliance_desk.services.demo.common import DemoData, child_rng
from alliance_desk.services.demo.memberships import build_memberships
from alliance_desk.services.demo.units import build_units
from alliance_desk.storage.models import Alliance, Membership, Unit


def generate_register(rng: random.Random, scale: int, data: DemoData) -> None:
    # Child streams are split off first, so units, alliances and memberships do not
    # shift each other when one of them draws more numbers.
    units_rng, alliances_rng, memberships_rng = (child_rng(rng) for _ in range(3))
    blocks = build_units(units_rng, scale)
    alliances = build_alliances(alliances_rng, blocks)
    memberships = build_memberships(memberships_rng, blocks, alliances)
    data.add(Unit, [unit for block in blocks for unit in (*block.communities, *block.others)])
    data.add(Alliance, [row for block in alliances for row, _theme in block])
    data.add(Membership, memberships)
