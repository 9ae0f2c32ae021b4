"""Text normalisation shared by validation and matching."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

ALLIANCE_SUFFIX = "党建联盟"


def short_alliance_name(name: str) -> str:
    """Where space is short (a list column, a chart axis): “翠园社区“党员先锋”党建联盟” →
    “翠园社区“党员先锋””; the full name stays in headings and prints."""
    if name.endswith(ALLIANCE_SUFFIX) and len(name) > len(ALLIANCE_SUFFIX):
        return name[: -len(ALLIANCE_SUFFIX)]
    return name


def long_date(day: date) -> str:
    """``2025年1月2日``, the form used on official documents and beside them on screen."""
    return f"{day.year}年{day.month}月{day.day}日"


def normalize_name(value: str) -> str:
    """A key under which two names count as the same.

    NFKC folds full-width letters, digits and punctuation to half-width; casefold
    ignores case; all whitespace (including the ideographic space) is dropped.
    """
    folded = unicodedata.normalize("NFKC", value).casefold()
    return "".join(folded.split())


def clean_text(value: str | None) -> str:
    """Trim a field a clerk typed, folding full-width spaces; ``None`` becomes ``""``."""
    if value is None:
        return ""
    return value.replace("\u3000", " ").strip()


_PADDING = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def person_name(value: str | None) -> str:
    """A person's name from a sheet: trimmed, and without the space Chinese lists put
    inside two-character names to line them up with three (“张　三” → “张三”); the
    space of a name in Latin letters stays."""
    return _PADDING.sub("", clean_text(value))
