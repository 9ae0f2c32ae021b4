"""Regenerate ``resources/equivalent_unified_ideographs.tsv`` from the Unicode data file.

The app reads only the TSV at run time (Windows users have no /usr/share/unicode)::

    uv run python -m alliance_desk.documents.build_ideograph_table [SOURCE [TARGET]]

SOURCE defaults to /usr/share/unicode/EquivalentUnifiedIdeograph.txt (Debian's
``unicode-data``), TARGET to ``resources/equivalent_unified_ideographs.tsv``.

Each output line is ``look-alike<TAB>unified ideograph<TAB>name``, code points in hex,
one line per code point (ranges in the source are expanded).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from alliance_desk.documents.ideographs import TABLE_NAME

DEFAULT_SOURCE = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
DEFAULT_TARGET = Path(__file__).resolve().parents[2] / "resources" / TABLE_NAME

_LINE = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})\b")


def parse_source(text: str) -> dict[int, int]:
    """Map every look-alike code point listed in EquivalentUnifiedIdeograph.txt to its ideograph."""
    mapping: dict[int, int] = {}
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        first = int(match.group(1), 16)
        last = int(match.group(2) or match.group(1), 16)
        for code in range(first, last + 1):
            mapping[code] = int(match.group(3), 16)
    return mapping


def render_table(mapping: dict[int, int], source_header: str) -> str:
    lines = [
        "# Look-alike radicals/strokes -> equivalent CJK unified ideograph.",
        f"# Derived from {source_header} by alliance_desk/documents/build_ideograph_table.py.",
        "# Unicode data: (c) Unicode, Inc.; terms of use: https://www.unicode.org/terms_of_use.html",
        "# columns: look-alike code point, unified ideograph code point (hex), look-alike name",
    ]
    for code in sorted(mapping):
        name = unicodedata.name(chr(code), "")
        lines.append(f"{code:04X}\t{mapping[code]:04X}\t{name}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else DEFAULT_SOURCE
    target = Path(args[1]) if len(args) > 1 else DEFAULT_TARGET
    text = source.read_text(encoding="utf-8")
    first_line = text.splitlines()[0].lstrip("# ").strip() if text else source.name
    mapping = parse_source(text)
    if not mapping:
        print(f"no mappings found in {source}", file=sys.stderr)
        return 1
    target.write_text(render_table(mapping, first_line), encoding="utf-8", newline="\n")
    print(f"{len(mapping)} mappings written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
