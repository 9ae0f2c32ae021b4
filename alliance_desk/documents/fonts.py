"""Which installed faces print titles, headings and body text.

Official documents use 方正小标宋 for titles, 仿宋 for body text and 黑体 for headings
(GB/T 9704). Offices have them on Windows; Linux has Noto CJK. We take the first
face of each list that exists and can draw Chinese. Needs a QGuiApplication.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

TITLE_CANDIDATES: tuple[str, ...] = (
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B05",
    "华文中宋",
    "STZhongsong",
    "宋体",
    "SimSun",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "思源宋体",
    "Songti SC",
    "STSong",
)
BODY_CANDIDATES: tuple[str, ...] = (
    "仿宋",
    "FangSong",
    "仿宋_GB2312",
    "FangSong_GB2312",
    "华文仿宋",
    "STFangsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "思源宋体",
    "宋体",
    "SimSun",
    "Songti SC",
)
HEADING_CANDIDATES: tuple[str, ...] = (
    "黑体",
    "SimHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "思源黑体",
    "微软雅黑",
    "Microsoft YaHei",
    "Heiti SC",
    "STHeiti",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
# Titles in a true 小标宋 face are drawn regular; a plain Song face needs bold to look right.
XIAOBIAOSONG_FAMILIES = frozenset(TITLE_CANDIDATES[:4])

FONT_MISSING_WARNING = (
    "未找到可显示中文的字体，打印或导出的文件中汉字可能显示为方框。"
    "请安装“仿宋”“宋体”“黑体”（Windows 自带）或 Noto CJK 字体后重新启动本程序。"
)


@dataclass(frozen=True, slots=True)
class DocumentFonts:
    """The family names chosen for each role; ``has_cjk`` is False when none can draw 汉字."""

    title: str
    body: str
    heading: str
    has_cjk: bool
    fallbacks: tuple[str, ...] = ()

    def title_font(self, point_size: float = 22.0) -> QFont:
        """The title face (2号 = 22 pt by default)."""
        bold = self.title not in XIAOBIAOSONG_FAMILIES
        return self._font(self.title, point_size, bold)

    def body_font(self, point_size: float = 16.0) -> QFont:
        """The body face (3号 = 16 pt by default)."""
        return self._font(self.body, point_size, False)

    def heading_font(self, point_size: float = 16.0) -> QFont:
        """The heading face (黑体 3号 by default)."""
        return self._font(self.heading, point_size, False)

    def _font(self, family: str, point_size: float, bold: bool) -> QFont:
        font = QFont()
        font.setFamilies([family, *[f for f in self.fallbacks if f != family]])
        font.setPointSizeF(point_size)
        font.setBold(bold)
        font.setStyleHint(QFont.StyleHint.Serif)
        return font


def draws_chinese(family: str) -> bool:
    """True when ``family`` is installed and declares Simplified Chinese glyphs."""
    if not QFontDatabase.hasFamily(family):
        return False
    systems = QFontDatabase.writingSystems(family)
    return bool(
        {
            QFontDatabase.WritingSystem.SimplifiedChinese,
            QFontDatabase.WritingSystem.TraditionalChinese,
        }
        & set(systems)
    )


def _any_chinese_family() -> str | None:
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)

    # Prefer proportional faces over "Mono" variants, and Simplified-Chinese cuts.
    def key(name: str) -> tuple[bool, bool, str]:
        folded = name.casefold()
        return ("mono" in folded, not folded.endswith((" sc", "gb2312", "gbk")), name)

    ordered = sorted(families, key=key)
    return ordered[0] if ordered else None


def first_available(candidates: tuple[str, ...]) -> str | None:
    """The first candidate family that exists and can draw Chinese."""
    return next((name for name in candidates if draws_chinese(name)), None)


@cache
def document_fonts() -> DocumentFonts:
    """Pick the faces once per process (font installation needs a restart anyway)."""
    generic = _any_chinese_family()
    title = first_available(TITLE_CANDIDATES) or generic
    body = first_available(BODY_CANDIDATES) or generic
    heading = first_available(HEADING_CANDIDATES) or generic
    has_cjk = generic is not None or any((title, body, heading))
    fallbacks = tuple(dict.fromkeys(f for f in (body, title, heading, generic) if f))
    default = QFont().defaultFamily()
    return DocumentFonts(
        title=title or default,
        body=body or default,
        heading=heading or default,
        has_cjk=has_cjk,
        fallbacks=fallbacks,
    )


def font_warning() -> str | None:
    """A warning for the clerk when no installed face can draw Chinese, else ``None``."""
    return None if document_fonts().has_cjk else FONT_MISSING_WARNING
