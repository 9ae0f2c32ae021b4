"""Shared pieces of the demo generator: the fixed "today", random streams, block labels."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from alliance_desk.storage.base import Base

#: The demo's "today". Fixed, so the same seed gives the same rows on any day.
DEMO_TODAY = date(2026, 11, 27)

#: Bump whenever a change makes the generator write other rows: caches of generated
#: databases (the benchmarks' scale-100 file) carry it in their name.
DEMO_VERSION = 8

Row = dict[str, Any]
T = TypeVar("T")


@dataclass
class DemoData:
    """Rows per model, in the order the areas produced them (parents before children)."""

    rows: dict[type[Base], list[Row]] = field(default_factory=dict)

    def add(self, model: type[Base], rows: list[Row]) -> None:
        self.rows.setdefault(model, []).extend(rows)

    def of(self, model: type[Base]) -> list[Row]:
        return self.rows.get(model, [])


def area_rng(seed: int, area: str) -> random.Random:
    """A stream of its own for one area, so a new area never shifts an old one's rows.

    ``random.Random`` seeds a string through SHA-512, independent of ``PYTHONHASHSEED``.
    """
    return random.Random(f"alliance-desk-demo:{seed}:{area}")


def child_rng(parent: random.Random) -> random.Random:
    return random.Random(parent.getrandbits(64))


def random_date(rng: random.Random, first: date, last: date) -> date:
    """A day in ``first..last`` (both included), moved off the weekend when it can be."""
    if last <= first:
        return first
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    while day.weekday() >= 5 and day + timedelta(days=1) <= last:
        day += timedelta(days=1)
    return day


_STREETS = (
    "兴隆", "光明", "团结", "富文", "洮府", "胜利", "新华", "向阳", "永安", "长青",
    "站前", "府前", "银河", "铁东", "铁西", "城东", "城西", "城南", "城北", "和平",
    "友谊", "建设", "民主", "东风", "红旗", "文化", "通达", "北苑", "南苑", "金城",
    "翠园", "春华", "丰收", "瑞祥", "德兴", "仁和", "惠民", "明珠", "文苑", "新城",
    "安康", "福顺", "嘉和", "锦绣", "阳光", "繁荣", "康宁", "双拥",
)  # fmt: skip


def block_prefix(block: int) -> str:
    """Block 0 is the article's street and has no prefix; at ``--scale N`` the others
    are named streets ("兴隆街道"), then numbered ones ("第57街道")."""
    if block == 0:
        return ""
    if block <= len(_STREETS):
        return f"{_STREETS[block - 1]}街道"
    return f"第{block + 1}街道"


def draw_int(rng: random.Random, low: int, high: int) -> int:
    """Like ``rng.randint`` (both ends included), at a quarter of its cost: the
    meetings area draws millions of these at ``--scale 100``."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """Like ``rng.choice``, cheaper."""
    return items[int(rng.random() * len(items))]
