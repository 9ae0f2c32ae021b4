"""Cell values in and out: what Excel/WPS/CSV hand us, and what we hand back safely."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import UnitCategory

#: OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_ALLIANCE_SEPARATORS = re.compile(r"[、;；,，\n]+")
_ACTIVE = {"在用", "启用", "正常", "有效", "是"}
_INACTIVE = {"停用", "已停用", "无效", "否"}


def neutralise(value: object) -> object:
    """The one rule both writers use: text that could run as a formula gets a leading '.

    Numbers are left alone (they stay numbers). Phone numbers such as "+86 139…" are
    text and *are* prefixed: opened from a CSV, Excel would otherwise read "+86-139-…"
    as arithmetic or show +8613912345678 as 8.6E+12. The import strips the quote again.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """Undo ``neutralise`` so that an exported file imports back to the same values."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def cell_text(value: object) -> str:
    """Any cell as trimmed text; whole floats (13912345678.0) lose their ".0"."""
    if type(value) is str:  # the common case, kept cheap: it runs for every cell
        text = clean_text(value)
        return unneutralise(text) if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(str(value))


# 1.3912345678E+10: a number Excel or WPS wrote in scientific form (a CSV of a narrow column)
_SCIENTIFIC = re.compile(r"^\+?(\d)(?:\.(\d+))?[eE]\+?(\d{1,2})$")
_WHOLE = re.compile(r"^(\d{5,})\.0+$")


def cell_phone(value: object) -> str:
    """A phone number cell as its digits when Excel stored it as a number.

    13912345678.0, "13912345678.0", 1.3912345678E+10 with every digit shown, and a float a
    formula left a hair off (13912345677.999998) become "13912345678"; text stays as
    typed. Scientific text that lost digits ("1.39123E+10") is returned unchanged:
    ``phone_lost_digits`` says so, and no number is made up from it.
    """
    if isinstance(value, float) and value >= 10_000 and abs(value - round(value)) < 1e-3:
        return str(round(value))
    text = cell_text(value)
    folded = unicodedata.normalize("NFKC", text)
    whole = _WHOLE.match(folded)
    if whole:
        return whole.group(1)
    match = _SCIENTIFIC.match(folded)
    if match:
        digits = match.group(1) + (match.group(2) or "")
        if len(digits) == int(match.group(3)) + 1:
            return digits
    return text


def phone_lost_digits(text: str) -> bool:
    """True for a phone Excel cut to scientific notation (1.39123E+10): digits are gone."""
    return bool(_SCIENTIFIC.match(unicodedata.normalize("NFKC", text)))


PHONE_LOST_DIGITS = (
    "“{text}”是 Excel 显示的科学计数法，号码的后几位已经丢失：请把该列设为“文本”格式，"
    "重新填写完整号码后再导入"
)


def cell_count(value: object) -> int | None:
    """An integer from 56, 56.0, "56", "５６", "56.0"; ``None`` when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def cell_category(value: object) -> UnitCategory | None:
    """The category from its Chinese label or its code, ignoring width, case and spaces."""
    return _category("".join(unicodedata.normalize("NFKC", cell_text(value)).split()))


@lru_cache(maxsize=256)  # a column holds a handful of distinct values
def _category(text: str) -> UnitCategory | None:
    found = UnitCategory.from_label(text) or UnitCategory.from_label(text.casefold())
    return found if isinstance(found, UnitCategory) else None


def cell_active(value: object) -> bool | None:
    """在用 → True, 停用 → False (and a few plain synonyms); ``None`` when unknown."""
    if isinstance(value, bool):
        return value
    text = "".join(cell_text(value).split())
    if text in _ACTIVE:
        return True
    if text in _INACTIVE:
        return False
    return None


def split_alliances(value: object) -> list[str]:
    """Alliance names separated by 、 ; ， (full- or half-width) or line breaks."""
    names = (clean_text(part) for part in _ALLIANCE_SEPARATORS.split(cell_text(value)))
    return list(dict.fromkeys(name for name in names if name))


CATEGORY_CHOICES = "、".join(c.label for c in UnitCategory)
ACTIVE_LABEL, INACTIVE_LABEL = "在用", "停用"
