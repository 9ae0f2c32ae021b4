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


COUNT_MAX = 1_000_000  # far above any unit, far below every backend's integer column


def count_error(value: int | None, label: str) -> str | None:
    """Refused here, so a value that passes the preview never overflows the write."""
    if value is None:
        return None
    if value < 0:
        return f"{label}不能为负数"
    return None if value <= COUNT_MAX else f"{label}不能超过 {COUNT_MAX:,}"


_EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_error(value: str | None, label: str) -> str | None:
    """One rule for every text field from a clerk or a file: no control characters
    (NUL, ESC, CR/LF, tab), no bidi overrides such as U+202E that would reverse printed
    text, and no Excel error value (#N/A …) taken for a real name."""
    text = clean_text(value)
    if any(unicodedata.category(c) == "Cc" for c in text):
        return f"{label}含有控制字符或换行，请删除后再保存"
    if any(c in _BIDI for c in text):
        return f"{label}含有文字方向控制字符（如 U+202E），请删除后再保存"
    if text.upper() in _EXCEL_ERRORS:
        return f"{label}“{text}”是 Excel 的错误值，不是有效内容，请在表格中改正"
    return None


def date_order_error(
    start: date | None, end: date | None, start_label: str, end_label: str
) -> str | None:
    if start is None or end is None or end >= start:
        return None
    return f"{end_label}不能早于{start_label}"
