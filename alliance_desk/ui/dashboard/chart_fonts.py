"""Chinese text in matplotlib charts: a fallback list of installed CJK faces.

matplotlib finds fonts on its own (not through Qt), so the faces the UI and the
documents prefer are looked up in matplotlib's font list; the first ones that exist
lead ``font.sans-serif``, and matplotlib falls back through the list glyph by glyph.
``axes.unicode_minus`` is off: CJK faces often lack U+2212 (the typographic minus).
"""

from __future__ import annotations

from functools import cache

from alliance_desk.documents.fonts import HEADING_CANDIDATES
from alliance_desk.ui.fonts import UI_FONT_CANDIDATES

#: Faces matplotlib may know under their English names, in order of preference.
CHART_FONT_CANDIDATES: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            *UI_FONT_CANDIDATES,
            *HEADING_CANDIDATES,
            "Noto Sans CJK JP",  # one .ttc: its Han glyphs serve when only JP is listed
            "Droid Sans Fallback",
            "AR PL UMing CN",
        )
    )
)
_CJK_HINTS = ("cjk", "hei", "song", "yahei", "kai", "fang", "ming", "han sans", "han serif")


@cache
def chart_font_families() -> tuple[str, ...]:
    """Installed CJK families for charts, preferred first (empty when there are none)."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    chosen = [name for name in CHART_FONT_CANDIDATES if name in installed]
    if not chosen:
        chosen = sorted(
            name
            for name in installed
            if any(hint in name.casefold() for hint in _CJK_HINTS) and "mono" not in name.casefold()
        )
    return tuple(chosen)


def configure_matplotlib() -> tuple[str, ...]:
    """Put the CJK faces first in matplotlib's sans-serif list; returns them."""
    import matplotlib

    families = chart_font_families()
    rc = matplotlib.rcParams
    current = [f for f in rc["font.sans-serif"] if f not in families]
    rc["font.sans-serif"] = [*families, *current]
    rc["font.family"] = ["sans-serif"]
    rc["axes.unicode_minus"] = False
    return families
