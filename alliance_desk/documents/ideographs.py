"""Radical look-alikes → unified ideographs (no Qt here).

CJK fonts draw ⼈ (U+2F08 KANGXI RADICAL MAN) and 人 (U+4EBA) with one glyph. A PDF
writer that maps glyphs back to code points picks the radical, so the archive loses
the text that was printed. Two defences use the table below: text is mapped to
unified ideographs before it is printed, and the PDF's ToUnicode maps are repaired
after (see :mod:`alliance_desk.documents.pdf_text_fix`).

The table is data in ``resources/equivalent_unified_ideographs.tsv`` (regenerate it
with :mod:`alliance_desk.documents.build_ideograph_table`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

TABLE_NAME = "equivalent_unified_ideographs.tsv"

# Where the table may live: beside the package in an installed/bundled build, or in
# the source tree's top-level resources/ folder.
_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATE_DIRS = (
    _PACKAGE_DIR.parent / "resources",
    _PACKAGE_DIR.parents[1] / "resources",
)


def table_path() -> Path | None:
    """The TSV the app reads, or ``None`` when it is missing from this installation."""
    for folder in _CANDIDATE_DIRS:
        candidate = folder / TABLE_NAME
        if candidate.is_file():
            return candidate
    return None


def parse_table(text: str) -> dict[int, int]:
    """Parse the TSV: ``look-alike<TAB>ideograph[<TAB>name]`` in hex, ``#`` comments."""
    mapping: dict[int, int] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        mapping[int(fields[0], 16)] = int(fields[1], 16)
    return mapping


def _nfkc_fallback() -> dict[int, int]:
    """Kangxi radicals decompose (NFKC) to their ideographs; the supplement mostly does not."""
    mapping: dict[int, int] = {}
    for code in list(range(0x2E80, 0x2F00)) + list(range(0x2F00, 0x2FE0)):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            mapping[code] = ord(folded)
    return mapping


@cache
def equivalent_unified() -> dict[int, int]:
    """Look-alike code point → unified ideograph code point."""
    path = table_path()
    if path is None:
        log.warning("%s is missing; radicals are mapped by NFKC only", TABLE_NAME)
        return _nfkc_fallback()
    return parse_table(path.read_text(encoding="utf-8"))


@cache
def _translation() -> dict[int, str]:
    return {code: chr(target) for code, target in equivalent_unified().items()}


def to_unified(text: str) -> str:
    """Replace every radical/stroke look-alike in ``text`` by its unified ideograph."""
    return text.translate(_translation())


@cache
def lookalike_pattern() -> re.Pattern[str]:
    """A regex matching one look-alike character (for finding them in long text)."""
    chars = "".join(re.escape(chr(code)) for code in sorted(equivalent_unified()))
    return re.compile(f"[{chars}]")


def has_lookalikes(text: str) -> bool:
    """True when ``text`` holds a character that :func:`to_unified` would change."""
    return lookalike_pattern().search(text) is not None
