"""Field rules for what clerks type: one place for each, messages in Chinese."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from alliance_desk.core.text import clean_text

_PHONE_SEPARATORS = re.compile(r"[\s\-－—()（）]")
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")
_SERVICE = re.compile(r"^[48]00\d{7}$")
_EXTENSION = re.compile(r"^(?P<main>.+?)(?:转|ext\.?|x|#)(?P<ext>\d{1,6})$", re.IGNORECASE)

PHONE_HINT = "请填写手机号（如 13912345678）或固定电话（如 0436-6221234，可带分机“转123”）"


def phone_error(value: str) -> str | None:
    """None when ``value`` is empty or a mobile / landline form used in China."""
    text = unicodedata.normalize("NFKC", clean_text(value))
    if not text:
        return None
    match = _EXTENSION.match(text)
    if match:
        text = match.group("main")
    digits = _PHONE_SEPARATORS.sub("", text)
    if any(p.match(digits) for p in (_MOBILE, _LANDLINE, _LOCAL, _SERVICE)):
        return None
    return f"电话号码格式不正确：{PHONE_HINT}"


def required_error(value: str | None, label: str) -> str | None:
    return None if clean_text(value) else f"{label}不能为空"


def length_error(value: str, label: str, limit: int) -> str | None:
    return None if len(value) <= limit else f"{label}不能超过 {limit} 个字"


def count_error(value: int | None, label: str) -> str | None:
    if value is None:
        return None
    return None if value >= 0 else f"{label}不能为负数"


def date_order_error(
    start: date | None, end: date | None, start_label: str, end_label: str
) -> str | None:
    if start is None or end is None or end >= start:
        return None
    return f"{end_label}不能早于{start_label}"
