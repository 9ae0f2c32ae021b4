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


# Excel's error values: a cell showing one of these holds no name.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
     "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
# Bidirectional overrides and isolates reverse how printed text reads (U+202E makes a
# notice read backwards); zero-width marks hide in names and break matching.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\ufeff")
COUNT_MAX = 9_999_999


def required_error(value: str | None, label: str) -> str | None:
    return None if clean_text(value) else f"{label}不能为空"


def unsafe_text_error(value: str, label: str, *, multiline: bool = False) -> str | None:
    """Control characters (NUL, ESC, line breaks in a one-line field), bidi overrides and
    Excel error values (#N/A …) are refused in what a clerk or a file enters."""
    for char in value:
        if char in _INVISIBLE:
            return f"{label}含有不可见的控制字符（U+{ord(char):04X}），请删除后重试"
        if unicodedata.category(char) == "Cc" and not (multiline and char in "\n\t"):
            what = "换行" if char in "\r\n" else f"控制字符（U+{ord(char):04X}）"
            return f"{label}不能含有{what}"
    if value.strip().upper() in EXCEL_ERRORS:
        return f"{label}是 Excel 的错误值“{value.strip()}”，不是有效内容"
    return None


def length_error(value: str, label: str, limit: int, *, multiline: bool = False) -> str | None:
    """Too long, or holding characters no field may hold (``unsafe_text_error``)."""
    if len(value) > limit:
        return f"{label}不能超过 {limit} 个字"
    return unsafe_text_error(value, label, multiline=multiline)


def count_error(value: int | None, label: str) -> str | None:
    if value is None:
        return None
    if value < 0:
        return f"{label}不能为负数"
    return None if value <= COUNT_MAX else f"{label}不能超过 {COUNT_MAX:,}"


def date_order_error(
    start: date | None, end: date | None, start_label: str, end_label: str
) -> str | None:
    if start is None or end is None or end >= start:
        return None
    return f"{end_label}不能早于{start_label}"
