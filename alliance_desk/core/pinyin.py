"""Pinyin for sorting and searching names: 翠园社区 sorts under C and is found by "cy" or
"cuiyuan".

The readings come from pypinyin's single-character table (``pinyin_dict.json``), read
directly: importing the ``pypinyin`` package loads its phrase dictionary as well, which
costs 0.6–1.0 s and about 10 s per 16,500 names through its segmenter — far beyond a
list's budget. A character's first (most common) reading is used; names are short and a
polyphone read the other way still sorts and filters close to where a clerk looks.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger("alliance_desk.core")


@cache
def _readings() -> dict[int, str]:
    """Code point → first reading without tone marks (e.g. 0x7FE0 → "cui")."""
    spec = importlib.util.find_spec("pypinyin")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        table = Path(folder) / "pinyin_dict.json"
        if table.is_file():
            raw: dict[str, str] = json.loads(table.read_text(encoding="utf-8"))
            return {int(code): _toneless(reading.split(",")[0]) for code, reading in raw.items()}
    log.warning("pypinyin's pinyin_dict.json not found: names sort by code point")
    return {}


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def syllables(text: str) -> tuple[str, ...]:
    """Each character's reading; other characters (Latin, digits) pass through folded."""
    readings = _readings()
    out: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        reading = readings.get(ord(char))
        if reading is not None:
            out.append(reading)
        elif not char.isspace():
            out.append(char)
    return tuple(out)


def sort_key(text: str) -> tuple[str, str]:
    """Pinyin order (城东 before 翠园 before 东湖), the text itself breaking ties."""
    return " ".join(syllables(text)), text


@lru_cache(maxsize=65536)
def _cached_key(text: str) -> tuple[str, str]:
    return sort_key(text)


def compare(a: str | None, b: str | None) -> int:
    """``sort_key`` order as a three-way comparison: SQLite's ``pinyin`` collation."""
    key_a, key_b = _cached_key(a or ""), _cached_key(b or "")
    return (key_a > key_b) - (key_a < key_b)


def by_pinyin(rows: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``rows`` sorted by ``name(row)`` in pinyin order, ties kept in their given order.

    Lists whose order is stored or compared across databases are sorted here, not by the
    database: SQLite's collation and PostgreSQL's ICU read a few characters differently.
    """
    return sorted(rows, key=lambda row: _cached_key(name(row) or ""))


def search_forms(text: str) -> str:
    """What a search may type for ``text``: full pinyin and initials ("cuiyuanshequ cysq")."""
    parts = syllables(text)
    return "".join(parts) + " " + "".join(p[0] for p in parts if p)
